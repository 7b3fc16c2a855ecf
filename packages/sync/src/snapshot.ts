import { brandKey, canMove, type Listing, type Platform } from '@gearsync/core';
import { listings, products, remote, runs, settings, type PlatformSnapshotInfo } from '@gearsync/db';
import type { SyncContext } from './context.js';
import { describeError } from './errors.js';
import { awayReason } from './away.js';
import { notify, refusedNotice } from './notify.js';
import { failureOf, passing, waitBeforeRetry } from './retry.js';
import { advance } from './pipeline.js';

/**
 * Stage 2: what each platform really lists, written to Postgres for the planner. A full run
 * reads every page; a targeted run looks its SKUs up. A platform whose read failed part-way
 * is marked incomplete, and the planner then refuses it anything destructive.
 */
export async function snapshotStage(ctx: SyncContext, runId: string, progress?: (pct: number) => Promise<void>): Promise<void> {
  const db = ctx.database.db;
  const run = await runs.get(db, runId);
  if (!run) throw new Error(`run ${runId} not found`);
  if (!canMove('snapshot', run.status)) return; // already past this stage
  const startedAt = new Date();
  await runs.transition(db, runId, 'snapshot', 'snapshotting', { startedAt: run.startedAt ?? startedAt });
  const log = ctx.logger.child({ runId, stage: 'snapshot' });

  let done = 0;
  await Promise.all(
    run.platforms.map(async (platform) => {
      const info = await snapshotPlatform(ctx, run, platform);
      await runs.recordSnapshot(db, runId, platform, info);
      log.info('platform snapshot', { platform, ...info });
      done += 1;
      await progress?.(Math.round((done / run.platforms.length) * 100));
    }),
  );
  const finishedAt = new Date();
  await runs.recordStage(db, runId, 'snapshot', { startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), ms: finishedAt.getTime() - startedAt.getTime() });
  if (await runs.transition(db, runId, 'snapshotted', 'planning', { snapshotAt: startedAt })) await advance(ctx, run, 'snapshot');
}

/** A read that failed for a passing reason (5xx, timeout, 429) is started again this many times. */
const READ_ATTEMPTS = 5;

async function snapshotPlatform(ctx: SyncContext, run: runs.SyncRunRow, platform: Platform): Promise<PlatformSnapshotInfo> {
  const runId = run.id;
  const adapter = ctx.adapter(platform);
  const callsBefore = adapter.calls();
  const started = Date.now();
  let last: PlatformSnapshotInfo = { complete: false, listings: 0, pages: 0 };
  // Away (maintenance hours): incomplete, so nothing destructive is planned there; the next run catches up.
  const away = awayReason(ctx, platform);
  if (away) return { complete: false, listings: 0, pages: 0, calls: 0, ms: 0, error: `away: ${away}` };
  try {
    await refreshRequirements(ctx, runId, platform);
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      try {
        const read = await readPlatform(ctx, run, platform);
        if (!run.skus) await refreshBrands(ctx, runId, platform);
        return { complete: true, ...read, calls: adapter.calls() - callsBefore, ms: Date.now() - started };
      } catch (err) {
        last = { complete: false, listings: 0, pages: 0, calls: adapter.calls() - callsBefore, ms: Date.now() - started, error: describeError(err) };
        const failure = failureOf(err, 'permanent');
        if (failure.tell) await notify(ctx, [refusedNotice(platform, failure.kind, last.error!)]);
        if (!passing(failure) || attempt === READ_ATTEMPTS) break;
        const waitMs = waitBeforeRetry(failure.retryAfterMs, ctx.config.BACKOFF_MS, attempt);
        ctx.logger.warn('platform read failed, reading again', { runId, platform, attempt, error: last.error, waitMs });
        await new Promise((r) => setTimeout(r, waitMs));
      }
    }
    return last;
  } finally {
    await runs.addApiCalls(ctx.database.db, runId, platform, adapter.calls() - callsBefore);
  }
}

const REQUIREMENT_ATTEMPTS = 8;
/** Many small reads: none waits long for another. */
const REQUIREMENTS_WAIT_CAP_MS = 10_000;

/** How long what a platform requires of a category (eBay's conditions and aspects) is trusted. */
const REQUIREMENTS_TTL_MS = 24 * 3600_000;

/**
 * What the platform requires of the categories the dealer mapped (eBay's Metadata and Taxonomy
 * APIs), read before planning so the renderer can choose conditions and check aspects. Kept in
 * Postgres for a day. A failed read is not the snapshot's failure: the products of an unread
 * category fail with that reason and the next run reads it again.
 */
