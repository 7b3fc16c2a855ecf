import { amountToCents, centsToAmount } from '../canonical.js';
import { CategoryTree } from './categories.js';
const SEED_BRANDS = ['Fender', 'Gibson', 'Gretsch', 'Martin', 'Rickenbacker', 'Epiphone', 'Guild', 'Vox', 'Marshall', 'Ibanez'];
const FIRST_PRODUCT_ID = 410001;
const FIRST_MEDIA_ID = 880001;
export const DEFAULT_PROCESSING_TIME = 3;
export const SHIPPING_DESTINATIONS = ['Europe', 'USA', 'UK', 'Rest of world'];
export function decadeOf(year) {
    return /^\d{4}$/.test(year) ? `${year.slice(0, 3)}0s` : '';
}
/**
 * Items, brands, the category tree and Dropzone's uploads of one dealer account. Ids only ever
 * grow, as the site's do.
 */
export class VrStore {
    categories = new CategoryTree();
    /** The account's currency, every item's. */
    currency = 'USD';
    items = new Map();
    brands = new Map();
    /** Until the account's brands are set, any brand is taken (and learnt). */
    brandsRestricted = false;
    uploads = new Map();
    files = new Map();
    nextId = FIRST_PRODUCT_ID;
    nextBrandId = 1;
    nextMediaId = FIRST_MEDIA_ID;
    constructor() {
        this.reset();
    }
    reset() {
        this.items.clear();
        this.brands.clear();
        this.uploads.clear();
        this.files.clear();
        this.categories.reset();
        this.brandsRestricted = false;
        this.currency = 'USD';
        this.nextId = FIRST_PRODUCT_ID;
        this.nextBrandId = 1;
        this.nextMediaId = FIRST_MEDIA_ID;
        for (const b of SEED_BRANDS)
            this.learnBrand(b);
    }
    all() {
        return [...this.items.values()].sort((a, b) => a.productId - b.productId);
    }
    get(id) {
        return this.items.get(id);
    }
    create(fields) {
        const item = { ...fields, productId: this.nextId++ };
        this.items.set(item.productId, item);
        if (item.brand)
            this.learnBrand(item.brand);
        return item;
    }
    update(id, fields) {
        const item = this.items.get(id);
        if (!item)
            return undefined;
        Object.assign(item, fields);
        if (item.brand)
            this.learnBrand(item.brand);
        return item;
    }
    delete(id) {
        return this.items.delete(id);
    }
    clear() {
        this.items.clear();
    }
    /** The account's brands (control API): merged into the shipped ones, and from now on the only ones taken. */
    setBrands(names) {
        this.brandsRestricted = true;
        for (const n of names)
            this.learnBrand(n);
    }
    learnBrand(name) {
        const key = name.trim().toLowerCase();
        const known = this.brands.get(key);
        if (known)
            return known.id;
        const id = this.nextBrandId++;
        this.brands.set(key, { id, name: name.trim() });
        return id;
    }
    /** The site's brand id for a name (any case), 0 when V&R does not know it. */
    brandId(name) {
        const key = name.trim().toLowerCase();
        if (!key || key.length > 60)
            return 0;
        const known = this.brands.get(key);
        if (known)
            return known.id;
        return this.brandsRestricted ? 0 : this.learnBrand(name);
    }
    brandNames(prefix) {
        const p = prefix.trim().toLowerCase();
        return [...this.brands.values()].filter((b) => p && b.name.toLowerCase().startsWith(p)).map((b) => b.name).slice(0, 10);
    }
    mediaId() {
        return this.nextMediaId++;
    }
    addUpload(upload) {
        this.uploads.set(upload.fileUniqueId, upload);
        this.files.set(upload.fileName, upload.bytes);
    }
    upload(fileUniqueId) {
        return this.uploads.get(fileUniqueId);
    }
    /** Taken by a saved form: the file is now the item's. */
    consumeUpload(fileUniqueId) {
        this.uploads.delete(fileUniqueId);
    }
    file(fileName) {
        return this.files.get(fileName);
    }
    /** Bytes of every photo the site holds, by the URL it serves them at (for tests). */
    fileCount() {
        return this.files.size;
    }
}
export function newItemDefaults() {
    return {
        externalId: '',
        brand: '',
        categoryIds: [],
        model: '',
        priceCents: 0,
        currency: 'USD',
        description: '',
        year: '',
        decade: '',
        finish: '',
        sold: false,
        inInventory: true,
        processingTime: DEFAULT_PROCESSING_TIME,
        processingUnit: 'Days',
        photos: [],
        shippingFees: {},
        videoUrl: '',
        externalLink: '',
        freeShipping: false,
        showVat: false,
        localPickup: false,
    };
}
/** V&R has no title: the site shows brand and model. */
export function titleOf(item) {
    return [item.brand, item.model].filter((s) => s.trim() !== '').join(' ');
}
function modelFromTitle(title, brand) {
    return brand && title.toLowerCase().startsWith(`${brand.toLowerCase()} `) ? title.slice(brand.length + 1) : title;
}
function stateFields(status, quantity) {
    return { sold: status === 'sold', inInventory: status === 'active' && quantity > 0 };
}
/** Photos given through the control API are already on the site: their URLs are what it serves. */
function photosOf(store, urls) {
    return urls.map((url) => ({ mediaId: store.mediaId(), url }));
}
function categoryIdsOf(store, ids, path) {
    if (ids?.length)
        return ids.map(String);
    return path ? store.categories.idsOf(path) : [];
}
export function itemFromCanonical(store, listing) {
    const brand = listing.brand ?? '';
    const year = listing.year == null ? '' : String(listing.year);
    return {
        ...newItemDefaults(),
        externalId: listing.sku,
        brand,
        model: listing.model ?? modelFromTitle(listing.title, brand),
        categoryIds: categoryIdsOf(store, listing.platformCategory, listing.category),
        priceCents: amountToCents(listing.price.amount),
        currency: listing.price.currency,
        description: listing.description,
        year,
        decade: decadeOf(year),
        finish: listing.finish ?? '',
        photos: photosOf(store, listing.images),
        ...stateFields(listing.status, listing.quantity),
    };
}
export function patchFields(store, item, patch) {
    const out = {};
    if (patch.sku !== undefined)
        out.externalId = patch.sku;
    if (patch.brand !== undefined)
        out.brand = patch.brand ?? '';
    if (patch.model !== undefined)
        out.model = patch.model ?? '';
    else if (patch.title !== undefined)
        out.model = modelFromTitle(patch.title, out.brand ?? item.brand);
    if (patch.description !== undefined)
        out.description = patch.description;
    if (patch.price !== undefined) {
        out.priceCents = amountToCents(patch.price.amount);
        out.currency = patch.price.currency;
    }
    if (patch.images !== undefined)
        out.photos = photosOf(store, patch.images);
    if (patch.year !== undefined) {
        out.year = patch.year == null ? '' : String(patch.year);
        out.decade = decadeOf(out.year);
    }
    if (patch.finish !== undefined)
        out.finish = patch.finish ?? '';
    if (patch.platformCategory !== undefined || patch.category !== undefined)
        out.categoryIds = categoryIdsOf(store, patch.platformCategory, patch.category);
    if (patch.status !== undefined || patch.quantity !== undefined) {
        const status = patch.status ?? (item.sold ? 'sold' : item.inInventory ? 'active' : 'ended');
        Object.assign(out, stateFields(status, patch.quantity ?? (status === 'active' ? 1 : 0)));
    }
    return out;
}
export function itemToControl(store, item) {
    const year = /^\d{4}$/.test(item.year) ? Number(item.year) : null;
    return {
        id: String(item.productId),
        sku: item.externalId,
        title: titleOf(item),
        description: item.description,
        price: { amount: centsToAmount(item.priceCents), currency: item.currency },
        quantity: !item.sold && item.inInventory ? 1 : 0,
        condition: null,
        images: item.photos.map((p) => p.url),
        status: item.sold ? 'sold' : item.inInventory ? 'active' : 'ended',
        brand: item.brand || null,
        model: item.model || null,
        year,
        finish: item.finish || null,
        category: item.categoryIds.length ? store.categories.pathName(item.categoryIds) : null,
        platformCategory: [...item.categoryIds],
    };
}
//# sourceMappingURL=store.js.map