import type { Platform } from '@gearsync/core';
import { openDatabase } from '@gearsync/db';
import { Queues, producerConnection, workerConnection } from '@gearsync/queue';
import { createLogger, exitOnFatal, loadConfig, registerSecrets, secretsOf, type Config } from '@gearsync/runtime';
import type { ProducerContext } from './context.js';

export interface OpenOptions {
  role: 'worker' | 'producer';
  env?: NodeJS.ProcessEnv;
  config?: Config;
}

/**
 * Opens what a process needs from its configuration: Postgres, Redis (a worker connection that
 * retries forever, or a producer one that fails fast), the queues, the logger. No adapter: a
 * worker adds them (`openContext`); the API never does.
 */
export function openProducerContext(service: string, options: OpenOptions): ProducerContext {
  const config = options.config ?? loadConfig(options.env);
  registerSecrets(secretsOf(config));
  const logger = createLogger(service, config.LOG_LEVEL, config.LOG_FORMAT);
  // A process that hits an unexpected error logs it and exits: the supervisor (or Docker) brings it back.
  if (options.role === 'worker') exitOnFatal(logger);
  const database = openDatabase(config.DATABASE_URL, { onError: (err) => logger.warn('postgres connection error', { error: err.message }) });
  const redis = options.role === 'worker' ? workerConnection(config.REDIS_URL) : producerConnection(config.REDIS_URL);
  redis.on('error', (err) => logger.warn('redis connection error', { error: err.message }));
  const queues = new Queues(redis, { prefix: config.QUEUE_PREFIX, attempts: config.EXECUTE_ATTEMPTS, backoffMs: config.BACKOFF_MS }, config.PLATFORMS as Platform[], (err) => logger.debug('queue connection error', { error: err.message }));
  return {
    config,
    database,
    queues,
    redis,
    logger,
    async close() {
      await queues.close();
      await database.close();
      redis.disconnect();
    },
  };
}
