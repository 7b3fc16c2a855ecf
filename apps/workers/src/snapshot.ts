import { QUEUES, type SnapshotJob } from '@gearsync/queue';
import { recoverQueuedRuns, requestRun, snapshotStage } from '@gearsync/sync';
import { reconcileSchedules } from '@gearsync/sync';
import { runWorker } from './boot.js';

/** The `sync` queue: snapshot jobs, and the scheduler's ticks that start a coalesced full run. */
export async function startSnapshot(): Promise<void> {
  const { ctx } = runWorker(
    'snapshot',
    QUEUES.sync,
    (ctx) => async (job) => {
      if (job.name === 'scheduled-sync') return requestRun(ctx, { trigger: 'schedule' });
      if (job.name !== 'snapshot') throw new Error(`no handler for job "${job.name}" on ${QUEUES.sync}`);
      await snapshotStage(ctx, (job.data as SnapshotJob).runId, (pct) => job.updateProgress(pct));
      return { ok: true };
    },
    // A targeted run's snapshot must not wait behind a long full one.
    { concurrency: 4 },
  );
  await reconcileSchedules(ctx.queues, { pattern: ctx.config.SYNC_CRON, tz: ctx.config.SYNC_TZ });
  const recovered = await recoverQueuedRuns(ctx);
  if (recovered) ctx.logger.info('re-enqueued runs left waiting', { recovered });
}
