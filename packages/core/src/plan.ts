import { contentDiff, fieldEqual, isOffered, sameListing, withSourcePhotos, type ContentField } from './compare.js';
import { destructiveHolds, type Hold } from './guards.js';
import { fuzzyKey, matchPlatform, type PlatformMatches } from './match.js';
import { formatAmount, formatMoney } from './money.js';
import { applyPriceRule, renderListing } from './render.js';
import type { ListingContext } from './settings.js';
import type { ActionPayload, Baseline, Drift, Listing, Money, Orphan, Platform, PlannedAction, Product, Sale } from './types.js';
import { PLATFORMS } from './types.js';

export interface PlanProduct {
  product: Product;
  baselines: Partial<Record<Platform, Baseline>>;
  /** Platforms where a restock must not put it on sale again: it sold last there in an oversell, and the dealer has not said so. */
  noRelist?: Platform[];
}

export interface PlanInput {
  /** Platforms this run covers. */
  platforms: Platform[];
  /** Every enabled platform (product.platforms null = these). */
  enabledPlatforms: Platform[];
  snapshot: Partial<Record<Platform, { complete: boolean; listings: Listing[] }>>;
  /** Every local product that may be relevant (the shell loads them). */
  products: PlanProduct[];
  /** Listing defaults, category map and category requirements: what a product renders from beside itself. */
  listing: ListingContext;
  /** Targeted run: only these SKUs. */
  skus: string[] | null;
  maxDestructivePct: number;
  orphanPolicy: 'report' | 'delete';
}

export interface BaselineUpdate {
  productId: number;
  platform: Platform;
  externalId: string;
  listing: Listing;
}

export interface PlanResult {
  actions: PlannedAction[];
  sales: Sale[];
  /** New local quantities after sales. */
  quantities: { productId: number; quantity: number }[];
  /** E.g. the sale platform's new baseline. */
  baselineUpdates: BaselineUpdate[];
  orphans: Orphan[];
  drift: Drift[];
  held: Hold[];
  /** What the guard weighed per platform: a plan made in parts (shards) adds these up and asks `destructiveHolds` once. */
  guardCounts: { platform: Platform; destructive: number; total: number }[];
}

/** 1 is the highest: a sold item must leave the other platforms before anything else happens. */
export const PRIORITY = { saleDriven: 1, stock: 2, end: 3, delete: 4, create: 5, link: 6, update: 7 } as const;

/**
 * Same baseline + same remote → same key, whichever run (webhook-targeted or full) sees it first,
 * so the unique index on stock_movements(platform, sale_key) records the sale once. The baseline's
 * version keeps a later, identical drop (after a restock) from colliding with an earlier sale.
 */
export function saleKey(platform: Platform, externalId: string, baselineQty: number, remoteQty: number, version?: string): string {
  return `${platform}:${externalId}:${version ? `${version}:` : ''}${baselineQty}>${remoteQty}`;
}

interface Ctx {
  input: PlanInput;
  platforms: Platform[];
  matches: Map<Platform, PlatformMatches>;
  out: PlanResult;
  targeted: boolean;
  destructive: Map<Platform, number>;
}

interface SaleContext {
  /** Units sold in this plan, over all platforms. */
  sold: number;
  platforms: Platform[];
  reason: string | null;
}

