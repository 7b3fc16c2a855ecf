import { migrate } from '@gearsync/db';
import { checkProduction, childEnv, createLogger, exitOnFatal, loadConfig, redactText } from '@gearsync/runtime';
import { COMPILED, processList, supervise } from './processes.js';

/**
 * `npm start`: production — the API and one process of every worker (compiled JavaScript, each
 * with its heap capped at MAX_HEAP_MB), no sandbox, no seeding. A process that dies is started
 * again; one that keeps dying stops everything.
 */
let logger = createLogger('start');
try {
  const config = loadConfig();
  logger = createLogger('start', config.LOG_LEVEL, config.LOG_FORMAT);
  exitOnFatal(logger);
  checkProduction(config);
  await migrate(config.DATABASE_URL);
  const { stop } = supervise(processList(config.PLATFORMS, false), childEnv(), logger, {
    compiled: COMPILED,
    maxHeapMb: config.MAX_HEAP_MB,
    restartMax: config.RESTART_MAX,
    windowMs: config.restartWindowMs,
    readable: config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && Boolean(process.stdout.isTTY)),
  });
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  logger.info('gearsync started', { api: `http://${config.API_HOST}:${config.API_PORT}`, platforms: config.PLATFORMS, compiled: COMPILED });
} catch (err) {
  // One line, no stack: a configuration or connection problem a person fixes.
  logger.error(redactText((err as Error).message));
  process.exit(1);
}
