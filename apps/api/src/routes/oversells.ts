import { Router } from 'express';
import { z } from 'zod';
import { formatAmount, type Platform } from '@gearsync/core';
import { oversells } from '@gearsync/db';
import { saleLink, type ProducerContext } from '@gearsync/sync/producer';
import { notFound, parse } from '../errors.js';

const query = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
const resolveBody = z.strictObject({ relist: z.boolean().optional() });
const idParam = z.coerce.number().int().positive();

export function oversellView(o: oversells.OversellRow, platformUrls: Record<Platform, string>) {
  return {
    id: o.id,
    sku: o.sku,
    status: o.status,
    sales: o.sales.map((s, i) => ({
      platform: s.platform,
      orderId: s.orderId,
      externalId: s.externalId,
      at: s.at,
      price: s.price ? { amount: formatAmount(s.price.cents), currency: s.price.currency } : null,
      quantity: s.quantity,
      last: i === o.sales.length - 1,
      url: saleLink(s.platform, s, platformUrls),
    })),
    lastPlatform: o.lastPlatform,
    relistHeld: o.relistHeld,
    createdAt: o.createdAt.toISOString(),
    resolvedAt: o.resolvedAt?.toISOString() ?? null,
  };
}

/**
 * `/api/oversells`: products sold more times than they had stock, newest first. Resolving says a
 * buyer has been dealt with; `relist: true` (or `/relist`) also lets a restock offer the item again
 * on the platform where it sold last.
 */
export function oversellRoutes(ctx: ProducerContext): Router {
  const router = Router();
  const db = ctx.database.db;
  const urls = ctx.config.platformUrls as Record<Platform, string>;

  router.get('/', async (req, res) => {
    const q = parse(query, req.query, ['query']);
    const list = await oversells.list(db, { status: q.status, limit: q.limit });
    res.json(list.map((o) => oversellView(o, urls)));
  });

  router.post('/:id/resolve', async (req, res) => {
    const id = parse(idParam, req.params.id, ['id']);
    const body = parse(resolveBody, req.body ?? {});
    const row = await oversells.resolve(db, id, { relist: body.relist });
    if (!row) throw notFound(`no oversell ${id}`);
    res.json(oversellView(row, urls));
  });

  router.post('/:id/relist', async (req, res) => {
    const id = parse(idParam, req.params.id, ['id']);
    const row = await oversells.allowRelist(db, id);
    if (!row) throw notFound(`no oversell ${id}`);
    res.json(oversellView(row, urls));
  });

  return router;
}
