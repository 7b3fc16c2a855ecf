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
  const listings = snapshot?.listings ?? [];
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

  const byIndex: (RemoteMatch | undefined)[] = new Array<RemoteMatch | undefined>(products.length);
  const used = new Uint8Array(n);
  // A claimed listing carrying some other product's SKU: rare, but it blocks a create of that SKU.
  const claimedBySku = new Map<string, number>();
  let unmatchedProducts = 0;
  // Listings whose SKU was changed by hand from the product's that we wrote there: orphans now.
  const disowned = new Map<number, string>();
  for (let p = 0; p < products.length; p++) {
    const { product, baselines } = products[p]!;
    const ext = baselines[platform]?.externalId;
    const i = ext ? byExt.get(ext) : undefined;
    if (i === undefined || used[i] === 1) {
      unmatchedProducts++;
      continue;
    }
    const sku = skus[i]!;
    const wrote = baselines[platform]?.listing?.sku?.trim();
    // Our own listing carries the SKU we wrote; one that now carries another was changed by hand.
    // It is no longer this product's (an orphan, never adopted by another product), and this
    // product's listing is missing there: reported, not created a second time.
    if (sku && wrote && sku !== wrote && wrote === product.sku.trim()) {
      used[i] = 1;
      disowned.set(i, wrote);
      if (!claimedBySku.has(sku)) claimedBySku.set(sku, i);
      unmatchedProducts++;
      continue;
    }
    byIndex[p] = { listing: listings[i]!, how: 'baseline' };
    used[i] = 1;
    if (sku && sku !== product.sku.trim() && !claimedBySku.has(sku)) claimedBySku.set(sku, i);
  }

  // Only listings no baseline claimed can still be adopted; in a settled shop they are few.
  const openBySku = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const sku = skus[i]!;
    if (used[i] === 1 || !sku) continue;
    const list = openBySku.get(sku);
    if (list) list.push(i);
    else openBySku.set(sku, [i]);
  }
  const firstOpen = new Map<string, number>();
  for (const [sku, list] of openBySku) firstOpen.set(sku, list[0]!);

  if (unmatchedProducts > 0) {
    for (let p = 0; p < products.length; p++) {
      if (byIndex[p]) continue;
      const { product, baselines } = products[p]!;
      const candidates = openBySku.get(product.sku.trim());
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
    if (options.fuzzy) matchFuzzy(listings, skus, used, products, byIndex, options);
  }

  const unmatched: UnmatchedListing[] = [];
  const openFuzzyKeys = new Set<string>();
  for (let i = 0; i < n; i++) {
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

  const skuHolder = (sku: string): Listing | undefined => {
    const key = sku.trim();
    const i = firstOpen.get(key) ?? claimedBySku.get(key);
    return i === undefined ? undefined : listings[i];
  };
  return { platform, complete: snapshot?.complete ?? false, byIndex, unmatched, skuHolder, openFuzzyKeys, activeCount };
}

function matchFuzzy(
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
