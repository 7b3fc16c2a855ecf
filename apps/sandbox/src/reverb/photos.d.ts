/** Where Reverb serves its copies of listing photos (a Cloudinary host of its own). */
export declare const IMAGE_HOST = "https://rvb-img.reverb.com";
/** One photo as Reverb holds it: its own copy of what it fetched from `source`. */
export interface ReverbPhoto {
    id: number;
    /** The public id of Reverb's copy, new for every upload: sending a URL again makes another copy. */
    key: string;
    version: number;
    /** The URL it was fetched from; Reverb never answers it back. */
    source: string;
    /** When Reverb has fetched it (ms since the epoch); until then the listing does not show it. */
    readyAt: number;
}
declare const SIZES: {
    readonly full: "a_exif,c_limit,e_unsharp_mask:80,f_auto,fl_progressive,g_south,h_1600,q_90,w_1600";
    readonly large_crop: "a_exif,c_thumb,f_auto,fl_progressive,g_south,h_640,q_90,w_640";
    readonly small_crop: "a_exif,c_thumb,f_auto,fl_progressive,g_south,h_296,q_90,w_296";
    readonly thumbnail: "a_exif,c_thumb,f_auto,fl_progressive,g_south,h_96,q_90,w_96";
};
export type PhotoSize = keyof typeof SIZES;
/** Reverb "fetches" the URL and keeps a copy under a public id of its own. */
export declare function rehost(source: string, id: number, importMs?: number): ReverbPhoto;
/** The photos Reverb shows: those it has finished fetching. */
export declare function shown(photos: readonly ReverbPhoto[], now?: number): ReverbPhoto[];
export declare function photoHref(photo: ReverbPhoto, size: PhotoSize): string;
export declare function photoLinks(photo: ReverbPhoto): Record<PhotoSize, {
    href: string;
}>;
/** True when `url` is one of the sizes this photo is served at. */
export declare function servesAt(photo: ReverbPhoto, url: string): boolean;
export {};
