import { QUEUES, type PlanJob } from '@gearsync/queue';
import { planStage } from '@gearsync/sync';
import { runWorker } from './boot.js';

/** The `plan` queue: plan jobs, and the gate children that hold a run's report back until its jobs are attached. */
export async function startPlan(): Promise<void> {
  runWorker(
    'plan',
    QUEUES.plan,
    (ctx) => async (job) => {
      if (job.name === 'gate') return { released: true };
      if (job.name !== 'plan') throw new Error(`no handler for job "${job.name}" on ${QUEUES.plan}`);
      await planStage(ctx, (job.data as PlanJob).runId);
      return { ok: true };
    },
    { concurrency: 2 },
  );
}
