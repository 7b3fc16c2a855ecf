import { fuzzyKey } from './match.js';
import { applyPriceRule } from './render.js';
import type { CategoryMap, CategoryMapping, PriceRule } from './settings.js';
import type { Condition, Listing, Money, Platform, Product } from './types.js';

/** A local product as onboarding matches against it. */
export interface ImportCandidate {
  id: number;
  sku: string;
  brand: string;
  model: string;
  year: number | null;
  priceCents: number;
  description: string;
  category: string | null;
  images: string[];
  /** Where it is listed: null is every enabled platform. */
  platforms: Platform[] | null;
  /** The listing it already has on the platform being imported, if any. */
  externalId: string | null;
}

/** A product made from a platform's listing: a product's own fields, its price as cents and currency. */
export type ProductDraft = Omit<Product, 'id' | 'price' | 'status'> & { priceCents: number; currency: string };

export type ImportDecision =
  /**
   * `listing` is the baseline the link keeps. `addsPlatform`: the product is listed only where
   * named, and linking adds this platform to them. `category`: the product has none, and the
   * listing sits in this one of the dealer's.
   */
  | { kind: 'link'; listing: Listing; productId: number; sku: string; addsPlatform: boolean; category: string | null; reason: string }
  | { kind: 'create'; listing: Listing; product: ProductDraft; reason: string }
  | { kind: 'skip'; listing: Listing; reason: string };

/** What an import reads a platform's listings through: the dealer's category map and that platform's price rule. */
export interface ImportContext {
  categories?: CategoryMap;
  priceRule?: PriceRule;
}

/** Where a platform keeps no grade (V&R), an imported product starts here; the dealer checks it. */
export const IMPORT_DEFAULT_CONDITION: Condition = 'very_good';

const ASPECT_FIELDS = new Set(['brand', 'model', 'year', 'finish']);

/**
 * The product a listing describes, listed on that platform only: it is not known to be for sale
 * anywhere else, and a full sync must not create it there (the dealer widens its platforms).
 * A listing without a SKU gets one from its platform id, so a re-run makes it again under the same SKU.
 */
export function productFromListing(platform: Platform, listing: Listing, context: ImportContext = {}): ProductDraft {
  const attributes: Record<string, string> = {};
  for (const [name, values] of Object.entries(listing.attributes ?? {})) {
    if (!ASPECT_FIELDS.has(name.toLowerCase()) && values[0]) attributes[name] = values[0];
  }
  const year = listing.year ?? null;
  const price = priceBeforeRule(listing.price, context.priceRule);
  return {
    sku: listing.sku?.trim() || `${platform.toUpperCase()}-${listing.externalId}`,
    brand: listing.brand?.trim() || listing.title.split(/\s+/).find((w) => !/^\d{4}$/.test(w)) || 'Unknown',
    model: listing.model?.trim() || listing.title,
    title: listing.title || [year, listing.brand, listing.model].filter(Boolean).join(' '),
    description: listing.description,
    year,
    finish: listing.finish ?? null,
    // The dealer's category where the map tells it; else the platform's own name (or ids), so the map can be filled from it.
    category: dealerCategory(platform, listing, context.categories ?? {}) ?? (listing.category?.trim() || (listing.platformCategory?.length ? `${platform}:${listing.platformCategory.join('>')}` : null)),
    condition: listing.condition ?? IMPORT_DEFAULT_CONDITION,
    priceCents: price.cents,
    currency: price.currency,
    quantity: Math.max(1, listing.quantity),
    images: [...listing.images],
    platforms: [platform],
    attributes,
  };
}

const platformIds = (platform: Platform, m: CategoryMapping): string[] | undefined => {
  switch (platform) {
    case 'ebay':
      return m.ebay ? [m.ebay.categoryId] : undefined;
    case 'reverb':
      return m.reverb?.categoryUuids;
    case 'vr':
      return m.vr?.categoryIds;
    case 'website':
      return m.website?.categoryIds.map(String);
  }
};

/**
 * The dealer's category a listing sits in: the one named as the listing's category, else the only
 * one the category map sends to the listing's platform category. Several (eBay files solid and
 * hollow bodies alike) or none: unknown.
 */
