import type { Redis } from 'ioredis';
import type { Platform } from '@gearsync/core';
import type { Database } from '@gearsync/db';
import type { PlatformAdapter } from '@gearsync/platforms';
import type { Queues } from '@gearsync/queue';
import type { Config, Logger } from '@gearsync/runtime';
import { createAdapter } from './adapters.js';
import { openProducerContext, type OpenOptions } from './boot.js';
import { RedisCallGate } from './gate.js';

/** What a producer needs (the API: record runs, add jobs); it never opens a platform adapter. */
export interface ProducerContext {
  config: Config;
  database: Database;
  queues: Queues;
  redis: Redis;
  logger: Logger;
  close(): Promise<void>;
}

/** What every stage function needs: a producer's context and the platforms' adapters. Built once per process, closed on shutdown. */
export interface SyncContext extends ProducerContext {
  adapter(platform: Platform): PlatformAdapter;
  /** Runs `fn` (calls for a sale) ahead of every other call to the platform, from any process. */
  urgently<T>(platform: Platform, fn: () => Promise<T>): Promise<T>;
}

/** A worker's context: Postgres, Redis, the queues and the logger, and each platform's adapter opened when first asked for. */
export function openContext(service: string, options: OpenOptions): SyncContext {
  return withAdapters(openProducerContext(service, options));
}

export function withAdapters(base: ProducerContext): SyncContext {
  const adapters = new Map<Platform, { adapter: PlatformAdapter; gate: RedisCallGate }>();
  const open = (platform: Platform) => {
    let opened = adapters.get(platform);
    if (!opened) {
      const gate = new RedisCallGate(base.redis, `${base.config.QUEUE_PREFIX}:gate:${platform}`, base.config.rate[platform]);
      opened = { adapter: createAdapter(platform, base.config, gate), gate };
      adapters.set(platform, opened);
    }
    return opened;
  };
  return {
    ...base,
    adapter: (platform) => open(platform).adapter,
    urgently: (platform, fn) => open(platform).gate.urgently(fn),
    async close() {
      await Promise.all([...adapters.values()].map((a) => a.adapter.close()));
      adapters.clear();
      await base.close();
    },
  };
}
