import type { AddressInfo } from 'node:net';
import { exitOnFatal, onShutdown } from '@gearsync/runtime';
import { openProducerContext } from '@gearsync/sync/producer';
import { createApp } from './app.js';

/** `npm run api`: the HTTP API on API_HOST:API_PORT, stopped cleanly on SIGTERM. */
const ctx = openProducerContext('api', { role: 'producer' });
exitOnFatal(ctx.logger);
const register = onShutdown(ctx.logger, ctx.config.SHUTDOWN_TIMEOUT_MS);
register('context', () => ctx.close());

let app;
try {
  app = createApp(ctx);
} catch (err) {
  ctx.logger.error('the API cannot start', { error: (err as Error).message });
  await ctx.close();
  process.exit(1);
}

const server = app.listen(ctx.config.API_PORT, ctx.config.API_HOST);
server.on('listening', () => {
  const { address, port } = server.address() as AddressInfo;
  ctx.logger.info('api listening', { url: `http://${address}:${port}` });
});
server.on('error', (err) => {
  ctx.logger.error('the API cannot listen', { error: err.message, host: ctx.config.API_HOST, port: ctx.config.API_PORT });
  process.exit(1);
});
register(
  'http',
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }),
);
