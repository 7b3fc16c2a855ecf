import { migrate } from '@gearsync/db';
import { childEnv, createLogger, loadConfig, redactText } from '@gearsync/runtime';
import { processList, supervise } from './processes.js';

/** `npm start`: production — the API and one process of every worker, no sandbox, no seeding. */
const logger = createLogger('start');
try {
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const { stop } = supervise(processList(config.PLATFORMS, false), childEnv(), logger);
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  logger.info('gearsync started', { api: `http://${config.API_HOST}:${config.API_PORT}`, platforms: config.PLATFORMS });
} catch (err) {
  logger.error(redactText((err as Error).message));
  process.exit(1);
}
