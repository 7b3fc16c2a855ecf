import { invalidParam, wooError, type WooError } from './errors.js';

export const WOO_STATUSES = ['publish', 'draft', 'pending', 'private', 'trash'] as const;
export type WooStatus = (typeof WOO_STATUSES)[number];
export type StockStatus = 'instock' | 'outofstock' | 'onbackorder';

export interface WooImage {
  id: number;
  src: string;
  name: string;
  alt: string;
}

export interface WooCategory {
  id: number;
  name: string;
  slug: string;
}

/** A media library item: a sideloaded photo, kept under the shop's own uploads URL. */
export interface MediaItem {
  id: number;
  /** Under `wp-content/uploads/`, e.g. `2026/12/strat-1.jpg`. */
  file: string;
  name: string;
  /** The URL it was downloaded from. */
  source: string;
}

/** The shop's settings that decide how products are written (WooCommerce → Settings). */
export interface ShopAccount {
  /** "Enable stock management" (`woocommerce_manage_stock`): off, only `stock_status` counts. */
  manageStock: boolean;
  /** The store's one currency (`woocommerce_currency`, Settings → General): every price and order is in it. */
  currency: string;
}

/** WordPress's `default_product_cat`: every shop has it, and a product filed nowhere lands in it. */
export const UNCATEGORIZED: WooCategory = { id: 15, name: 'Uncategorized', slug: 'uncategorized' };

/**
 * A product attribute. Custom ones (id 0) are named per product and hold free text: the shop
 * shows the visible ones in the product page's "Additional information" tab.
 */
export interface WooAttribute {
  id: number;
  name: string;
  position: number;
  visible: boolean;
  variation: boolean;
  options: string[];
}

export interface WooMeta {
  id: number;
  key: string;
  value: unknown;
}

/** A simple product as WooCommerce REST v3 answers it (the fields a gear shop uses). */
export interface WooProduct {
  id: number;
  name: string;
  slug: string;
  type: 'simple';
  status: WooStatus;
  sku: string;
  description: string;
  short_description: string;
  price: string;
  regular_price: string;
  sale_price: string;
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: StockStatus;
  images: WooImage[];
  categories: WooCategory[];
  attributes: WooAttribute[];
  meta_data: WooMeta[];
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
}

export type ProductInput = Record<string, unknown>;

const DECIMAL = /^\d+(\.\d+)?$/;

