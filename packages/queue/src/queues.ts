import { FlowProducer, Queue, type BulkJobOptions, type ConnectionOptions, type DefaultJobOptions, type Job, type JobSchedulerTemplateOptions, type JobsOptions, type RepeatOptions } from 'bullmq';
import { PLATFORMS, type Platform } from '@gearsync/core';
import type { JobData, JobName, QueueKind } from './jobs.js';
import { QUEUES, executeQueueName, type QueueName } from './names.js';

export interface QueueSettings {
  prefix: string;
  attempts: number;
  backoffMs: number;
}

/**
 * Keep finished jobs a while: failed ones long enough to be inspected and retried from Bull Board.
 * A job's retries wait by BullMQ's exponential backoff with jitter 0.5, the formula core's
 * `backoffMs` gives every other retry.
 */
export function defaultJobOptions(settings: QueueSettings): DefaultJobOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs, jitter: 0.5 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** One job of a queue's catalogue, as `addBulk` takes it. */
export type BulkJob<Q extends QueueKind> = { [N in JobName<Q>]: { name: N; data: JobData<Q, N>; opts?: BulkJobOptions } }[JobName<Q>];

/** A queue that takes only the jobs its catalogue entry names, each with its own payload. */
export interface TypedQueue<Q extends QueueKind> extends Omit<Queue, 'add' | 'addBulk' | 'upsertJobScheduler'> {
  add<N extends JobName<Q>>(name: N, data: JobData<Q, N>, opts?: JobsOptions): Promise<Job>;
  addBulk(jobs: BulkJob<Q>[]): Promise<Job[]>;
  upsertJobScheduler<N extends JobName<Q>>(id: string, repeat: Omit<RepeatOptions, 'key'>, template: { name: N; data: JobData<Q, N>; opts?: JobSchedulerTemplateOptions }): Promise<Job>;
}

/** The producer side of every queue, sharing one connection. */
export class Queues {
  readonly sync: TypedQueue<'sync'>;
  readonly plan: TypedQueue<'plan'>;
  readonly report: TypedQueue<'report'>;
  readonly watch: TypedQueue<'watch'>;
  readonly execute: Record<Platform, TypedQueue<'execute'>>;
  readonly flows: FlowProducer;
  /** The same queues untyped, for Bull Board and the metrics. */
  private readonly raw = new Map<QueueName, Queue>();

  constructor(
    readonly connection: ConnectionOptions,
    readonly settings: QueueSettings,
    readonly platforms: readonly Platform[],
    onError: (err: Error) => void = () => undefined,
  ) {
    const make = <Q extends QueueKind>(name: QueueName): TypedQueue<Q> => {
      const queue = new Queue(name, { connection, prefix: settings.prefix, defaultJobOptions: defaultJobOptions(settings) });
      // Without a listener a lost connection prints a stack trace per queue; route it to the logger.
      queue.on('error', onError);
      this.raw.set(name, queue);
      return queue as unknown as TypedQueue<Q>;
    };
    this.sync = make(QUEUES.sync);
    this.plan = make(QUEUES.plan);
    this.report = make(QUEUES.report);
    this.watch = make(QUEUES.watch);
    this.execute = Object.fromEntries(PLATFORMS.map((p) => [p, make(executeQueueName(p))])) as Record<Platform, TypedQueue<'execute'>>;
    this.flows = new FlowProducer({ connection, prefix: settings.prefix });
    this.flows.on('error', onError);
  }

  /** The queues this process's platforms use. */
  all(): Queue[] {
    const names: QueueName[] = [QUEUES.sync, QUEUES.plan, ...this.platforms.map(executeQueueName), QUEUES.report, QUEUES.watch];
    return names.map((n) => this.raw.get(n)!);
  }

  async close(): Promise<void> {
    await Promise.all([...this.raw.values()].map((q) => q.close()));
    await this.flows.close();
  }
}
