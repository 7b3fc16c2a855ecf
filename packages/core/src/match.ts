import type { Baseline, Listing, Platform, Product } from './types.js';

/** How a product found its remote listing on one platform. */
export type MatchHow = 'baseline' | 'sku' | 'relink' | 'fuzzy';

export interface RemoteMatch {
  listing: Listing;
  how: MatchHow;
}

export interface UnmatchedListing {
  listing: Listing;
  reason: string;
}

export interface PlatformMatches {
  platform: Platform;
  complete: boolean;
  /** The match of each product, by its position in the products given to matchPlatform. */
  byIndex: (RemoteMatch | undefined)[];
  /** Active remote listings that no product claims: the orphans (before scoping). */
  unmatched: UnmatchedListing[];
  /** Some remote listing with this SKU, in any state: a create is never planned for a SKU held here. */
  skuHolder: (sku: string) => Listing | undefined;
  /** brand+model+year keys of the SKU-less orphans: a targeted run creates nothing beside one. */
  openFuzzyKeys: Set<string>;
  /** Remote listings in state active: the denominator of the destructive guard. */
  activeCount: number;
}

export interface MatchProduct {
  product: Product;
  baselines: Partial<Record<Platform, Baseline>>;
}

export interface MatchOptions {
  /** Match SKU-less listings by brand + model + year. Off on targeted runs, which see only a few products. */
  fuzzy: boolean;
  /** The price the product would have on this platform: the tie-break between equal brand+model+year. */
  priceCents: (product: Product) => number;
  /** Whether some local product has this SKU (it tells a duplicate from a stranger). */
  hasProductSku: (sku: string) => boolean;
}

const norm = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

export function fuzzyKey(brand: string | null | undefined, model: string | null | undefined, year: number | null | undefined): string | null {
  const b = norm(brand);
  const m = norm(model);
  if (!b || !m) return null;
  return `${b}\u0000${m}\u0000${year ?? ''}`;
}

const skuOf = (l: Listing): string => (l.sku ? l.sku.trim() : '');

/**
 * Pairs each product with the listing it has on the platform: first the listing its baseline
 * names, then one carrying its SKU, then (full runs only) a SKU-less listing with the same
 * brand + model + year, nearest price first. Whatever active listing is left is an orphan.
 * Maps by id and SKU keep this linear: it runs over every listing of every platform.
 */
export function matchPlatform(
  platform: Platform,
  snapshot: { complete: boolean; listings: Listing[] } | undefined,
  products: readonly MatchProduct[],
  options: MatchOptions,
): PlatformMatches {
  const scan = scanListings(snapshot?.listings ?? []);
  const byIndex: (RemoteMatch | undefined)[] = new Array<RemoteMatch | undefined>(products.length);
  const claims = matchBaselines(platform, scan, products, byIndex);
  const open = openBySku(scan);
  if (claims.unmatchedProducts > 0) {
    matchSkus(platform, scan, open, products, byIndex);
    if (options.fuzzy) matchFuzzy(platform, scan.listings, scan.skus, scan.used, products, byIndex, options);
  }
  const { unmatched, openFuzzyKeys } = orphans(scan, claims.disowned, options);
  const firstOpen = new Map([...open].map(([sku, list]) => [sku, list[0]!]));
  const skuHolder = (sku: string): Listing | undefined => {
    const key = sku.trim();
    const i = firstOpen.get(key) ?? claims.claimedBySku.get(key);
    return i === undefined ? undefined : scan.listings[i];
  };
  return { platform, complete: snapshot?.complete ?? false, byIndex, unmatched, skuHolder, openFuzzyKeys, activeCount: scan.activeCount };
}

/** A platform's listings as the matcher walks them: by position, with who has claimed each. */
interface Scan {
  listings: readonly Listing[];
  byExt: Map<string, number>;
  skus: string[];
  /** 1 where a product has claimed the listing. */
  used: Uint8Array;
  activeCount: number;
}

function scanListings(listings: readonly Listing[]): Scan {
  const n = listings.length;
  const byExt = new Map<string, number>();
  const skus: string[] = new Array<string>(n);
  let activeCount = 0;
  // Backwards, so the first listing of an id is the one that stays in the map.
  for (let i = n - 1; i >= 0; i--) {
    const l = listings[i]!;
    byExt.set(l.externalId, i);
    skus[i] = skuOf(l);
    if (l.state === 'active') activeCount++;
  }
  return { listings, byExt, skus, used: new Uint8Array(n), activeCount };
}

/** What the baselines' pass leaves for the others: claims by another SKU, listings disowned by hand, products still unmatched. */
interface BaselineClaims {
  /** A claimed listing carrying some other product's SKU: rare, but it blocks a create of that SKU. */
  claimedBySku: Map<string, number>;
  /** Listings whose SKU was changed by hand from the product's that we wrote there: orphans now. */
  disowned: Map<number, string>;
  unmatchedProducts: number;
}

