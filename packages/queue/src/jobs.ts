import type { Platform } from '@gearsync/core';

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

export interface JobsByName {
  import: ImportJob;
  'sale-poll': SalePollJob;
  notify: NotifyJob;
  'register-webhooks': RegisterWebhooksJob;
  snapshot: SnapshotJob;
  'scheduled-sync': ScheduledTickJob;
  plan: PlanJob;
  gate: GateJob;
  execute: ExecuteJob;
  report: ReportJob;
}
export type JobName = keyof JobsByName;

/** Priority 1 is the highest; every execute job gets one (BullMQ runs unprioritised jobs first). */
export const PRIORITY = {
  sale: 1,
  stock: 2,
  end: 3,
  delete: 4,
  create: 5,
  link: 6,
  update: 7,
} as const;
