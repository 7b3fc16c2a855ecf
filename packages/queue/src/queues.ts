import { FlowProducer, Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import type { Platform } from '@gearsync/core';
import { QUEUES, executeQueueName, type QueueName } from './names.js';

export interface QueueSettings {
  prefix: string;
  attempts: number;
  backoffMs: number;
}

/** Keep finished jobs a while: failed ones long enough to be inspected and retried from Bull Board. */
export function defaultJobOptions(settings: QueueSettings): DefaultJobOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs, jitter: 0.5 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** The producer side of every queue, sharing one connection. */
export class Queues {
  readonly sync: Queue;
  readonly plan: Queue;
  readonly report: Queue;
  readonly watch: Queue;
  readonly execute: Record<Platform, Queue>;
  readonly flows: FlowProducer;

  constructor(
    readonly connection: ConnectionOptions,
    readonly settings: QueueSettings,
    readonly platforms: readonly Platform[],
    onError: (err: Error) => void = () => undefined,
  ) {
    const make = (name: QueueName) => {
      const queue = new Queue(name, { connection, prefix: settings.prefix, defaultJobOptions: defaultJobOptions(settings) });
      // Without a listener a lost connection prints a stack trace per queue; route it to the logger.
      queue.on('error', onError);
      return queue;
    };
    this.sync = make(QUEUES.sync);
    this.plan = make(QUEUES.plan);
    this.report = make(QUEUES.report);
    this.watch = make(QUEUES.watch);
    this.execute = Object.fromEntries(
      (['ebay', 'reverb', 'vr', 'website'] as const).map((p) => [p, make(executeQueueName(p))]),
    ) as Record<Platform, Queue>;
    this.flows = new FlowProducer({ connection, prefix: settings.prefix });
    this.flows.on('error', onError);
  }

  all(): Queue[] {
    return [this.sync, this.plan, ...this.platforms.map((p) => this.execute[p]), this.report, this.watch];
  }

  async close(): Promise<void> {
    await Promise.all([...this.all(), ...Object.values(this.execute)].map((q) => q.close()));
    await this.flows.close();
  }
}
