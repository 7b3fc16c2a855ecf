import { createHash, randomBytes } from 'node:crypto';
/** Where Reverb serves its copies of listing photos (a Cloudinary host of its own). */
export const IMAGE_HOST = 'https://rvb-img.reverb.com';
const SIZES = {
    full: 'a_exif,c_limit,e_unsharp_mask:80,f_auto,fl_progressive,g_south,h_1600,q_90,w_1600',
    large_crop: 'a_exif,c_thumb,f_auto,fl_progressive,g_south,h_640,q_90,w_640',
    small_crop: 'a_exif,c_thumb,f_auto,fl_progressive,g_south,h_296,q_90,w_296',
    thumbnail: 'a_exif,c_thumb,f_auto,fl_progressive,g_south,h_96,q_90,w_96',
};
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Reverb "fetches" the URL and keeps a copy under a public id of its own. */
export function rehost(source, id, importMs = 0) {
    const key = [...randomBytes(20)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    const now = Date.now();
    return { id, key, version: Math.floor(now / 1000), source, readyAt: now + importMs };
}
/** The photos Reverb shows: those it has finished fetching. */
export function shown(photos, now = Date.now()) {
    return photos.filter((p) => p.readyAt <= now);
}
export function photoHref(photo, size) {
    const transform = SIZES[size];
    const signature = createHash('sha1').update(`${transform}/${photo.key}`).digest('base64url').slice(0, 8);
    return `${IMAGE_HOST}/image/upload/s--${signature}--/${transform}/v${photo.version}/${photo.key}.jpg`;
}
export function photoLinks(photo) {
    return {
        large_crop: { href: photoHref(photo, 'large_crop') },
        small_crop: { href: photoHref(photo, 'small_crop') },
        full: { href: photoHref(photo, 'full') },
        thumbnail: { href: photoHref(photo, 'thumbnail') },
    };
}
/** True when `url` is one of the sizes this photo is served at. */
export function servesAt(photo, url) {
    return url.endsWith(`/${photo.key}.jpg`) && Object.keys(SIZES).some((s) => photoHref(photo, s) === url);
}
//# sourceMappingURL=photos.js.map