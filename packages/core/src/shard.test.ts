import { plan, type PlanInput, type PlanProduct, type PlanResult } from './plan.js';
import { renderListing } from './render.js';
import { assignShards, mergePlans } from './shard.js';
import { PLATFORMS, type Listing, type Platform, type Product } from './types.js';
import { readyContext } from './fixtures.js';

const CTX = readyContext({ categories: ['Guitars>Electric solid body'] });

const ALL: Platform[] = [...PLATFORMS];

const product = (id: number, over: Partial<Product> = {}): Product => ({
  id,
  sku: `SKU-${id}`,
  brand: ['Fender', 'Gibson', 'Martin'][id % 3]!,
  model: `Model ${id % 7}`,
  title: `Guitar ${id}`,
  description: 'Plays well.',
  year: 1960 + (id % 11),
  finish: 'Sunburst',
  category: 'Guitars>Electric solid body',
  condition: 'excellent',
  price: { cents: 100_000 + id * 1000, currency: 'USD' },
  quantity: 1,
  images: ['https://img.example/a.jpg'],
  status: 'active',
  platforms: null,
  attributes: {},
  ...over,
});

const listingOf = (p: Product, platform: Platform, over: Partial<Listing> = {}): Listing => {
  const r = renderListing(p, platform, CTX, { externalId: `${platform}-${p.id}` });
  if (!r.ok) throw new Error(r.reason);
  return { ...r.listing, ...over };
};

/** A shop with a bit of everything: synced items, sales, price changes, new items, V&R items without SKU, strangers. */
function world(): PlanInput {
  const products: PlanProduct[] = [];
  const snapshot = Object.fromEntries(ALL.map((p) => [p, { complete: true, listings: [] as Listing[] }])) as Record<Platform, { complete: boolean; listings: Listing[] }>;
  for (let id = 1; id <= 60; id++) {
    const p = product(id);
    const baselines: PlanProduct['baselines'] = {};
    for (const pl of ALL) {
      if (id % 10 === 0) continue; // new: listed nowhere yet
      const l = listingOf(p, pl);
      if (!(id % 13 === 0 && pl === 'vr')) baselines[pl] = { platform: pl, externalId: l.externalId, listing: l, version: '1' };
      let remote = { ...l };
      if (id % 13 === 0 && pl === 'vr') remote = { ...remote, sku: null }; // made by hand on V&R: adopted by brand + model + year
      if (id % 9 === 0 && pl === 'reverb') remote = { ...remote, quantity: 0, state: 'sold' }; // sold there
      snapshot[pl].listings.push(remote);
    }
    products.push({ product: id % 7 === 0 ? { ...p, price: { cents: p.price.cents - 5000, currency: 'USD' } } : p, baselines });
  }
  for (const pl of ALL) snapshot[pl].listings.push({ ...listingOf(product(999, { brand: 'Kay', model: 'Stranger' }), pl), sku: pl === 'vr' ? null : 'NOBODY' });
  return { platforms: ALL, enabledPlatforms: ALL, snapshot, products, listing: CTX, skus: null, maxDestructivePct: 100, orphanPolicy: 'report' };
}

const key = (r: PlanResult) => ({
  actions: r.actions.map((a) => `${a.platform}|${a.sku}|${a.kind}|${a.priority}|${a.reason}`).sort(),
  sales: r.sales.map((s) => s.saleKey).sort(),
  orphans: r.orphans.map((o) => `${o.platform}|${o.externalId}`).sort(),
  drift: r.drift.map((d) => `${d.platform}|${d.sku}|${d.fields.join(',')}`).sort(),
  held: r.held,
});

describe('planning in shards', () => {
  it.each([2, 3, 7])('gives the same plan in %i parts as in one', (count) => {
    const input = world();
    const whole = plan(input);
    const remoteKeys = ALL.flatMap((pl, pi) =>
      input.snapshot[pl]!.listings.map((l, i) => ({ rowId: pi * 10_000 + i, platform: pl, externalId: l.externalId, sku: l.sku, brand: l.brand ?? null, model: l.model ?? null, year: l.year ?? null })),
    );
    const baselineKeys = input.products.flatMap((pp) => Object.values(pp.baselines).map((b) => ({ productId: pp.product.id, platform: b!.platform, externalId: b!.externalId! })));
    const shards = assignShards(input.products.map((pp) => pp.product), remoteKeys, baselineKeys, count);
    const byRow = new Map(remoteKeys.map((k) => [k.rowId, { platform: k.platform, listing: input.snapshot[k.platform]!.listings[k.rowId % 10_000]! }]));
    const parts = shards.products.map((ids, i) => {
      const snapshot = Object.fromEntries(ALL.map((p) => [p, { complete: true, listings: [] as Listing[] }])) as Record<Platform, { complete: boolean; listings: Listing[] }>;
      for (const row of shards.remote[i]!) snapshot[byRow.get(row)!.platform].listings.push(byRow.get(row)!.listing);
      return plan({ ...input, snapshot, products: input.products.filter((pp) => ids.includes(pp.product.id)) });
    });
    expect(whole.sales.length).toBeGreaterThan(0);
    expect(whole.orphans.length).toBe(ALL.length);
    expect(whole.actions.some((a) => a.kind === 'link' && a.platform === 'vr')).toBe(true);
    expect(key(mergePlans(parts, input.maxDestructivePct))).toEqual(key(whole));
  });

  it('weighs the whole platform, not a part', () => {
    const part = (destructive: number, total: number): PlanResult => ({ actions: [], sales: [], baselineUpdates: [], orphans: [], drift: [], held: [], guardCounts: [{ platform: 'ebay', destructive, total }] });
    // 2 of 10 in one part is 20 %, but 2 of 100 on the platform is 2 %: not held at 10 %.
    expect(mergePlans([part(2, 10), part(0, 90)], 10).held).toEqual([]);
    // 30 of 100 is held, whichever parts they came from.
    expect(mergePlans([part(10, 50), part(20, 50)], 10).held).toEqual([{ platform: 'ebay', destructive: 30, total: 100, pct: 30 }]);
  });
});
