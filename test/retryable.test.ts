import { sql } from 'drizzle-orm';
import { products, settings } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { createWorld, type World } from './harness.js';

/**
 * A bulk call that succeeds for every entry but one, which fails with a 5xx (here WooCommerce's
 * batch; the eBay emulation's bulk inventory items take the same fault): that entry is sent
 * again, alone, and succeeds; its batch-mates are final after the first call.
 */
describe('one entry of a bulk call fails with a 500, then succeeds', () => {
  let world: World;
  const platforms = ['website'];
  const items = catalogue(4, { seed: 41 }).map((p) => ({ ...p, quantity: 1, condition: 'very_good' as const, platforms: null }));
  const faulty = items[1]!.sku;

  beforeAll(async () => {
    world = await createWorld({ platforms });
    // One after another: on a busy machine seven processes starting at once are slow to answer.
    await world.startSandbox();
    await world.startApi();
    await Promise.all([world.startWorker('snapshot'), world.startWorker('plan'), world.startWorker('report'), ...platforms.map((p) => world.startWorker('execute', p))]);
    await settings.setPlatformDefaults(world.database.db, 'website', { currency: 'USD' });
    await products.upsertMany(world.database.db, items);
    for (const p of platforms) {
      expect((await world.control('PUT', `/${p}/config`, { entryFaults: { [faulty]: { status: 500, times: 1 } } })).status).toBe(200);
    }
  }, 90_000);
  afterAll(async () => world?.close());

  it('retries that action alone and the run completes', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId, 90_000);
    const failed = await world.database.db.execute(sql`select platform, sku, kind, error from sync_actions where run_id = ${body.runId} and status <> 'succeeded'`);
    expect([run.status, failed.rows]).toEqual(['completed', []]);

    const rows = await world.database.db.execute<{ platform: string; sku: string; status: string; attempts: number; audits: string[] }>(sql`
      select a.platform, a.sku, a.status, a.attempts,
        array(select l.outcome || ':' || coalesce(l.response_status::text, '-') from audit_log l where l.action_id = a.id order by l.id) as audits
      from sync_actions a where a.run_id = ${body.runId} and a.kind = 'create'`);
    expect(rows.rows).toHaveLength(items.length * platforms.length);
    for (const row of rows.rows) {
      expect([row.platform, row.sku, row.status]).toEqual([row.platform, row.sku, 'succeeded']);
      if (row.sku === faulty) {
        expect([row.platform, row.attempts, row.audits]).toEqual([row.platform, 2, ['failed:500', expect.stringMatching(/^succeeded:/)]]);
      } else {
        // Not sent again: one attempt, one audit row.
        expect([row.platform, row.sku, row.attempts, row.audits.length]).toEqual([row.platform, row.sku, 1, 1]);
      }
    }

    for (const p of platforms) {
      const { body: remote } = await world.control<{ sku: string }[]>('GET', `/${p}/listings`);
      expect([p, remote.map((l) => l.sku).sort()]).toEqual([p, items.map((i) => i.sku).sort()]);
    }
    // The batch went out twice: all four, then the one alone.
    const website = await world.control<{ byEndpoint: Record<string, number> }>('GET', '/website/stats');
    expect(Object.entries(website.body.byEndpoint).filter(([k]) => k.endsWith('/products/batch')).reduce((n, [, c]) => n + c, 0)).toBe(2);
  }, 120_000);
});