/** WordPress writes local time without a zone; the shop runs on UTC here, so both agree. */
function wpDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function slugify(text: string): string {
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
  private products = new Map<number, WooProduct>();
  private categories = new Map<number, WooCategory>([[UNCATEGORIZED.id, { ...UNCATEGORIZED }]]);
  /** Products and media items share WordPress's post ids. */
  private media = new Map<number, MediaItem>();
  /** The library by file, and the next `-n` to try per name: a shop with thousands of "1.jpg" names each anew at once. */
  private mediaByFile = new Map<string, MediaItem>();
  private nextSuffix = new Map<string, number>();
  private nextPostId = 100;
  private nextTermId = 16;
  private nextMetaId = 1000;
  /** Creation order (the `date` orderby) needs a strict order even within one millisecond. */
  private lastStamp = 0;
  account: ShopAccount = { manageStock: true, currency: 'USD' };
  /** The shop's own address (`http://host:port/website/`), which its upload URLs start with. */
  origin = 'http://127.0.0.1/website/';

  clear(): void {
    this.products.clear();
    this.categories = new Map([[UNCATEGORIZED.id, { ...UNCATEGORIZED }]]);
    this.media.clear();
    this.mediaByFile.clear();
    this.nextSuffix.clear();
    this.nextPostId = 100;
    this.nextTermId = 16;
    this.nextMetaId = 1000;
    this.account = { manageStock: true, currency: 'USD' };
  }

  /** The catalogue emptied; the shop's settings, categories and media library stay. */
  clearProducts(): void {
    this.products.clear();
  }

  get(id: number): WooProduct | undefined {
    const product = this.products.get(id);
    return product && product.status !== 'trash' ? this.present(product) : undefined;
  }

  all(): WooProduct[] {
    return [...this.products.values()]
      .filter((p) => p.status !== 'trash')
      .sort((a, b) => a.id - b.id)
      .map((p) => this.present(p));
  }

  mediaCount(): number {
    return this.media.size;
  }

  mediaItem(file: string): MediaItem | undefined {
    return this.mediaByFile.get(file);
  }

  /** The shop manager's own categories, added to (or renaming) what the shop has. */
  setCategories(list: { id: number; name: string }[]): void {
    for (const c of list) this.categories.set(c.id, { id: c.id, name: c.name, slug: slugify(c.name) || String(c.id) });
    this.nextTermId = Math.max(this.nextTermId, ...list.map((c) => c.id + 1));
  }

  /**
   * The products a listing request matches, in its order: `total` of them, and the copies the API
   * answers for those in `page` only (a page of 100 out of 50,000 copies 100).
   */
  query(
    filter: { status: WooStatus | 'any'; skus: string[] | null; orderby: 'id' | 'date' | 'title'; order: 'asc' | 'desc' },
    page: { offset: number; size: number },
  ): { total: number; page: WooProduct[] } {
    const hits = [...this.products.values()].filter(
      (p) =>
        (filter.status === 'any' ? p.status !== 'trash' : p.status === filter.status) &&
        (filter.skus === null || filter.skus.includes(p.sku)),
    );
    const sign = filter.order === 'asc' ? 1 : -1;
    const by =
      filter.orderby === 'title'
        ? (a: WooProduct, b: WooProduct) => a.name.localeCompare(b.name) || a.id - b.id
        : (a: WooProduct, b: WooProduct) => a.id - b.id;
    hits.sort((a, b) => sign * by(a, b));
    return { total: hits.length, page: hits.slice(page.offset, page.offset + page.size).map((p) => this.present(p)) };
  }

  findBySku(sku: string): WooProduct | undefined {
    if (!sku) return undefined;
    let found: WooProduct | undefined;
    for (const p of this.products.values()) if (p.status !== 'trash' && p.sku === sku && (!found || p.id < found.id)) found = p;
    return found && this.present(found);
  }

  /** The term with that name, made on first use (the control API's way to file a product). */
  categoryNamed(name: string): WooCategory {
    const existing = [...this.categories.values()].find((c) => c.name === name);
    if (existing) return existing;
    const category = { id: this.nextTermId++, name, slug: slugify(name) };
    this.categories.set(category.id, category);
    return category;
  }

  listCategories(): WooCategory[] {
    return [...this.categories.values()].sort((a, b) => a.id - b.id);
  }

  create(input: ProductInput): WooProduct | WooError {
    const now = this.stamp();
    const blank: WooProduct = {
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
    if ('code' in draft) return draft;
    draft.id = this.nextPostId++;
    if (!draft.slug) draft.slug = slugify(draft.name) || String(draft.id);
    if (!draft.categories.length) draft.categories = [{ ...this.categories.get(UNCATEGORIZED.id)! }];
    this.products.set(draft.id, draft);
    return this.present(draft);
  }

  update(id: number, input: ProductInput): WooProduct | WooError {
    const current = this.products.get(id);
    if (!current || current.status === 'trash') return wooError(400, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    const next = this.apply(current, input);
    if ('code' in next) return next;
    if (!next.categories.length) next.categories = [{ ...this.categories.get(UNCATEGORIZED.id)! }];
    next.date_modified = next.date_modified_gmt = wpDate(this.stamp());
    this.products.set(id, next);
    return this.present(next);
  }

  /**
   * A sale, as WooCommerce's order processing does it: stock goes down only where stock is
   * managed; with store-wide stock management off nothing changes and the item stays for sale.
   */
  sell(id: number, quantity: number): WooProduct {
    const p = this.products.get(id)!;
    if (this.account.manageStock && p.manage_stock) {
      p.stock_quantity = Math.max(0, (p.stock_quantity ?? 0) - quantity);
      p.stock_status = p.stock_quantity > 0 ? 'instock' : 'outofstock';
      p.date_modified = p.date_modified_gmt = wpDate(this.stamp());
    }
    return this.present(p);
  }

  /** Without `force` a product goes to the trash, as in wp-admin; the batch always forces. */
  delete(id: number, force: boolean): WooProduct | WooError {
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
  private present(p: WooProduct): WooProduct {
    const out = structuredClone(p);
    out.images = out.images.map((i) => ({ ...i, src: `${this.origin}wp-content/uploads/${i.src}` }));
    if (!this.account.manageStock) {
      out.manage_stock = false;
      out.stock_quantity = null;
    }
    return out;
  }

  private stamp(): number {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return this.lastStamp;
  }

  /** A copy of `base` with `input` applied, or the first reason it is refused. */
  private apply(base: WooProduct, input: ProductInput): WooProduct | WooError {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return wooError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    const p = structuredClone(base);
    const str = (key: string): string | WooError | undefined => {
      const v = input[key];
      if (v === undefined) return undefined;
      return typeof v === 'string' ? v : invalidParam(key, `${key} is not of type string.`);
    };
    for (const key of ['name', 'slug', 'description', 'short_description'] as const) {
      const v = str(key);
      if (typeof v === 'object') return v;
      if (v !== undefined) p[key] = v;
    }

    const sku = str('sku');
    if (typeof sku === 'object') return sku;
    if (sku !== undefined) {
      const owner = sku === '' ? undefined : this.ownerOfSku(sku, base.id);
      if (owner) return wooError(400, 'product_invalid_sku', 'Invalid or duplicated SKU.');
      p.sku = sku;
    }

    for (const key of ['regular_price', 'sale_price'] as const) {
      const v = str(key);
      if (typeof v === 'object') return v;
      if (v === undefined) continue;
      if (v !== '' && !DECIMAL.test(v)) return invalidParam(key, `${key} is not a decimal number.`);
      p[key] = v;
    }

    if (input.status !== undefined) {
      if (!WOO_STATUSES.includes(input.status as WooStatus) || input.status === 'trash') {
        return invalidParam('status', 'status is not one of publish, draft, pending, private.');
      }
      p.status = input.status as WooStatus;
    }
    // With store-wide stock management off, WooCommerce ignores both: only stock_status counts.
    const managing = this.account.manageStock;
    if (input.manage_stock !== undefined) {
      if (typeof input.manage_stock !== 'boolean') return invalidParam('manage_stock', 'manage_stock is not of type boolean.');
      if (managing) p.manage_stock = input.manage_stock;
    }
    if (input.stock_quantity !== undefined) {
      if (input.stock_quantity !== null && !Number.isInteger(input.stock_quantity)) {
        return invalidParam('stock_quantity', 'stock_quantity is not of type integer.');
      }
      if (managing) p.stock_quantity = input.stock_quantity as number | null;
    }
    if (input.stock_status !== undefined) {
      if (!['instock', 'outofstock', 'onbackorder'].includes(input.stock_status as string)) {
        return invalidParam('stock_status', 'stock_status is not one of instock, outofstock, onbackorder.');
      }
      p.stock_status = input.stock_status as StockStatus;
    }

    if (input.categories !== undefined) {
      if (!Array.isArray(input.categories)) return invalidParam('categories', 'categories is not of type array.');
      const terms: WooCategory[] = [];
      for (const c of input.categories) {
        const id = typeof c === 'object' && c !== null ? (c as { id?: unknown }).id : undefined;
        if (typeof id !== 'number' || !Number.isInteger(id)) return invalidParam('categories', 'categories[0][id] is not of type integer.');
        const term = this.categories.get(id);
        if (!term) return wooError(400, 'woocommerce_rest_term_invalid', `Invalid product category ID #${id}: resource does not exist.`);
        if (!terms.some((t) => t.id === id)) terms.push({ ...term });
      }
      p.categories = terms;
    }
    if (input.attributes !== undefined) {
      const attributes = attributesOf(input.attributes);
      if (!Array.isArray(attributes)) return attributes;
      p.attributes = attributes;
    }
    if (input.meta_data !== undefined) {
      const error = this.applyMeta(p, input.meta_data);
      if (error) return error;
    }

    // Last: a photo is downloaded only when the rest of the write stands.
    if (input.images !== undefined) {
      const images = this.imagesOf(input.images);
      if ('code' in images) return images;
      p.images = images;
    }
    p.price = p.sale_price || p.regular_price;
    if (managing && p.manage_stock) {
      if (p.stock_quantity === null) p.stock_quantity = 0;
      p.stock_status = p.stock_quantity > 0 ? 'instock' : 'outofstock';
    } else if (managing) {
      p.stock_quantity = null;
    }
    return p;
  }

  /**
   * WordPress sideloads every `{src}` into a new media item (the same URL twice makes two, the
   * second file renamed `-1`); `{id}` keeps a media item the library already holds.
   */
  private imagesOf(raw: unknown): WooImage[] | WooError {
    if (!Array.isArray(raw)) return invalidParam('images', 'images is not of type array.');
    const out: WooImage[] = [];
    const sideload: { index: number; src: string }[] = [];
    for (const entry of raw) {
      if (typeof entry !== 'object' || entry === null) return invalidParam('images', 'images[] is not of type object.');
      const { id, src } = entry as { id?: unknown; src?: unknown };
      if (id !== undefined && id !== 0) {
        const known = typeof id === 'number' ? this.media.get(id) : undefined;
        if (!known) return wooError(400, 'woocommerce_product_invalid_image_id', `#${String(id)} is an invalid image ID.`);
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

  private ownerOfSku(sku: string, except: number): WooProduct | undefined {
    for (const o of this.products.values()) if (o.sku === sku && o.id !== except) return o;
    return undefined;
  }

  private sideload(source: string): MediaItem {
    const base = decodeURIComponent(new URL(source).pathname.split('/').pop() ?? '') || 'image';
    const dot = base.lastIndexOf('.');
    const stem = slugify(dot > 0 ? base.slice(0, dot) : base) || 'image';
    const ext = dot > 0 ? base.slice(dot).toLowerCase() : '.jpg';
    const month = new Date(this.stamp()).toISOString().slice(0, 7).replace('-', '/');
    const first = `${month}/${stem}${ext}`;
    let file = first;
    let n = this.nextSuffix.get(first) ?? 1;
    for (; this.mediaItem(file); n += 1) file = `${month}/${stem}-${n}${ext}`;
    this.nextSuffix.set(first, n);
    const item: MediaItem = { id: this.nextPostId++, file, name: stem, source };
    this.media.set(item.id, item);
    this.mediaByFile.set(file, item);
    return item;
  }

  /** meta_data entries upsert by key (or by id); `value: null` with an id deletes that entry. */
  private applyMeta(p: WooProduct, raw: unknown): WooError | null {
    if (!Array.isArray(raw)) return invalidParam('meta_data', 'meta_data is not of type array.');
    for (const entry of raw) {
      if (typeof entry !== 'object' || entry === null) return invalidParam('meta_data', 'meta_data[] is not of type object.');
      const { id, key, value } = entry as { id?: unknown; key?: unknown; value?: unknown };
      const byId = typeof id === 'number' ? p.meta_data.findIndex((m) => m.id === id) : -1;
      if (byId >= 0 && value === null) {
        p.meta_data.splice(byId, 1);
        continue;
      }
      if (typeof key !== 'string' || key === '') return invalidParam('meta_data', 'meta_data[].key is not of type string.');
      const at = byId >= 0 ? byId : p.meta_data.findIndex((m) => m.key === key);
      if (at >= 0) p.meta_data[at] = { id: p.meta_data[at]!.id, key, value };
      else p.meta_data.push({ id: this.nextMetaId++, key, value });
    }
    return null;
  }
}

/**
 * `attributes` replaces the product's whole set. A custom attribute is a name with `options`
 * (a list, or one string split at "|"); an entry without options is dropped, as WooCommerce
 * does. `visible` and `variation` are false unless sent true.
 */
function attributesOf(raw: unknown): WooAttribute[] | WooError {
  if (!Array.isArray(raw)) return invalidParam('attributes', 'attributes is not of type array.');
  const out: WooAttribute[] = [];
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null) return invalidParam('attributes', 'attributes[] is not of type object.');
    const { name, options, position, visible, variation } = entry as Record<string, unknown>;
    if (name !== undefined && typeof name !== 'string') return invalidParam('attributes', 'attributes[][name] is not of type string.');
    if (options === undefined || !name?.trim()) continue;
    const values = Array.isArray(options) ? options : typeof options === 'string' ? options.split('|') : null;
    if (!values || values.some((v) => typeof v !== 'string')) return invalidParam('attributes', 'attributes[][options] is not of type array.');
    out.push({
      id: 0,
      name: name.trim(),
      position: typeof position === 'number' && position >= 0 ? Math.trunc(position) : 0,
      visible: visible === true,
      variation: variation === true,
      options: (values as string[]).map((v) => v.trim()).filter((v) => v !== ''),
    });
  }
  return out;
}
