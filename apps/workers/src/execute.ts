import { DelayedError, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Platform } from '@gearsync/core';
import { executeQueueName, type JobOf } from '@gearsync/queue';
import { AWAY_WAIT_MS, awayReason, describeError, executeCall, throttledTooOften, waitBeforeRetry, type SyncContext } from '@gearsync/sync';
import { runWorker } from './boot.js';

/**
 * One queue per platform: its limiter is the platform's call budget, shared by every executor
 * process on every machine. A 429 pauses the whole queue for Retry-After (or a backoff) and is
 * not counted as an attempt, up to RATE_LIMIT_RETRIES times.
 */
export async function startExecute(platform: Platform): Promise<void> {
  const queueName = executeQueueName(platform);
  const { ctx } = runWorker(
    `execute-${platform}`,
    'execute',
    queueName,
    (ctx, worker) => ({ execute: (job, token) => executeJob(ctx, platform, worker, job, token) }),
    (ctx) => ({
      concurrency: Math.max(1, Math.min(ctx.config.EXECUTE_CONCURRENCY, ctx.adapter(platform).limits.concurrency)),
      limiter: { max: ctx.config.rate[platform].max, duration: ctx.config.rate[platform].perMs },
    }),
  );
  // A platform whose adapter takes one call at a time (V&R's browser session, the shop's batch)
  // takes one at a time from all replicas together: several browsers, each a call ahead of its
  // slot, crowded V&R's budget (4 throttled at 2,000 products with three replicas).
  const { concurrency } = ctx.adapter(platform).limits;
  if (concurrency === 1) await ctx.queues.execute[platform].setGlobalConcurrency(1);
  ctx.logger.info('executor limits', { platform, rate: ctx.config.rate[platform], globalConcurrency: concurrency === 1 ? 1 : null });
  warmUp(ctx, platform);
}

/**
 * A sale's end must not wait for a browser to start and log in (seconds on V&R): the executor
 * opens its session at start, unless the platform is away. A failure here is only logged; the
 * first call opens the session as it always could.
 */
function warmUp(ctx: SyncContext, platform: Platform): void {
  const adapter = ctx.adapter(platform);
  if (!adapter.warm || awayReason(ctx, platform)) return;
  const t0 = Date.now();
  adapter.warm().then(
    () => ctx.logger.info('session open', { platform, ms: Date.now() - t0 }),
    (err: unknown) => ctx.logger.warn('could not open the session ahead of the first call', { platform, error: describeError(err) }),
  );
}

/** One execute job: one platform call, its outcome turned into what BullMQ should do next. */
async function executeJob(ctx: SyncContext, platform: Platform, worker: () => Worker, job: JobOf<'execute', 'execute'>, token?: string): Promise<unknown> {
  const attempts = job.opts.attempts ?? 1;
  const attempt = job.attemptsMade + 1;
  const result = await executeCall(ctx, job.data, { id: job.id ?? null, attempt, finalAttempt: attempt >= attempts });
  switch (result.kind) {
    case 'rate_limited': {
      if (throttledTooOften(job.attemptsStarted ?? 0, attempts, ctx.config.RATE_LIMIT_RETRIES)) {
        throw new UnrecoverableError(`${platform} kept refusing calls as throttled (${job.attemptsStarted} tries)`);
      }
      const waitMs = waitBeforeRetry(result.retryAfterMs, ctx.config.BACKOFF_MS, (job.attemptsStarted ?? 0) + 1);
      await worker().rateLimit(waitMs);
      throw Worker.RateLimitError();
    }
    case 'away': {
      // Not an attempt: the platform is down for maintenance. The job waits, then runs again.
      const waitMs = result.retryAfterMs ?? AWAY_WAIT_MS;
      await job.moveToDelayed(Date.now() + waitMs, token);
      throw new DelayedError(`${platform} is away (${result.error}); trying again in ${Math.round(waitMs / 1000)} s`);
    }
    case 'yielded':
      // Back in line at its own priority, behind the sale's job; not an attempt.
      await job.moveToWait(token);
      throw new WaitingError();
    case 'retry':
      // Only the actions to send again stay in the job; the rest are final already.
      if (result.actionIds) await job.updateData({ ...job.data, actionIds: result.actionIds });
      throw new Error(result.error);
    case 'done':
      await job.updateProgress(100);
      if (result.failed > 0) {
        // Shown in Bull Board: which actions failed and why. Retrying the job re-runs only those.
        throw new UnrecoverableError(`${result.failed} of ${result.failed + result.succeeded} actions failed: ${result.failures.slice(0, 10).join('; ')}`);
      }
      return { succeeded: result.succeeded, skipped: result.skipped };
  }
}
