import { Worker, type WorkerOptions } from 'bullmq';
import { dispatch, type Handlers, type QueueKind } from '@gearsync/queue';
import { openContext, type SyncContext } from '@gearsync/sync';
import { onShutdown } from '@gearsync/runtime';

type Options = Partial<WorkerOptions> | ((ctx: SyncContext) => Partial<WorkerOptions>);

/**
 * Opens the context, starts one BullMQ worker on `queue` and drains it on SIGTERM within the
 * configured deadline (`worker.close()` alone waits for the active job with no limit).
 * `handlers` names one handler per job the queue receives; a mismatch stops the process at start.
 */
export function runWorker<Q extends QueueKind>(
  service: string,
  kind: Q,
  queue: string,
  handlers: (ctx: SyncContext, worker: () => Worker) => Handlers<Q>,
  options: Options = {},
): { ctx: SyncContext; worker: Worker; register: (name: string, close: () => Promise<void>) => void } {
  const ctx = openContext(service, { role: 'worker' });
  const register = onShutdown(ctx.logger, ctx.config.SHUTDOWN_TIMEOUT_MS);
  register('context', () => ctx.close());
  let worker: Worker;
  worker = startWorker(ctx, kind, queue, handlers(ctx, () => worker), typeof options === 'function' ? options(ctx) : options);
  register('worker', () => worker.close());
  return { ctx, worker, register };
}

/** One more worker in a process that has its context already. */
export function startWorker<Q extends QueueKind>(ctx: SyncContext, kind: Q, queue: string, handlers: Handlers<Q>, options: Partial<WorkerOptions> = {}): Worker {
  const worker = new Worker(queue, dispatch(kind, handlers), {
    connection: ctx.redis,
    prefix: ctx.config.QUEUE_PREFIX,
    lockDuration: ctx.config.LOCK_DURATION_MS,
    // A killed worker's job is found and run again within one lock duration.
    stalledInterval: ctx.config.LOCK_DURATION_MS,
    ...options,
  });
  const log = ctx.logger.child({ queue });
  worker.on('failed', (job, err) => log.warn('job failed', { jobId: job?.id, name: job?.name, attempt: job?.attemptsMade, error: err.message }));
  worker.on('error', (err) => log.warn('worker error', { error: err.message }));
  worker.on('ready', () => log.info('worker ready', { concurrency: worker.concurrency }));
  return worker;
}