/** The three-way diff of every product × platform in scope, sales first, then the guards. */
export function plan(input: PlanInput): PlanResult {
  const scope = input.skus ? new Set(input.skus.map((s) => s.trim())) : null;
  const platforms = PLATFORMS.filter((p) => input.platforms.includes(p));
  const matches = new Map<Platform, PlatformMatches>();
  let productSkus: Set<string> | null = null;
  const hasProductSku = (sku: string): boolean => (productSkus ??= new Set(input.products.map((p) => p.product.sku.trim()))).has(sku);
  for (const platform of platforms) {
    const rule = input.listing.settings[platform]?.priceRule;
    matches.set(
      platform,
      matchPlatform(platform, input.snapshot[platform], input.products, {
        fuzzy: scope === null,
        priceCents: (p) => {
          const r = applyPriceRule(p.price, rule);
          return r.ok ? r.price.cents : p.price.cents;
        },
        hasProductSku,
      }),
    );
  }

  const out: PlanResult = { actions: [], sales: [], quantities: [], baselineUpdates: [], orphans: [], drift: [], held: [], guardCounts: [] };
  const ctx: Ctx = { input, platforms, matches, out, targeted: scope !== null, destructive: new Map() };

  for (let i = 0; i < input.products.length; i++) {
    const pp = input.products[i]!;
    if (scope && !scope.has(pp.product.sku.trim())) continue;
    planProduct(ctx, pp, i);
  }

  for (const platform of platforms) {
    const view = matches.get(platform)!;
    for (const { listing, reason } of view.unmatched) {
      const sku = listing.sku?.trim() || null;
      if (scope && !(sku && scope.has(sku))) continue;
      out.orphans.push({ platform, externalId: listing.externalId, sku, title: listing.title, reason });
      // An incomplete snapshot may simply not have reached the product that owns this listing.
      if (input.orphanPolicy === 'delete' && view.complete) {
        push(ctx, { platform, productId: null, sku, kind: 'delete', priority: PRIORITY.delete, reason, payload: withRefs({ externalId: listing.externalId }, listing.refs) }, true);
      }
    }
  }

  out.guardCounts = platforms.map((p) => ({ platform: p, destructive: ctx.destructive.get(p) ?? 0, total: matches.get(p)!.activeCount }));
  out.held = destructiveHolds(out.guardCounts, input.maxDestructivePct);

  const order = new Map(PLATFORMS.map((p, i) => [p, i]));
  out.actions.sort(
    (a, b) =>
      a.priority - b.priority ||
      order.get(a.platform)! - order.get(b.platform)! ||
      cmp(a.sku ?? '', b.sku ?? '') ||
      cmp(a.kind, b.kind) ||
      cmp(a.payload.externalId ?? '', b.payload.externalId ?? ''),
  );
  return out;
}

function planProduct(ctx: Ctx, pp: PlanProduct, index: number): void {
  const { product } = pp;
  const sales: SaleContext = { sold: 0, platforms: [], reason: null };

  for (const platform of ctx.platforms) {
    const match = ctx.matches.get(platform)!.byIndex[index];
    const baseline = pp.baselines[platform];
    // A sale is a drop relative to what we last wrote; our own end (V&R: marked sold) leaves the
    // baseline sold too, so it never reads as one.
    if (!match || match.how !== 'baseline' || !baseline?.listing || baseline.listing.state !== 'active') continue;
    const remote = withSourcePhotos(match.listing, baseline.listing.photos);
    // A buyer leaves a listing sold (or fewer units on sale); one taken off sale by hand is
    // ended, whatever quantity it shows (V&R shows 0 out of inventory): drift, not a sale.
    if (remote.state === 'ended' || remote.state === 'draft') continue;
    const before = baseline.listing.quantity;
    const after = remote.state === 'sold' ? 0 : remote.quantity;
    if (after >= before) continue;
    sales.sold += before - after;
    sales.platforms.push(platform);
    ctx.out.sales.push({
      productId: product.id,
      sku: product.sku,
      platform,
      saleKey: saleKey(platform, remote.externalId, before, after, baseline.version),
      quantity: before - after,
      externalId: remote.externalId,
    });
    ctx.out.baselineUpdates.push({ productId: product.id, platform, externalId: remote.externalId, listing: remote });
  }

  let current = product;
  if (sales.sold > 0) {
    const quantity = Math.max(0, product.quantity - sales.sold);
    ctx.out.quantities.push({ productId: product.id, quantity });
    current = { ...product, quantity };
    sales.reason = `sold on ${sales.platforms.join(', ')}`;
  }

  for (const platform of ctx.platforms) planPair(ctx, pp, index, current, platform, sales);
}

function notListedReason(product: Product, platform: Platform, enabled: readonly Platform[], saleReason: string | null): string | null {
  if (product.status === 'sold') return saleReason ?? 'sold';
  if (product.status === 'archived') return 'archived';
  if (product.status === 'draft') return 'draft';
  if (product.quantity <= 0) return saleReason ?? 'quantity 0';
  if (!(product.platforms ?? enabled).includes(platform)) return `not for ${platform}`;
  return null;
}

