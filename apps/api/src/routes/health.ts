import { Router } from 'express';
import { runs } from '@gearsync/db';
import type { ProducerContext } from '@gearsync/sync/producer';

async function within(ms: number, probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /health`: can this process reach Postgres (through a real table) and Redis. */
export function healthRoutes(ctx: ProducerContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [db, redis] = await Promise.all([within(2000, () => runs.list(ctx.database.db, 1)), within(2000, () => ctx.redis.ping())]);
    const ok = db && redis;
    res.status(ok ? 200 : 503).json({ ok, db, redis });
  });
  return router;
}
