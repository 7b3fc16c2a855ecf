import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Platform } from '@gearsync/core';
import { products } from '@gearsync/db';
import type { Config, Logger } from '@gearsync/runtime';
import { EbayNotificationVerifier, isPlatformError, parseNotification } from '@gearsync/platforms/producer';
import { requestRun, type ProducerContext } from '@gearsync/sync/producer';
import { sameSecret } from '../auth.js';
import { requireRedis } from '../availability.js';
import { ApiError } from '../errors.js';

const rawBody = express.raw({ type: () => true, limit: '1mb' });
const MAX_SKUS = 200;

/** `X-WC-Webhook-Signature`: base64 HMAC-SHA256 of the raw body, keyed with the webhook secret. */
export function verifyWooSignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(header.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function bodyOf(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

function json(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_json', 'the notification body is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ApiError(400, 'invalid_request', 'body: expected a JSON object');
  return value as Record<string, unknown>;
}

/** Every non-empty string under a key matching `keys`, anywhere in a notification (their shapes vary by topic). */
function collect(value: unknown, keys: RegExp, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 8 || !value || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value)) {
    if (keys.test(k) && (typeof v === 'string' || typeof v === 'number') && String(v).trim()) out.add(String(v).trim());
    else collect(v, keys, out, depth + 1);
  }
  return out;
}

/** Starts the targeted run for what a notification says sold (the order id goes with it), and answers it. */
type StartRun = (res: Response, platform: Platform, skus: string[], orderId: string | null) => Promise<void>;

/** A notification's own order id (WooCommerce's `id`, Reverb's `order_number`), or null. */
function orderIdOf(value: unknown): string | null {
  return (typeof value === 'string' || typeof value === 'number') && String(value).trim() ? String(value).trim() : null;
}

/** `/webhooks/*`: sale notifications, each answered with a targeted run for the SKUs sold. */
export function webhookRoutes(ctx: ProducerContext): Router {
  const router = Router();
  const queue = requireRedis(ctx);
  const log = ctx.logger.child({ component: 'webhooks' });
  // The order id goes with the run, so the sales it records (and any oversell) name the order.
  const start: StartRun = async (res, platform, skus, orderId) => {
    const list = [...new Set(skus)].slice(0, MAX_SKUS);
    if (!list.length) {
      res.status(200).json({ runId: null, ignored: 'no SKU of ours in the notification' });
      return;
    }
    const orders = orderId ? { [platform]: list.map((sku) => ({ sku, orderId })) } : undefined;
    const ticket = await requestRun(ctx, { trigger: 'webhook', skus: list, ...(orders ? { orders } : {}) });
    log.info('sale notification', { platform, skus: list, orderId, runId: ticket.runId });
    res.status(202).json({ ...ticket, skus: list });
  };
  router.post('/website', queue, rawBody, websiteSale(ctx.config, start));
  router.post('/reverb/:token', queue, rawBody, reverbSale(ctx, start));
  router.get('/ebay/:token', ebayChallenge(ctx.config));
  router.post('/ebay/:token', queue, rawBody, ebaySale(ctx.config, log, start));
  return router;
}

/** A WooCommerce order, signed with the webhook's secret; its line items name the SKUs. */
function websiteSale(config: Config, start: StartRun): RequestHandler {
  return async (req, res) => {
    const raw = bodyOf(req);
    // WooCommerce pings a new webhook's URL with an unsigned form body and disables it unless it gets a 2xx.
    if (/^webhook_id=\d+$/.test(raw.toString('utf8').trim())) {
      res.status(200).json({ ok: true });
      return;
    }
    if (!verifyWooSignature(raw, req.get('x-wc-webhook-signature'), config.WEBSITE_WEBHOOK_SECRET)) {
      throw new ApiError(401, 'bad_signature', 'X-WC-Webhook-Signature does not match the body');
    }
    const body = json(raw);
    const resource = req.get('x-wc-webhook-resource');
    if (!Array.isArray(body.line_items)) {
      if (resource && resource !== 'order') {
        res.status(200).json({ runId: null, ignored: `not an order (${resource})` });
        return;
      }
      throw new ApiError(400, 'invalid_request', 'line_items: expected the order\'s line items');
    }
    const skus = body.line_items.map((l: unknown) => (l && typeof l === 'object' ? (l as { sku?: unknown }).sku : null)).filter((s): s is string => typeof s === 'string' && s.trim() !== '');
    await start(res, 'website', skus.map((s) => s.trim()), orderIdOf(body.id));
  };
}

