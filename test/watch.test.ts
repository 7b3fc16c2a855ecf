import { products } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { createWorld, notifyReceiver, hostImages, type World } from './harness.js';

/**
 * Sales that no webhook reports (V&R has none; others get lost): the sale watch reads each
 * platform's new sales and ends the item everywhere else, and the dealer is told.
 */
describe('the sale watch, with webhooks off', () => {
  const platforms = ['ebay', 'reverb', 'vr', 'website'] as const;
  let world: World;
  let receiver: Awaited<ReturnType<typeof notifyReceiver>>;
  const items = catalogue(8, { seed: 61 }).map((p) => ({ ...p, quantity: 1, condition: 'excellent' as const, platforms: null }));
  const soldOn = (i: number) => platforms[i]!;

  beforeAll(async () => {
    receiver = await notifyReceiver();
    world = await createWorld({
      platforms: [...platforms],
      env: {
        EBAY_SALE_POLL_MS: '1000',
        REVERB_SALE_POLL_MS: '1000',
        WEBSITE_SALE_POLL_MS: '1000',
        VR_SALE_POLL_MS: '2000',
        NOTIFY_URL: receiver.url,
      },
    });
    hostImages(world, items);
    await world.startPipeline([...platforms]);
    await products.upsertMany(world.database.db, items);
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId, 180_000);
    expect({ status: run.status, failed: await world.failedActions(body.runId) }).toEqual({ status: 'completed', failed: [] });
  }, 240_000);

  afterAll(async () => {
    receiver?.close();
    await world?.close();
  });

  /** V&R keeps no SKU on the items we list there: a buyer there buys the item by its own id. */
  const saleName = async (platform: string, sku: string) => {
    if (platform !== 'vr') return sku;
    const row = await world.database.pool.query<{ external_id: string }>(`select pc.external_id from platform_common pc join products p on p.id = pc.product_id where p.sku = $1 and pc.platform = 'vr'`, [sku]);
    return row.rows[0]!.external_id;
  };

  const offSaleEverywhereElse = async (sku: string, except: string) => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const states = await Promise.all(
        platforms.filter((p) => p !== except).map(async (p) => {
          const { body } = await world.control<{ sku: string; status: string; quantity: number; brand?: string; model?: string; year?: number }[]>('GET', `/${p}/listings`);
          const item = items.find((i) => i.sku === sku)!;
          const l = body.find((x) => x.sku === sku || (p === 'vr' && x.brand === item.brand && x.model === item.model && x.year === item.year));
          return !l || l.status !== 'active' || l.quantity === 0;
        }),
      );
      if (states.every(Boolean)) return;
      if (Date.now() > deadline) throw new Error(`${sku} still on sale somewhere after a sale on ${except}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };

  it('ends an item sold on each platform everywhere else, through the watch alone', async () => {
    for (let i = 0; i < platforms.length; i++) {
      const sold = items[i]!;
      expect((await world.control('POST', `/${soldOn(i)}/sales`, { sku: await saleName(soldOn(i), sold.sku) })).status).toBe(200);
      await offSaleEverywhereElse(sold.sku, soldOn(i));
      const row = await products.bySku(world.database.db, sold.sku);
      expect([soldOn(i), row!.quantity]).toEqual([soldOn(i), 0]);
    }
    const runs = await world.database.pool.query<{ trigger: string; n: number }>(`select trigger, count(*)::int as n from sync_runs where skus is not null group by trigger`);
    expect(runs.rows.map((r) => r.trigger)).toEqual(['watch']);
  }, 400_000);

  it('records each sale once, though a full run sees it again', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId, 180_000);
    expect(run.summary!.salesDetected).toBe(0);
    const sales = await world.database.pool.query<{ sku: string; n: number }>(`select p.sku, count(*)::int as n from stock_movements m join products p on p.id = m.product_id where m.reason = 'sale' group by p.sku order by p.sku`);
    expect(sales.rows).toEqual(items.slice(0, 4).map((i) => ({ sku: i.sku, n: 1 })).sort((a, b) => a.sku.localeCompare(b.sku)));
  }, 240_000);

  it('tells the dealer of every sale', async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !items.slice(0, 4).every((i) => receiver.messages.some((m) => m.includes(i.sku)))) await new Promise((r) => setTimeout(r, 300));
    const told = receiver.messages.join('\n');
    for (let i = 0; i < 4; i++) expect(told).toContain(`${soldOn(i)}: ${items[i]!.sku} "${items[i]!.title}"`);
    expect(told).toContain('*Sold*');
  }, 90_000);

  it('reads the same span again after a failed poll, and tells the dealer after three in a row', async () => {
    await world.control('PUT', '/website/config', { down: true });
    const deadline = Date.now() + 60_000;
    let failures = 0;
    while (Date.now() < deadline && failures < 3) {
      const row = await world.database.pool.query<{ failures: number }>(`select failures from sale_watch where platform = 'website'`);
      failures = row.rows[0]?.failures ?? 0;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(failures).toBeGreaterThanOrEqual(3);
    await world.control('PUT', '/website/config', { down: false });
    const sold = items[5]!;
    expect((await world.control('POST', '/website/sales', { sku: sold.sku })).status).toBe(200);
    await offSaleEverywhereElse(sold.sku, 'website');
    const row = await world.database.pool.query<{ failures: number }>(`select failures from sale_watch where platform = 'website'`);
    expect(row.rows[0]!.failures).toBe(0);
    const until = Date.now() + 30_000;
    while (Date.now() < until && !receiver.messages.some((m) => m.includes('The sale watch cannot read a platform'))) await new Promise((r) => setTimeout(r, 300));
    expect(receiver.messages.join('\n')).toContain('website: 3 polls in a row failed');
  }, 180_000);
});
