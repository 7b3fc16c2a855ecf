import { sql } from 'drizzle-orm';
import { products } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { divergedListings, listable, type ControlListing } from '../apps/cli/src/divergence.js';
import { createWorld, type World } from './harness.js';

/**
 * The foundation end to end: real sandbox, API and the four workers as processes, 200
 * instruments and a web shop that has drifted (missing items, wrong prices, strangers).
 */
describe('a full sync of the web shop through the real processes', () => {
  let world: World;
  const items = catalogue(200, { seed: 11 });
  let strangers: ControlListing[];

  beforeAll(async () => {
    world = await createWorld({ platforms: ['website'] });
    await world.startPipeline(['website']);
    await products.upsertMany(world.database.db, items);
    const shop = divergedListings(items, 'website', { missing: 0.2, wrongPrice: 0.15, strangers: 4 });
    strangers = shop.filter((l) => !items.some((p) => p.sku === l.sku));
    expect((await world.control('PUT', '/website/listings', shop)).status).toBe(200);
  }, 90_000);

  afterAll(async () => {
    await world?.close();
  });

  let runId: string;

  it('brings the shop in line with the inventory', async () => {
    const started = await world.api<{ runId: string; status: string; deduplicated: boolean }>('POST', '/api/sync', {});
    expect(started.status).toBe(202);
    expect(started.body.deduplicated).toBe(false);
    runId = started.body.runId;
    const run = await world.waitForRun(runId);
    expect(run.status).toBe('completed');

    const { body: remote } = await world.control<(ControlListing & { id: string })[]>('GET', '/website/listings');
    const bySku = new Map(remote.filter((l) => l.sku).map((l) => [l.sku, l]));
    for (const p of items.filter((p) => listable(p, 'website'))) {
      const listing = bySku.get(p.sku);
      expect(listing).toBeDefined();
      expect(listing).toMatchObject({ title: p.title, quantity: p.quantity, status: 'active', price: { amount: (p.priceCents / 100).toFixed(2), currency: 'USD' } });
      // The shop serves its own copy of every photo we sent (sideloaded into its media library).
      expect(listing!.images).toHaveLength(p.images.length);
      for (const url of listing!.images) expect(url).toMatch(/\/wp-content\/uploads\//);
    }
    // Strangers (listings no product matches) are left alone and counted.
    for (const s of strangers) expect(remote.some((l) => l.title === s.title && l.status === 'active')).toBe(true);
    expect(run.summary!.orphans).toBe(strangers.length);
  });

  it('records every product as synced with the id the shop gave it', async () => {
    const { body: remote } = await world.control<{ id: string; sku: string }[]>('GET', '/website/listings');
    const rows = await world.database.db.execute<{ sku: string; external_id: string | null; sync_status: string }>(sql`
      select p.sku, pc.external_id, pc.sync_status from products p
      left join platform_common pc on pc.product_id = p.id and pc.platform = 'website'`);
    expect(rows.rows).toHaveLength(items.length);
    for (const row of rows.rows) {
      expect(row.sync_status).toBe('synced');
      expect(row.external_id).toBe(remote.find((l) => l.sku === row.sku)!.id);
    }
  });

  it('writes one audit row per attempt, and a report whose counts equal the plan', async () => {
    const counts = await world.database.db.execute<{ id: number; attempts: number; audits: number; status: string }>(sql`
      select a.id, a.attempts, a.status, (select count(*)::int from audit_log l where l.action_id = a.id) as audits
      from sync_actions a where a.run_id = ${runId}`);
    expect(counts.rows.length).toBeGreaterThan(0);
    for (const row of counts.rows) {
      expect(row.status).toBe('succeeded');
      expect(row.audits).toBe(row.attempts);
    }
    const { body: run } = await world.api<{ summary: { platforms: Record<string, Record<string, { planned: number; succeeded: number }>> } }>('GET', `/api/sync/runs/${runId}`);
    const { body: planned } = await world.api<{ kind: string }[]>('GET', `/api/sync/runs/${runId}/actions?platform=website`);
    const perKind = new Map<string, number>();
    for (const a of planned) perKind.set(a.kind, (perKind.get(a.kind) ?? 0) + 1);
    const reported = run.summary.platforms.website!;
    expect(Object.keys(reported).sort()).toEqual([...perKind.keys()].sort());
    for (const [kind, n] of perKind) expect(reported[kind]).toMatchObject({ planned: n, succeeded: n });
    expect(perKind.get('create')).toBeGreaterThan(0);
    expect(perKind.get('update')).toBeGreaterThan(0);
  });

  it('plans nothing on a second sync', async () => {
    const again = await world.api<{ runId: string }>('POST', '/api/sync', {});
    expect(again.status).toBe(202);
    const run = await world.waitForRun(again.body.runId);
    expect(run.status).toBe('completed');
    const { body: planned } = await world.api<unknown[]>('GET', `/api/sync/runs/${again.body.runId}/actions`);
    expect(planned).toEqual([]);
  });
});