/** A Reverb order at our secret URL: it names SKUs, or only the listing, which we know by its id. */
function reverbSale(ctx: ProducerContext, start: StartRun): RequestHandler {
  return async (req, res) => {
    if (!sameSecret(String(req.params.token), ctx.config.REVERB_WEBHOOK_TOKEN)) throw new ApiError(401, 'bad_token', 'unknown webhook token');
    const body = json(bodyOf(req));
    const skus = collect(body, /^sku$/i);
    const orderId = orderIdOf(body.order_number);
    if (skus.size) return start(res, 'reverb', [...skus], orderId);
    const ids = collect(body, /^(product_id|listing_id)$/i);
    if (!ids.size) throw new ApiError(400, 'invalid_request', 'body: no sku or product_id in the notification');
    await start(res, 'reverb', await products.skusForExternalIds(ctx.database.db, 'reverb', [...ids].slice(0, MAX_SKUS)), orderId);
  };
}

/** eBay checks an endpoint before it sends to it: answer sha256(challenge + token + endpoint URL). */
function ebayChallenge(config: Config): RequestHandler {
  return (req, res) => {
    if (!sameSecret(String(req.params.token), config.EBAY_WEBHOOK_TOKEN)) throw new ApiError(401, 'bad_token', 'unknown webhook token');
    const challenge = typeof req.query.challenge_code === 'string' ? req.query.challenge_code : null;
    if (!challenge) throw new ApiError(400, 'invalid_request', 'challenge_code: required');
    const endpoint = `${req.protocol}://${req.get('host')}${req.baseUrl}${req.path}`;
    const challengeResponse = createHash('sha256').update(challenge).update(config.EBAY_WEBHOOK_TOKEN).update(endpoint).digest('hex');
    res.json({ challengeResponse });
  };
}

/**
 * eBay signs each notification (X-EBAY-SIGNATURE, ECDSA) and names the order, not the SKU:
 * verify with eBay's public key, read the order, start a run for what sold.
 */
function ebaySale(config: Config, log: Logger, start: StartRun): RequestHandler {
  let ebay: EbayNotificationVerifier | null = null;
  const verifier = () =>
    (ebay ??= new EbayNotificationVerifier({
      baseUrl: config.platformUrls.ebay,
      clientId: config.EBAY_CLIENT_ID,
      clientSecret: config.EBAY_CLIENT_SECRET,
      refreshToken: config.EBAY_REFRESH_TOKEN,
      timeoutMs: config.HTTP_TIMEOUT_MS,
    }));
  return async (req, res) => {
    if (!sameSecret(String(req.params.token), config.EBAY_WEBHOOK_TOKEN)) throw new ApiError(401, 'bad_token', 'unknown webhook token');
    const raw = bodyOf(req);
    let genuine: boolean;
    try {
      genuine = await verifier().verify(raw, req.get('x-ebay-signature'));
    } catch (err) {
      // eBay's key server is away: answer 5xx so eBay delivers again later.
      log.warn('eBay public key unavailable', { error: isPlatformError(err) ? err.message : String(err) });
      throw new ApiError(503, 'unavailable', 'cannot verify the notification now; eBay will retry');
    }
    if (!genuine) throw new ApiError(401, 'bad_signature', 'X-EBAY-SIGNATURE is missing or does not match the body');
    const message = parseNotification(raw);
    if (!message) throw new ApiError(400, 'invalid_request', 'body: not an eBay notification');
    if (message.topic !== 'ORDER_CONFIRMATION') {
      res.status(200).json({ runId: null, ignored: `topic ${message.topic}` });
      return;
    }
    if (!message.orderId) throw new ApiError(400, 'invalid_request', 'notification.data.orderId: required');
    let skus: string[];
    try {
      skus = await verifier().orderSkus(message.orderId);
    } catch (err) {
      log.warn('eBay order read failed', { orderId: message.orderId, error: isPlatformError(err) ? err.message : String(err) });
      throw new ApiError(503, 'unavailable', `cannot read order ${message.orderId} now; eBay will retry`);
    }
    await start(res, 'ebay', skus, message.orderId);
  };
}
