import { sql } from 'drizzle-orm';
import { products } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { asListing, type ControlListing } from '../apps/cli/src/divergence.js';
import { shopCategoryMap } from '../apps/cli/src/shop.js';
import { createWorld, type World } from './harness.js';

/**
 * An eBay account that already sells, synced without an import first: its 30 listings were made
 * in Seller Hub, so the Inventory API cannot see them. The first full run migrates them before
 * it reads, adopts each by SKU, and creates only what eBay does not hold: none is listed twice.
 */
describe('the first sync of an eBay account whose listings were made in Seller Hub', () => {
  let world: World;
  const items = catalogue(36, { seed: 83, skuPrefix: 'HUB' });
  const hub = items.slice(0, 30);
  const categories = shopCategoryMap();
  let made: (ControlListing & { id: string })[] = [];

  beforeAll(async () => {
    world = await createWorld({ platforms: ['ebay'] });
    await world.startPipeline(['ebay']);
    await products.upsertMany(world.database.db, items);
    const listings = hub.map((p) => ({ ...asListing(p, 'ebay'), platformCategory: [categories[p.category!]!.ebay!.categoryId], sellerHub: true }));
    const res = await world.control<(ControlListing & { id: string })[]>('POST', '/ebay/listings', listings);
    expect(res.status).toBe(201);
    made = res.body;
  }, 90_000);
  afterAll(async () => world?.close());

  it('migrates them, adopts each by SKU and creates only the rest', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId, 120_000);
    expect({ status: run.status, failed: await world.failedActions(body.runId) }).toEqual({ status: 'completed', failed: [] });

    const { body: acts } = await world.api<{ kind: string; sku: string }[]>('GET', `/api/sync/runs/${body.runId}/actions?platform=ebay`);
    const created = acts.filter((a) => a.kind === 'create').map((a) => a.sku).sort();
    expect(created).toEqual(items.slice(30).map((p) => p.sku).sort());

    // eBay holds each SKU once: the 30 moved into the Inventory API, the 6 new ones made by us.
    const { body: remote } = await world.control<ControlListing[]>('GET', '/ebay/listings');
    expect(remote.map((l) => l.sku).sort()).toEqual(items.map((p) => p.sku).sort());
    expect(remote.every((l) => l.status === 'active')).toBe(true);
    // The migrated listings kept their eBay listing ids, and gearsync knows them by those.
    const rows = await world.database.db.execute<{ sku: string; listing_id: string | null }>(sql`
      select p.sku, pc.baseline->'refs'->>'listingId' as listing_id from platform_common pc join products p on p.id = pc.product_id
      where pc.platform = 'ebay' and pc.sync_status = 'synced'`);
    const listingIds = Object.fromEntries(rows.rows.map((r) => [r.sku, r.listing_id]));
    expect(Object.fromEntries(hub.map((p) => [p.sku, listingIds[p.sku]]))).toEqual(Object.fromEntries(made.map((l) => [l.sku, l.id])));

    const { body: stats } = await world.control<{ byEndpoint: Record<string, number> }>('GET', '/ebay/stats');
    expect(stats.byEndpoint['POST /bulk_migrate_listing']).toBe(6);
    expect([stats.byEndpoint['contract:failed'] ?? 0, stats.byEndpoint.refused ?? 0]).toEqual([0, 0]);
  });

  it('migrates nothing on the next run, and plans nothing', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId, 120_000);
    expect(run.status).toBe('completed');
    const { body: acts } = await world.api<unknown[]>('GET', `/api/sync/runs/${body.runId}/actions`);
    expect(acts).toEqual([]);
    const { body: stats } = await world.control<{ byEndpoint: Record<string, number> }>('GET', '/ebay/stats');
    expect([stats.byEndpoint['POST /bulk_migrate_listing'], stats.byEndpoint['POST /ws/api.dll']]).toEqual([6, 1]);
  });
});
