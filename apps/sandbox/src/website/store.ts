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
  private categories = new Map<number, WooCategory>();
  private images = new Map<string, WooImage>();
  private nextPostId = 100;
  private nextTermId = 15;
  private nextMetaId = 1000;
  /** Creation order (the `date` orderby) needs a strict order even within one millisecond. */
  private lastStamp = 0;

  clear(): void {
    this.products.clear();
    this.categories.clear();
    this.images.clear();
    this.nextPostId = 100;
    this.nextTermId = 15;
    this.nextMetaId = 1000;
  }

  get(id: number): WooProduct | undefined {
    const product = this.products.get(id);
    return product && product.status !== 'trash' ? product : undefined;
  }

  /** Including trashed products, which only a `status=trash` query or a forced delete reaches. */
  getAny(id: number): WooProduct | undefined {
    return this.products.get(id);
  }

  all(): WooProduct[] {
    return [...this.products.values()].filter((p) => p.status !== 'trash').sort((a, b) => a.id - b.id);
  }

  query(filter: { status: WooStatus | 'any'; skus: string[] | null; orderby: 'id' | 'date' | 'title'; order: 'asc' | 'desc' }): WooProduct[] {
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
    return hits.sort((a, b) => sign * by(a, b));
  }

  findBySku(sku: string): WooProduct | undefined {
    if (!sku) return undefined;
    return this.all().find((p) => p.sku === sku);
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
    this.products.set(draft.id, draft);
    return structuredClone(draft);
  }

  update(id: number, input: ProductInput): WooProduct | WooError {
    const current = this.get(id);
    if (!current) return wooError(400, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    const next = this.apply(current, input);
    if ('code' in next) return next;
    next.date_modified = next.date_modified_gmt = wpDate(this.stamp());
    this.products.set(id, next);
    return structuredClone(next);
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
      return structuredClone(current);
    }
    current.status = 'trash';
    current.date_modified = current.date_modified_gmt = wpDate(this.stamp());
    return structuredClone(current);
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
      const owner = sku === '' ? undefined : [...this.products.values()].find((o) => o.sku === sku && o.id !== base.id);
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
    if (input.manage_stock !== undefined) {
      if (typeof input.manage_stock !== 'boolean') return invalidParam('manage_stock', 'manage_stock is not of type boolean.');
      p.manage_stock = input.manage_stock;
    }
    if (input.stock_quantity !== undefined) {
      if (input.stock_quantity !== null && !Number.isInteger(input.stock_quantity)) {
        return invalidParam('stock_quantity', 'stock_quantity is not of type integer.');
      }
      p.stock_quantity = input.stock_quantity as number | null;
    }
    if (input.stock_status !== undefined) {
      if (!['instock', 'outofstock', 'onbackorder'].includes(input.stock_status as string)) {
        return invalidParam('stock_status', 'stock_status is not one of instock, outofstock, onbackorder.');
      }
      p.stock_status = input.stock_status as StockStatus;
    }

    if (input.images !== undefined) {
      const images = this.imagesOf(input.images);
      if ('code' in images) return images;
      p.images = images;
    }
    if (input.categories !== undefined) {
      if (!Array.isArray(input.categories)) return invalidParam('categories', 'categories is not of type array.');
      // wp_set_object_terms drops ids it does not know; it does not refuse the product.
      p.categories = input.categories
        .map((c) => (typeof c === 'object' && c !== null ? this.categories.get(Number((c as { id?: unknown }).id)) : undefined))
        .filter((c): c is WooCategory => c !== undefined);
    }
    if (input.meta_data !== undefined) {
      const error = this.applyMeta(p, input.meta_data);
      if (error) return error;
    }

    p.price = p.sale_price || p.regular_price;
    if (p.manage_stock) {
      if (p.stock_quantity === null) p.stock_quantity = 0;
      p.stock_status = p.stock_quantity > 0 ? 'instock' : 'outofstock';
    } else {
      p.stock_quantity = null;
    }
    return p;
  }

  /** WordPress sideloads an image by URL into a media item; the same URL again reuses it here. */
  private imagesOf(raw: unknown): WooImage[] | WooError {
    if (!Array.isArray(raw)) return invalidParam('images', 'images is not of type array.');
    const out: WooImage[] = [];
    for (const entry of raw) {
      if (typeof entry !== 'object' || entry === null) return invalidParam('images', 'images[] is not of type object.');
      const { id, src } = entry as { id?: unknown; src?: unknown };
      if (id !== undefined && id !== 0) {
        const known = [...this.images.values()].find((i) => i.id === id);
        if (!known) return wooError(400, 'woocommerce_product_invalid_image_id', `#${String(id)} is an invalid image ID.`);
        out.push(known);
        continue;
      }
      if (typeof src !== 'string' || !/^https?:\/\/\S+$/.test(src)) {
        return wooError(400, 'woocommerce_product_image_upload_error', `Error getting remote image ${String(src)}.`);
      }
      let image = this.images.get(src);
      if (!image) {
        const name = decodeURIComponent(src.split('/').pop() ?? '').replace(/\.[a-z0-9]+$/i, '');
        image = { id: this.nextPostId++, src, name, alt: '' };
        this.images.set(src, image);
      }
      out.push(image);
    }
    return out;
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
