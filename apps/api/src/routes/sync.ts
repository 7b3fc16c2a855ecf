import { Router } from 'express';
import { z } from 'zod';
import { ACTION_STATUSES, PLATFORMS } from '@gearsync/core';
import { actions, runs } from '@gearsync/db';
import { approveRun, liveSummary, requestRun, retryFailed, type ProducerContext } from '@gearsync/sync/producer';
import { requireRedis } from '../availability.js';
import { notFound, parse } from '../errors.js';
import { actionView, runListItem, runView } from '../views.js';

const syncRequest = z.strictObject({
  platforms: z.array(z.enum(PLATFORMS)).max(PLATFORMS.length * 2).optional(),
  skus: z.array(z.string().trim().min(1).max(200)).max(1000).optional(),
  dryRun: z.boolean().optional(),
});

const runIdParam = z.object({ runId: z.uuid('must be a run id (a UUID)') });

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });

const actionsQuery = z.object({
  status: z.enum(ACTION_STATUSES).optional(),
  platform: z.enum(PLATFORMS).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  offset: z.coerce.number().int().min(0).default(0),
});

/** `/api/sync`: start runs (the API records and enqueues, it never calls a platform) and read them. */
export function syncRoutes(ctx: ProducerContext): Router {
  const db = ctx.database.db;
  const router = Router();

  const loadRun = async (params: unknown) => {
    const { runId } = parse(runIdParam, params);
    const run = await runs.get(db, runId);
    if (!run) throw notFound(`no run ${runId}`);
    return run;
  };

  const queue = requireRedis(ctx);

  router.post('/', queue, async (req, res) => {
    const body = parse(syncRequest, req.body ?? {});
    const ticket = await requestRun(ctx, { trigger: 'manual', platforms: body.platforms, skus: body.skus ?? null, dryRun: body.dryRun });
    res.status(202).json(ticket);
  });

  router.get('/runs', async (req, res) => {
    const { limit } = parse(listQuery, req.query);
    const list = await runs.list(db, limit);
    const progress = await runs.progress(db, list.map((r) => r.id));
    res.json(list.map((r) => runListItem(r, progress.get(r.id))));
  });

  router.get('/runs/:runId', async (req, res) => {
    const run = await loadRun(req.params);
    const progress = await runs.progress(db, [run.id]);
    // While it executes the report is built live from the actions, as the reporter will build it.
    const summary = run.status === 'executing' ? liveSummary(run, await actions.counts(db, run.id)).summary : run.summary;
    res.json(runView({ ...run, summary }, progress.get(run.id)));
  });

  router.get('/runs/:runId/actions', async (req, res) => {
    const run = await loadRun(req.params);
    const filter = parse(actionsQuery, req.query);
    const rows = await actions.listForRun(db, run.id, filter);
    res.json(rows.map(actionView));
  });

  router.post('/runs/:runId/approve', queue, async (req, res) => {
    const { runId } = parse(runIdParam, req.params);
    await approveRun(ctx, runId);
    const run = await runs.get(db, runId);
    res.status(202).json({ runId, status: run?.status ?? 'executing' });
  });

  router.post('/runs/:runId/retry-failed', queue, async (req, res) => {
    const { runId } = parse(runIdParam, req.params);
    const { retried } = await retryFailed(ctx, runId);
    const run = await runs.get(db, runId);
    res.status(202).json({ runId, status: run?.status, retried });
  });

  return router;
}
