import { plan, type PlanInput, type PlanProduct } from './plan.js';
import { renderListing } from './render.js';
import type { ListingContext } from './settings.js';
import type { Listing, Platform, Product } from './types.js';

/** After an oversell, a restock does not put the item back on sale where it sold last (`noRelist`). */
const PLATFORMS: Platform[] = ['reverb', 'website'];
const context: ListingContext = {
  settings: { reverb: { currency: 'USD', shippingProfileId: '7' }, website: { currency: 'USD' } },
  categories: { Guitars: { reverb: { categoryUuids: ['e57deb7a-382b-4e18-a008-67d4fbcb2879'] } } },
  requirements: {},
};

const restocked: Product = {
  id: 1,
  sku: 'G-1',
  brand: 'Gibson',
  model: 'Les Paul',
  title: 'Gibson Les Paul 1959',
  description: 'Sold twice; one buyer was refunded and the dealer has it again.',
  year: 1959,
  finish: 'Sunburst',
  category: 'Guitars',
  condition: 'excellent',
  price: { cents: 25_000_000, currency: 'USD' },
  quantity: 1,
  images: ['https://img.example/g1.jpg'],
  status: 'active',
  platforms: null,
  attributes: {},
};

/** Sold out on both platforms, as the oversell's two sales left them: the baseline is the sold listing. */
const soldOn = (platform: Platform): Listing => {
  const r = renderListing({ ...restocked, quantity: 1 }, platform, context, { externalId: `${platform}-1` });
  if (!r.ok) throw new Error(r.reason);
  return { ...r.listing, quantity: 0, state: 'sold' };
};

const input = (noRelist?: Platform[]): PlanInput => {
  const baselines: PlanProduct['baselines'] = {};
  const snapshot: PlanInput['snapshot'] = {};
  for (const p of PLATFORMS) {
    const l = soldOn(p);
    baselines[p] = { platform: p, externalId: l.externalId, listing: l, version: 'v2' };
    snapshot[p] = { complete: true, listings: [{ ...l }] };
  }
  return {
    platforms: PLATFORMS,
    enabledPlatforms: PLATFORMS,
    snapshot,
    products: [{ product: restocked, baselines, ...(noRelist ? { noRelist } : {}) }],
    listing: context,
    skus: null,
    maxDestructivePct: 100,
    orphanPolicy: 'report',
  };
};

describe('noRelist', () => {
  it('relists a restocked item everywhere when nothing is held', () => {
    const result = plan(input());
    expect(result.actions.map((a) => [a.platform, a.kind]).sort()).toEqual([
      ['reverb', 'update'],
      ['website', 'update'],
    ]);
  });

  it('leaves the platform where it sold last alone, and relists elsewhere', () => {
    const result = plan(input(['website']));
    expect(result.actions.map((a) => [a.platform, a.kind])).toEqual([['reverb', 'update']]);
    expect(result.sales).toEqual([]);
  });

  it('does not create it there either when the listing is gone', () => {
    const i = input(['website']);
    i.snapshot.website = { complete: true, listings: [] };
    i.products[0]!.baselines.website = { platform: 'website', externalId: null, listing: null };
    expect(plan(i).actions.filter((a) => a.platform === 'website')).toEqual([]);
  });

  it('still keeps a listing that is on sale there true (price, stock)', () => {
    const i = input(['website']);
    const live = { ...soldOn('website'), quantity: 1, state: 'active' as const, price: { cents: 1, currency: 'USD' } };
    i.snapshot.website = { complete: true, listings: [live] };
    i.products[0]!.baselines.website = { platform: 'website', externalId: live.externalId, listing: live, version: 'v3' };
    expect(plan(i).actions.filter((a) => a.platform === 'website').map((a) => a.kind)).toEqual(['update']);
  });
});

/** V&R has no call that puts an item withdrawn by hand back on sale: the update tells the adapter to make it anew. */
describe('an item withdrawn by hand on V&R', () => {
  const vrContext: ListingContext = { settings: { vr: { currency: 'USD' } }, categories: { Guitars: { vr: { categoryIds: ['51', '83'] } } }, requirements: {} };
  const listed = (externalId: string): Listing => {
    const r = renderListing(restocked, 'vr', vrContext, { externalId });
    if (!r.ok) throw new Error(r.reason);
    return r.listing;
  };
  const vrInput = (written: Listing, remote: Listing[]): PlanInput => ({
    platforms: ['vr'],
    enabledPlatforms: ['vr'],
    snapshot: { vr: { complete: true, listings: remote } },
    products: [{ product: restocked, baselines: { vr: { platform: 'vr', externalId: written.externalId, listing: written, version: 'v1' } } }],
    listing: vrContext,
    skus: null,
    maxDestructivePct: 100,
    orphanPolicy: 'report',
  });

  it('is relisted by an update that says it was ended, and reported as drift', () => {
    const ours = listed('410001');
    const result = plan(vrInput(ours, [{ ...ours, state: 'ended', quantity: 0 }]));
    expect(result.actions.map((a) => [a.kind, a.reason, a.payload.externalId, a.payload.relistFrom])).toEqual([['update', 'drift: state', '410001', 'ended']]);
    expect(result.drift).toEqual([{ platform: 'vr', sku: 'G-1', fields: ['state'] }]);
    expect(result.sales).toEqual([]);
  });

  it('a restocked item sold there says sold (restored in place); a listing on sale says nothing', () => {
    const sold = { ...listed('410001'), state: 'sold' as const, quantity: 0 };
    expect(plan(vrInput(sold, [sold])).actions.map((a) => [a.kind, a.payload.relistFrom])).toEqual([['update', 'sold']]);
    const ours = listed('410001');
    const repriced = plan(vrInput(ours, [{ ...ours, price: { cents: 100, currency: 'USD' } }]));
    expect(repriced.actions.map((a) => [a.kind, 'relistFrom' in a.payload])).toEqual([['update', false]]);
  });

  it('plans nothing once it is made anew: the new item is the baseline, the withdrawn one gone', () => {
    const remade = listed('410007');
    const result = plan(vrInput(remade, [{ ...remade, sku: null }]));
    expect(result.actions).toEqual([]);
    expect(result.drift).toEqual([]);
    expect(result.orphans).toEqual([]);
  });
});
