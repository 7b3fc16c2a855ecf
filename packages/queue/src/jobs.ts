import { PRIORITY, type Platform } from '@gearsync/core';

/** Payloads carry ids; Postgres holds the facts. Producer and consumer both import these. */
export interface SnapshotJob {
  runId: string;
}
/** The scheduler's tick: its handler does the coalesced enqueue of a full run. */
export interface ScheduledTickJob {
  trigger: 'schedule';
}
export interface PlanJob {
  runId: string;
}
/** A gate child holds the report parent back until every execute job is attached. */
export interface GateJob {
  runId: string;
}
export interface ExecuteJob {
  runId: string;
  platform: Platform;
  actionIds: number[];
}
export interface ReportJob {
  runId: string;
}
/** One poll of a platform's new sales (the sale watch's scheduler tick). */
export interface SalePollJob {
  platform: Platform;
}
/** Sends what is waiting for NOTIFY_URL, in one message. */
export interface NotifyJob {
  reason?: string;
}

/** Our sale webhooks registered with the platforms at `url`, the public base of the API (asked for from the page). */
export interface RegisterWebhooksJob {
  url: string;
  platforms: Platform[];
}

/** Onboarding: one platform's listings made into products. */
export interface ImportJob {
  importId: string;
}

/**
 * The catalogue: each kind of queue, the jobs it receives and their payloads. The four execute
 * queues (one per platform) are one kind. Producers add and workers handle only these pairs.
 */
export interface QueueJobs {
  sync: { snapshot: SnapshotJob; 'scheduled-sync': ScheduledTickJob; import: ImportJob };
  plan: { plan: PlanJob; gate: GateJob };
  execute: { execute: ExecuteJob };
  report: { report: ReportJob };
  watch: { 'sale-poll': SalePollJob; notify: NotifyJob; 'register-webhooks': RegisterWebhooksJob };
}
export type QueueKind = keyof QueueJobs;
export type JobName<Q extends QueueKind> = keyof QueueJobs[Q] & string;
export type JobData<Q extends QueueKind, N extends JobName<Q>> = QueueJobs[Q][N];

/** The same catalogue at run time, so a worker can be checked against it when it starts. */
const RECEIVES: { [Q in QueueKind]: Record<JobName<Q>, true> } = {
  sync: { snapshot: true, 'scheduled-sync': true, import: true },
  plan: { plan: true, gate: true },
  execute: { execute: true },
  report: { report: true },
  watch: { 'sale-poll': true, notify: true, 'register-webhooks': true },
};

export function jobNames<Q extends QueueKind>(kind: Q): JobName<Q>[] {
  return Object.keys(RECEIVES[kind]) as JobName<Q>[];
}

/** The round of a run's first execution; a retry or a recovery adds its jobs under a round of its own. */
export const MAIN_ROUND = 'main';

/** Every job id gearsync sets: deterministic, so adding a job twice (after a crash, by a sweep) adds it once. No ':' (BullMQ's separator). */
export const jobId = {
  snapshot: (runId: string) => `snapshot-${runId}`,
  plan: (runId: string) => `plan-${runId}`,
  report: (runId: string, round: string) => `report-${runId}-${round}`,
  gate: (runId: string, round: string) => `gate-${runId}-${round}`,
  execute: (runId: string, round: string, platform: Platform, index: number) => `exec-${runId}-${round}-${platform}-${index}`,
  import: (importId: string) => `import-${importId}`,
};

/** A full run's stage jobs, and the scheduler's tick that starts one. */
const FULL_RUN = 5;

/**
 * Every job's priority (1 is the highest, as for actions: core's `PRIORITY`). BullMQ runs a job
 * with no priority before every prioritised one, so each job gets one from here.
 */
export const jobPriority = {
  /** A run's snapshot, plan and report: a targeted run (a sale's) goes ahead of all a full run has queued. */
  stage: (targeted: boolean) => (targeted ? PRIORITY.saleDriven : FULL_RUN),
  /** One platform call: its actions' priority, or the top one for a targeted run. */
  execute: (targeted: boolean, actionPriority: number) => (targeted ? PRIORITY.saleDriven : actionPriority),
  scheduledSync: FULL_RUN,
  salePoll: PRIORITY.saleDriven,
  import: 3,
} as const;