export function dealerCategory(platform: Platform, listing: Pick<Listing, 'category' | 'platformCategory'>, categories: CategoryMap): string | null {
  const named = listing.category?.trim();
  if (named && Object.hasOwn(categories, named)) return named;
  const ids = listing.platformCategory?.join('>');
  if (!ids) return null;
  const hits = Object.entries(categories).filter(([, m]) => platformIds(platform, m)?.join('>') === ids);
  return hits.length === 1 ? hits[0]![0] : null;
}

/**
 * The product price a platform's price rule turns into this listing's price: the highest such,
 * so the first sync renders the very price found there. A price the rule cannot make (set by hand
 * before the rule) reads back as near as it goes, and the first sync brings it in line.
 */
export function priceBeforeRule(price: Money, rule: PriceRule | undefined): Money {
  // No rule, or one no listing could have been made by (the readiness panel names it).
  if (!rule || !applyPriceRule(price, rule).ok) return price;
  const near = Math.ceil((price.cents * 10_000) / (10_000 + Math.round(rule.markupPct * 100)));
  const makes = (cents: number) => {
    const made = applyPriceRule({ cents, currency: price.currency }, rule);
    return made.ok ? made.price.cents : null;
  };
  // Rounding up to an ending spans at most a dollar of marked-up prices: a short search finds the highest.
  for (let cents = near + 1; cents >= Math.max(0, near - 200); cents--) if (makes(cents) === price.cents) return { cents, currency: price.currency };
  return { cents: near, currency: price.currency };
}

/** Whether linking a listing on `platform` to this product widens where it is listed. */
export function addsPlatform(product: Pick<ImportCandidate, 'platforms'>, platform: Platform): boolean {
  return product.platforms !== null && !product.platforms.includes(platform);
}

/**
 * The listing as the baseline of a link. Reverb and the shop serve their own copies of every
 * photo, so a listing with as many photos as the product is taken to hold the product's photos,
 * in order: the first sync then re-sends none of them. A different count is a different set, and
 * the product's photos are sent.
 */
export function linkedBaseline(listing: Listing, productImages: readonly string[]): Listing {
  const same = listing.images.length === productImages.length && listing.images.every((url, i) => url === productImages[i]);
  if (same || !productImages.length || listing.images.length !== productImages.length) return listing;
  return { ...listing, photos: listing.images.map((url, i) => ({ source: productImages[i]!, url })) };
}

/**
 * The category a product with none takes from a listing linked to it: the dealer's where the map
 * tells it, else the platform's own name, so one line of the category map fixes every product in
 * it. A product's own category is never replaced.
 */
export function linkedCategory(platform: Platform, listing: Listing, current: string | null, categories: CategoryMap): string | null {
  if (current !== null) return null;
  return dealerCategory(platform, listing, categories) ?? (listing.category?.trim() || null);
}

function linkDecision(platform: Platform, listing: Listing, product: ImportCandidate, context: ImportContext, reason: string): ImportDecision {
  const adds = addsPlatform(product, platform);
  const category = linkedCategory(platform, listing, product.category, context.categories ?? {});
  const notes = [reason, adds ? `${platform} added to its platforms` : null, category ? `category ${category}` : null].filter(Boolean).join('; ');
  return { kind: 'link', listing: linkedBaseline(listing, product.images), productId: product.id, sku: product.sku, addsPlatform: adds, category, reason: notes };
}

/**
 * What importing a platform's listings does, listing by listing: link it to the product it
 * matches (by SKU, then by brand + model + year with price, then description, as tie-breaks), make a product of
 * it, or skip it with the reason. Every SKU match is made before any by brand + model + year, so
 * a hand-made listing of the same model never takes the product whose own listing carries its
 * SKU. A listing that could match several products is skipped, never guessed; sold and ended
 * listings are not stock.
 */
