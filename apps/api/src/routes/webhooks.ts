import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { Platform } from '@gearsync/core';
import { products } from '@gearsync/db';
import { requestRun, type SyncContext } from '@gearsync/sync';
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

/** eBay's Platform Notifications are SOAP XML; the SKU and item id are plain elements. */
function xmlValues(text: string, tag: string): string[] {
  const re = new RegExp(`<(?:\\w+:)?${tag}>\\s*([^<]+?)\\s*</(?:\\w+:)?${tag}>`, 'g');
  return [...text.matchAll(re)].map((m) => m[1]!);
}

/** `/webhooks/*`: sale notifications, each answered with a targeted run for the SKUs sold. */
export function webhookRoutes(ctx: SyncContext): Router {
  const router = Router();
  const queue = requireRedis(ctx);
  const config = ctx.config;
  const log = ctx.logger.child({ component: 'webhooks' });

  const start = async (res: Response, platform: Platform, skus: string[]) => {
    const list = [...new Set(skus)].slice(0, MAX_SKUS);
    if (!list.length) {
      res.status(200).json({ runId: null, ignored: 'no SKU of ours in the notification' });
      return;
    }
    const ticket = await requestRun(ctx, { trigger: 'webhook', skus: list });
    log.info('sale notification', { platform, skus: list, runId: ticket.runId });
    res.status(202).json({ ...ticket, skus: list });
  };

  const byIds = async (platform: Platform, ids: Set<string>) => (ids.size ? products.skusForExternalIds(ctx.database.db, platform, [...ids].slice(0, MAX_SKUS)) : []);

  router.post('/website', queue, rawBody, async (req, res) => {
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
    await start(res, 'website', skus.map((s) => s.trim()));
  });

  router.post('/reverb/:token', queue, rawBody, async (req, res) => {
    if (!sameSecret(String(req.params.token), config.REVERB_WEBHOOK_TOKEN)) throw new ApiError(401, 'bad_token', 'unknown webhook token');
    const body = json(bodyOf(req));
    const skus = collect(body, /^sku$/i);
    if (skus.size) return start(res, 'reverb', [...skus]);
    const ids = collect(body, /^(product_id|listing_id)$/i);
    if (!ids.size) throw new ApiError(400, 'invalid_request', 'body: no sku or product_id in the notification');
    await start(res, 'reverb', await byIds('reverb', ids));
  });

  // eBay checks an endpoint before it sends to it: answer sha256(challenge + token + endpoint URL).
  router.get('/ebay/:token', (req, res) => {
    if (!sameSecret(String(req.params.token), config.EBAY_WEBHOOK_TOKEN)) throw new ApiError(401, 'bad_token', 'unknown webhook token');
    const challenge = typeof req.query.challenge_code === 'string' ? req.query.challenge_code : null;
    if (!challenge) throw new ApiError(400, 'invalid_request', 'challenge_code: required');
    const endpoint = `${req.protocol}://${req.get('host')}${req.baseUrl}${req.path}`;
    const challengeResponse = createHash('sha256').update(challenge).update(config.EBAY_WEBHOOK_TOKEN).update(endpoint).digest('hex');
    res.json({ challengeResponse });
  });

  router.post('/ebay/:token', queue, rawBody, async (req, res) => {
    if (!sameSecret(String(req.params.token), config.EBAY_WEBHOOK_TOKEN)) throw new ApiError(401, 'bad_token', 'unknown webhook token');
    const raw = bodyOf(req);
    const text = raw.toString('utf8').trim();
    if (text.startsWith('<')) {
      const skus = xmlValues(text, 'SKU');
      if (skus.length) return start(res, 'ebay', skus);
      const ids = new Set(xmlValues(text, 'ItemID'));
      if (!ids.size) throw new ApiError(400, 'invalid_request', 'body: no SKU or ItemID in the notification');
      return start(res, 'ebay', await byIds('ebay', ids));
    }
    const body = json(raw);
    const skus = collect(body, /^sku$/i);
    if (skus.size) return start(res, 'ebay', [...skus]);
    const ids = collect(body, /^(itemId|legacyItemId|listingId|offerId)$/i);
    if (!ids.size) throw new ApiError(400, 'invalid_request', 'body: no sku or itemId in the notification');
    await start(res, 'ebay', await byIds('ebay', ids));
  });

  return router;
}
