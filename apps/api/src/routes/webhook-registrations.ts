import { Router } from 'express';
import { z } from 'zod';
import { PLATFORMS, type Platform } from '@gearsync/core';
import { requestWebhookRegistration, webhookBaseProblem, webhookRegistration, type ProducerContext } from '@gearsync/sync/producer';
import { requireRedis } from '../availability.js';
import { ApiError, notFound, parse } from '../errors.js';

const registrationRequest = z.strictObject({
  url: z
    .string()
    .trim()
    .refine((u) => !webhookBaseProblem(u), 'must be the public http(s) URL the platforms reach this API at')
    .optional(),
  platforms: z.array(z.enum(PLATFORMS)).min(1).optional(),
});
const registrationIdParam = z.object({ registrationId: z.uuid('must be a registration id (a UUID)') });

/**
 * `/api/webhooks/registrations`: what `npm run webhooks -- register` does, asked for from the page.
 * The API calls no platform: the watch worker, which holds the adapters, registers and keeps the
 * outcome on its job, read back here.
 */
export function webhookRegistrationRoutes(ctx: ProducerContext): Router {
  const router = Router();

  router.post('/registrations', requireRedis(ctx), async (req, res) => {
    const body = parse(registrationRequest, req.body ?? {});
    const enabled = ctx.config.PLATFORMS as Platform[];
    const off = (body.platforms ?? []).filter((p) => !enabled.includes(p));
    if (off.length) throw new ApiError(400, 'platform_disabled', `platforms: ${off.join(', ')} not enabled here`);
    const view = await requestWebhookRegistration(ctx, body.url ?? ctx.config.apiUrl, body.platforms ?? enabled);
    res.status(202).json(view);
  });

  router.get('/registrations/:registrationId', requireRedis(ctx), async (req, res) => {
    const { registrationId } = parse(registrationIdParam, req.params);
    const view = await webhookRegistration(ctx, registrationId);
    if (!view) throw notFound(`no webhook registration ${registrationId}`);
    res.json(view);
  });

  return router;
}
