import { QUEUES } from '@gearsync/queue';
import { reportStage } from '@gearsync/sync';
import { runWorker } from './boot.js';

export async function startReport(): Promise<void> {
  runWorker(
    'report',
    'report',
    QUEUES.report,
    (ctx) => ({
      report: async (job) => ({ summary: await reportStage(ctx, job.data.runId) }),
    }),
    { concurrency: 2 },
  );
}
