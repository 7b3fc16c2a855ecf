import { contentDiff, fieldEqual, isOffered, sameListing, withSourcePhotos, type ContentField } from './compare.js';
import { destructiveHolds, type Hold } from './guards.js';
import { fuzzyKey, matchPlatform, type PlatformMatches } from './match.js';
import { formatAmount, formatMoney } from './money.js';
import { applyPriceRule, renderListing } from './render.js';
import type { ListingContext } from './settings.js';
import type { ActionPayload, Baseline, Drift, Listing, Money, Orphan, Photo, Platform, PlannedAction, Product, Sale } from './types.js';
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

  const out: PlanResult = { actions: [], sales: [], baselineUpdates: [], orphans: [], drift: [], held: [], guardCounts: [] };
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
    // The plan's view of the stock left. The shell lowers the stored stock itself, by the sales it
    // records for the first time (`stock.recordSales`): a sale another run recorded already counts once.
    current = { ...product, quantity: Math.max(0, product.quantity - sales.sold) };
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

/** One product on one platform, as the planner weighs it. */
interface Pair {
  platform: Platform;
  product: Product;
  view: PlatformMatches;
  baseline: Baseline | undefined;
  /** What the platform shows, its photos in the URLs we sent (Reverb and the shop serve their own copies). */
  remote: Listing | undefined;
  photos: Photo[] | undefined;
  refs: Record<string, string> | undefined;
  base: { platform: Platform; productId: number; sku: string };
  sales: SaleContext;
  /** The product sold on this very platform in this plan. */
  saleHere: boolean;
  /** Adopted in this plan: a listing found by SKU or brand+model+year, or one without a baseline listing yet. */
  linked: boolean;
  /** The baseline names a listing we left on sale (so a missing one is drift, not a create). */
  inBaseline: boolean;
  /** Nothing to do, but what we last wrote is not what is there: the baseline is brought up to date. */
  staleBaseline: boolean;
}

function planPair(ctx: Ctx, pp: PlanProduct, index: number, product: Product, platform: Platform, sales: SaleContext): void {
  const pair = describePair(ctx, pp, index, product, platform, sales);
  const notListed = notListedReason(product, platform, ctx.input.enabledPlatforms, sales.reason);
  if (notListed !== null) return planOffSale(ctx, pair, notListed);
  if (pp.noRelist?.includes(platform) && !(pair.remote && isOffered(pair.remote))) return keepBaselineTrue(ctx, pair);
  const rendered = renderListing(product, platform, ctx.input.listing, { externalId: pair.remote?.externalId ?? '' });
  if (!rendered.ok) return planUnrenderable(ctx, pair, rendered.reason);
  if (!pair.remote) return planCreate(ctx, pair, rendered.listing);
  planChanges(ctx, pair, pair.remote, rendered.listing);
}

/** The pair's facts; a listing found other than by its baseline is linked here, before anything else is planned for it. */
function describePair(ctx: Ctx, pp: PlanProduct, index: number, product: Product, platform: Platform, sales: SaleContext): Pair {
  const view = ctx.matches.get(platform)!;
  const baseline = pp.baselines[platform];
  const match = view.byIndex[index];
  const photos = baseline?.listing?.photos;
  const remote = match ? withSourcePhotos(match.listing, photos) : undefined;
  const refs = mergeRefs(baseline?.refs, baseline?.listing?.refs, remote?.refs);
  const saleHere = sales.sold > 0 && sales.platforms.includes(platform);
  const base = { platform, productId: product.id, sku: product.sku };
  const linked = Boolean(remote && match && (match.how !== 'baseline' || !baseline?.listing));
  if (linked) {
    const how = match!.how === 'fuzzy' ? 'brand+model+year' : match!.how === 'relink' ? `SKU (was ${baseline?.externalId})` : match!.how === 'sku' ? 'SKU' : 'id, no baseline listing yet';
    push(ctx, { ...base, kind: 'link', priority: PRIORITY.link, reason: `linked by ${how}`, payload: withRefs({ externalId: remote!.externalId, listing: remote! }, refs) });
  }
  return {
    platform,
    product,
    view,
    baseline,
    remote,
    photos,
    refs,
    base,
    sales,
    saleHere,
    linked,
    // A baseline whose last write took the listing off sale does not block a create once that
    // listing is gone: no run could have put it back on sale unseen.
    inBaseline: Boolean(baseline?.externalId) && baseline?.listing?.state !== 'ended' && baseline?.listing?.state !== 'sold',
    // E.g. it was changed to what we want: keep the baseline true, or the next hand edit would be misread.
    staleBaseline: remote !== undefined && !linked && !saleHere && baseline?.listing != null,
  };
}

