import { fuzzyKey } from './match.js';
import type { Condition, Listing, Platform, Product } from './types.js';

/** A local product as onboarding matches against it. */
export interface ImportCandidate {
  id: number;
  sku: string;
  brand: string;
  model: string;
  year: number | null;
  priceCents: number;
  /** The listing it already has on the platform being imported, if any. */
  externalId: string | null;
}

/** A product made from a platform's listing: a product's own fields, its price as cents and currency. */
export type ProductDraft = Omit<Product, 'id' | 'price' | 'status' | 'platforms'> & { priceCents: number; currency: string };

export type ImportDecision =
  | { kind: 'link'; listing: Listing; productId: number; sku: string; reason: string }
  | { kind: 'create'; listing: Listing; product: ProductDraft; reason: string }
  | { kind: 'skip'; listing: Listing; reason: string };

/** Where a platform keeps no grade (V&R), an imported product starts here; the dealer checks it. */
export const IMPORT_DEFAULT_CONDITION: Condition = 'very_good';

const ASPECT_FIELDS = new Set(['brand', 'model', 'year', 'finish']);

/** The product a listing describes. A listing without a SKU gets one from its platform id, so a re-run makes it again under the same SKU. */
export function productFromListing(platform: Platform, listing: Listing): ProductDraft {
  const attributes: Record<string, string> = {};
  for (const [name, values] of Object.entries(listing.attributes ?? {})) {
    if (!ASPECT_FIELDS.has(name.toLowerCase()) && values[0]) attributes[name] = values[0];
  }
  const year = listing.year ?? null;
  return {
    sku: listing.sku?.trim() || `${platform.toUpperCase()}-${listing.externalId}`,
    brand: listing.brand?.trim() || listing.title.split(/\s+/).find((w) => !/^\d{4}$/.test(w)) || 'Unknown',
    model: listing.model?.trim() || listing.title,
    title: listing.title || [year, listing.brand, listing.model].filter(Boolean).join(' '),
    description: listing.description,
    year,
    finish: listing.finish ?? null,
    // The platform's own category name (or ids), so the category map can be filled from it.
    category: listing.category?.trim() || (listing.platformCategory?.length ? `${platform}:${listing.platformCategory.join('>')}` : null),
    condition: listing.condition ?? IMPORT_DEFAULT_CONDITION,
    priceCents: listing.price.cents,
    currency: listing.price.currency,
    quantity: Math.max(1, listing.quantity),
    images: [...listing.images],
    attributes,
  };
}

/**
 * What importing a platform's listings does, listing by listing: link it to the product it
 * matches (by SKU, then by brand + model + year with the price as tie-break), make a product of
 * it, or skip it with the reason. A listing that could match several products is skipped, never
 * guessed; sold and ended listings are not stock.
 */
export function planImport(platform: Platform, listings: Listing[], candidates: ImportCandidate[]): ImportDecision[] {
  const bySku = new Map(candidates.map((c) => [c.sku.trim(), c]));
  const linkedHere = new Map(candidates.flatMap((c) => (c.externalId ? [[c.externalId, c] as const] : [])));
  const byKey = new Map<string, ImportCandidate[]>();
  for (const c of candidates) {
    const key = fuzzyKey(c.brand, c.model, c.year);
    if (key && !c.externalId) byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  const claimed = new Set<number>();
  const out: ImportDecision[] = [];
  for (const listing of listings) {
    const already = linkedHere.get(listing.externalId);
    if (already) {
      out.push({ kind: 'skip', listing, reason: `already linked to ${already.sku}` });
      continue;
    }
    if (listing.state === 'sold' || listing.state === 'ended') {
      out.push({ kind: 'skip', listing, reason: `${listing.state} on ${platform}: not stock` });
      continue;
    }
    const sku = listing.sku?.trim();
    const bySkuHit = sku ? bySku.get(sku) : undefined;
    if (bySkuHit) {
      if (bySkuHit.externalId || claimed.has(bySkuHit.id)) out.push({ kind: 'skip', listing, reason: `SKU ${sku} is already linked to another ${platform} listing` });
      else {
        claimed.add(bySkuHit.id);
        out.push({ kind: 'link', listing, productId: bySkuHit.id, sku: bySkuHit.sku, reason: 'matched by SKU' });
      }
      continue;
    }
    const key = fuzzyKey(listing.brand, listing.model, listing.year);
    const open = key ? (byKey.get(key) ?? []).filter((c) => !claimed.has(c.id)) : [];
    const pick = open.length > 1 ? open.filter((c) => c.priceCents === listing.price.cents) : open;
    if (pick.length === 1) {
      claimed.add(pick[0]!.id);
      out.push({ kind: 'link', listing, productId: pick[0]!.id, sku: pick[0]!.sku, reason: open.length > 1 ? 'matched by brand + model + year and price' : 'matched by brand + model + year' });
    } else if (open.length > 1) {
      out.push({ kind: 'skip', listing, reason: `could match several products (${open.map((c) => c.sku).join(', ')}); link it by hand` });
    } else if (sku && bySku.has(sku)) {
      out.push({ kind: 'skip', listing, reason: `SKU ${sku} is taken` });
    } else {
      const product = productFromListing(platform, listing);
      if (bySku.has(product.sku)) out.push({ kind: 'skip', listing, reason: `SKU ${product.sku} is taken by another product` });
      else {
        bySku.set(product.sku, { id: -1, sku: product.sku, brand: product.brand, model: product.model, year: product.year, priceCents: product.priceCents, externalId: listing.externalId });
        out.push({ kind: 'create', listing, product, reason: sku ? 'new product with the listing\'s SKU' : 'new product' });
      }
    }
  }
  return out;
}

/** How close an orphan listing is to a product (0..1): brand, model and year, with price as a nudge. */
export function matchScore(listing: Pick<Listing, 'brand' | 'model' | 'year' | 'price' | 'title'>, product: Pick<ImportCandidate, 'brand' | 'model' | 'year' | 'priceCents'>): number {
  const n = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();
  const text = n(listing.title);
  let score = 0;
  if (n(listing.brand) ? n(listing.brand) === n(product.brand) : text.includes(n(product.brand))) score += 0.35;
  if (n(listing.model) ? n(listing.model) === n(product.model) : text.includes(n(product.model))) score += 0.35;
  if (listing.year != null && listing.year === product.year) score += 0.2;
  if (product.priceCents > 0) {
    const off = Math.abs(listing.price.cents - product.priceCents) / product.priceCents;
    score += off === 0 ? 0.1 : off < 0.15 ? 0.05 : 0;
  }
  return Math.round(score * 100) / 100;
}