function planPair(ctx: Ctx, pp: PlanProduct, index: number, product: Product, platform: Platform, sales: SaleContext): void {
  const view = ctx.matches.get(platform)!;
  const baseline = pp.baselines[platform];
  const match = view.byIndex[index];
  // Photos in the URLs we sent: Reverb and the shop serve their own copies of each.
  const photos = baseline?.listing?.photos;
  const remote = match ? withSourcePhotos(match.listing, photos) : undefined;
  const refs = mergeRefs(baseline?.refs, baseline?.listing?.refs, remote?.refs);
  const saleHere = sales.sold > 0 && sales.platforms.includes(platform);
  const base = { platform, productId: product.id, sku: product.sku };

  let linked = false;
  if (remote && match && (match.how !== 'baseline' || !baseline?.listing)) {
    linked = true;
    const how = match.how === 'fuzzy' ? 'brand+model+year' : match.how === 'relink' ? `SKU (was ${baseline?.externalId})` : match.how === 'sku' ? 'SKU' : 'id, no baseline listing yet';
    push(ctx, { ...base, kind: 'link', priority: PRIORITY.link, reason: `linked by ${how}`, payload: withRefs({ externalId: remote.externalId, listing: remote }, refs) });
  }
  // A baseline whose last write took the listing off sale does not block a create once that
  // listing is gone: no run could have put it back on sale unseen.
  const inBaseline = Boolean(baseline?.externalId) && baseline?.listing?.state !== 'ended' && baseline?.listing?.state !== 'sold';
  // Nothing to do, but what we last wrote is not what is there (e.g. it was changed to what we
  // want): keep the baseline true, or the next hand edit would be misread.
  const staleBaseline = remote !== undefined && !linked && !saleHere && baseline?.listing != null;

  const notListed = notListedReason(product, platform, ctx.input.enabledPlatforms, sales.reason);
  if (notListed !== null) {
    if (remote && isOffered(remote)) {
      const saleDriven = product.status === 'sold' || (sales.sold > 0 && product.quantity === 0);
      const payload = withRefs({ externalId: remote.externalId }, refs);
      if (view.complete) {
        push(ctx, { ...base, kind: 'end', priority: saleDriven ? PRIORITY.saleDriven : PRIORITY.end, reason: notListed, payload }, !saleDriven);
      } else if (saleDriven) {
        // No end on an incomplete snapshot, but a sold item must still stop selling: stock 0 does it.
        push(ctx, { ...base, kind: 'stock', priority: PRIORITY.saleDriven, reason: `${notListed}, quantity ${remote.quantity} → 0 (snapshot incomplete, no end)`, payload: { ...payload, quantity: 0 } });
      }
      return;
    }
    if (staleBaseline) refreshBaseline(ctx, product.id, platform, baseline!.listing!, remote!);
    return;
  }

  if (pp.noRelist?.includes(platform) && !(remote && isOffered(remote))) {
    if (staleBaseline) refreshBaseline(ctx, product.id, platform, baseline!.listing!, remote!);
    return;
  }

  const rendered = renderListing(product, platform, ctx.input.listing, { externalId: remote?.externalId ?? '' });
  if (!rendered.ok) {
    if (remote) {
      if (remote.state === 'active' && remote.quantity !== product.quantity) pushStock(ctx, base, remote, product.quantity, refs, sales, false);
      push(ctx, { ...base, kind: 'update', priority: PRIORITY.update, reason: `cannot render for ${platform}`, error: rendered.reason, payload: withRefs({ externalId: remote.externalId }, refs) });
    } else if (inBaseline) {
      if (view.complete) ctx.out.drift.push({ platform, sku: product.sku, fields: ['missing'] });
    } else if (view.complete) {
      push(ctx, { ...base, kind: 'create', priority: PRIORITY.create, reason: `new on ${platform}`, error: rendered.reason, payload: {} });
    }
    return;
  }
  const desired = rendered.listing;

  if (!remote) {
    // We wrote it and it is not there: perhaps deleted by hand, perhaps created after this
    // snapshot was read. Creating again could make a duplicate, so report and leave it.
    if (inBaseline) {
      if (view.complete) ctx.out.drift.push({ platform, sku: product.sku, fields: ['missing'] });
      return;
    }
    if (!view.complete) return;
    // A targeted run does not match by brand+model+year (it sees only a few products), so it must
    // not create beside a hand-made listing that the next full run may well adopt.
    if (ctx.targeted) {
      const key = fuzzyKey(product.brand, product.model, product.year);
      if (key && view.openFuzzyKeys.has(key)) return;
    }
    const holder = view.skuHolder(product.sku);
    if (holder) {
      push(ctx, { ...base, kind: 'create', priority: PRIORITY.create, reason: `new on ${platform}`, error: `${platform} already holds SKU ${product.sku} as listing ${holder.externalId}, linked to another product`, payload: {} });
      return;
    }
    push(ctx, { ...base, kind: 'create', priority: PRIORITY.create, reason: `new on ${platform}`, payload: { listing: desired } });
    return;
  }

  const fields = contentDiff(platform, desired, remote);
  const relist = remote.state !== 'active';
  const drifted: ContentField[] = [];
  let driftQuantity = false;
  let driftState = false;
  // Drift needs what we last wrote; after a link or a sale that is the remote itself, so none.
  const written = linked || saleHere ? null : baseline?.listing ? withSourcePhotos(baseline.listing, photos) : null;
  if (written) {
    for (const f of fields) if (!fieldEqual(f, remote, written) && fieldEqual(f, desired, written)) drifted.push(f);
    // A relist carries the quantity: what an ended listing shows is not a quantity edit.
    driftQuantity = !relist && remote.quantity !== written.quantity && desired.quantity === written.quantity;
    driftState = remote.state !== written.state && desired.state === written.state;
  }

  let planned = false;
  if (relist || fields.length > 0) {
    const changed = fields.filter((f) => !drifted.includes(f)).map((f) => describe(f, remote, desired));
    const driftList = [...drifted, ...(driftState ? ['state'] : [])];
    const parts = [relist && !driftState ? `relist (was ${remote.state})` : null, changed.join(', ') || null, driftList.length ? `drift: ${driftList.join(', ')}` : null];
    const payload: ActionPayload = { externalId: remote.externalId, listing: desired, photosChanged: relist ? !fieldEqual('images', desired, remote) : fields.includes('images') };
    if (photos?.length) payload.photos = photos;
    if (relist) payload.relistFrom = remote.state;
    push(ctx, { ...base, kind: 'update', priority: PRIORITY.update, reason: parts.filter(Boolean).join('; '), payload: withRefs(payload, refs) });
    planned = true;
  }
  // A relist carries the quantity in its listing; otherwise quantity travels as its own, faster stock action.
  if (!relist && remote.quantity !== desired.quantity) {
    pushStock(ctx, base, remote, desired.quantity, refs, sales, driftQuantity);
    planned = true;
  }
  const driftFields = [...drifted, ...(driftQuantity ? ['quantity'] : []), ...(driftState ? ['state'] : [])];
  if (driftFields.length > 0) ctx.out.drift.push({ platform, sku: product.sku, fields: driftFields });
  if (!planned && staleBaseline) refreshBaseline(ctx, product.id, platform, baseline!.listing!, remote);
}

