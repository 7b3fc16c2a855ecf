import type { Platform } from '@gearsync/core';
import { jobPriority, type Queues } from '@gearsync/queue';
import type { Config } from '@gearsync/runtime';

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
  await queues.sync.upsertJobScheduler(SYNC_SCHEDULER_ID, { pattern, tz }, { name: 'scheduled-sync', data: { trigger: 'schedule' }, opts: { priority: jobPriority.scheduledSync } });
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

export const watchSchedulerId = (platform: Platform) => `sale-watch-${platform}`;
export const NOTIFY_SCHEDULER_ID = 'notify-flush';

/**
 * The sale watch: one scheduler per enabled platform, every `<P>_SALE_POLL_MS` (0: none), and a
 * notifier flush every 30 s as a backstop when NOTIFY_URL is set. Upserted at start-up by every
 * snapshot worker (safe from many processes); schedulers no longer declared are removed.
 */
export async function reconcileWatch(queues: Queues, config: Config): Promise<void> {
  const declared = new Set<string>();
  for (const platform of config.PLATFORMS as Platform[]) {
    const every = config.salePollMs[platform];
    if (!every) continue;
    const id = watchSchedulerId(platform);
    declared.add(id);
    await queues.watch.upsertJobScheduler(id, { every }, { name: 'sale-poll', data: { platform }, opts: { priority: jobPriority.salePoll, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } });
  }
  if (config.NOTIFY_URL) {
    declared.add(NOTIFY_SCHEDULER_ID);
    await queues.watch.upsertJobScheduler(NOTIFY_SCHEDULER_ID, { every: 30_000 }, { name: 'notify', data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } });
  }
  for (const s of await queues.watch.getJobSchedulers()) {
    const id = s.id ?? s.key;
    if (!declared.has(id)) await queues.watch.removeJobScheduler(id);
  }
}
