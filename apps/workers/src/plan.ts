import { QUEUES } from '@gearsync/queue';
import { planStage } from '@gearsync/sync';
import { runWorker } from './boot.js';

/** The `plan` queue: plan jobs, and the gate children that hold a run's report back until its jobs are attached. */
export async function startPlan(): Promise<void> {
  runWorker(
    'plan',
    'plan',
    QUEUES.plan,
    (ctx) => ({
      plan: async (job) => {
        await planStage(ctx, job.data.runId);
        return { ok: true };
      },
      gate: async () => ({ released: true }),
    }),
    { concurrency: 2 },
  );
}
