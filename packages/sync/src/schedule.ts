import type { Queues } from '@gearsync/queue';

export const SYNC_SCHEDULER_ID = 'sync';

export interface Schedule {
  id: string;
  pattern: string;
  tz: string;
  next: number | null;
}

/**
 * The cron is a BullMQ job scheduler whose job is only a tick: its handler does the coalesced
 * enqueue (a scheduler's template may not carry a jobId or deduplication of its own).
 */
export async function upsertSchedule(queues: Queues, pattern: string, tz: string): Promise<void> {
  await queues.sync.upsertJobScheduler(SYNC_SCHEDULER_ID, { pattern, tz }, { name: 'scheduled-sync', data: { trigger: 'schedule' }, opts: { priority: 5 } });
}

/** Declared schedulers upserted, undeclared ones removed. */
export async function reconcileSchedules(queues: Queues, declared: { pattern: string; tz: string }): Promise<void> {
  await upsertSchedule(queues, declared.pattern, declared.tz);
  for (const s of await queues.sync.getJobSchedulers()) {
    if (s.key !== SYNC_SCHEDULER_ID && s.id !== SYNC_SCHEDULER_ID) await queues.sync.removeJobScheduler(s.key ?? s.id!);
  }
}

export async function listSchedules(queues: Queues): Promise<Schedule[]> {
  const list = await queues.sync.getJobSchedulers();
  return list.map((s) => ({ id: s.id ?? s.key, pattern: s.pattern ?? '', tz: s.tz ?? 'UTC', next: s.next ?? null }));
}
