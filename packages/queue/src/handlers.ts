import type { Job, Processor } from 'bullmq';
import { jobNames, type JobData, type JobName, type QueueKind } from './jobs.js';

export type JobOf<Q extends QueueKind, N extends JobName<Q>> = Job<JobData<Q, N>, unknown, N>;

/** A worker's handlers: one for every job its queue receives (a missing one does not compile). */
export type Handlers<Q extends QueueKind> = { [N in JobName<Q>]: (job: JobOf<Q, N>, token?: string) => Promise<unknown> };

/**
 * Refuses a worker whose handlers do not match its queue's catalogue entry: a job with no
 * handler would fail every time it is received; a handler for a job the queue never receives
 * means a producer and a worker disagree on where it goes.
 */
export function checkHandlers(kind: QueueKind, handlers: object): void {
  const receives = new Set<string>(jobNames(kind));
  const handled = new Set(Object.keys(handlers));
  const missing = [...receives].filter((n) => !handled.has(n));
  const unknown = [...handled].filter((n) => !receives.has(n));
  if (missing.length) throw new Error(`the ${kind} worker has no handler for ${missing.map((n) => `"${n}"`).join(', ')}`);
  if (unknown.length) throw new Error(`the ${kind} worker handles ${unknown.map((n) => `"${n}"`).join(', ')}, which its queue never receives`);
}

/** One processor for a queue, checked at start: each job goes to the handler of its name. */
export function dispatch<Q extends QueueKind>(kind: Q, handlers: Handlers<Q>): Processor {
  checkHandlers(kind, handlers);
  const byName = handlers as unknown as Record<string, (job: Job, token?: string) => Promise<unknown>>;
  return (job, token) => {
    const handler = Object.hasOwn(byName, job.name) ? byName[job.name] : undefined;
    if (!handler) throw new Error(`no handler for job "${job.name}" on the ${kind} queue`);
    return handler(job, token);
  };
}
