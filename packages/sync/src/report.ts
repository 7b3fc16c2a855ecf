import type { Platform } from '@gearsync/core';
import { actions, oversells, products, runs, type RunSummary } from '@gearsync/db';
import type { ProducerContext } from './context.js';
import { notify } from './notify.js';

/** The report's table from the actions as they stand: what the reporter writes, and what the API shows while a run executes. */
export function liveSummary(run: runs.SyncRunRow, counts: actions.ActionCount[]): { summary: RunSummary; failed: number; open: number } {
  const platforms: RunSummary['platforms'] = {};
  let failed = 0;
  let open = 0;
  for (const c of counts) {
    const byKind = (platforms[c.platform] ??= {});
    const cell = (byKind[c.kind] ??= { planned: 0, succeeded: 0, failed: 0 });
    cell.planned += c.n;
    if (c.status === 'succeeded') cell.succeeded += c.n;
    if (c.status === 'failed') {
      cell.failed += c.n;
      failed += c.n;
    }
    if (c.status === 'planned' || c.status === 'in_flight') open += c.n;
  }
  const previous = run.summary ?? { platforms: {}, salesDetected: 0, orphans: 0, drift: 0, apiCalls: {} };
  return { summary: { ...previous, platforms, apiCalls: run.apiCalls as Partial<Record<Platform, number>> }, failed, open };
}

/**
 * Stage 5: closes the run from what Postgres says happened (never from child job results),
 * so it can run again after later retries and bring the same report up to date.
 */
export async function reportStage(ctx: ProducerContext, runId: string): Promise<RunSummary | null> {
  const db = ctx.database.db;
  const run = await runs.get(db, runId);
  if (!run) return null;
  const { summary, failed, open } = liveSummary(run, await actions.counts(db, runId));
  // Every report says how many oversells still wait for the dealer, not only the ones this run found.
  summary.openOversells = (await oversells.counts(db)).open;
  await runs.setSummary(db, runId, summary);
  if (open > 0) {
    ctx.logger.warn('report ran with actions still open', { runId, open });
    return summary;
  }
  const now = new Date();
  const status = failed > 0 ? 'completed_with_errors' : 'completed';
  const executeFrom = run.approvedAt ?? run.plannedAt ?? now;
  await runs.recordStage(db, runId, 'execute', { startedAt: executeFrom.toISOString(), finishedAt: now.toISOString(), ms: now.getTime() - executeFrom.getTime() });
  await products.markSynced(db, runId, run.skus);
  await runs.pruneSnapshots(db, runId);
  // Last, so that a failure above leaves the run open and the retried job closes it.
  await runs.transition(db, runId, 'report', status, { finishedAt: now });
  const reportDone = new Date();
  await runs.recordStage(db, runId, 'report', { startedAt: now.toISOString(), finishedAt: reportDone.toISOString(), ms: reportDone.getTime() - now.getTime() });
  ctx.logger.info('run finished', { runId, status, failed });
  if (failed > 0) {
    const where = Object.entries(summary.platforms)
      .map(([p, kinds]) => [p, Object.values(kinds ?? {}).reduce((n, c) => n + c.failed, 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([p, n]) => `${p} ${n}`);
    // One summary per run (a report re-run after retries tells only a new count).
    await notify(ctx, [{ kind: 'failed', key: `failed:${runId}:${failed}`, text: `run ${runId} finished with ${failed} failed action(s) (${where.join(', ')}); see the page to retry them` }]);
  }
  return summary;
}
