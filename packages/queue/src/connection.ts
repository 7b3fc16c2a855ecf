import { Redis, type RedisOptions } from 'ioredis';

/** Workers block on Redis: they must retry forever rather than fail a command. */
export function workerConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
}

/** Producers (the API) fail fast: an HTTP request should answer an error, not hang. */
export function producerConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000, ...options });
}
