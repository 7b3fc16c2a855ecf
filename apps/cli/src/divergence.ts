import type { CategoryMap, Listing, Platform } from '@gearsync/core';
import { formatAmount } from '@gearsync/core';
import type { products } from '@gearsync/db';
import { rng } from './catalogue.js';

/** The sandbox control API's listing shape (CONTRACT.md). */
export interface ControlListing {
  sku: string;
  title: string;
  description: string;
  price: { amount: string; currency: string };
  quantity: number;
  condition: string | null;
  images: string[];
  status: 'active' | 'ended' | 'sold';
  brand?: string | null;
  model?: string | null;
  year?: number | null;
  finish?: string | null;
  category?: string | null;
  /** The platform's own category ids, and eBay's item specifics, as the platform holds them. */
  platformCategory?: string[];
  attributes?: Record<string, string[]>;
  /** eBay's own condition name and the words on it. */
  platformCondition?: string;
  conditionDescription?: string;
}

/**
 * A listing as gearsync last wrote it, made through the control API: what the renderer makes of
 * the product for that platform (category ids, eBay aspects, price after the platform's rule),
 * so the shop is in sync with the settings as well as the catalogue.
 */
export function asWritten(listing: Listing): ControlListing {
  return {
    sku: listing.sku ?? '',
    title: listing.title,
    description: listing.description,
    price: { amount: formatAmount(listing.price.cents), currency: listing.price.currency },
    quantity: listing.quantity,
    condition: listing.condition,
    images: [...listing.images],
    status: 'active',
    brand: listing.brand ?? null,
    model: listing.model ?? null,
    year: listing.year ?? null,
    finish: listing.finish ?? null,
    category: listing.category ?? null,
    ...(listing.platformCategory ? { platformCategory: [...listing.platformCategory] } : {}),
    ...(listing.attributes ? { attributes: structuredClone(listing.attributes) } : {}),
    ...(listing.platformCondition ? { platformCondition: listing.platformCondition } : {}),
    ...(listing.conditionDescription ? { conditionDescription: listing.conditionDescription } : {}),
  };
}

export function asListing(p: products.ProductInput, platform: Platform): ControlListing {
  return {
    sku: p.sku,
    title: platform === 'ebay' ? p.title.slice(0, 80) : p.title,
    description: p.description ?? '',
    price: { amount: formatAmount(p.priceCents), currency: p.currency },
    quantity: p.quantity,
    condition: platform === 'vr' ? null : p.condition,
    images: p.images,
    status: 'active',
    brand: p.brand,
    model: p.model,
    year: p.year ?? null,
    finish: p.finish ?? null,
    category: p.category ?? null,
  };
}

export function listable(p: Pick<products.ProductInput, 'status' | 'quantity' | 'platforms'>, platform: Platform): boolean {
  return p.status === 'active' && p.quantity > 0 && (!p.platforms || p.platforms.includes(platform));
}

export interface DivergenceMix {
  /** Share of listable products the platform does not have yet. */
  missing: number;
  /** Share whose price on the platform is off (edited by hand, or an old price). */
  wrongPrice: number;
  /** Listings on the platform that no product matches. */
  strangers: number;
  /** V&R: share of items made by hand, without our SKU (matched by brand + model + year). */
  noSku?: number;
  /**
   * Where the dealer had filed each item on the platform: eBay, Reverb and V&R list nothing live
   * without a category of their own, so a real account's listings all carry one. Without it the
   * listings carry none (a lenient emulation lets that pass; the shop files them uncategorised).
   */
  categories?: CategoryMap;
}

/** The platform's own category ids for a dealer category, as the control API takes them (`platformCategory`). */
export function platformCategoryOf(map: CategoryMap, category: string | null | undefined, platform: Platform): string[] | undefined {
  const mapping = category ? map[category] : undefined;
  if (platform === 'ebay') return mapping?.ebay ? [mapping.ebay.categoryId] : undefined;
  if (platform === 'reverb') return mapping?.reverb?.categoryUuids;
  if (platform === 'vr') return mapping?.vr?.categoryIds;
  return mapping?.website?.categoryIds.map(String);
}

/**
 * A platform's state that has drifted from the catalogue in a realistic mix, as a shop
 * connecting gearsync for the first time would have it.
 */
export function divergedListings(catalogue: products.ProductInput[], platform: Platform, mix: DivergenceMix, seed = 7): ControlListing[] {
  const r = rng(seed + platform.length * 101);
  const out: ControlListing[] = [];
  for (const p of catalogue) {
    if (!listable(p, platform)) continue;
    const x = r();
    if (x < mix.missing) continue;
    const listing = asListing(p, platform);
    const filed = mix.categories && platform !== 'website' ? platformCategoryOf(mix.categories, p.category, platform) : undefined;
    if (filed) listing.platformCategory = [...filed];
    if (r() < mix.wrongPrice) listing.price.amount = formatAmount(Math.round(p.priceCents * (0.8 + r() * 0.15) / 100) * 100);
    if (mix.noSku && r() < mix.noSku) listing.sku = '';
    out.push(listing);
  }
  for (let i = 0; i < mix.strangers; i++) {
    out.push({
      sku: r() < 0.5 ? '' : `HAND-${platform.toUpperCase()}-${i + 1}`,
      title: `Consignment ${['Silvertone 1448', 'Danelectro U2', 'Harmony Rocket', 'Kay Barney Kessel'][i % 4]} ${1958 + i}`,
      description: 'Listed by hand on the platform.',
      price: { amount: formatAmount(45000 + i * 2500), currency: catalogue[0]?.currency ?? 'USD' },
      quantity: 1,
      condition: platform === 'vr' ? null : 'good',
      images: [],
      status: 'active',
      brand: ['Silvertone', 'Danelectro', 'Harmony', 'Kay'][i % 4]!,
      model: ['1448', 'U2', 'Rocket', 'Barney Kessel'][i % 4]!,
      year: 1958 + i,
    });
  }
  return out;
}
