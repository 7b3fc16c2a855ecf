import { Worker } from 'bullmq';
import { QUEUES, type ImportJob, type RegisterWebhooksJob, type SalePollJob, type SnapshotJob } from '@gearsync/queue';
import { flushNotifications, pollSales, runImport, runWebhookRegistration, reconcileSchedules, reconcileWatch, recoverRuns, requestRun, snapshotStage, upsertSchedule, type SyncContext } from '@gearsync/sync';
import { runWorker } from './boot.js';

/** The `sync` queue: snapshot jobs, and the scheduler's ticks that start a coalesced full run. */
export async function startSnapshot(): Promise<void> {
  const { ctx, register } = runWorker(
    'snapshot',
    QUEUES.sync,
    (ctx) => async (job) => {
      if (job.name === 'scheduled-sync') return requestRun(ctx, { trigger: 'schedule' });
      if (job.name === 'import') return (await runImport(ctx, (job.data as ImportJob).importId))?.status;
      if (job.name !== 'snapshot') throw new Error(`no handler for job "${job.name}" on ${QUEUES.sync}`);
      await snapshotStage(ctx, (job.data as SnapshotJob).runId, (pct) => job.updateProgress(pct));
      return { ok: true };
    },
    // A targeted run's snapshot must not wait behind a long full one.
    { concurrency: 4 },
  );
  // SYNC_CRON becomes the scheduler at start-up; later the API may change it, so the sweep
  // only puts it back when Redis lost it.
  await reconcileSchedules(ctx.queues, { pattern: ctx.config.SYNC_CRON, tz: ctx.config.SYNC_TZ });
  register('watch worker', startWatch(ctx));
  await reconcileWatch(ctx.queues, ctx.config);
  const sweep = async () => {
    try {
      if (!(await ctx.queues.sync.getJobSchedulers()).length) await upsertSchedule(ctx.queues, ctx.config.SYNC_CRON, ctx.config.SYNC_TZ);
      const recovered = await recoverRuns(ctx, ctx.config.RECOVERY_INTERVAL_MS);
      if (recovered) ctx.logger.info('re-enqueued runs whose jobs were lost', { recovered });
    } catch (err) {
      ctx.logger.warn('recovery sweep failed', { error: (err as Error).message });
    }
  };
  await sweep();
  // Redis may come back empty (restarted without persistence): Postgres knows what was running.
  setInterval(() => void sweep(), ctx.config.RECOVERY_INTERVAL_MS).unref();
}

/**
 * The sale watch, the notifier and webhook registration, beside the snapshot worker: it holds every
 * platform's adapter already (one V&R browser session per process), and a poll is a small read like a snapshot's.
 */
function startWatch(ctx: SyncContext): () => Promise<void> {
  const worker = new Worker(
    QUEUES.watch,
    async (job) => {
      if (job.name === 'sale-poll') return pollSales(ctx, (job.data as SalePollJob).platform);
      if (job.name === 'notify') return { sent: await flushNotifications(ctx) };
      if (job.name === 'register-webhooks') return runWebhookRegistration(ctx, job.data as RegisterWebhooksJob);
      throw new Error(`no handler for job "${job.name}" on ${QUEUES.watch}`);
    },
    { connection: ctx.redis, prefix: ctx.config.QUEUE_PREFIX, concurrency: 5, lockDuration: ctx.config.LOCK_DURATION_MS, stalledInterval: ctx.config.LOCK_DURATION_MS },
  );
  const log = ctx.logger.child({ queue: QUEUES.watch });
  worker.on('failed', (job, err) => log.warn('job failed', { jobId: job?.id, name: job?.name, error: err.message }));
  worker.on('error', (err) => log.warn('worker error', { error: err.message }));
  return () => worker.close();
}
