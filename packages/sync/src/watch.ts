import type { Listing, Platform } from '@gearsync/core';
import { listings, products, runs, watch, type RunOrder } from '@gearsync/db';
import { isPlatformError, type PlatformSale } from '@gearsync/platforms';
import type { SyncContext } from './context.js';
import { awayReason } from './away.js';
import { describeError } from './errors.js';
import { notify } from './notify.js';
import { nameOrdersNow, toldOrders } from './oversell.js';
import { requestRun } from './trigger.js';

export interface PollResult {
  platform: Platform;
  /** Why nothing was read (a full run is on V&R, the platform is away). */
  skipped?: string;
  sales: number;
  skus: string[];
  runId?: string;
}

/** Polls failed in a row before the dealer is told. */
const FAILURES_TO_NOTIFY = 3;

/**
 * One tick of a platform's sale watch: reads only what sold since its cursor (eBay, Reverb and
 * WooCommerce orders; V&R's export compared with what we left on sale there) and starts the same
 * targeted, top-priority run a webhook would. The sale itself is recorded by that run's plan,
 * under the same key whichever of webhook, watch and full snapshot sees it first.
 */
export async function pollSales(ctx: SyncContext, platform: Platform, now = new Date()): Promise<PollResult> {
  const db = ctx.database.db;
  // A poll queued before the watch was turned off here (Redis keeps it across a restart) reads nothing.
  if (!ctx.config.salePollMs[platform]) return { platform, skipped: 'the sale watch is off', sales: 0, skus: [] };
  const away = awayReason(ctx, platform, now);
  if (away) return { platform, skipped: away, sales: 0, skus: [] };
  const state = await watch.get(db, platform);
  // A first poll looks back one interval: older sales are the next full run's.
  const cursor = state?.cursor ?? new Date(now.getTime() - Math.max(ctx.config.salePollMs[platform], 60_000));
  const adapter = ctx.adapter(platform);
  try {
    let skus: string[];
    let observed: Listing[] | undefined;
    let orders: RunOrder[] = [];
    let next: Date;
    let sales: number;
    // Where a targeted run cannot look a SKU up (V&R's only view is the whole export), the watch
    // compares the export itself and hands the run what it saw.
    if (adapter.salesSince && !adapter.limits.lookupReadsEverything) {
      const read = await adapter.salesSince(cursor);
      orders = await ordersOf(ctx, platform, read.sales);
      skus = [...new Set(orders.map((o) => o.sku))];
      sales = read.sales.length;
      next = read.cursor;
    } else {
      if (await fullRunOn(ctx, platform)) return { platform, skipped: 'a full run is reading or writing it', sales: 0, skus: [] };
      const seen = await soldSinceWeLeftIt(ctx, platform);
      skus = seen.map((s) => s.sku);
      observed = seen.map((s) => s.listing);
      sales = seen.length;
      next = now;
    }
    // Only SKUs we hold that are still for sale: an order read again (the cursor is inclusive) for
    // an item already sold out starts no run.
    const ours = skus.length ? await products.bySkus(db, skus) : [];
    const known = ours.filter((p) => p.status === 'active' && p.quantity > 0).map((p) => p.sku);
    let runId: string | undefined;
    if (known.length) {
      const ticket = await requestRun(ctx, {
        trigger: 'watch',
        skus: known,
        ...(observed ? { observed: { [platform]: observed.filter((l) => l.sku && known.includes(l.sku)) } } : {}),
        ...(orders.length ? { orders: { [platform]: orders.filter((o) => known.includes(o.sku)) } } : {}),
      });
      runId = ticket.runId;
      ctx.logger.info('sale watch found sales', { platform, skus: known, runId });
    }
    // An order of an item another run already sold out (a webhook's, a full run's) still names its sale.
    const late = orders.filter((o) => !known.includes(o.sku) && ours.some((p) => p.sku === o.sku));
    await nameOrdersNow(ctx, toldOrders({ [platform]: late }));
    await watch.succeeded(db, platform, next, sales);
    return { platform, sales, skus: known, ...(runId ? { runId } : {}) };
  } catch (err) {
    const error = describeError(err);
    if (isPlatformError(err) && err.kind === 'unavailable') return { platform, skipped: `away: ${error}`, sales: 0, skus: [] };
    const failures = await watch.failed(db, platform, cursor, error);
    ctx.logger.warn('sale watch poll failed; the next tick reads the same span again', { platform, failures, error });
    if (failures === FAILURES_TO_NOTIFY) {
      await notify(ctx, [{ kind: 'watch', key: `watch:${platform}:${cursor.toISOString()}`, text: `${platform}: ${failures} polls in a row failed (${error}); sales there wait for the next full run or webhook` }]);
    }
    return { platform, skipped: `failed: ${error}`, sales: 0, skus: [] };
  }
}

/** Each order line as a told order, its SKU read from our listings where the platform gave none. */
async function ordersOf(ctx: SyncContext, platform: Platform, sales: PlatformSale[]): Promise<RunOrder[]> {
  const out: RunOrder[] = [];
  for (const s of sales) {
    const sku = s.sku ?? (s.externalId ? (await products.skusForExternalIds(ctx.database.db, platform, [s.externalId]))[0] : undefined);
    if (!sku) continue;
    out.push({ sku, orderId: s.orderId, at: s.at.toISOString(), ...(s.price ? { price: { cents: s.price.cents, currency: s.price.currency } } : {}) });
  }
  return out;
}

/** V&R allows one session and one action at a time: its poll stands aside while a full run works there. */
async function fullRunOn(ctx: SyncContext, platform: Platform): Promise<boolean> {
  const active = await runs.listActive(ctx.database.db);
  return active.some((r) => r.skus === null && r.platforms.includes(platform) && (r.status === 'snapshotting' || r.status === 'executing'));
}

/** Listings we left on sale that the platform now shows sold or with fewer units: read from the whole account (V&R's export). */
async function soldSinceWeLeftIt(ctx: SyncContext, platform: Platform): Promise<{ sku: string; listing: Listing }[]> {
  const left = new Map((await listings.onSale(ctx.database.db, platform)).map((l) => [l.externalId, l]));
  const out: { sku: string; listing: Listing }[] = [];
  for await (const page of ctx.adapter(platform).fetchListings()) {
    for (const l of page.listings) {
      const ours = left.get(l.externalId);
      if (!ours) continue;
      const now = l.state === 'sold' ? 0 : l.quantity;
      if (now < ours.quantity) out.push({ sku: ours.sku, listing: { ...l, sku: ours.sku } });
    }
  }
  return out;
}
