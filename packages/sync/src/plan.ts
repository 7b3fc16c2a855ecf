import { assignShards, canMove, formatMoney, listingHash, mergePlans, plan, type Hold, type PlanInput, type PlanResult, type Platform, type PlannedAction, type ProductKey, type RunMoveTarget, type Sale } from '@gearsync/core';
import { actions, audit, imports, listings, oversells, products, remote, runs, settings, stock, type DbOrTx } from '@gearsync/db';
import type { SyncContext } from './context.js';
import { auditRow } from './execute.js';
import { notify } from './notify.js';
import { announceOversells, oversellBrief, toldOrders, withOrders } from './oversell.js';
import { advance } from './pipeline.js';


/**
 * Stage 3: the three-way plan. Reads the snapshot and the local view, asks the pure planner,
 * then in one transaction records the sales it found, adopts the baselines they imply, writes
 * the actions and moves the run on. Only then are the execute jobs added, so a crash between
 * the two is mended by running the job again (deterministic job ids make the adds idempotent).
 */
export async function planStage(ctx: SyncContext, runId: string): Promise<void> {
  const db = ctx.database.db;
  const run = await runs.get(db, runId);
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status === 'executing') return advance(ctx, run, 'plan');
  if (!canMove('planned', run.status)) return;
  const log = ctx.logger.child({ runId, stage: 'plan' });
  const startedAt = new Date();

  const { result, loadMs, shards } = await planRun(ctx, run);
  const plannedAt = new Date();
  // A targeted run looked only its SKUs up; "not found" there is weaker evidence than a full
  // read (V&R items without a SKU are found by brand + model + year), so creates wait for a full run.
  const planned = run.skus ? result.actions.filter((a) => a.kind !== 'create') : result.actions;
  // Orphans the dealer chose to leave alone stay out of the report.
  const ignored = await imports.ignoredOrphans(db);
  if (ignored.size) result.orphans = result.orphans.filter((o) => !ignored.has(`${o.platform}:${o.externalId}`));
  const held = result.held.length > 0;
  const next = run.dryRun ? 'planned' : held ? 'awaiting_approval' : 'executing';

  const { recorded, oversold } = await recordPlan(ctx, run, result, planned, next, plannedAt);
  await announceOversells(ctx, oversold);
  const finishedAt = new Date();
  const loadedAt = new Date(startedAt.getTime() + loadMs);
  await runs.recordStage(db, runId, 'plan', {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    ms: finishedAt.getTime() - startedAt.getTime(),
    loadMs,
    planMs: plannedAt.getTime() - loadedAt.getTime(),
    shards,
  });
  await notifyPlan(ctx, runId, recorded, held ? result.held : []);
  log.info('planned', { actions: planned.length, sales: result.sales.length, orphans: result.orphans.length, drift: result.drift.length, status: next });
  if (next === 'executing') await advance(ctx, run, 'plan');
}

/** What a part of the run is planned from: the whole run at once, or one shard's products and remote rows. */
type PlanScope = { whole: true } | { whole: false; products: number[]; remoteRows: number[] };

/**
 * Asks the planner. A shop beyond PLAN_SHARD_SIZE products is planned in parts, so the planner
 * never holds every listing of every platform at once and its memory stays flat.
 */
async function planRun(ctx: SyncContext, run: runs.SyncRunRow): Promise<{ result: PlanResult; loadMs: number; shards: number }> {
  const db = ctx.database.db;
  const input = {
    platforms: run.platforms,
    enabledPlatforms: ctx.config.PLATFORMS as Platform[],
    listing: await settings.listingContext(db),
    skus: run.skus,
    maxDestructivePct: ctx.config.SYNC_MAX_DESTRUCTIVE_PCT,
    orphanPolicy: ctx.config.ORPHAN_POLICY,
  };
  const staleBefore = new Date(Date.now() - ctx.config.staleAfterMs);
  const productKeys = await products.planningKeys(db, run.skus);
  const noRelist = await oversells.relistHolds(db, null);
  const shardCount = Math.max(1, Math.ceil(productKeys.length / ctx.config.PLAN_SHARD_SIZE));
  const scopes: PlanScope[] = [];
  if (shardCount === 1) scopes.push({ whole: true });
  else {
    const shards = await shardsOf(ctx, run.id, run.platforms, productKeys, shardCount);
    for (let i = 0; i < shardCount; i++) scopes.push({ whole: false, products: shards.products[i]!, remoteRows: shards.remote[i]! });
  }
  let loadMs = 0;
  const parts: PlanResult[] = [];
  for (const scope of scopes) {
    const loading = Date.now();
    const { local, baselineMap, snapshot } = await loadScope(ctx, run, scope, staleBefore);
    loadMs += Date.now() - loading;
    parts.push(plan({ ...input, snapshot, products: local.map(({ needsSync: _n, ...product }) => ({ product, baselines: baselineMap.get(product.id) ?? {}, noRelist: noRelist.get(product.id) })) }));
  }
  return { result: parts.length === 1 ? parts[0]! : mergePlans(parts, input.maxDestructivePct), loadMs, shards: shardCount };
}

