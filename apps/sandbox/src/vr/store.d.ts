import { type CanonicalListing, type ListingPatch } from '../canonical.js';
import type { ControlListing } from '../emulation.js';
import { CategoryTree } from './categories.js';
/** One V&R item in the site's own terms: no title, no condition, no quantity (one item is one unit). */
export interface VrItem {
    productId: number;
    /**
     * The dealer's own reference (our SKU), the export's `external id`: set only where the dealer's
     * own import set it (the control API). The item form drops it, so items made there have none.
     */
    externalId: string;
    brand: string;
    /** Up to four category ids, top level first, e.g. ["51", "83"]. */
    categoryIds: string[];
    model: string;
    priceCents: number;
    currency: string;
    description: string;
    /** Free text on the site: "" or "1965". */
    year: string;
    decade: string;
    finish: string;
    sold: boolean;
    /** "product in inventory": shown for sale. An unsold item out of inventory is withdrawn. */
    inInventory: boolean;
    processingTime: number;
    /** "Days", "Weeks" or "Months". */
    processingUnit: string;
    /** In order, the first the main one; `url` is where the site serves it. */
    photos: VrPhoto[];
    /** The four shipping rows' fees, by destination. */
    shippingFees: Record<string, string>;
    videoUrl: string;
    externalLink: string;
    freeShipping: boolean;
    showVat: boolean;
    localPickup: boolean;
}
export interface VrPhoto {
    mediaId: number;
    url: string;
}
/** A file Dropzone took, waiting for the form that names it. */
export interface VrUpload {
    fileUniqueId: string;
    userId: number;
    fileName: string;
    thumbName: string;
    originalName: string;
    size: number;
    bytes: Buffer;
    url: string;
}
export declare const DEFAULT_PROCESSING_TIME = 3;
export declare const SHIPPING_DESTINATIONS: readonly ["Europe", "USA", "UK", "Rest of world"];
export declare function decadeOf(year: string): string;
/**
 * Items, brands, the category tree and Dropzone's uploads of one dealer account. Ids only ever
 * grow, as the site's do.
 */
export declare class VrStore {
    readonly categories: CategoryTree;
    /** The account's currency, every item's. */
    currency: string;
    private items;
    private brands;
    /** Until the account's brands are set, any brand is taken (and learnt). */
    private brandsRestricted;
    private uploads;
    private files;
    private nextId;
    private nextBrandId;
    private nextMediaId;
    constructor();
    reset(): void;
    all(): VrItem[];
    get(id: number): VrItem | undefined;
    create(fields: Omit<VrItem, 'productId'>): VrItem;
    update(id: number, fields: Partial<Omit<VrItem, 'productId'>>): VrItem | undefined;
    delete(id: number): boolean;
    clear(): void;
    /** The account's brands (control API): merged into the shipped ones, and from now on the only ones taken. */
    setBrands(names: string[]): void;
    private learnBrand;
    /** The site's brand id for a name (any case), 0 when V&R does not know it. */
    brandId(name: string): number;
    brandNames(prefix: string): string[];
    mediaId(): number;
    addUpload(upload: VrUpload): void;
    upload(fileUniqueId: string): VrUpload | undefined;
    /** Taken by a saved form: the file is now the item's. */
    consumeUpload(fileUniqueId: string): void;
    file(fileName: string): Buffer | undefined;
    /** Bytes of every photo the site holds, by the URL it serves them at (for tests). */
    fileCount(): number;
}
export declare function newItemDefaults(): Omit<VrItem, 'productId'>;
/** V&R has no title: the site shows brand and model. */
export declare function titleOf(item: Pick<VrItem, 'brand' | 'model'>): string;
export declare function itemFromCanonical(store: VrStore, listing: CanonicalListing): Omit<VrItem, 'productId'>;
export declare function patchFields(store: VrStore, item: VrItem, patch: ListingPatch): Partial<VrItem>;
export declare function itemToControl(store: VrStore, item: VrItem): ControlListing;
