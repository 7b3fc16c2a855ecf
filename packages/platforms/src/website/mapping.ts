import { formatAmount, GRADE_WORDS, gradeFromWords, parseAmount, type Listing, type ListingState } from '@gearsync/core';
import type { WooAttributeInput, WooImageInput, WooProduct, WooProductInput } from './wire.js';

/**
 * WooCommerce has no columns for a guitar's brand, model, year, finish or condition. We write
 * them as custom product attributes, which the shop shows on the product page under
 * "Additional information"; read back by name, whatever their position.
 */
export const ATTRIBUTE_NAMES = { brand: 'Brand', model: 'Model', year: 'Year', finish: 'Finish', condition: 'Condition' } as const;

function attributeOf(p: WooProduct, name: string): string | null {
  const text = p.attributes.find((a) => a.name.trim().toLowerCase() === name.toLowerCase())?.options.join(' | ').trim();
  return text ? text : null;
}

/** Shops set their own price decimals (Settings → General), so "12.345" can reach us. */
function centsOf(amount: string): number {
  if (amount.trim() === '') return 0;
  try {
    return parseAmount(amount);
  } catch {
    const n = Number(amount);
    if (!Number.isFinite(n) || n < 0) throw new Error(`not a price: "${amount}"`);
    return Math.round(n * 100);
  }
}

/**
 * Where we keep the quantity we last wrote. A shop with store-wide stock management off holds
 * no quantity (only in stock or not): without this, an item of three would read as one and be
 * sent its stock again on every run.
 */
export const QUANTITY_META = '_gearsync_quantity';

export function quantityOf(p: WooProduct): number {
  if (p.manage_stock === true) return Math.max(0, Math.trunc(p.stock_quantity ?? 0));
  if (p.stock_status === 'outofstock') return 0;
  const ours = Number(p.meta_data.find((m) => m.key === QUANTITY_META)?.value);
  return Number.isInteger(ours) && ours > 0 ? ours : 1;
}

/** publish with stock → active; publish at 0 or out of stock → sold; draft, pending, private → ended. */
export function stateOf(p: WooProduct): ListingState {
  if (p.status !== 'publish') return 'ended';
  return quantityOf(p) > 0 && p.stock_status !== 'outofstock' ? 'active' : 'sold';
}

export function toListing(p: WooProduct, currency: string): Listing {
  const year = Number(attributeOf(p, ATTRIBUTE_NAMES.year));
  return {
    externalId: String(p.id),
    sku: p.sku === '' ? null : p.sku,
    title: p.name,
    description: p.description,
    price: { cents: centsOf(p.regular_price || p.price), currency },
    quantity: quantityOf(p),
    condition: gradeFromWords(attributeOf(p, ATTRIBUTE_NAMES.condition)),
    images: p.images.map((i) => i.src),
    state: stateOf(p),
    brand: attributeOf(p, ATTRIBUTE_NAMES.brand),
    model: attributeOf(p, ATTRIBUTE_NAMES.model),
    year: Number.isInteger(year) && year > 0 ? year : null,
    finish: attributeOf(p, ATTRIBUTE_NAMES.finish),
    category: p.categories[0]?.name ?? null,
    ...(p.categories.every((c) => c.id !== undefined) ? { platformCategory: p.categories.map((c) => String(c.id)) } : {}),
  };
}

/**
 * `attributes` replaces the product's whole set, so every write carries all of them; a field
 * without a value is left out, which removes it from the shop.
 */
function attributesFor(listing: Listing): WooAttributeInput[] {
  const values: [string, string | number | null | undefined][] = [
    [ATTRIBUTE_NAMES.brand, listing.brand],
    [ATTRIBUTE_NAMES.model, listing.model],
    [ATTRIBUTE_NAMES.year, listing.year],
    [ATTRIBUTE_NAMES.finish, listing.finish],
    [ATTRIBUTE_NAMES.condition, listing.condition ? GRADE_WORDS[listing.condition] : null],
  ];
  return values
    .filter(([, v]) => v !== null && v !== undefined && String(v).trim() !== '')
    .map(([name, v], position) => ({ name, options: [String(v).trim()], position, visible: true, variation: false }));
}

/**
 * What stock a quantity is: `stock_status` goes with every quantity, and the quantity itself
 * as our meta, for shops that do not manage stock (they ignore `stock_quantity`).
 */
function stockOf(quantity: number): Pick<WooProductInput, 'manage_stock' | 'stock_quantity' | 'stock_status' | 'meta_data'> {
  const q = Math.max(0, quantity);
  return { manage_stock: true, stock_quantity: q, stock_status: q > 0 ? 'instock' : 'outofstock', meta_data: [{ key: QUANTITY_META, value: String(q) }] };
}

/**
 * The whole content of a listing, as a create or update entry carries it. `images` is left out
 * when undefined (an update whose photos did not change sends none: each `{src}` is a new download).
 */
function contentOf(listing: Listing, images: WooImageInput[] | undefined): WooProductInput {
  const ended = listing.state === 'ended' || listing.state === 'draft';
  return {
    name: listing.title,
    ...(listing.sku ? { sku: listing.sku } : {}),
    status: ended ? 'draft' : 'publish',
    description: listing.description,
    regular_price: formatAmount(listing.price.cents),
    ...stockOf(listing.quantity),
    ...(images ? { images } : {}),
    // Without a mapped category the shop files it under its own default: send none, change none.
    ...(listing.platformCategory?.length ? { categories: listing.platformCategory.map((id) => ({ id: Number(id) })) } : {}),
    attributes: attributesFor(listing),
  };
}

export function toCreateEntry(listing: Listing): WooProductInput {
  return contentOf(listing, listing.images.map((src) => ({ src })));
}

export function toUpdateEntry(id: number, listing: Listing, images: WooImageInput[] | undefined): WooProductInput {
  return { id, ...contentOf(listing, images) };
}

export function toStockEntry(id: number, quantity: number): WooProductInput {
  return { id, ...stockOf(quantity) };
}

/**
 * Ending takes the product off the shop (draft) and zeroes its stock: the item sold
 * elsewhere, and a hand re-publish must not sell a one-of-a-kind guitar twice.
 */
export function toEndEntry(id: number): WooProductInput {
  return { id, status: 'draft', ...stockOf(0) };
}

/** A category id as the shop takes it: a positive whole number. */
export function isTermId(id: string): boolean {
  return /^\d+$/.test(id) && Number(id) > 0;
}