export function planImport(platform: Platform, listings: Listing[], candidates: ImportCandidate[], context: ImportContext = {}): ImportDecision[] {
  const bySku = new Map(candidates.map((c) => [c.sku.trim(), c]));
  const linkedHere = new Map(candidates.flatMap((c) => (c.externalId ? [[c.externalId, c] as const] : [])));
  const byKey = new Map<string, ImportCandidate[]>();
  for (const c of candidates) {
    const key = fuzzyKey(c.brand, c.model, c.year);
    if (key && !c.externalId) byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  const claimed = new Set<number>();
  const decided = new Map<Listing, ImportDecision>();

  for (const listing of listings) {
    const already = linkedHere.get(listing.externalId);
    if (already) decided.set(listing, { kind: 'skip', listing, reason: `already linked to ${already.sku}` });
    else if (listing.state === 'sold' || listing.state === 'ended') decided.set(listing, { kind: 'skip', listing, reason: `${listing.state} on ${platform}: not stock` });
  }
  for (const listing of listings) {
    const sku = listing.sku?.trim();
    const hit = sku && !decided.has(listing) ? bySku.get(sku) : undefined;
    if (!hit) continue;
    if (hit.externalId || claimed.has(hit.id)) decided.set(listing, { kind: 'skip', listing, reason: `SKU ${sku} is already linked to another ${platform} listing` });
    else {
      claimed.add(hit.id);
      decided.set(listing, linkDecision(platform, listing, hit, context, 'matched by SKU'));
    }
  }
  for (const listing of listings) {
    if (!decided.has(listing)) decided.set(listing, matchOrCreate(platform, listing, { bySku, byKey, claimed }, context));
  }
  return listings.map((l) => decided.get(l)!);
}

/** A listing no SKU matched: linked by brand + model + year (price as tie-break), made a product, or skipped. */
function matchOrCreate(
  platform: Platform,
  listing: Listing,
  seen: { bySku: Map<string, ImportCandidate>; byKey: Map<string, ImportCandidate[]>; claimed: Set<number> },
  context: ImportContext,
): ImportDecision {
  const { bySku, byKey, claimed } = seen;
  const key = fuzzyKey(listing.brand, listing.model, listing.year);
  const open = key ? (byKey.get(key) ?? []).filter((c) => !claimed.has(c.id)) : [];
  const pick = open.length > 1 ? tieBreak(open, listing, context.priceRule) : open.length ? { product: open[0]!, by: '' } : null;
  if (pick) {
    claimed.add(pick.product.id);
    return linkDecision(platform, listing, pick.product, context, `matched by brand + model + year${pick.by}`);
  }
  if (open.length > 1) return { kind: 'skip', listing, reason: `could match several products (${open.map((c) => c.sku).join(', ')}); link it by hand` };
  const sku = listing.sku?.trim();
  if (sku && bySku.has(sku)) return { kind: 'skip', listing, reason: `SKU ${sku} is taken` };
  const product = productFromListing(platform, listing, context);
  if (bySku.has(product.sku)) return { kind: 'skip', listing, reason: `SKU ${product.sku} is taken by another product` };
  bySku.set(product.sku, { id: -1, sku: product.sku, brand: product.brand, model: product.model, year: product.year, priceCents: product.priceCents, description: product.description, category: product.category, images: product.images, platforms: product.platforms, externalId: listing.externalId });
  return { kind: 'create', listing, product, reason: sku ? "new product with the listing's SKU" : 'new product' };
}

const sameText = (a: string, b: string) => a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');

/**
 * Among products of the same brand + model + year (a shop may hold two alike): the one whose
 * price the platform's rule makes the listing's, else the one with the listing's very
 * description. Still several, or none: no pick.
 */
function tieBreak(open: ImportCandidate[], listing: Listing, rule: PriceRule | undefined): { product: ImportCandidate; by: string } | null {
  const rendered = (c: ImportCandidate) => {
    const made = applyPriceRule({ cents: c.priceCents, currency: listing.price.currency }, rule);
    return made.ok ? made.price.cents : c.priceCents;
  };
  const atPrice = open.filter((c) => rendered(c) === listing.price.cents);
  if (atPrice.length === 1) return { product: atPrice[0]!, by: ' and price' };
  const described = listing.description.trim() ? (atPrice.length ? atPrice : open).filter((c) => sameText(c.description, listing.description)) : [];
  return described.length === 1 ? { product: described[0]!, by: ' and description' } : null;
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
