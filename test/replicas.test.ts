import { sql } from 'drizzle-orm';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { products } from '../packages/db/src/index.js';
import { createWorld, type World } from './harness.js';

/**
 * Three executors per platform and three snapshot workers on one Redis, on a tight budget: the
 * replicas spend the platforms' budgets as one process would (nothing refused as throttled),
 * nothing is done twice, and every action ends succeeded.
 */
describe('three replicas per platform share one call budget', () => {
  let world: World;
  const platforms = ['reverb', 'website'] as const;
  // Reverb takes one listing a call: 16 creates are 16 calls, plus the snapshot's reads.
  const items = catalogue(16, { seed: 71 }).map((p) => ({ ...p, quantity: 1, condition: 'very_good' as const, platforms: null }));
  const budget = { reverb: { max: 4, perMs: 1000 }, website: { max: 2, perMs: 1000 } };

  beforeAll(async () => {
    world = await createWorld({
      platforms: [...platforms],
      env: { REVERB_RATE_MAX: '4', REVERB_RATE_MS: '1000', WEBSITE_RATE_MAX: '2', WEBSITE_RATE_MS: '1000', EXECUTE_CONCURRENCY: '4' },
    });
    await world.startSandbox();
    await world.startApi();
    const workers = [world.startWorker('plan'), world.startWorker('report')];
    for (let i = 1; i <= 3; i++) {
      workers.push(world.start(`snapshot#${i}`, ['apps/workers/src/main.ts', 'snapshot']));
      for (const p of platforms) workers.push(world.start(`execute-${p}#${i}`, ['apps/workers/src/main.ts', 'execute', '--platform', p]));
    }
    await Promise.all(workers);
    await products.upsertMany(world.database.db, items);
    // A few listings already there, so the snapshot reads pages while executors write.
    for (const p of platforms) {
      await world.control('PUT', `/${p}/config`, { rateLimit: budget[p], latencyMs: 50 });
      await world.control('POST', `/${p}/listings`, Array.from({ length: 3 }, (_, i) => ({ sku: `HAND-${i}`, title: `Harmony Stratotone ${1955 + i}`, description: 'by hand', price: { amount: '300.00', currency: 'USD' }, quantity: 1, condition: 'good', images: [], status: 'active', brand: 'Harmony', model: 'Stratotone', year: 1955 + i })));
    }
  }, 180_000);
  afterAll(async () => world?.close());

  it('completes with nothing throttled, nothing twice, every action final', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId, 180_000);
    const open = await world.database.db.execute(sql`select platform, sku, kind, status, error from sync_actions where run_id = ${body.runId} and status <> 'succeeded'`);
    expect([run.status, open.rows]).toEqual(['completed', []]);
    for (const p of platforms) {
      const { body: stats } = await world.control<{ throttled: number; calls: number }>('GET', `/${p}/stats`);
      expect([p, stats.throttled]).toEqual([p, 0]);
      const { body: remote } = await world.control<{ sku: string }[]>('GET', `/${p}/listings`);
      const skus = remote.map((l) => l.sku).filter((s) => !s.startsWith('HAND-'));
      // No duplicates: each SKU listed once.
      expect([p, skus.sort()]).toEqual([p, items.map((i) => i.sku).sort()]);
    }
  }, 200_000);
});
