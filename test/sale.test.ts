import { sql } from 'drizzle-orm';
import { products, stock } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { createWorld, hostImages, type World } from './harness.js';

/** A sale on one platform, through the real processes: stock down once, ended everywhere else. */
describe('a sale on Reverb', () => {
  let world: World;
  const platforms = ['website', 'reverb', 'ebay', 'vr'];
  const items = catalogue(12, { seed: 3 }).map((p) => ({ ...p, quantity: 1, condition: 'excellent' as const, platforms: null }));
  const sold = items[4]!;

  beforeAll(async () => {
    world = await createWorld({ platforms });
    hostImages(world, items);
    await world.startPipeline(platforms);
    await products.upsertMany(world.database.db, items);
    const first = await world.api<{ runId: string }>('POST', '/api/sync', {});
    expect((await world.waitForRun(first.body.runId)).status).toBe('completed');
  }, 90_000);

  afterAll(async () => {
    await world?.close();
  });

  it('lowers local stock, records the sale once, and ends the item on the web shop in the same run', async () => {
    expect((await world.control('POST', '/reverb/sales', { sku: sold.sku, quantity: 1 })).status).toBe(200);
    const started = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(started.body.runId);
    expect(run.status).toBe('completed');
    expect(run.summary!.salesDetected).toBe(1);

    const product = await products.bySku(world.database.db, sold.sku);
    expect(product!.quantity).toBe(0);
    const movements = await stock.movementsFor(world.database.db, product!.id);
    expect(movements).toHaveLength(1);
    expect(movements[0]).toMatchObject({ delta: -1, quantity_after: 0, reason: 'sale', platform: 'reverb' });

    // V&R keeps no SKU on the items we list there: ours is known by its own id.
    const onVr = await world.database.db.execute<{ external_id: string }>(sql`
      select pc.external_id from platform_common pc join products p on p.id = pc.product_id where p.sku = ${sold.sku} and pc.platform = 'vr'`);
    for (const platform of ['website', 'ebay', 'vr']) {
      const { body: shop } = await world.control<{ id: string; sku: string; status: string }[]>('GET', `/${platform}/listings`);
      // V&R has no end: the item is marked sold there.
      expect(shop.find((l) => (platform === 'vr' ? l.id === onVr.rows[0]!.external_id : l.sku === sold.sku))!.status).toBe(platform === 'vr' ? 'sold' : 'ended');
      // Everything else was left as it was.
      expect(shop.filter((l) => l.status === 'active')).toHaveLength(items.length - 1);
    }
    const { body: acts } = await world.api<{ platform: string; sku: string; kind: string; status: string }[]>('GET', `/api/sync/runs/${started.body.runId}/actions`);
    expect(acts.filter((a) => a.sku === sold.sku).map((a) => [a.platform, a.kind, a.status]).sort()).toEqual([
      ['ebay', 'end', 'succeeded'],
      ['vr', 'end', 'succeeded'],
      ['website', 'end', 'succeeded'],
    ]);
  });

  it('does not read our own end on V&R (marked sold there) as a sale, nor count the sale again', async () => {
    const again = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(again.body.runId);
    expect(run.summary!.salesDetected).toBe(0);
    const n = await world.database.db.execute<{ n: number }>(sql`select count(*)::int as n from stock_movements where reason = 'sale'`);
    expect(n.rows[0]!.n).toBe(1);
  });
});