/** Each product's listing by the id its baseline names. */
function matchBaselines(platform: Platform, scan: Scan, products: readonly MatchProduct[], byIndex: (RemoteMatch | undefined)[]): BaselineClaims {
  const { listings, byExt, skus, used } = scan;
  const claims: BaselineClaims = { claimedBySku: new Map(), disowned: new Map(), unmatchedProducts: 0 };
  for (let p = 0; p < products.length; p++) {
    const { product, baselines } = products[p]!;
    const ext = baselines[platform]?.externalId;
    const i = ext ? byExt.get(ext) : undefined;
    if (i === undefined || used[i] === 1) {
      claims.unmatchedProducts++;
      continue;
    }
    const sku = skus[i]!;
    const wrote = baselines[platform]?.listing?.sku?.trim();
    // Our own listing carries the SKU we wrote; one that now carries another was changed by hand.
    // It is no longer this product's (an orphan, never adopted by another product), and this
    // product's listing is missing there: reported, not created a second time.
    if (sku && wrote && sku !== wrote && wrote === product.sku.trim()) {
      used[i] = 1;
      claims.disowned.set(i, wrote);
      if (!claims.claimedBySku.has(sku)) claims.claimedBySku.set(sku, i);
      claims.unmatchedProducts++;
      continue;
    }
    byIndex[p] = { listing: listings[i]!, how: 'baseline' };
    used[i] = 1;
    if (sku && sku !== product.sku.trim() && !claims.claimedBySku.has(sku)) claims.claimedBySku.set(sku, i);
  }
  return claims;
}

/** Only listings no baseline claimed can still be adopted; in a settled shop they are few. */
function openBySku(scan: Scan): Map<string, number[]> {
  const open = new Map<string, number[]>();
  for (let i = 0; i < scan.listings.length; i++) {
    const sku = scan.skus[i]!;
    if (scan.used[i] === 1 || !sku) continue;
    const list = open.get(sku);
    if (list) list.push(i);
    else open.set(sku, [i]);
  }
  return open;
}

/** A product without its listing adopts an open one carrying its SKU. */
function matchSkus(platform: Platform, scan: Scan, open: Map<string, number[]>, products: readonly MatchProduct[], byIndex: (RemoteMatch | undefined)[]): void {
  const { listings, used } = scan;
  for (let p = 0; p < products.length; p++) {
    if (byIndex[p]) continue;
    const { product, baselines } = products[p]!;
    const candidates = open.get(product.sku.trim());
    if (!candidates) continue;
    let best = -1;
    for (const i of candidates) {
      if (used[i] === 1) continue;
      // An active listing is the live one; an ended one with the same SKU is history.
      if (best < 0 || (listings[i]!.state === 'active' && listings[best]!.state !== 'active')) best = i;
    }
    if (best < 0) continue;
    byIndex[p] = { listing: listings[best]!, how: baselines[platform]?.externalId ? 'relink' : 'sku' };
    used[best] = 1;
  }
}

/** Active listings no product claimed, each with the reason it is an orphan. */
function orphans(scan: Scan, disowned: Map<number, string>, options: MatchOptions): { unmatched: UnmatchedListing[]; openFuzzyKeys: Set<string> } {
  const { listings, skus, used } = scan;
  const unmatched: UnmatchedListing[] = [];
  const openFuzzyKeys = new Set<string>();
  for (let i = 0; i < listings.length; i++) {
    const l = listings[i]!;
    if ((used[i] === 1 && !disowned.has(i)) || l.state !== 'active') continue;
    const sku = skus[i]!;
    let reason: string;
    if (disowned.has(i)) {
      reason = `orphan, its SKU changed by hand from ${disowned.get(i)!} to ${sku}`;
    } else if (!sku) {
      const key = fuzzyKey(l.brand, l.model, l.year);
      if (key) openFuzzyKeys.add(key);
      reason = 'orphan, no SKU and no brand+model+year match';
    } else {
      reason = options.hasProductSku(sku) ? `orphan, duplicate of SKU ${sku}` : 'orphan, no local SKU';
    }
    unmatched.push({ listing: l, reason });
  }
  return { unmatched, openFuzzyKeys };
}

function matchFuzzy(
  platform: Platform,
  listings: readonly Listing[],
  skus: readonly string[],
  used: Uint8Array,
  products: readonly MatchProduct[],
  byIndex: (RemoteMatch | undefined)[],
  options: MatchOptions,
): void {
  // Only active listings: a sold V&R item of the same model is an earlier guitar, not this one.
  const open = new Map<string, number[]>();
  for (let i = 0; i < listings.length; i++) {
    const l = listings[i]!;
    if (used[i] === 1 || skus[i] || l.state !== 'active') continue;
    const key = fuzzyKey(l.brand, l.model, l.year);
    if (!key) continue;
    const list = open.get(key);
    if (list) list.push(i);
    else open.set(key, [i]);
  }
  if (open.size === 0) return;

  const waiting = new Map<string, number[]>();
  for (let p = 0; p < products.length; p++) {
    if (byIndex[p]) continue;
    const { product } = products[p]!;
    // A guess for a product not listed here could only end the dealer's listing: it stays an orphan to review.
    if (product.platforms && !product.platforms.includes(platform)) continue;
    const key = fuzzyKey(product.brand, product.model, product.year);
    if (!key || !open.has(key)) continue;
    const list = waiting.get(key);
    if (list) list.push(p);
    else waiting.set(key, [p]);
  }

  for (const [key, candidates] of waiting) {
    const pairs: { i: number; p: number; diff: number }[] = [];
    for (const i of open.get(key) ?? []) {
      const l = listings[i]!;
      for (const p of candidates) {
        const product = products[p]!.product;
        const diff = l.price.currency === product.price.currency ? Math.abs(l.price.cents - options.priceCents(product)) : Number.MAX_SAFE_INTEGER;
        pairs.push({ i, p, diff });
      }
    }
    pairs.sort((x, y) => x.diff - y.diff || cmp(listings[x.i]!.externalId, listings[y.i]!.externalId) || products[x.p]!.product.id - products[y.p]!.product.id);
    for (const { i, p } of pairs) {
      if (used[i] === 1 || byIndex[p]) continue;
      byIndex[p] = { listing: listings[i]!, how: 'fuzzy' };
      used[i] = 1;
    }
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
