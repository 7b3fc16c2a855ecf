import { createLogger, loadConfigWith, onShutdown, registerSecrets, secretsOf } from '@gearsync/runtime';
import { startSandbox } from './server.js';

// The sandbox never runs in production: its credentials default to the demo's.
const config = loadConfigWith({ GEARSYNC_MODE: 'demo' });
registerSecrets(secretsOf(config));
const logger = createLogger('sandbox', config.LOG_LEVEL);
const sandbox = await startSandbox({
  port: config.SANDBOX_PORT,
  host: config.SANDBOX_HOST,
  credentials: {
    ebay: { clientId: config.EBAY_CLIENT_ID, clientSecret: config.EBAY_CLIENT_SECRET, refreshToken: config.EBAY_REFRESH_TOKEN },
    reverb: { token: config.REVERB_TOKEN },
    vr: { username: config.VR_USERNAME, password: config.VR_PASSWORD },
    website: { key: config.WEBSITE_KEY, secret: config.WEBSITE_SECRET },
  },
});
logger.info('sandbox listening', { url: sandbox.url, platforms: Object.keys(sandbox.emulations) });
const register = onShutdown(logger, config.SHUTDOWN_TIMEOUT_MS);
register('http', () => sandbox.close());
