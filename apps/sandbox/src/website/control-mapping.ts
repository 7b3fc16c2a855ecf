import { amountToCents, centsToAmount, conditionSchema, type CanonicalListing, type ListingPatch } from '../canonical.js';
import type { ControlListing } from '../emulation.js';
import { UNCATEGORIZED, type ProductInput, type ProductStore, type WooProduct } from './store.js';

/** A WooCommerce store has one currency for every product (Settings → General). */
export const STORE_CURRENCY = 'USD';

/**
 * The dealer's shop keeps the item fields WooCommerce has no column for in product meta,
 * under these keys (the same keys the gearsync adapter writes).
 */
export const META = {
  condition: 'gearsync_condition',
  brand: 'gearsync_brand',
  model: 'gearsync_model',
  year: 'gearsync_year',
  finish: 'gearsync_finish',
} as const;

function meta(p: WooProduct, key: string): string | null {
  const value = p.meta_data.find((m) => m.key === key)?.value;
  if (value === undefined || value === null || value === '') return null;
  return String(value);
}

export function quantityOf(p: WooProduct): number {
  if (p.manage_stock) return Math.max(0, p.stock_quantity ?? 0);
  return p.stock_status === 'instock' ? 1 : 0;
}

/** publish with stock → active; publish without → sold; draft, pending, private → ended. */
export function toControl(p: WooProduct): ControlListing {
  const quantity = quantityOf(p);
  const condition = conditionSchema.safeParse(meta(p, META.condition));
  const year = Number(meta(p, META.year));
  return {
    id: String(p.id),
    sku: p.sku,
    title: p.name,
    description: p.description,
    price: { amount: centsToAmount(amountToCents(p.regular_price || p.price || '0')), currency: STORE_CURRENCY },
    quantity,
    condition: condition.success ? condition.data : null,
    images: p.images.map((i) => i.src),
    status: p.status !== 'publish' ? 'ended' : quantity > 0 && p.stock_status !== 'outofstock' ? 'active' : 'sold',
    brand: meta(p, META.brand),
    model: meta(p, META.model),
    year: Number.isInteger(year) && year > 0 ? year : null,
    finish: meta(p, META.finish),
    // The shop's default category is WordPress's "none": a product filed nowhere lands there.
    category: p.categories.find((c) => c.id !== UNCATEGORIZED.id)?.name ?? null,
    platformCategory: p.categories.map((c) => String(c.id)),
  };
}

/** The product fields a canonical (partial) listing sets, as a shop manager would in wp-admin. */
export function toInput(c: Partial<CanonicalListing> | ListingPatch, store: ProductStore): ProductInput {
  const input: ProductInput = {};
  if (c.title !== undefined) input.name = c.title;
  if (c.sku !== undefined) input.sku = c.sku;
  if (c.description !== undefined) input.description = c.description;
  if (c.price !== undefined) input.regular_price = centsToAmount(amountToCents(c.price.amount));
  if (c.quantity !== undefined) {
    input.manage_stock = true;
    input.stock_quantity = c.quantity;
  }
  if (c.status !== undefined) {
    input.status = c.status === 'ended' ? 'draft' : 'publish';
    if (c.status === 'sold') {
      input.manage_stock = true;
      input.stock_quantity = 0;
    }
  }
  if (c.images !== undefined) input.images = c.images.map((src) => ({ src }));
  if (c.category !== undefined) input.categories = c.category ? [{ id: store.categoryNamed(c.category).id }] : [];
  if (c.platformCategory !== undefined) input.categories = c.platformCategory.map((id) => ({ id: Number(id) }));
  const metaData: { key: string; value: string }[] = [];
  for (const field of ['condition', 'brand', 'model', 'year', 'finish'] as const) {
    const value = c[field];
    if (value !== undefined) metaData.push({ key: META[field], value: value === null ? '' : String(value) });
  }
  if (metaData.length) input.meta_data = metaData;
  return input;
}
