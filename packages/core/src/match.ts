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
  byProduct: Map<number, RemoteMatch>;
  /** Active remote listings that no product claims: the orphans (before scoping). */
  unmatched: UnmatchedListing[];
  /** Every remote listing by SKU, any state: a create is never planned for a SKU held here. */
  bySku: Map<string, Listing[]>;
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
}

const norm = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

export function fuzzyKey(brand: string | null | undefined, model: string | null | undefined, year: number | null | undefined): string | null {
  const b = norm(brand);
  const m = norm(model);
  if (!b || !m) return null;
  return `${b}\u0000${m}\u0000${year ?? ''}`;
}

const skuOf = (l: Listing): string => (l.sku ?? '').trim();

/**
 * Pairs each product with the listing it has on the platform: first the listing its baseline
 * names, then one carrying its SKU, then (full runs only) a SKU-less listing with the same
 * brand + model + year, nearest price first. Whatever active listing is left is an orphan.
 */
export function matchPlatform(
  platform: Platform,
  snapshot: { complete: boolean; listings: Listing[] } | undefined,
  products: readonly MatchProduct[],
  options: MatchOptions,
): PlatformMatches {
  const listings = snapshot?.listings ?? [];
  const byExt = new Map<string, Listing>();
  const bySku = new Map<string, Listing[]>();
  let activeCount = 0;
  for (const l of listings) {
    if (!byExt.has(l.externalId)) byExt.set(l.externalId, l);
    const sku = skuOf(l);
    if (sku) {
      const list = bySku.get(sku);
      if (list) list.push(l);
      else bySku.set(sku, [l]);
    }
    if (l.state === 'active') activeCount++;
  }

  const byProduct = new Map<number, RemoteMatch>();
  const used = new Set<string>();

  for (const { product, baselines } of products) {
    const ext = baselines[platform]?.externalId;
    if (!ext) continue;
    const l = byExt.get(ext);
    if (l && !used.has(ext)) {
      byProduct.set(product.id, { listing: l, how: 'baseline' });
      used.add(ext);
    }
  }

  for (const { product, baselines } of products) {
    if (byProduct.has(product.id)) continue;
    const candidates = bySku.get(product.sku.trim());
    if (!candidates) continue;
    let best: Listing | undefined;
    for (const l of candidates) {
      if (used.has(l.externalId)) continue;
      // An active listing is the live one; an ended one with the same SKU is history.
      if (!best || (l.state === 'active' && best.state !== 'active')) best = l;
    }
    if (!best) continue;
    byProduct.set(product.id, { listing: best, how: baselines[platform]?.externalId ? 'relink' : 'sku' });
    used.add(best.externalId);
  }

  if (options.fuzzy) matchFuzzy(listings, products, byProduct, used, options);

  const productSkus = new Set(products.map((p) => p.product.sku.trim()));
  const unmatched: UnmatchedListing[] = [];
  const openFuzzyKeys = new Set<string>();
  for (const l of listings) {
    if (used.has(l.externalId) || l.state !== 'active') continue;
    const sku = skuOf(l);
    if (!sku) {
      const key = fuzzyKey(l.brand, l.model, l.year);
      if (key) openFuzzyKeys.add(key);
    }
    const reason = !sku
      ? 'orphan, no SKU and no brand+model+year match'
      : productSkus.has(sku)
        ? `orphan, duplicate of SKU ${sku}`
        : 'orphan, no local SKU';
    unmatched.push({ listing: l, reason });
  }

  return { platform, complete: snapshot?.complete ?? false, byProduct, unmatched, bySku, openFuzzyKeys, activeCount };
}

function matchFuzzy(
  listings: readonly Listing[],
  products: readonly MatchProduct[],
  byProduct: Map<number, RemoteMatch>,
  used: Set<string>,
  options: MatchOptions,
): void {
  // Only active listings: a sold V&R item of the same model is an earlier guitar, not this one.
  const open = new Map<string, Listing[]>();
  for (const l of listings) {
    if (used.has(l.externalId) || skuOf(l) || l.state !== 'active') continue;
    const key = fuzzyKey(l.brand, l.model, l.year);
    if (!key) continue;
    const list = open.get(key);
    if (list) list.push(l);
    else open.set(key, [l]);
  }
  if (open.size === 0) return;

  const waiting = new Map<string, Product[]>();
  for (const { product } of products) {
    if (byProduct.has(product.id)) continue;
    const key = fuzzyKey(product.brand, product.model, product.year);
    if (!key || !open.has(key)) continue;
    const list = waiting.get(key);
    if (list) list.push(product);
    else waiting.set(key, [product]);
  }

  for (const [key, candidates] of waiting) {
    const remotes = open.get(key) ?? [];
    const pairs: { l: Listing; p: Product; diff: number }[] = [];
    for (const l of remotes) {
      for (const p of candidates) {
        const diff = l.price.currency === p.price.currency ? Math.abs(l.price.cents - options.priceCents(p)) : Number.MAX_SAFE_INTEGER;
        pairs.push({ l, p, diff });
      }
    }
    pairs.sort((x, y) => x.diff - y.diff || cmp(x.l.externalId, y.l.externalId) || x.p.id - y.p.id);
    for (const { l, p } of pairs) {
      if (used.has(l.externalId) || byProduct.has(p.id)) continue;
      byProduct.set(p.id, { listing: l, how: 'fuzzy' });
      used.add(l.externalId);
    }
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