/** The local products, their baselines and the remote listings of one scope. */
async function loadScope(ctx: SyncContext, run: runs.SyncRunRow, scope: PlanScope, staleBefore: Date) {
  const db = ctx.database.db;
  const complete = (platform: Platform) => run.snapshot[platform]?.complete ?? false;
  const snapshot: PlanInput['snapshot'] = {};
  if (scope.whole) {
    const local = await products.forPlanning(db, run.skus, staleBefore);
    const baselineMap = await listings.baselines(db, run.skus ? local.map((p) => p.id) : null, run.platforms);
    for (const platform of run.platforms) snapshot[platform] = { complete: complete(platform), listings: await remote.forRun(db, run.id, platform) };
    return { local, baselineMap, snapshot };
  }
  const local = await products.forPlanning(db, { ids: scope.products }, staleBefore);
  const baselineMap = await listings.baselines(db, scope.products, run.platforms);
  for (const platform of run.platforms) snapshot[platform] = { complete: complete(platform), listings: [] };
  for (const row of await remote.byRowIds(db, scope.remoteRows)) snapshot[row.platform]!.listings.push(row.listing);
  return { local, baselineMap, snapshot };
}

/**
 * In one transaction: the sales found (each once; stock lowered only for the new ones), the
 * baselines they imply, the oversells, the actions, the links applied, the summary, and the run
 * moved on. A dry run records only its actions and summary.
 */
async function recordPlan(ctx: SyncContext, run: runs.SyncRunRow, result: PlanResult, planned: PlannedAction[], next: RunMoveTarget<'planned'>, plannedAt: Date) {
  const runId = run.id;
  const db = ctx.database.db;
  // The orders a webhook or the sale watch named: their products are locked with those that sold,
  // since another run may have recorded the sale an order belongs to.
  const told = toldOrders(run.orders);
  const toldProducts = told.length ? (await products.bySkus(db, [...new Set(told.map((o) => o.sku))])).map((p) => p.id) : [];
  return db.transaction(async (tx) => {
    const had = run.dryRun ? new Map() : await oversells.stockBefore(tx, [...result.sales.map((s) => s.productId), ...toldProducts]);
    const fresh = run.dryRun ? [] : await stock.recordSales(tx, runId, result.sales);
    const stamps = run.dryRun ? [] : await oversells.nameOrders(tx, told, run.createdAt);
    const sold = withOrders(fresh, stamps, run.orders);
    if (!run.dryRun) {
      await listings.adopt(tx, result.baselineUpdates.map((u) => ({ ...u, hash: listingHash(u.listing) })));
    }
    const oversold = run.dryRun ? [] : await oversells.record(tx, runId, had, sold);
    const inserted = await actions.insertPlanned(tx, runId, planned);
    // Links make no platform call and must land before the run's stock and end actions write
    // on top of them (a link applied late would put an older quantity back): done here.
    if (!run.dryRun) await applyLinks(tx, runId, inserted);
    await runs.setSummary(tx, runId, {
      platforms: {},
      salesDetected: run.dryRun ? result.sales.length : fresh.length,
      orphans: result.orphans.length,
      drift: result.drift.length,
      apiCalls: {},
      orphanList: result.orphans.slice(0, 500),
      driftList: result.drift.slice(0, 500),
      sales: (run.dryRun ? result.sales : sold).slice(0, 500),
      held: result.held,
      oversells: oversold.map(oversellBrief),
    });
    const ok = await runs.transition(tx, runId, 'planned', next, {
      plannedAt,
      ...(next === 'planned' ? { finishedAt: plannedAt } : {}),
    });
    if (!ok) throw new Error(`run ${runId} left planning while it was being planned`);
    return { recorded: sold, oversold };
  });
}

/** Kept apart so the keys (every listing of every platform, in brief) are garbage once the parts are known. */
async function shardsOf(ctx: SyncContext, runId: string, platforms: Platform[], productKeys: ProductKey[], count: number) {
  const db = ctx.database.db;
  const remoteKeys = (await Promise.all(platforms.map((p) => remote.keysForRun(db, runId, p)))).flat();
  return assignShards(productKeys, remoteKeys, await listings.externalKeys(db, platforms), count);
}

async function applyLinks(tx: DbOrTx, runId: string, rows: actions.SyncActionRow[]): Promise<void> {
  const links = rows.filter((a) => a.kind === 'link' && a.status === 'planned' && a.productId && a.payload.externalId && a.payload.listing);
  if (!links.length) return;
  await listings.adopt(
    tx,
    links.map((a) => ({ productId: a.productId!, platform: a.platform, externalId: a.payload.externalId!, listing: a.payload.listing!, hash: listingHash(a.payload.listing!) })),
  );
  await actions.completeWithoutCall(tx, links.map((a) => a.id));
  await audit.append(tx, links.map((a) => auditRow(runId, a.platform, a, 1, 'succeeded', null, null, 'linked to the listing already there')));
}


/** Tells the dealer of each sale this plan recorded (once: only fresh ones) and of a plan held for approval. */
async function notifyPlan(ctx: SyncContext, runId: string, sales: Sale[], holds: Hold[]): Promise<void> {
  if (!ctx.config.NOTIFY_URL || (!sales.length && !holds.length)) return;
  const bySku = new Map((await products.bySkus(ctx.database.db, [...new Set(sales.map((s) => s.sku))])).map((p) => [p.sku, p]));
  await notify(ctx, [
    ...sales.map((s) => {
      const p = bySku.get(s.sku);
      const what = p ? `"${p.title}" at ${formatMoney({ cents: p.priceCents, currency: p.currency })}` : '';
      return { kind: 'sale' as const, key: `sale:${s.platform}:${s.saleKey}`, text: `${s.platform}: ${s.sku} ${what}${s.quantity > 1 ? ` ×${s.quantity}` : ''}; ending it everywhere else` };
    }),
    ...(holds.length
      ? [{ kind: 'held' as const, key: `held:${runId}`, text: `run ${runId}: ${holds.map((h) => `${h.platform} would end or delete ${h.destructive} of ${h.total} listings`).join('; ')}. Approve it on the page if that is right.` }]
      : []),
  ]);
}
