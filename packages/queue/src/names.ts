import type { Platform } from '@gearsync/core';
import type { QueueKind } from './jobs.js';

/** Every queue gearsync has. Queue names hold no ':' (BullMQ uses it as its key separator). */
export const QUEUES = {
  sync: 'sync',
  plan: 'plan',
  report: 'report',
  /** The sale watch's polls and the notifier's flushes: small, frequent, never behind a full run. */
  watch: 'watch',
  execute: {
    ebay: 'execute-ebay',
    reverb: 'execute-reverb',
    vr: 'execute-vr',
    website: 'execute-website',
  },
} as const satisfies { [Q in QueueKind]: Q extends 'execute' ? Record<Platform, string> : string };

export type QueueName = typeof QUEUES.sync | typeof QUEUES.plan | typeof QUEUES.report | typeof QUEUES.watch | (typeof QUEUES.execute)[Platform];

export function executeQueueName(platform: Platform): (typeof QUEUES.execute)[Platform] {
  return QUEUES.execute[platform];
}
