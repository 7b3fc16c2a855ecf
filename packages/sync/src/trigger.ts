import { PLATFORMS, type Listing, type Platform, type RunStatus, type RunTrigger } from '@gearsync/core';
import { runs, type RunOrder } from '@gearsync/db';
import { PRIORITY } from '@gearsync/queue';
import type { SyncContext } from './context.js';
import { enqueueExecution } from './flow.js';

export interface RunRequest {
  trigger: RunTrigger;
  platforms?: Platform[];
  skus?: string[] | null;
  dryRun?: boolean;
  /** What a sale watch saw on a platform whose only lookup is a whole read (V&R's export). */
  observed?: Partial<Record<Platform, Listing[]>>;
  /** The orders a sale notification or the sale watch named, carried into the sales the run records. */
  orders?: Partial<Record<Platform, RunOrder[]>>;
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
    ...(request.observed && skus ? { observed: request.observed } : {}),
    ...(request.orders && skus ? { orders: request.orders } : {}),
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

/**
 * Finds runs whose jobs were lost (an enqueue that failed, Redis restarted without its data)
 * and enqueues them again. Every job id is deterministic and every stage idempotent, so a
 * sweep that finds nothing lost adds nothing; executors' leases keep a re-added call from
 * running beside the original.
 */
export async function recoverRuns(ctx: SyncContext, graceMs = 30_000): Promise<number> {
  const active = await runs.listActive(ctx.database.db);
  let n = 0;
  for (const run of active) {
    if (run.status === 'queued' || run.status === 'snapshotting') {
      if (!(await ctx.queues.sync.getJob(`snapshot-${run.id}`))) {
        await enqueueSnapshot(ctx, run.id, run.skus !== null);
        n += 1;
      }
    } else if (run.status === 'planning') {
      if (!(await ctx.queues.plan.getJob(`plan-${run.id}`))) {
        await ctx.queues.plan.add('plan', { runId: run.id }, { jobId: `plan-${run.id}` });
        n += 1;
      }
    } else if (run.status === 'executing') {
      const since = (run.approvedAt ?? run.plannedAt ?? run.createdAt).getTime();
      if (Date.now() - since > graceMs && !(await ctx.queues.report.getJob(`report-${run.id}-main`))) {
        await enqueueExecution(ctx, run.id, { round: `recover${Date.now()}` });
        n += 1;
      }
    }
  }
  return n;
}
