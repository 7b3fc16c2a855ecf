import { createLogger, loadConfigWith, redactText } from '@gearsync/runtime';
import { migrate } from './client.js';

const logger = createLogger('migrate');
try {
  const config = loadConfigWith({ GEARSYNC_MODE: 'demo' });
  await migrate(config.DATABASE_URL);
  logger.info('migrations applied', { database: new URL(config.DATABASE_URL).pathname.slice(1) });
} catch (err) {
  logger.error('migration failed', { error: redactText(String((err as Error).message ?? err)) });
  process.exitCode = 1;
}
