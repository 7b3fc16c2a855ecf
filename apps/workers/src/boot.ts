import { Worker, type Processor, type WorkerOptions } from 'bullmq';
import { openContext, type SyncContext } from '@gearsync/sync';
import { onShutdown } from '@gearsync/runtime';

/**
 * Opens the context, starts one BullMQ worker on `queue` and drains it on SIGTERM within the
 * configured deadline (`worker.close()` alone waits for the active job with no limit).
 */
export function runWorker(service: string, queue: string, processor: (ctx: SyncContext, worker: () => Worker) => Processor, options: Partial<WorkerOptions> | ((ctx: SyncContext) => Partial<WorkerOptions>) = {}): { ctx: SyncContext; worker: Worker; register: (name: string, close: () => Promise<void>) => void } {
  const ctx = openContext(service, { role: 'worker' });
  let worker: Worker;
  worker = new Worker(queue, processor(ctx, () => worker), {
    connection: ctx.redis,
    prefix: ctx.config.QUEUE_PREFIX,
    lockDuration: ctx.config.LOCK_DURATION_MS,
    // A killed worker's job is found and run again within one lock duration.
    stalledInterval: ctx.config.LOCK_DURATION_MS,
    ...(typeof options === 'function' ? options(ctx) : options),
  });
  const log = ctx.logger.child({ queue });
  worker.on('failed', (job, err) => log.warn('job failed', { jobId: job?.id, attempt: job?.attemptsMade, error: err.message }));
  worker.on('error', (err) => log.warn('worker error', { error: err.message }));
  worker.on('ready', () => log.info('worker ready', { concurrency: worker.concurrency }));
  const register = onShutdown(ctx.logger, ctx.config.SHUTDOWN_TIMEOUT_MS);
  register('context', () => ctx.close());
  register('worker', () => worker.close());
  return { ctx, worker, register };
}
