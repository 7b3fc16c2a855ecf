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