/** The product is not to be listed here (sold, archived, out of stock, not for this platform): off sale if it is on. */
function planOffSale(ctx: Ctx, pair: Pair, notListed: string): void {
  const { remote, product, sales, base } = pair;
  if (!remote || !isOffered(remote)) return keepBaselineTrue(ctx, pair);
  const saleDriven = product.status === 'sold' || (sales.sold > 0 && product.quantity === 0);
  const payload = withRefs({ externalId: remote.externalId }, pair.refs);
  if (pair.view.complete) {
    push(ctx, { ...base, kind: 'end', priority: saleDriven ? PRIORITY.saleDriven : PRIORITY.end, reason: notListed, payload }, !saleDriven);
  } else if (saleDriven) {
    // No end on an incomplete snapshot, but a sold item must still stop selling: stock 0 does it.
    push(ctx, { ...base, kind: 'stock', priority: PRIORITY.saleDriven, reason: `${notListed}, quantity ${remote.quantity} → 0 (snapshot incomplete, no end)`, payload: { ...payload, quantity: 0 } });
  }
}

function keepBaselineTrue(ctx: Ctx, pair: Pair): void {
  if (pair.staleBaseline) refreshBaseline(ctx, pair.product.id, pair.platform, pair.baseline!.listing!, pair.remote!);
}

/** The product cannot be rendered for this platform: its stock still follows, and the reason is shown on the action that waits for it. */
function planUnrenderable(ctx: Ctx, pair: Pair, reason: string): void {
  const { remote, product, platform, base, refs } = pair;
  if (remote) {
    if (remote.state === 'active' && remote.quantity !== product.quantity) pushStock(ctx, base, remote, product.quantity, refs, pair.sales, false);
    push(ctx, { ...base, kind: 'update', priority: PRIORITY.update, reason: `cannot render for ${platform}`, error: reason, payload: withRefs({ externalId: remote.externalId }, refs) });
  } else if (pair.inBaseline) {
    if (pair.view.complete) ctx.out.drift.push({ platform, sku: product.sku, fields: ['missing'] });
  } else if (pair.view.complete) {
    push(ctx, { ...base, kind: 'create', priority: PRIORITY.create, reason: `new on ${platform}`, error: reason, payload: {} });
  }
}

/** Not on the platform: created, unless anything says the listing may exist after all. */
function planCreate(ctx: Ctx, pair: Pair, desired: Listing): void {
  const { platform, product, view, base } = pair;
  // We wrote it and it is not there: perhaps deleted by hand, perhaps created after this
  // snapshot was read. Creating again could make a duplicate, so report and leave it.
  if (pair.inBaseline) {
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
}

/** On the platform: its content and quantity brought to what we want, hand edits reported as drift. */
function planChanges(ctx: Ctx, pair: Pair, remote: Listing, desired: Listing): void {
  const { platform, product, base, refs, photos } = pair;
  const fields = contentDiff(platform, desired, remote);
  const relist = remote.state !== 'active';
  const drift = driftOf(pair, remote, desired, fields, relist);

  let planned = false;
  if (relist || fields.length > 0) {
    const changed = fields.filter((f) => !drift.fields.includes(f)).map((f) => describe(f, remote, desired));
    const driftList = [...drift.fields, ...(drift.state ? ['state'] : [])];
    const parts = [relist && !drift.state ? `relist (was ${remote.state})` : null, changed.join(', ') || null, driftList.length ? `drift: ${driftList.join(', ')}` : null];
    const payload: ActionPayload = { externalId: remote.externalId, listing: desired, photosChanged: relist ? !fieldEqual('images', desired, remote) : fields.includes('images') };
    if (photos?.length) payload.photos = photos;
    if (relist) payload.relistFrom = remote.state;
    push(ctx, { ...base, kind: 'update', priority: PRIORITY.update, reason: parts.filter(Boolean).join('; '), payload: withRefs(payload, refs) });
    planned = true;
  }
  // A relist carries the quantity in its listing; otherwise quantity travels as its own, faster stock action.
  if (!relist && remote.quantity !== desired.quantity) {
    pushStock(ctx, base, remote, desired.quantity, refs, pair.sales, drift.quantity);
    planned = true;
  }
  const driftFields = [...drift.fields, ...(drift.quantity ? ['quantity'] : []), ...(drift.state ? ['state'] : [])];
  if (driftFields.length > 0) ctx.out.drift.push({ platform, sku: product.sku, fields: driftFields });
  if (!planned) keepBaselineTrue(ctx, pair);
}

/** What was edited by hand: it differs from what we last wrote, which is still what we want. */
function driftOf(pair: Pair, remote: Listing, desired: Listing, fields: ContentField[], relist: boolean): { fields: ContentField[]; quantity: boolean; state: boolean } {
  const { baseline, photos } = pair;
  // Drift needs what we last wrote; after a link or a sale that is the remote itself, so none.
  const written = pair.linked || pair.saleHere ? null : baseline?.listing ? withSourcePhotos(baseline.listing, photos) : null;
  if (!written) return { fields: [], quantity: false, state: false };
  return {
    fields: fields.filter((f) => !fieldEqual(f, remote, written) && fieldEqual(f, desired, written)),
    // A relist carries the quantity: what an ended listing shows is not a quantity edit.
    quantity: !relist && remote.quantity !== written.quantity && desired.quantity === written.quantity,
    state: remote.state !== written.state && desired.state === written.state,
  };
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
