import type { Redis } from 'ioredis';
import type { Platform } from '@gearsync/core';
import type { Database } from '@gearsync/db';
import type { PlatformAdapter } from '@gearsync/platforms';
import type { Queues } from '@gearsync/queue';
import type { Config, Logger } from '@gearsync/runtime';
import { createAdapter } from './adapters.js';
import { RedisCallGate } from './gate.js';

/** What every stage function needs: built once per process, closed on shutdown. */
export interface SyncContext {
  config: Config;
  database: Database;
  queues: Queues;
  redis: Redis;
  logger: Logger;
  adapter(platform: Platform): PlatformAdapter;
  close(): Promise<void>;
}

export function createContext(parts: { config: Config; database: Database; queues: Queues; redis: Redis; logger: Logger }): SyncContext {
  const adapters = new Map<Platform, PlatformAdapter>();
  return {
    ...parts,
    adapter(platform) {
      let adapter = adapters.get(platform);
      if (!adapter) {
        const gate = new RedisCallGate(parts.redis, `${parts.config.QUEUE_PREFIX}:gate:${platform}`, parts.config.rate[platform]);
        adapter = createAdapter(platform, parts.config, gate);
        // The margin depends on the transport, which only the adapter knows.
        if (adapter.limits.arrivalJitterMs) gate.setMargin(adapter.limits.arrivalJitterMs);
        adapters.set(platform, adapter);
      }
      return adapter;
    },
    async close() {
      await Promise.all([...adapters.values()].map((a) => a.close()));
      adapters.clear();
    },
  };
}
