import { sql } from 'drizzle-orm';
import type { Platform } from '../packages/core/src/index.js';
import { products } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { divergedListings, listable, platformCategoryOf, type ControlListing } from '../apps/cli/src/divergence.js';
import { configureSandboxAccounts, seedShopSettings, SHOP_CATEGORIES, shopCategoryMap } from '../apps/cli/src/shop.js';
import { createWorld, hostImages, type World } from './harness.js';

/**
 * Connecting gearsync to four accounts that already hold listings: every one linked (V&R's
 * hand-made items by brand + model + year), the missing ones created, wrong prices mended,
 * strangers left alone and counted, and not one duplicated. A UK dealer: a dozen categories,
 * prices in GBP, item specifics, the shop's settings and category map; every listing ends up in
 * its platform's category, in GBP.
 */
describe('a full sync over eBay, Reverb, Vintage & Rare and the web shop', () => {
  const platforms: Platform[] = ['ebay', 'reverb', 'vr', 'website'];
  let world: World;
  const items = catalogue(40, { seed: 51, currency: 'GBP' });
  const map = shopCategoryMap();
  const before: Record<string, ControlListing[]> = {};

  beforeAll(async () => {
    // Planned in parts of 7 products, as a big shop is.
    world = await createWorld({ platforms, env: { PLAN_SHARD_SIZE: '7', EBAY_MARKETPLACE_ID: 'EBAY_GB', WEBSITE_CURRENCY: 'GBP', VR_CURRENCY: 'GBP' } });
    await seedShopSettings(world.database.db, { currency: 'GBP' });
    hostImages(world, items);
    // The accounts are set up (V&R's in pounds) before gearsync connects: an executor opens its
    // V&R session as it starts and reads the account's currency from it.
    await world.startSandbox();
    await configureSandboxAccounts(world.sandboxUrl, platforms, undefined, 'GBP');
    await Promise.all([world.startApi(), world.startWorker('snapshot'), world.startWorker('plan'), world.startWorker('report'), ...platforms.map((p) => world.startWorker('execute', p))]);
    await products.upsertMany(world.database.db, items);
    expect(new Set(items.map((i) => i.category)).size).toBe(12);
    for (const p of platforms) {
      // What the accounts already hold sits in the platforms' categories (eBay, Reverb and V&R list nothing live without one).
      before[p] = divergedListings(items, p, { missing: 0.25, wrongPrice: 0.2, strangers: 2, noSku: p === 'vr' ? 0.6 : 0, categories: map });
      expect((await world.control('PUT', `/${p}/listings`, before[p])).status).toBe(200);
    }
  }, 90_000);
  afterAll(async () => world?.close());

  it('brings all four in line without duplicating a listing', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId, 120_000);
    expect({ status: run.status, failed: await world.failedActions(body.runId) }).toEqual({ status: 'completed', failed: [] });
    for (const p of platforms) {
      const { body: remote } = await world.control<(ControlListing & { id: string })[]>('GET', `/${p}/listings`);
      const wanted = items.filter((i) => listable(i, p));
      const strangers = before[p]!.filter((l) => !items.some((i) => i.sku === l.sku) && !(p === 'vr' && l.sku === '' && items.some((i) => i.brand === l.brand && i.model === l.model && i.year === l.year)));
      expect(remote).toHaveLength(wanted.length + strangers.length);
      const rows = await world.database.db.execute<{ sku: string; external_id: string }>(sql`
        select p.sku, pc.external_id from platform_common pc join products p on p.id = pc.product_id
        where pc.platform = ${p}::platform and pc.sync_status = 'synced'`);
      expect(rows.rows).toHaveLength(wanted.length);
      for (const item of wanted) {
        const row = rows.rows.find((r) => r.sku === item.sku)!;
        const listing = remote.find((l) => (p === 'ebay' ? l.sku === item.sku : l.id === row.external_id))!;
        expect(listing).toBeDefined();
        expect(listing.price).toEqual({ amount: (item.priceCents / 100).toFixed(2), currency: 'GBP' });
        expect(listing.status).toBe('active');
        expect({ sku: item.sku, category: listing.platformCategory }).toEqual({ sku: item.sku, category: platformCategoryOf(map, item.category, p) });
        if (p === 'ebay') {
          // The category's required aspects, from the product's own fields, its attributes or the category's defaults.
          const required = SHOP_CATEGORIES.find((c) => c.name === item.category)!.ebay!.requirements.requiredAspects;
          expect(Object.keys(listing.attributes ?? {})).toEqual(expect.arrayContaining(required));
        }
      }
      expect(run.summary!.platforms[p]).toBeDefined();
    }
    // V&R's items made by hand (no SKU) were adopted, not listed a second time.
    const { body: acts } = await world.api<{ platform: string; kind: string }[]>('GET', `/api/sync/runs/${body.runId}/actions?platform=vr`);
    const adoptedWithoutSku = before.vr!.filter((l) => l.sku === '' && items.some((i) => i.brand === l.brand && i.model === l.model && i.year === l.year)).length;
    expect(adoptedWithoutSku).toBeGreaterThan(0);
    expect(acts.filter((a) => a.kind === 'link').length).toBe(before.vr!.length - 2);
  });

  /** Requests each emulation refused so far (4xx other than 404 and 429, and refused entries of eBay's bulk calls). */
  async function refusals(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const p of platforms) out[p] = (await world.control<{ byEndpoint: Record<string, number> }>('GET', `/${p}/stats`)).body.byEndpoint['refused'] ?? 0;
    return out;
  }

  it('made every eBay request valid under eBay\'s own OpenAPI contract, and none that any platform refused', async () => {
    const { body: stats } = await world.control<{ byEndpoint: Record<string, number> }>('GET', '/ebay/stats');
    expect(stats.byEndpoint['contract:checked']).toBeGreaterThan(10);
    expect(stats.byEndpoint['contract:failed'] ?? 0).toBe(0);
    // Nothing a platform would refuse was sent: every eBay publish had its category, policies, location, condition and aspects.
    expect(await refusals()).toEqual({ ebay: 0, reverb: 0, vr: 0, website: 0 });
  });

  it('plans nothing on a second sync', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const second = await world.waitForRun(body.runId, 120_000);
    expect({ status: second.status, failed: await world.failedActions(body.runId) }).toEqual({ status: 'completed', failed: [] });
    const { body: acts } = await world.api<{ platform: string; kind: string; reason: string }[]>('GET', `/api/sync/runs/${body.runId}/actions`);
    expect(acts).toEqual([]);
    const refused = await refusals();
    const { body: ebay } = await world.control<{ calls: number; byEndpoint: Record<string, number> }>('GET', '/ebay/stats');
    console.log(`after both runs: ${ebay.calls} eBay requests, ${ebay.byEndpoint['contract:checked'] ?? 0} checked against eBay's contracts, refused: ${JSON.stringify(refused)}; eBay by endpoint: ${JSON.stringify(ebay.byEndpoint)}`);
    expect(refused).toEqual({ ebay: 0, reverb: 0, vr: 0, website: 0 });
  });
});
