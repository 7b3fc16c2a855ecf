import { QUEUES, type ReportJob } from '@gearsync/queue';
import { reportStage } from '@gearsync/sync';
import { runWorker } from './boot.js';

export async function startReport(): Promise<void> {
  runWorker(
    'report',
    QUEUES.report,
    (ctx) => async (job) => {
      if (job.name !== 'report') throw new Error(`no handler for job "${job.name}" on ${QUEUES.report}`);
      const summary = await reportStage(ctx, (job.data as ReportJob).runId);
      return { summary };
    },
    { concurrency: 2 },
  );
}
