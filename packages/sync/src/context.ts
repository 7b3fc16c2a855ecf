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
}

/** A worker's context: Postgres, Redis, the queues and the logger, and each platform's adapter opened when first asked for. */
export function openContext(service: string, options: OpenOptions): SyncContext {
  return withAdapters(openProducerContext(service, options));
}

export function withAdapters(base: ProducerContext): SyncContext {
  const adapters = new Map<Platform, PlatformAdapter>();
  return {
    ...base,
    adapter(platform) {
      let adapter = adapters.get(platform);
      if (!adapter) {
        const gate = new RedisCallGate(base.redis, `${base.config.QUEUE_PREFIX}:gate:${platform}`, base.config.rate[platform]);
        adapter = createAdapter(platform, base.config, gate);
        adapters.set(platform, adapter);
      }
      return adapter;
    },
    async close() {
      await Promise.all([...adapters.values()].map((a) => a.close()));
      adapters.clear();
      await base.close();
    },
  };
}
