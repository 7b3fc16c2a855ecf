import { invalidParam, wooError } from './errors.js';
export const WOO_STATUSES = ['publish', 'draft', 'pending', 'private', 'trash'];
/** WordPress's `default_product_cat`: every shop has it, and a product filed nowhere lands in it. */
export const UNCATEGORIZED = { id: 15, name: 'Uncategorized', slug: 'uncategorized' };
const DECIMAL = /^\d+(\.\d+)?$/;
/** WordPress writes local time without a zone; the shop runs on UTC here, so both agree. */
function wpDate(ms) {
    return new Date(ms).toISOString().slice(0, 19);
}
function slugify(text) {
    return text
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
}
/**
 * The shop's catalogue. Writes are validated as a whole before anything changes, so a
 * refused entry leaves its product exactly as it was.
 */
export class ProductStore {
    products = new Map();
    categories = new Map([[UNCATEGORIZED.id, { ...UNCATEGORIZED }]]);
    /** Products and media items share WordPress's post ids. */
    media = new Map();
    nextPostId = 100;
    nextTermId = 16;
    nextMetaId = 1000;
    /** Creation order (the `date` orderby) needs a strict order even within one millisecond. */
    lastStamp = 0;
    account = { manageStock: true };
    /** The shop's own address (`http://host:port/website/`), which its upload URLs start with. */
    origin = 'http://127.0.0.1/website/';
    clear() {
        this.products.clear();
        this.categories = new Map([[UNCATEGORIZED.id, { ...UNCATEGORIZED }]]);
        this.media.clear();
        this.nextPostId = 100;
        this.nextTermId = 16;
        this.nextMetaId = 1000;
        this.account = { manageStock: true };
    }
    /** The catalogue emptied; the shop's settings, categories and media library stay. */
    clearProducts() {
        this.products.clear();
    }
    get(id) {
        const product = this.products.get(id);
        return product && product.status !== 'trash' ? this.present(product) : undefined;
    }
    all() {
        return [...this.products.values()]
            .filter((p) => p.status !== 'trash')
            .sort((a, b) => a.id - b.id)
            .map((p) => this.present(p));
    }
    mediaCount() {
        return this.media.size;
    }
    mediaItem(file) {
        return [...this.media.values()].find((m) => m.file === file);
    }
    /** The shop manager's own categories, added to (or renaming) what the shop has. */
    setCategories(list) {
        for (const c of list)
            this.categories.set(c.id, { id: c.id, name: c.name, slug: slugify(c.name) || String(c.id) });
        this.nextTermId = Math.max(this.nextTermId, ...list.map((c) => c.id + 1));
    }
    query(filter) {
        const hits = [...this.products.values()].filter((p) => (filter.status === 'any' ? p.status !== 'trash' : p.status === filter.status) &&
            (filter.skus === null || filter.skus.includes(p.sku)));
        const sign = filter.order === 'asc' ? 1 : -1;
        const by = filter.orderby === 'title'
            ? (a, b) => a.name.localeCompare(b.name) || a.id - b.id
            : (a, b) => a.id - b.id;
        return hits.sort((a, b) => sign * by(a, b)).map((p) => this.present(p));
    }
    findBySku(sku) {
        if (!sku)
            return undefined;
        return this.all().find((p) => p.sku === sku);
    }
    /** The term with that name, made on first use (the control API's way to file a product). */
    categoryNamed(name) {
        const existing = [...this.categories.values()].find((c) => c.name === name);
        if (existing)
            return existing;
        const category = { id: this.nextTermId++, name, slug: slugify(name) };
        this.categories.set(category.id, category);
        return category;
    }
    listCategories() {
        return [...this.categories.values()].sort((a, b) => a.id - b.id);
    }
    create(input) {
        const now = this.stamp();
        const blank = {
            id: 0,
            name: '',
            slug: '',
            type: 'simple',
            status: 'publish',
            sku: '',
            description: '',
            short_description: '',
            price: '',
            regular_price: '',
            sale_price: '',
            manage_stock: false,
            stock_quantity: null,
            stock_status: 'instock',
            images: [],
            categories: [],
            attributes: [],
            meta_data: [],
            date_created: wpDate(now),
            date_created_gmt: wpDate(now),
            date_modified: wpDate(now),
            date_modified_gmt: wpDate(now),
        };
        const draft = this.apply(blank, input);
        if ('code' in draft)
            return draft;
        draft.id = this.nextPostId++;
        if (!draft.slug)
            draft.slug = slugify(draft.name) || String(draft.id);
        if (!draft.categories.length)
            draft.categories = [{ ...this.categories.get(UNCATEGORIZED.id) }];
        this.products.set(draft.id, draft);
        return this.present(draft);
    }
    update(id, input) {
        const current = this.products.get(id);
        if (!current || current.status === 'trash')
            return wooError(400, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
        const next = this.apply(current, input);
        if ('code' in next)
            return next;
        if (!next.categories.length)
            next.categories = [{ ...this.categories.get(UNCATEGORIZED.id) }];
        next.date_modified = next.date_modified_gmt = wpDate(this.stamp());
        this.products.set(id, next);
        return this.present(next);
    }
    /**
     * A sale, as WooCommerce's order processing does it: stock goes down only where stock is
     * managed; with store-wide stock management off nothing changes and the item stays for sale.
     */
    sell(id, quantity) {
        const p = this.products.get(id);
        if (this.account.manageStock && p.manage_stock) {
            p.stock_quantity = Math.max(0, (p.stock_quantity ?? 0) - quantity);
            p.stock_status = p.stock_quantity > 0 ? 'instock' : 'outofstock';
            p.date_modified = p.date_modified_gmt = wpDate(this.stamp());
        }
        return this.present(p);
    }
    /** Without `force` a product goes to the trash, as in wp-admin; the batch always forces. */
    delete(id, force) {
        const current = this.products.get(id);
        if (!current || (!force && current.status === 'trash')) {
            return current
                ? wooError(410, 'woocommerce_rest_already_trashed', `The product with ID ${id} has already been deleted.`)
                : wooError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
        }
        if (force) {
            this.products.delete(id);
            return this.present(current);
        }
        current.status = 'trash';
        current.date_modified = current.date_modified_gmt = wpDate(this.stamp());
        return this.present(current);
    }
    /** A copy as the API answers it: image URLs under the shop's own address, stock as the store setting shows it. */
    present(p) {
        const out = structuredClone(p);
        out.images = out.images.map((i) => ({ ...i, src: `${this.origin}wp-content/uploads/${i.src}` }));
        if (!this.account.manageStock) {
            out.manage_stock = false;
            out.stock_quantity = null;
        }
        return out;
    }
    stamp() {
        this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
        return this.lastStamp;
    }
    /** A copy of `base` with `input` applied, or the first reason it is refused. */
    apply(base, input) {
        if (typeof input !== 'object' || input === null || Array.isArray(input))
            return wooError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
        const p = structuredClone(base);
        const str = (key) => {
            const v = input[key];
            if (v === undefined)
                return undefined;
            return typeof v === 'string' ? v : invalidParam(key, `${key} is not of type string.`);
        };
        for (const key of ['name', 'slug', 'description', 'short_description']) {
            const v = str(key);
            if (typeof v === 'object')
                return v;
            if (v !== undefined)
                p[key] = v;
        }
        const sku = str('sku');
        if (typeof sku === 'object')
            return sku;
        if (sku !== undefined) {
            const owner = sku === '' ? undefined : [...this.products.values()].find((o) => o.sku === sku && o.id !== base.id);
            if (owner)
                return wooError(400, 'product_invalid_sku', 'Invalid or duplicated SKU.');
            p.sku = sku;
        }
        for (const key of ['regular_price', 'sale_price']) {
            const v = str(key);
            if (typeof v === 'object')
                return v;
            if (v === undefined)
                continue;
            if (v !== '' && !DECIMAL.test(v))
                return invalidParam(key, `${key} is not a decimal number.`);
            p[key] = v;
        }
        if (input.status !== undefined) {
            if (!WOO_STATUSES.includes(input.status) || input.status === 'trash') {
                return invalidParam('status', 'status is not one of publish, draft, pending, private.');
            }
            p.status = input.status;
        }
        // With store-wide stock management off, WooCommerce ignores both: only stock_status counts.
        const managing = this.account.manageStock;
        if (input.manage_stock !== undefined) {
            if (typeof input.manage_stock !== 'boolean')
                return invalidParam('manage_stock', 'manage_stock is not of type boolean.');
            if (managing)
                p.manage_stock = input.manage_stock;
        }
        if (input.stock_quantity !== undefined) {
            if (input.stock_quantity !== null && !Number.isInteger(input.stock_quantity)) {
                return invalidParam('stock_quantity', 'stock_quantity is not of type integer.');
            }
            if (managing)
                p.stock_quantity = input.stock_quantity;
        }
        if (input.stock_status !== undefined) {
            if (!['instock', 'outofstock', 'onbackorder'].includes(input.stock_status)) {
                return invalidParam('stock_status', 'stock_status is not one of instock, outofstock, onbackorder.');
            }
            p.stock_status = input.stock_status;
        }
        if (input.categories !== undefined) {
            if (!Array.isArray(input.categories))
                return invalidParam('categories', 'categories is not of type array.');
            const terms = [];
            for (const c of input.categories) {
                const id = typeof c === 'object' && c !== null ? c.id : undefined;
                if (typeof id !== 'number' || !Number.isInteger(id))
                    return invalidParam('categories', 'categories[0][id] is not of type integer.');
                const term = this.categories.get(id);
                if (!term)
                    return wooError(400, 'woocommerce_rest_term_invalid', `Invalid product category ID #${id}: resource does not exist.`);
                if (!terms.some((t) => t.id === id))
                    terms.push({ ...term });
            }
            p.categories = terms;
        }
        if (input.attributes !== undefined) {
            const attributes = attributesOf(input.attributes);
            if (!Array.isArray(attributes))
                return attributes;
            p.attributes = attributes;
        }
        if (input.meta_data !== undefined) {
            const error = this.applyMeta(p, input.meta_data);
            if (error)
                return error;
        }
        // Last: a photo is downloaded only when the rest of the write stands.
        if (input.images !== undefined) {
            const images = this.imagesOf(input.images);
            if ('code' in images)
                return images;
            p.images = images;
        }
        p.price = p.sale_price || p.regular_price;
        if (managing && p.manage_stock) {
            if (p.stock_quantity === null)
                p.stock_quantity = 0;
            p.stock_status = p.stock_quantity > 0 ? 'instock' : 'outofstock';
        }
        else if (managing) {
            p.stock_quantity = null;
        }
        return p;
    }
    /**
     * WordPress sideloads every `{src}` into a new media item (the same URL twice makes two, the
     * second file renamed `-1`); `{id}` keeps a media item the library already holds.
     */
    imagesOf(raw) {
        if (!Array.isArray(raw))
            return invalidParam('images', 'images is not of type array.');
        const out = [];
        const sideload = [];
        for (const entry of raw) {
            if (typeof entry !== 'object' || entry === null)
                return invalidParam('images', 'images[] is not of type object.');
            const { id, src } = entry;
            if (id !== undefined && id !== 0) {
                const known = typeof id === 'number' ? this.media.get(id) : undefined;
                if (!known)
                    return wooError(400, 'woocommerce_product_invalid_image_id', `#${String(id)} is an invalid image ID.`);
                out.push({ id: known.id, src: known.file, name: known.name, alt: '' });
                continue;
            }
            if (typeof src !== 'string' || !/^https?:\/\/\S+$/.test(src)) {
                return wooError(400, 'woocommerce_product_image_upload_error', `Error getting remote image ${String(src)}.`);
            }
            sideload.push({ index: out.length, src });
            out.push({ id: 0, src: '', name: '', alt: '' });
        }
        // Only once the whole write is valid does anything land in the library.
        for (const { index, src } of sideload) {
            const item = this.sideload(src);
            out[index] = { id: item.id, src: item.file, name: item.name, alt: '' };
        }
        return out;
    }
    sideload(source) {
        const base = decodeURIComponent(new URL(source).pathname.split('/').pop() ?? '') || 'image';
        const dot = base.lastIndexOf('.');
        const stem = slugify(dot > 0 ? base.slice(0, dot) : base) || 'image';
        const ext = dot > 0 ? base.slice(dot).toLowerCase() : '.jpg';
        const month = new Date(this.stamp()).toISOString().slice(0, 7).replace('-', '/');
        let file = `${month}/${stem}${ext}`;
        for (let n = 1; this.mediaItem(file); n += 1)
            file = `${month}/${stem}-${n}${ext}`;
        const item = { id: this.nextPostId++, file, name: stem, source };
        this.media.set(item.id, item);
        return item;
    }
    /** meta_data entries upsert by key (or by id); `value: null` with an id deletes that entry. */
    applyMeta(p, raw) {
        if (!Array.isArray(raw))
            return invalidParam('meta_data', 'meta_data is not of type array.');
        for (const entry of raw) {
            if (typeof entry !== 'object' || entry === null)
                return invalidParam('meta_data', 'meta_data[] is not of type object.');
            const { id, key, value } = entry;
            const byId = typeof id === 'number' ? p.meta_data.findIndex((m) => m.id === id) : -1;
            if (byId >= 0 && value === null) {
                p.meta_data.splice(byId, 1);
                continue;
            }
            if (typeof key !== 'string' || key === '')
                return invalidParam('meta_data', 'meta_data[].key is not of type string.');
            const at = byId >= 0 ? byId : p.meta_data.findIndex((m) => m.key === key);
            if (at >= 0)
                p.meta_data[at] = { id: p.meta_data[at].id, key, value };
            else
                p.meta_data.push({ id: this.nextMetaId++, key, value });
        }
        return null;
    }
}
/**
 * `attributes` replaces the product's whole set. A custom attribute is a name with `options`
 * (a list, or one string split at "|"); an entry without options is dropped, as WooCommerce
 * does. `visible` and `variation` are false unless sent true.
 */
function attributesOf(raw) {
    if (!Array.isArray(raw))
        return invalidParam('attributes', 'attributes is not of type array.');
    const out = [];
    for (const entry of raw) {
        if (typeof entry !== 'object' || entry === null)
            return invalidParam('attributes', 'attributes[] is not of type object.');
        const { name, options, position, visible, variation } = entry;
        if (name !== undefined && typeof name !== 'string')
            return invalidParam('attributes', 'attributes[][name] is not of type string.');
        if (options === undefined || !name?.trim())
            continue;
        const values = Array.isArray(options) ? options : typeof options === 'string' ? options.split('|') : null;
        if (!values || values.some((v) => typeof v !== 'string'))
            return invalidParam('attributes', 'attributes[][options] is not of type array.');
        out.push({
            id: 0,
            name: name.trim(),
            position: typeof position === 'number' && position >= 0 ? Math.trunc(position) : 0,
            visible: visible === true,
            variation: variation === true,
            options: values.map((v) => v.trim()).filter((v) => v !== ''),
        });
    }
    return out;
}
//# sourceMappingURL=store.js.map