import { PLATFORMS, type Listing, type Platform, type RunStatus, type RunTrigger } from '@gearsync/core';
import { runs, type RunOrder } from '@gearsync/db';
import type { ProducerContext } from './context.js';
import { enqueueStage } from './pipeline.js';

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
 * worker sees it and a lost job can be found again (`recoverRuns`). A full run joins
 * the one already queued or running; a targeted run (a few SKUs) always goes ahead at top priority.
 */
export async function requestRun(ctx: ProducerContext, request: RunRequest): Promise<RunTicket> {
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
      await enqueueStage(ctx, run, 'snapshot');
    } catch (err) {
      await runs.transition(ctx.database.db, run.id, 'unqueued', 'failed', { finishedAt: new Date(), error: 'the job queue is unavailable' });
      throw new RequestError('queue_unavailable', 'the job queue (Redis) is unavailable; nothing was started', 503);
    }
  }
  return { runId: run.id, status: run.status, deduplicated };
}
