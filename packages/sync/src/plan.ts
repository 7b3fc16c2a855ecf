import { listingHash, plan, type PlanProduct, type Platform, type PlannedAction } from '@gearsync/core';
import { actions, audit, listings, products, remote, runs, settings, stock, type DbOrTx } from '@gearsync/db';
import type { SyncContext } from './context.js';
import { auditRow } from './execute.js';
import { enqueueExecution } from './flow.js';

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
  if (run.status === 'executing') return enqueueExecution(ctx, runId);
  if (run.status !== 'planning') return;
  const log = ctx.logger.child({ runId, stage: 'plan' });
  const startedAt = new Date();

  const staleBefore = new Date(Date.now() - ctx.config.staleAfterMs);
  const local = await products.forPlanning(db, run.skus, staleBefore);
  const baselineMap = await listings.baselines(db, run.skus ? local.map((p) => p.id) : null, run.platforms);
  const snapshot: Parameters<typeof plan>[0]['snapshot'] = {};
  for (const platform of run.platforms) {
    const info = run.snapshot[platform];
    snapshot[platform] = { complete: info?.complete ?? false, listings: await remote.forRun(db, runId, platform) };
  }
  const planProducts: PlanProduct[] = local.map(({ needsSync: _needsSync, ...product }) => ({ product, baselines: baselineMap.get(product.id) ?? {} }));
  const loadedAt = new Date();

  const result = plan({
    platforms: run.platforms,
    enabledPlatforms: ctx.config.PLATFORMS as Platform[],
    snapshot,
    products: planProducts,
    priceRules: await settings.priceRules(db),
    skus: run.skus,
    maxDestructivePct: ctx.config.SYNC_MAX_DESTRUCTIVE_PCT,
    orphanPolicy: ctx.config.ORPHAN_POLICY,
  });
  const plannedAt = new Date();
  let planned: PlannedAction[] = result.actions;
  if (run.skus) {
    // A targeted run looked only its SKUs up; "not found" there is weaker evidence than a full
    // read (V&R items without a SKU are found by brand + model + year), so creates wait for a full run.
    planned = planned.filter((a) => a.kind !== 'create');
  }
  const held = result.held.length > 0;
  const next = run.dryRun ? 'planned' : held ? 'awaiting_approval' : 'executing';

  await db.transaction(async (tx) => {
    const fresh = run.dryRun ? [] : await stock.recordSales(tx, runId, result.sales);
    if (!run.dryRun) {
      await listings.adopt(tx, result.baselineUpdates.map((u) => ({ ...u, hash: listingHash(u.listing) })));
    }
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
      sales: (run.dryRun ? result.sales : fresh).slice(0, 500),
      held: result.held,
    });
    const ok = await runs.transition(tx, runId, ['planning'], next, {
      plannedAt,
      ...(next === 'planned' ? { finishedAt: plannedAt } : {}),
    });
    if (!ok) throw new Error(`run ${runId} left planning while it was being planned`);
  });
  const finishedAt = new Date();
  await runs.recordStage(db, runId, 'plan', {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    ms: finishedAt.getTime() - startedAt.getTime(),
    loadMs: loadedAt.getTime() - startedAt.getTime(),
    planMs: plannedAt.getTime() - loadedAt.getTime(),
  });
  log.info('planned', { actions: planned.length, sales: result.sales.length, orphans: result.orphans.length, drift: result.drift.length, status: next });
  if (next === 'executing') await enqueueExecution(ctx, runId);
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