function refreshBaseline(ctx: Ctx, productId: number, platform: Platform, written: Listing, remote: Listing): void {
  // Both in the URLs we sent: a platform's own photo URLs are not a change.
  if (!sameListing(platform, withSourcePhotos(written, written.photos), remote)) ctx.out.baselineUpdates.push({ productId, platform, externalId: remote.externalId, listing: remote });
}

function pushStock(
  ctx: Ctx,
  base: { platform: Platform; productId: number; sku: string },
  remote: Listing,
  quantity: number,
  refs: Record<string, string> | undefined,
  sales: SaleContext,
  drift: boolean,
): void {
  const change = `quantity ${remote.quantity} → ${quantity}`;
  const reason = drift ? `drift: ${change}` : sales.reason ? `${sales.reason}, ${change}` : change;
  push(ctx, {
    ...base,
    kind: 'stock',
    priority: sales.sold > 0 ? PRIORITY.saleDriven : PRIORITY.stock,
    reason,
    payload: withRefs({ externalId: remote.externalId, quantity }, refs),
  });
}

function describe(field: ContentField, from: Listing, to: Listing): string {
  switch (field) {
    case 'price':
      return `price ${money(from.price, to.price)} → ${money(to.price, from.price)}`;
    case 'condition':
      return `condition ${from.condition ?? 'none'} → ${to.condition ?? 'none'}`;
    case 'year':
      return `year ${from.year ?? 'none'} → ${to.year ?? 'none'}`;
    default:
      return field;
  }
}

const money = (m: Money, other: Money): string => (m.currency === other.currency ? formatAmount(m.cents) : formatMoney(m));

function push(ctx: Ctx, action: PlannedAction, destructive = false): void {
  ctx.out.actions.push(action);
  if (destructive) ctx.destructive.set(action.platform, (ctx.destructive.get(action.platform) ?? 0) + 1);
}

function mergeRefs(...all: (Record<string, string> | undefined)[]): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const r of all) if (r && Object.keys(r).length > 0) out = { ...out, ...r };
  return out;
}

function withRefs(payload: ActionPayload, refs: Record<string, string> | undefined): ActionPayload {
  return refs ? { ...payload, refs } : payload;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
