import express, { Router, type Express, type RequestHandler } from 'express';
import type { ProducerContext } from '@gearsync/sync/producer';
import { createAuth } from './auth.js';
import { requireRedis } from './availability.js';
import { BOARD_PATH, boardRouter } from './board.js';
import { ApiError, errorHandler, unknownRoute } from './errors.js';
import { createMetrics } from './metrics.js';
import { pageRoutes } from './page/routes.js';
import { healthRoutes } from './routes/health.js';
import { onboardingRoutes } from './routes/onboarding.js';
import { oversellRoutes } from './routes/oversells.js';
import { productRoutes } from './routes/products.js';
import { scheduleRoutes } from './routes/schedules.js';
import { settingsRoutes } from './routes/settings.js';
import { syncRoutes } from './routes/sync.js';
import { webhookRegistrationRoutes } from './routes/webhook-registrations.js';
import { webhookRoutes } from './routes/webhooks.js';

const PAGE_HEADERS: RequestHandler = (_req, res, next) => {
  res.set({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'content-security-policy': "default-src 'self'; img-src 'self' https: data:; frame-ancestors 'none'",
  });
  next();
};

/** A body we would not parse is refused rather than read as empty. */
const jsonOnly: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is(['application/json', 'application/*+json'])) {
    return next(new ApiError(415, 'unsupported_media_type', 'send the body as JSON (Content-Type: application/json)'));
  }
  next();
};

/**
 * The HTTP app: REST API under /api, sale webhooks, the Sync Now page, Bull Board, /health and
 * /metrics. It only records and enqueues; no request calls a platform.
 */
export function createApp(ctx: ProducerContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const auth = createAuth(ctx.config);
  const metrics = createMetrics(ctx);

  app.use(healthRoutes(ctx));
  app.get('/metrics', async (_req, res) => {
    const text = await metrics.scrape();
    res.type(metrics.registry.contentType).send(text);
  });
  app.use('/webhooks', webhookRoutes(ctx));

  app.use(auth.session);
  app.use(PAGE_HEADERS, pageRoutes(auth, { withUser: !!ctx.config.LOGIN_USER }));

  const api = Router();
  const onboarding = onboardingRoutes(ctx);
  // The CSV import reads its own body (text/csv), before the JSON-only rule.
  api.use('/products', auth.require, onboarding.csv);
  api.use(auth.require, jsonOnly, express.json({ limit: '20mb' }));
  api.use('/sync', syncRoutes(ctx));
  api.use('/products', productRoutes(ctx));
  api.use('/schedules', scheduleRoutes(ctx));
  const listingSettings = settingsRoutes(ctx);
  api.use('/settings', listingSettings.settings);
  api.use('/readiness', listingSettings.readiness);
  api.use('/imports', onboarding.imports);
  api.use('/orphans', onboarding.orphans);
  api.use('/oversells', oversellRoutes(ctx));
  api.use('/webhooks', webhookRegistrationRoutes(ctx));
  api.use(unknownRoute);
  app.use('/api', api);

  const boardAuth: RequestHandler = (req, res, next) =>
    auth.require(req, res, (err?: unknown) => {
      if (err instanceof ApiError && err.status === 401 && req.accepts(['json', 'html']) === 'html') {
        res.status(401).type('html').send(`<!doctype html><title>Sign in</title><p>Bull Board needs you to <a href="/login?next=${encodeURIComponent(BOARD_PATH)}">sign in</a>.</p>`);
        return;
      }
      next(err);
    });
  app.use(BOARD_PATH, boardAuth, requireRedis(ctx), boardRouter(ctx.queues));

  app.use(unknownRoute);
  app.use(errorHandler(ctx.logger));
  return app;
}
