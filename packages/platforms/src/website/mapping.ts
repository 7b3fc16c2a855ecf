import { CONDITIONS, formatAmount, parseAmount, type Condition, type Listing, type ListingState } from '@gearsync/core';
import type { WooImageInput, WooProduct, WooProductInput } from './wire.js';

/**
 * WooCommerce has no columns for a guitar's condition, brand, model, year or finish: the shop
 * keeps them in product meta under these keys. Unprefixed keys, because WordPress hides
 * `_`-prefixed meta from the admin screen and other plugins own names like `_brand`.
 */
export const META_KEYS = {
  condition: 'gearsync_condition',
  brand: 'gearsync_brand',
  model: 'gearsync_model',
  year: 'gearsync_year',
  finish: 'gearsync_finish',
} as const;

function metaOf(p: WooProduct, key: string): string | null {
  const value = p.meta_data.find((m) => m.key === key)?.value;
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
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

export function quantityOf(p: WooProduct): number {
  if (p.manage_stock === true) return Math.max(0, Math.trunc(p.stock_quantity ?? 0));
  return p.stock_status === 'outofstock' ? 0 : 1;
}

/** publish with stock → active; publish at 0 or out of stock → sold; draft, pending, private → ended. */
export function stateOf(p: WooProduct): ListingState {
  if (p.status !== 'publish') return 'ended';
  return quantityOf(p) > 0 && p.stock_status !== 'outofstock' ? 'active' : 'sold';
}

export function toListing(p: WooProduct, currency: string): Listing {
  const condition = metaOf(p, META_KEYS.condition);
  const year = Number(metaOf(p, META_KEYS.year));
  return {
    externalId: String(p.id),
    sku: p.sku === '' ? null : p.sku,
    title: p.name,
    description: p.description,
    price: { cents: centsOf(p.regular_price || p.price), currency },
    quantity: quantityOf(p),
    condition: CONDITIONS.includes(condition as Condition) ? (condition as Condition) : null,
    images: p.images.map((i) => i.src),
    state: stateOf(p),
    brand: metaOf(p, META_KEYS.brand),
    model: metaOf(p, META_KEYS.model),
    year: Number.isInteger(year) && year > 0 ? year : null,
    finish: metaOf(p, META_KEYS.finish),
    category: p.categories[0]?.name ?? null,
    ...(p.categories.every((c) => c.id !== undefined) ? { platformCategory: p.categories.map((c) => String(c.id)) } : {}),
  };
}

/** Every meta key is always written, an empty value clearing it, so a removed brand does not linger. */
function metaFor(listing: Listing): { key: string; value: string }[] {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return [
    { key: META_KEYS.condition, value: text(listing.condition) },
    { key: META_KEYS.brand, value: text(listing.brand) },
    { key: META_KEYS.model, value: text(listing.model) },
    { key: META_KEYS.year, value: text(listing.year) },
    { key: META_KEYS.finish, value: text(listing.finish) },
  ];
}

/** What stock a quantity is: `stock_status` goes with every quantity, for shops that do not manage stock. */
function stockOf(quantity: number): Pick<WooProductInput, 'manage_stock' | 'stock_quantity' | 'stock_status'> {
  const q = Math.max(0, quantity);
  return { manage_stock: true, stock_quantity: q, stock_status: q > 0 ? 'instock' : 'outofstock' };
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
    meta_data: metaFor(listing),
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
