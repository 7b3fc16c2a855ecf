import type { RunStatus } from '@gearsync/core';
import { runs } from '@gearsync/db';
import { MAIN_ROUND, jobId, jobPriority } from '@gearsync/queue';
import type { ProducerContext } from './context.js';
import { enqueueExecution } from './flow.js';

/**
 * The pipeline: snapshot → plan → execute → report. The execute jobs are added as one BullMQ
 * flow under their run's report, so the report follows them by itself; every other stage adds
 * the next one's job here when it is done, and the recovery sweep asks here which job a run
 * waits for.
 */
export type Stage = 'snapshot' | 'plan' | 'execute';

/** The stage a stage's end starts. */
export const NEXT_STAGE = { snapshot: 'plan', plan: 'execute' } as const satisfies Partial<Record<Stage, Stage>>;

/** The stage whose job a run in each active status waits for. */
const WAITS_FOR: Partial<Record<RunStatus, Stage>> = { queued: 'snapshot', snapshotting: 'snapshot', planning: 'plan', executing: 'execute' };

type RunRef = Pick<runs.SyncRunRow, 'id' | 'skus'>;

/** Adds a stage's job for a run. Job ids are deterministic, so adding one that exists adds nothing. */
export async function enqueueStage(ctx: ProducerContext, run: RunRef, stage: Stage, options: { round?: string } = {}): Promise<void> {
  const targeted = run.skus !== null;
  switch (stage) {
    case 'snapshot':
      await ctx.queues.sync.add('snapshot', { runId: run.id }, { jobId: jobId.snapshot(run.id), priority: jobPriority.stage(targeted) });
      return;
    case 'plan':
      await ctx.queues.plan.add('plan', { runId: run.id }, { jobId: jobId.plan(run.id), priority: jobPriority.stage(targeted) });
      return;
    case 'execute':
      await enqueueExecution(ctx, run.id, options);
      return;
  }
}

/** A stage is done with a run: the next stage's job is added. */
export async function advance(ctx: ProducerContext, run: RunRef, done: keyof typeof NEXT_STAGE): Promise<void> {
  await enqueueStage(ctx, run, NEXT_STAGE[done]);
}

/** Whether the job a run waits for in `stage` is still in its queue (the execute stage: its report). */
async function enqueued(ctx: ProducerContext, run: RunRef, stage: Stage): Promise<boolean> {
  switch (stage) {
    case 'snapshot':
      return Boolean(await ctx.queues.sync.getJob(jobId.snapshot(run.id)));
    case 'plan':
      return Boolean(await ctx.queues.plan.getJob(jobId.plan(run.id)));
    case 'execute':
      return Boolean(await ctx.queues.report.getJob(jobId.report(run.id, MAIN_ROUND)));
  }
}

/**
 * Finds runs whose jobs were lost (an enqueue that failed, Redis restarted without its data)
 * and enqueues them again. Every job id is deterministic and every stage idempotent, so a
 * sweep that finds nothing lost adds nothing; executors' leases keep a re-added call from
 * running beside the original.
 */
export async function recoverRuns(ctx: ProducerContext, graceMs = 30_000): Promise<number> {
  let n = 0;
  for (const run of await runs.listActive(ctx.database.db)) {
    const stage = WAITS_FOR[run.status];
    if (!stage) continue;
    // A run's execute jobs are added after it moves to executing: give the planner time to add them.
    if (stage === 'execute' && Date.now() - (run.approvedAt ?? run.plannedAt ?? run.createdAt).getTime() <= graceMs) continue;
    if (await enqueued(ctx, run, stage)) continue;
    await enqueueStage(ctx, run, stage, stage === 'execute' ? { round: `recover${Date.now()}` } : {});
    n += 1;
  }
  return n;
}
