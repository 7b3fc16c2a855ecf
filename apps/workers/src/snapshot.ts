import { QUEUES } from '@gearsync/queue';
import { flushNotifications, pollSales, runImport, runWebhookRegistration, reconcileSchedules, reconcileWatch, recoverRuns, requestRun, snapshotStage, upsertSchedule, type SyncContext } from '@gearsync/sync';
import { runWorker, startWorker } from './boot.js';

/** The `sync` queue: snapshot jobs, and the scheduler's ticks that start a coalesced full run. */
export async function startSnapshot(): Promise<void> {
  const { ctx, register } = runWorker(
    'snapshot',
    'sync',
    QUEUES.sync,
    (ctx) => ({
      snapshot: async (job) => {
        await snapshotStage(ctx, job.data.runId, (pct) => job.updateProgress(pct));
        return { ok: true };
      },
      'scheduled-sync': () => requestRun(ctx, { trigger: 'schedule' }),
      import: async (job) => (await runImport(ctx, job.data.importId))?.status,
    }),
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
  const worker = startWorker(
    ctx,
    'watch',
    QUEUES.watch,
    {
      'sale-poll': (job) => pollSales(ctx, job.data.platform),
      notify: async () => ({ sent: await flushNotifications(ctx) }),
      'register-webhooks': (job) => runWebhookRegistration(ctx, job.data),
    },
    { concurrency: 5 },
  );
  return () => worker.close();
}
