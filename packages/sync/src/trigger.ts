import { PLATFORMS, type Platform, type RunStatus, type RunTrigger } from '@gearsync/core';
import { runs } from '@gearsync/db';
import { PRIORITY } from '@gearsync/queue';
import type { SyncContext } from './context.js';

export interface RunRequest {
  trigger: RunTrigger;
  platforms?: Platform[];
  skus?: string[] | null;
  dryRun?: boolean;
}

export interface RunTicket {
  runId: string;
  status: RunStatus;
  deduplicated: boolean;
}

export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * Records a run and enqueues its snapshot. The row comes first, so a run exists before any
 * worker sees it and a lost job can be found again (`recoverQueuedRuns`). A full run joins
 * the one already queued or running; a targeted run (a few SKUs) always goes ahead at top priority.
 */
export async function requestRun(ctx: SyncContext, request: RunRequest): Promise<RunTicket> {
  const enabled = ctx.config.PLATFORMS as Platform[];
  const platforms = request.platforms?.length ? [...new Set(request.platforms)] : enabled;
  const off = platforms.filter((p) => !enabled.includes(p));
  if (off.length) throw new RequestError('platform_disabled', `platforms not enabled here: ${off.join(', ')} (PLATFORMS=${enabled.join(',')})`);
  const skus = request.skus?.length ? [...new Set(request.skus)] : null;
  const { run, deduplicated } = await runs.createOrJoin(ctx.database.db, {
    trigger: request.trigger,
    platforms: PLATFORMS.filter((p) => platforms.includes(p)),
    skus,
    dryRun: request.dryRun ?? false,
  });
  if (!deduplicated) {
    try {
      await enqueueSnapshot(ctx, run.id, skus !== null);
    } catch (err) {
      await runs.transition(ctx.database.db, run.id, ['queued'], 'failed', { finishedAt: new Date(), error: 'the job queue is unavailable' });
      throw new RequestError('queue_unavailable', 'the job queue (Redis) is unavailable; nothing was started', 503);
    }
  }
  return { runId: run.id, status: run.status, deduplicated };
}

export async function enqueueSnapshot(ctx: SyncContext, runId: string, targeted: boolean): Promise<void> {
  await ctx.queues.sync.add(
    'snapshot',
    { runId },
    { jobId: `snapshot-${runId}`, priority: targeted ? PRIORITY.sale : PRIORITY.update },
  );
}

/** Runs left `queued` by a lost enqueue (Redis down at the wrong moment) are enqueued again. */
export async function recoverQueuedRuns(ctx: SyncContext): Promise<number> {
  const active = await runs.listActive(ctx.database.db);
  let n = 0;
  for (const run of active) {
    if (run.status === 'queued' || run.status === 'snapshotting') {
      await enqueueSnapshot(ctx, run.id, run.skus !== null);
      n += 1;
    } else if (run.status === 'planning') {
      await ctx.queues.plan.add('plan', { runId: run.id }, { jobId: `plan-${run.id}` });
      n += 1;
    }
  }
  return n;
}