async function refreshRequirements(ctx: SyncContext, runId: string, platform: Platform): Promise<void> {
  const adapter = ctx.adapter(platform);
  if (!adapter.categoryRequirements) return;
  const db = ctx.database.db;
  const [map, known] = await Promise.all([settings.categories(db), settings.requirements(db)]);
  const ids = new Set<string>();
  for (const mapping of Object.values(map)) {
    const id = platform === 'ebay' ? mapping.ebay?.categoryId : undefined;
    if (id) ids.add(id);
  }
  const fresh = Date.now() - REQUIREMENTS_TTL_MS;
  const stale = [...ids].filter((id) => (known.fetchedAt[platform]?.[id]?.getTime() ?? 0) < fresh);
  if (!stale.length) return;
  // Many small reads (one per category): each attempt keeps what it read, so a later one asks for less.
  for (let attempt = 1; attempt <= REQUIREMENT_ATTEMPTS; attempt++) {
    try {
      await settings.setRequirements(db, platform, await adapter.categoryRequirements(stale));
      return;
    } catch (err) {
      const failure = failureOf(err, 'permanent');
      ctx.logger.warn('category requirements not read', { runId, platform, categories: stale, attempt, error: describeError(err) });
      if (!passing(failure) || attempt === REQUIREMENT_ATTEMPTS) return;
      await new Promise((r) => setTimeout(r, waitBeforeRetry(failure.retryAfterMs, ctx.config.BACKOFF_MS, attempt + 1, REQUIREMENTS_WAIT_CAP_MS)));
    }
  }
}

/**
 * Whether the platform knows each brand listed there (V&R's form refuses a brand outside its
 * list), asked after a full read and kept with the requirements, so readiness and the renderer
 * name the products it would refuse. A known brand is trusted for a day; an unknown one is asked
 * again each full run (V&R may have added it). A failed check is not the snapshot's failure:
 * the adapter checks a brand before its form anyway.
 */
async function refreshBrands(ctx: SyncContext, runId: string, platform: Platform): Promise<void> {
  const adapter = ctx.adapter(platform);
  if (!adapter.unknownBrands) return;
  const db = ctx.database.db;
  const [forSale, known] = await Promise.all([products.forSale(db), settings.requirements(db)]);
  const enabled = ctx.config.PLATFORMS as Platform[];
  const brands = new Map<string, string>();
  for (const p of forSale) if (p.brand.trim() && (p.platforms ?? enabled).includes(platform)) brands.set(brandKey(p.brand), p.brand.trim());
  const fresh = Date.now() - REQUIREMENTS_TTL_MS;
  const stale = [...brands].filter(([key]) => known[platform]?.[key]?.known !== true || (known.fetchedAt[platform]?.[key]?.getTime() ?? 0) < fresh).map(([, name]) => name);
  if (!stale.length) return;
  try {
    const unknown = new Set((await adapter.unknownBrands(stale)).map(brandKey));
    await settings.setRequirements(db, platform, Object.fromEntries(stale.map((name) => [brandKey(name), { conditionIds: [], requiredAspects: [], name, known: !unknown.has(brandKey(name)) }])));
  } catch (err) {
    ctx.logger.warn('brands not checked', { runId, platform, brands: stale.length, error: describeError(err) });
  }
}

/** One read of a platform into `remote_listings`, from scratch (a retried read starts over). */
async function readPlatform(ctx: SyncContext, run: runs.SyncRunRow, platform: Platform): Promise<{ listings: number; pages: number }> {
  const { id: runId, skus } = run;
  const db = ctx.database.db;
  const adapter = ctx.adapter(platform);
  await remote.clear(db, runId, platform);
  // A full read learns from what we last wrote (eBay's offers); a targeted run's lookups read it all anyway.
  if (!skus && (adapter.prime || adapter.migrateListings)) {
    const known = await listings.primingKeys(db, platform);
    adapter.prime?.(known);
    // The first read of an account that already sells (we know none of its listings): eBay's made in
    // Seller Hub are invisible to it until migrated, and each would be created a second time. A dry run moves nothing.
    if (!known.length && !run.dryRun && adapter.migrateListings) {
      const moved = await adapter.migrateListings();
      if (moved.migrated.length || moved.failed.length) {
        ctx.logger.info('migrated listings into the API before the first read', { runId, platform, migrated: moved.migrated.length, failed: moved.failed });
      }
    }
  }
  if (skus) {
    const found: Listing[] = [];
    if (adapter.limits.lookupReadsEverything) {
      // A sale's run must not wait for a whole V&R export: what we last wrote there stands in
      // for it (the next full run reads the platform itself).
      // What a sale watch saw there (it read the export) stands before the baseline.
      const observed = new Map((run.observed?.[platform] ?? []).map((l) => [l.sku, l]));
      const local = await products.bySkus(db, skus);
      const known = await listings.baselines(db, local.map((p) => p.id), [platform]);
      for (const p of local) {
        const listing = observed.get(p.sku) ?? known.get(p.id)?.[platform]?.listing;
        if (listing) found.push(listing);
      }
      await remote.insertPage(db, runId, platform, found);
      return { listings: found.length, pages: 0 };
    }
    // A targeted run is a sale's (or a dealer's edit): its few lookups go ahead of background reads.
    await ctx.urgently(platform, async () => {
      for (const sku of skus) {
        const listing = await adapter.findBySku(sku);
        if (listing) found.push(listing);
      }
    });
    await remote.insertPage(db, runId, platform, found);
    return { listings: found.length, pages: 1 };
  }
  let count = 0;
  let pages = 0;
  for await (const page of adapter.fetchListings()) {
    await remote.insertPage(db, runId, platform, page.listings);
    count += page.listings.length;
    pages += 1;
  }
  return { listings: count, pages };
}
