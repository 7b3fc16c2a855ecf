import { canMove } from '@gearsync/core';
import { runs, actions } from '@gearsync/db';
import type { ProducerContext } from './context.js';
import { enqueueExecution } from './flow.js';
import { RequestError } from './trigger.js';

/** Executes a held plan exactly as it was shown, unless its snapshot is too old to trust. */
export async function approveRun(ctx: ProducerContext, runId: string): Promise<void> {
  const db = ctx.database.db;
  const run = await runs.get(db, runId);
  if (!run) throw new RequestError('not_found', `no run ${runId}`, 404);
  if (!canMove('approve', run.status)) throw new RequestError('not_held', `run ${runId} is ${run.status}, not awaiting approval`, 409);
  const age = Date.now() - (run.snapshotAt ?? run.createdAt).getTime();
  if (age > ctx.config.planMaxAgeMs) {
    throw new RequestError('plan_too_old', `the plan's snapshot is ${Math.round(age / 60000)} min old (SYNC_PLAN_MAX_AGE=${ctx.config.SYNC_PLAN_MAX_AGE}); start a new run`, 409);
  }
  if (!(await runs.transition(db, runId, 'approve', 'executing', { approvedAt: new Date() }))) {
    throw new RequestError('not_held', `run ${runId} is no longer awaiting approval`, 409);
  }
  await enqueueExecution(ctx, runId);
}

/** Puts a run's failed actions back in the queue; the report is brought up to date when they end. */
export async function retryFailed(ctx: ProducerContext, runId: string): Promise<{ retried: number }> {
  const db = ctx.database.db;
  const run = await runs.get(db, runId);
  if (!run) throw new RequestError('not_found', `no run ${runId}`, 404);
  if (!canMove('retry', run.status)) {
    throw new RequestError('not_retryable', `run ${runId} is ${run.status}; only executed runs have failed actions to retry`, 409);
  }
  const reset = await actions.resetFailed(db, runId);
  if (!reset.length) return { retried: 0 };
  await runs.transition(db, runId, 'retry', 'executing', { finishedAt: null });
  await enqueueExecution(ctx, runId, { actionIds: reset.map((a) => a.id), round: `retry${Date.now()}` });
  return { retried: reset.length };
}
