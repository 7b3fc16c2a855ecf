import { plan, type PlanInput, type PlanProduct } from './plan.js';
import { renderListing } from './render.js';
import type { Listing, Platform, PlannedAction, Product } from './types.js';
import { PLATFORMS } from './types.js';
import { readyContext } from './fixtures.js';

const CTX = readyContext();

const ALL: Platform[] = [...PLATFORMS];

const product = (id: number, over: Partial<Product> = {}): Product => ({
  id,
  sku: `SKU-${id}`,
  brand: 'Fender',
  model: `Model ${id}`,
  title: `Fender Model ${id} guitar`,
  description: 'Plays well.',
  year: 1970 + id,
  finish: 'Sunburst',
  category: 'Electric Guitars',
  condition: 'excellent',
  price: { cents: 1_299_900, currency: 'USD' },
  quantity: 1,
  images: ['https://img.example/a.jpg'],
  status: 'active',
  platforms: null,
  attributes: {},
  ...over,
});

const extOf = (platform: Platform, p: Product): string => `${platform}-${p.id}`;

/** The listing `p` renders to on `platform`, as the platform would hold it. */
const listingOf = (p: Product, platform: Platform, over: Partial<Listing> = {}): Listing => {
  const r = renderListing(p, platform, CTX, { externalId: extOf(platform, p) });
  if (!r.ok) throw new Error(r.reason);
  return { ...r.listing, ...over };
};

interface World {
  products: PlanProduct[];
  snapshot: Record<Platform, { complete: boolean; listings: Listing[] }>;
}

/** Every product listed on every platform, baseline = remote = desired. */
const synced = (products: Product[], platforms: Platform[] = ALL): World => {
  const snapshot = Object.fromEntries(ALL.map((pl) => [pl, { complete: true, listings: [] as Listing[] }])) as World['snapshot'];
  const planProducts = products.map((p) => {
    const baselines: PlanProduct['baselines'] = {};
    for (const pl of platforms) {
      const l = listingOf(p, pl);
      baselines[pl] = { platform: pl, externalId: l.externalId, listing: l, version: 'v1' };
      snapshot[pl].listings.push({ ...l });
    }
    return { product: p, baselines };
  });
  return { products: planProducts, snapshot };
};

const input = (w: World, over: Partial<PlanInput> = {}): PlanInput => ({
  platforms: ALL,
  enabledPlatforms: ALL,
  snapshot: w.snapshot,
  products: w.products,
  listing: CTX,
  skus: null,
  maxDestructivePct: 100,
  orphanPolicy: 'report',
  ...over,
});

/** Change the remote listing of product `id` on `platform`, as a buyer or a person on the platform would. */
const editRemote = (w: World, platform: Platform, id: number, over: Partial<Listing>): Listing => {
  const list = w.snapshot[platform].listings;
  const i = list.findIndex((l) => l.externalId === `${platform}-${id}`);
  if (i < 0) throw new Error(`no listing ${platform}-${id}`);
  list[i] = { ...list[i]!, ...over };
  return list[i]!;
};
const dropRemote = (w: World, platform: Platform, id: number): void => {
  w.snapshot[platform].listings = w.snapshot[platform].listings.filter((l) => l.externalId !== `${platform}-${id}`);
};
const setProduct = (w: World, id: number, over: Partial<Product>): void => {
  const pp = w.products.find((x) => x.product.id === id)!;
  pp.product = { ...pp.product, ...over };
};
const brief = (a: PlannedAction) => ({ platform: a.platform, sku: a.sku, kind: a.kind, priority: a.priority, reason: a.reason });
const on = (actions: PlannedAction[], platform: Platform) => actions.filter((a) => a.platform === platform);

describe('sales first', () => {
  it('records a sold listing once, lowers stock and ends the item everywhere else at priority 1', () => {
    const w = synced([product(1), ...[2, 3, 4, 5, 6].map((i) => product(i))]);
    const sold = editRemote(w, 'reverb', 1, { state: 'sold', quantity: 0 });
    const r = plan(input(w, { maxDestructivePct: 0 }));

    expect(r.sales).toEqual([{ productId: 1, sku: 'SKU-1', platform: 'reverb', saleKey: 'reverb:reverb-1:v1:1>0', quantity: 1, externalId: 'reverb-1' }]);
    expect(r.actions.map(brief)).toEqual([
      { platform: 'ebay', sku: 'SKU-1', kind: 'end', priority: 1, reason: 'sold on reverb' },
      { platform: 'vr', sku: 'SKU-1', kind: 'end', priority: 1, reason: 'sold on reverb' },
      { platform: 'website', sku: 'SKU-1', kind: 'end', priority: 1, reason: 'sold on reverb' },
    ]);
    expect(r.actions[0]!.payload).toEqual({ externalId: 'ebay-1' });
    expect(r.baselineUpdates).toEqual([{ productId: 1, platform: 'reverb', externalId: 'reverb-1', listing: sold }]);
    // Ends caused by a sale are not destructive: even a 0 % limit holds nothing.
    expect(r.held).toEqual([]);
  });

  it('lowers stock on the other platforms when one of several units sells', () => {
    const w = synced([product(1, { quantity: 3, condition: 'new' })]);
    editRemote(w, 'ebay', 1, { quantity: 2 });
    const r = plan(input(w));
    expect(r.sales.map((s) => [s.platform, s.saleKey, s.quantity])).toEqual([['ebay', 'ebay:ebay-1:v1:3>2', 1]]);
    // V&R holds one unit per item whatever the stock: nothing changes there while one is left.
    expect(r.actions.map(brief)).toEqual(
      (['reverb', 'website'] as const).map((platform) => ({ platform, sku: 'SKU-1', kind: 'stock', priority: 1, reason: 'sold on ebay, quantity 3 → 2' })),
    );
    expect(r.actions.every((a) => a.payload.quantity === 2)).toBe(true);
  });

  it('gives the same sale the same key in a webhook-targeted run and the next full run', () => {
    const w = synced([product(1), product(2)]);
    editRemote(w, 'website', 1, { quantity: 0, state: 'sold' });
    const targeted = plan(input(w, { skus: ['SKU-1'] }));
    const full = plan(input(w));
    expect(targeted.sales).toHaveLength(1);
    expect(targeted.sales.map((s) => s.saleKey)).toEqual(full.sales.map((s) => s.saleKey));
  });

  it('does not see a sale again once the baseline holds it', () => {
    const w = synced([product(1, { quantity: 2, condition: 'new' })]);
    editRemote(w, 'ebay', 1, { quantity: 1 });
    const first = plan(input(w));
    expect(first.sales).toHaveLength(1);
    const pp = w.products[0]!;
    for (const u of first.baselineUpdates) pp.baselines[u.platform] = { platform: u.platform, externalId: u.externalId, listing: u.listing, version: 'v2' };
    for (const a of first.actions) {
      editRemote(w, a.platform, 1, { quantity: a.payload.quantity! });
      pp.baselines[a.platform] = { platform: a.platform, externalId: a.payload.externalId!, listing: editRemote(w, a.platform, 1, {}), version: 'v2' };
    }
    // The shell lowers the stock by the sales it records.
    setProduct(w, 1, { quantity: 2 - first.sales[0]!.quantity });
    const second = plan(input(w));
    expect(second.sales).toEqual([]);
    expect(second.actions).toEqual([]);
  });

  it('records concurrent sales of the last unit on two platforms and ends the rest', () => {
    const w = synced([product(1)]);
    editRemote(w, 'ebay', 1, { quantity: 0, state: 'sold' });
    editRemote(w, 'reverb', 1, { quantity: 0, state: 'sold' });
    const r = plan(input(w));
    expect(r.sales.map((s) => s.platform)).toEqual(['ebay', 'reverb']);
    expect(r.actions.map((a) => [a.platform, a.kind, a.priority, a.reason])).toEqual([
      ['vr', 'end', 1, 'sold on ebay, reverb'],
      ['website', 'end', 1, 'sold on ebay, reverb'],
    ]);
  });

  it('ends the sale platform too when sales elsewhere took the units it still offers', () => {
    const w = synced([product(1, { quantity: 2, condition: 'new' })]);
    editRemote(w, 'ebay', 1, { quantity: 1 });
    editRemote(w, 'reverb', 1, { quantity: 1 });
    const r = plan(input(w));
    expect(r.actions.map((a) => [a.platform, a.kind, a.priority])).toEqual([
      ['ebay', 'end', 1],
      ['reverb', 'end', 1],
      ['vr', 'end', 1],
      ['website', 'end', 1],
    ]);
  });
});

describe('our own ends are not sales', () => {
  it('ignores a V&R item marked sold by our end', () => {
    const p = product(1, { quantity: 0 });
    const w = synced([p], []);
    const ours = listingOf(p, 'vr', { state: 'sold', quantity: 0 });
    w.products[0]!.baselines.vr = { platform: 'vr', externalId: ours.externalId, listing: ours };
    w.snapshot.vr.listings.push({ ...ours });
    const r = plan(input(w));
    expect(r.sales).toEqual([]);
    expect(r.actions).toEqual([]);
  });

  it('reads a quantity above the baseline as drift and puts it back', () => {
    const w = synced([product(1)]);
    editRemote(w, 'website', 1, { quantity: 4 });
    const r = plan(input(w));
    expect(r.sales).toEqual([]);
    expect(r.actions.map(brief)).toEqual([{ platform: 'website', sku: 'SKU-1', kind: 'stock', priority: 2, reason: 'drift: quantity 4 → 1' }]);
    expect(r.drift).toEqual([{ platform: 'website', sku: 'SKU-1', fields: ['quantity'] }]);
  });
});

describe('create', () => {
  it('creates a new product on every platform it should be listed on', () => {
    const w = synced([product(1)], []);
    const r = plan(input(w));
    expect(r.actions.map(brief)).toEqual(ALL.map((platform) => ({ platform, sku: 'SKU-1', kind: 'create', priority: 5, reason: `new on ${platform}` })));
    for (const a of r.actions) {
      expect(a.payload.listing).toMatchObject({ externalId: '', sku: 'SKU-1', state: 'active', quantity: 1 });
      expect(a.error).toBeUndefined();
    }
  });

  it('follows product.platforms, and the enabled platforms when it is null', () => {
    const w = synced([product(1, { platforms: ['reverb'] }), product(2)], []);
    const r = plan(input(w, { enabledPlatforms: ['ebay', 'website'] }));
    expect(r.actions.map((a) => [a.sku, a.platform])).toEqual([
      ['SKU-2', 'ebay'],
      ['SKU-1', 'reverb'],
      ['SKU-2', 'website'],
    ]);
  });

  it('creates nothing for a draft, archived, sold or empty product', () => {
    const w = synced(
      [product(1, { status: 'draft' }), product(2, { status: 'archived' }), product(3, { status: 'sold' }), product(4, { quantity: 0 })],
      [],
    );
    expect(plan(input(w)).actions).toEqual([]);
  });

  it('links instead when the platform already holds the SKU, and updates it in the same plan', () => {
    const p = product(1, { price: { cents: 119_900, currency: 'USD' } });
    const w = synced([p], []);
    const theirs = listingOf(p, 'ebay', { externalId: 'E-77', price: { cents: 129_900, currency: 'USD' }, refs: { offerId: 'O-5' } });
    w.snapshot.ebay.listings.push(theirs);
    const r = plan(input(w, { platforms: ['ebay'] }));
    expect(r.actions.map(brief)).toEqual([
      { platform: 'ebay', sku: 'SKU-1', kind: 'link', priority: 6, reason: 'linked by SKU' },
      { platform: 'ebay', sku: 'SKU-1', kind: 'update', priority: 7, reason: 'price 1299.00 → 1199.00' },
    ]);
    expect(r.actions[0]!.payload).toEqual({ externalId: 'E-77', listing: theirs, refs: { offerId: 'O-5' } });
    expect(r.actions[1]!.payload).toEqual({ externalId: 'E-77', listing: { ...listingOf(p, 'ebay'), externalId: 'E-77' }, refs: { offerId: 'O-5' }, photosChanged: false });
  });

  it('fails the create of a SKU the platform holds on a listing another product claims', () => {
    const w = synced([product(1)], ['ebay']);
    editRemote(w, 'ebay', 1, { sku: 'SKU-2' });
    w.products.push({ product: product(2), baselines: {} });
    const r = plan(input(w, { platforms: ['ebay'] }));
    expect(r.actions.map((a) => [a.sku, a.kind, a.error])).toEqual([['SKU-2', 'create', 'ebay already holds SKU SKU-2 as listing ebay-1, linked to another product']]);
  });

  it('links an ended listing with the SKU and relists it rather than creating a second', () => {
    const p = product(1);
    const w = synced([p], []);
    w.snapshot.website.listings.push(listingOf(p, 'website', { externalId: 'W-3', state: 'ended' }));
    const r = plan(input(w, { platforms: ['website'] }));
    expect(r.actions.map((a) => [a.kind, a.reason])).toEqual([
      ['link', 'linked by SKU'],
      ['update', 'relist (was ended)'],
    ]);
  });

  it('relinks by SKU when the listing our baseline names is gone but the SKU is there under a new id', () => {
    const p = product(1);
    const w = synced([p], ['reverb']);
    editRemote(w, 'reverb', 1, { externalId: 'R-NEW' });
    const r = plan(input(w, { platforms: ['reverb'] }));
    expect(r.actions.map((a) => [a.kind, a.reason, a.payload.externalId])).toEqual([['link', 'linked by SKU (was reverb-1)', 'R-NEW']]);
  });
});

describe('update, stock, end', () => {
  it('updates content that differs, with the change in the reason', () => {
    const w = synced([product(1)]);
    setProduct(w, 1, { price: { cents: 1_199_900, currency: 'USD' } });
    const r = plan(input(w, { platforms: ['reverb'] }));
    expect(r.actions.map(brief)).toEqual([{ platform: 'reverb', sku: 'SKU-1', kind: 'update', priority: 7, reason: 'price 12999.00 → 11999.00' }]);
    expect(r.actions[0]!.payload.listing).toEqual({ ...listingOf(w.products[0]!.product, 'reverb') });
    expect(r.actions[0]!.payload.externalId).toBe('reverb-1');
    expect(r.drift).toEqual([]);
  });

  it('names every changed field', () => {
    const w = synced([product(1)]);
    setProduct(w, 1, { title: 'New title', images: ['https://img.example/b.jpg'], condition: 'good' });
    const r = plan(input(w, { platforms: ['ebay'] }));
    expect(r.actions.map((a) => a.reason)).toEqual(['title, images, condition excellent → good']);
  });

  it('plans stock alone when only the quantity differs', () => {
    const w = synced([product(1, { quantity: 2, condition: 'new' })]);
    setProduct(w, 1, { quantity: 1 });
    const r = plan(input(w));
    // V&R holds one unit per item: 2 → 1 there is no change.
    expect(r.actions.map(brief)).toEqual(ALL.filter((p) => p !== 'vr').map((platform) => ({ platform, sku: 'SKU-1', kind: 'stock', priority: 2, reason: 'quantity 2 → 1' })));
    expect(r.actions[0]!.payload).toEqual({ externalId: 'ebay-1', quantity: 1 });
  });

  it('plans both when content and quantity differ', () => {
    const w = synced([product(1)]);
    setProduct(w, 1, { quantity: 2, condition: 'new', description: 'Now two of them.' });
    const r = plan(input(w, { platforms: ['website'] }));
    expect(r.actions.map((a) => [a.kind, a.priority, a.reason])).toEqual([
      ['stock', 2, 'quantity 1 → 2'],
      ['update', 7, 'description, condition excellent → new'],
    ]);
  });

  it('ends an archived product that is still live', () => {
    const w = synced([product(1)]);
    setProduct(w, 1, { status: 'archived' });
    const r = plan(input(w, { platforms: ['ebay', 'vr'] }));
    expect(r.actions.map(brief)).toEqual([
      { platform: 'ebay', sku: 'SKU-1', kind: 'end', priority: 3, reason: 'archived' },
      { platform: 'vr', sku: 'SKU-1', kind: 'end', priority: 3, reason: 'archived' },
    ]);
  });

  it('ends a product at quantity 0 and one sold in the shop (a sale: priority 1)', () => {
    const w = synced([product(1), product(2)]);
    setProduct(w, 1, { quantity: 0 });
    setProduct(w, 2, { status: 'sold' });
    const r = plan(input(w, { platforms: ['website'] }));
    expect(r.actions.map((a) => [a.sku, a.kind, a.priority, a.reason])).toEqual([
      ['SKU-2', 'end', 1, 'sold'],
      ['SKU-1', 'end', 3, 'quantity 0'],
    ]);
  });

  it('ends a listing on a platform taken off the product', () => {
    const w = synced([product(1)]);
    setProduct(w, 1, { platforms: ['ebay', 'reverb', 'website'] });
    expect(plan(input(w)).actions.map((a) => [a.platform, a.kind, a.reason])).toEqual([['vr', 'end', 'not for vr']]);
  });

  it('relists a restocked item whose listing we ended', () => {
    const p = product(1);
    const w = synced([p], []);
    const ended = listingOf(p, 'ebay', { state: 'ended', quantity: 0 });
    w.products[0]!.baselines.ebay = { platform: 'ebay', externalId: ended.externalId, listing: ended };
    w.snapshot.ebay.listings.push({ ...ended });
    const r = plan(input(w, { platforms: ['ebay'] }));
    expect(r.actions.map((a) => [a.kind, a.reason, a.payload.listing?.state, a.payload.listing?.quantity])).toEqual([['update', 'relist (was ended)', 'active', 1]]);
    expect(r.drift).toEqual([]);
  });

  it('creates anew when the listing we ended has since gone from the platform', () => {
    const p = product(1);
    const w = synced([p], []);
    const ended = listingOf(p, 'reverb', { state: 'ended' });
    w.products[0]!.baselines.reverb = { platform: 'reverb', externalId: ended.externalId, listing: ended };
    const r = plan(input(w, { platforms: ['reverb'] }));
    expect(r.actions.map((a) => [a.kind, a.reason, a.payload.listing?.externalId])).toEqual([['create', 'new on reverb', '']]);
    expect(r.drift).toEqual([]);
  });

  it('plans nothing for a world in sync', () => {
    const w = synced([product(1), product(2, { quantity: 2, condition: 'new' })]);
    expect(plan(input(w))).toEqual({
      actions: [],
      sales: [],
      baselineUpdates: [],
      orphans: [],
      drift: [],
      held: [],
      guardCounts: ALL.map((platform) => ({ platform, destructive: 0, total: 2 })),
    });
  });

  it('applies the platform price rule to the desired listing', () => {
    const w = synced([product(1)]);
    const r = plan(input(w, { platforms: ['ebay'], listing: { ...CTX, settings: { ...CTX.settings, ebay: { ...CTX.settings.ebay, priceRule: { markupPct: 10, endingCents: 99 } } } } }));
    expect(r.actions.map((a) => [a.kind, a.reason, a.payload.listing?.price.cents])).toEqual([['update', 'price 12999.00 → 14298.99', 1_429_899]]);
  });

  it('passes the refs of baseline and remote along in every payload', () => {
    const w = synced([product(1)], ['ebay']);
    w.products[0]!.baselines.ebay!.refs = { offerId: 'O-1', listingId: 'L-1' };
    editRemote(w, 'ebay', 1, { refs: { listingId: 'L-2' } });
    setProduct(w, 1, { status: 'archived' });
    const r = plan(input(w, { platforms: ['ebay'] }));
    expect(r.actions[0]!.payload.refs).toEqual({ offerId: 'O-1', listingId: 'L-2' });
  });
});

describe('adoption and orphans', () => {
  it('matches a SKU-less V&R listing by brand + model + year, the nearer price winning a tie', () => {
    const a = product(1, { model: 'Jazzmaster', year: 1962, price: { cents: 1_000_000, currency: 'USD' } });
    const b = product(2, { model: 'Jazzmaster', year: 1962, price: { cents: 2_000_000, currency: 'USD' } });
    const w = synced([a, b], []);
    const handMade = listingOf(b, 'vr', { externalId: 'VR-1', sku: null, price: { cents: 1_950_000, currency: 'USD' }, title: 'Fender Jazzmaster' });
    w.snapshot.vr.listings.push(handMade);
    const r = plan(input(w, { platforms: ['vr'] }));
    expect(r.actions.map((x) => [x.sku, x.kind, x.reason, x.payload.externalId ?? ''])).toEqual([
      ['SKU-1', 'create', 'new on vr', ''],
      ['SKU-2', 'link', 'linked by brand+model+year', 'VR-1'],
      ['SKU-2', 'update', 'price 19500.00 → 20000.00', 'VR-1'],
    ]);
    expect(r.orphans).toEqual([]);
  });

  it('never guesses a SKU-less listing to be a product not listed on that platform: it stays an orphan, not ended', () => {
    const b = product(2, { model: 'Jazzmaster', year: 1962, platforms: ['reverb'] });
    const w = synced([b], []);
    w.snapshot.vr.listings.push(listingOf(b, 'vr', { externalId: 'VR-1', sku: null, title: 'Fender Jazzmaster' }));
    const r = plan(input(w, { platforms: ['vr'] }));
    expect(r.actions.filter((x) => x.kind === 'end' || x.kind === 'link')).toEqual([]);
    expect(r.orphans.map((o) => o.externalId)).toEqual(['VR-1']);
  });

  it('never links by brand + model + year on a targeted run, nor creates beside such a listing, nor reports it', () => {
    const a = product(1, { model: 'Jazzmaster', year: 1962 });
    const w = synced([a], []);
    w.snapshot.vr.listings.push(listingOf(a, 'vr', { externalId: 'VR-1', sku: null }));
    w.snapshot.ebay.listings.push(listingOf(product(9), 'ebay', { externalId: 'E-9' }));
    const r = plan(input(w, { platforms: ['vr', 'ebay'], skus: ['SKU-1'] }));
    expect(r.actions.map((x) => [x.platform, x.kind])).toEqual([['ebay', 'create']]);
    expect(r.orphans).toEqual([]);
  });

  it('reports an orphan and deletes it only when the policy says so', () => {
    const w = synced([product(1)]);
    w.snapshot.reverb.listings.push(listingOf(product(50), 'reverb', { externalId: 'R-50' }));
    w.snapshot.vr.listings.push(listingOf(product(51), 'vr', { externalId: 'VR-51', sku: null, brand: 'Gretsch' }));
    w.snapshot.vr.listings.push(listingOf(product(52), 'vr', { externalId: 'VR-52', sku: null, state: 'sold' }));
    const report = plan(input(w));
    expect(report.orphans).toEqual([
      { platform: 'reverb', externalId: 'R-50', sku: 'SKU-50', title: 'Fender Model 50 guitar', reason: 'orphan, no local SKU' },
      { platform: 'vr', externalId: 'VR-51', sku: null, title: 'Fender Model 51 guitar', reason: 'orphan, no SKU and no brand+model+year match' },
    ]);
    expect(report.actions).toEqual([]);

    const del = plan(input(w, { orphanPolicy: 'delete' }));
    expect(del.actions.map(brief)).toEqual([
      { platform: 'reverb', sku: 'SKU-50', kind: 'delete', priority: 4, reason: 'orphan, no local SKU' },
      { platform: 'vr', sku: null, kind: 'delete', priority: 4, reason: 'orphan, no SKU and no brand+model+year match' },
    ]);
    expect(del.actions.map((a) => a.productId)).toEqual([null, null]);
  });

  it('reports a second live listing of one SKU as a duplicate orphan', () => {
    const w = synced([product(1)], ['website']);
    w.snapshot.website.listings.push(listingOf(product(1), 'website', { externalId: 'W-dup' }));
    const r = plan(input(w, { platforms: ['website'] }));
    expect(r.orphans).toEqual([{ platform: 'website', externalId: 'W-dup', sku: 'SKU-1', title: 'Fender Model 1 guitar', reason: 'orphan, duplicate of SKU SKU-1' }]);
    expect(r.actions).toEqual([]);
  });

  it('links a listing whose baseline row knows the id but not the content', () => {
    const w = synced([product(1)], ['reverb']);
    w.products[0]!.baselines.reverb = { platform: 'reverb', externalId: 'reverb-1', listing: null };
    const r = plan(input(w, { platforms: ['reverb'] }));
    expect(r.actions.map((a) => [a.kind, a.reason])).toEqual([['link', 'linked by id, no baseline listing yet']]);
    expect(r.sales).toEqual([]);
  });
});

describe('drift', () => {
  it('puts a hand edit back and reports each drifted field', () => {
    const w = synced([product(1)]);
    editRemote(w, 'reverb', 1, { title: 'Edited on Reverb', price: { cents: 999_900, currency: 'USD' } });
    const r = plan(input(w));
    expect(r.actions.map(brief)).toEqual([{ platform: 'reverb', sku: 'SKU-1', kind: 'update', priority: 7, reason: 'drift: title, price' }]);
    expect(r.actions[0]!.payload.listing).toEqual(listingOf(w.products[0]!.product, 'reverb'));
    expect(r.drift).toEqual([{ platform: 'reverb', sku: 'SKU-1', fields: ['title', 'price'] }]);
  });

  it('tells a local change from a hand edit in the same update', () => {
    const w = synced([product(1)]);
    editRemote(w, 'website', 1, { title: 'Edited in WooCommerce' });
    setProduct(w, 1, { price: { cents: 1_000_000, currency: 'USD' } });
    const r = plan(input(w, { platforms: ['website'] }));
    expect(r.actions.map((a) => a.reason)).toEqual(['price 12999.00 → 10000.00; drift: title']);
    expect(r.drift).toEqual([{ platform: 'website', sku: 'SKU-1', fields: ['title'] }]);
  });

  it('relists a listing ended by hand and reports the state as drift', () => {
    const w = synced([product(1)]);
    editRemote(w, 'ebay', 1, { state: 'ended' });
    const r = plan(input(w, { platforms: ['ebay'] }));
    expect(r.actions.map((a) => [a.kind, a.reason])).toEqual([['update', 'drift: state']]);
    expect(r.drift).toEqual([{ platform: 'ebay', sku: 'SKU-1', fields: ['state'] }]);
  });

  it('reads a listing taken off sale by hand with nothing left on it (V&R) as drift, not a sale', () => {
    const w = synced([product(1)]);
    editRemote(w, 'vr', 1, { state: 'ended', quantity: 0 });
    const r = plan(input(w));
    expect(r.sales).toEqual([]);
    expect(r.actions.map((a) => [a.platform, a.kind, a.reason])).toEqual([['vr', 'update', 'drift: state']]);
    expect(r.drift).toEqual([{ platform: 'vr', sku: 'SKU-1', fields: ['state'] }]);
  });

  it('refreshes a stale baseline when the remote already is what we want', () => {
    const w = synced([product(1)]);
    editRemote(w, 'website', 1, { title: 'New title' });
    setProduct(w, 1, { title: 'New title' });
    const r = plan(input(w, { platforms: ['website'] }));
    expect(r.actions).toEqual([]);
    expect(r.drift).toEqual([]);
    expect(r.baselineUpdates.map((u) => [u.platform, u.listing.title])).toEqual([['website', 'New title']]);
  });

  it('reads a listing whose SKU was changed by hand as an orphan plus a missing listing, and creates nothing', () => {
    const w = synced([product(1), product(2)]);
    editRemote(w, 'website', 1, { sku: 'HAND-1' });
    // Even changed to another product's SKU, it is not adopted by that product.
    editRemote(w, 'reverb', 1, { sku: 'SKU-2' });
    const r = plan(input(w, { platforms: ['website', 'reverb'] }));
    expect(r.actions).toEqual([]);
    expect(r.orphans.map((o) => [o.platform, o.externalId, o.sku, o.reason])).toEqual([
      ['reverb', 'reverb-1', 'SKU-2', 'orphan, its SKU changed by hand from SKU-1 to SKU-2'],
      ['website', 'website-1', 'HAND-1', 'orphan, its SKU changed by hand from SKU-1 to HAND-1'],
    ]);
    expect(r.drift).toEqual([
      { platform: 'reverb', sku: 'SKU-1', fields: ['missing'] },
      { platform: 'website', sku: 'SKU-1', fields: ['missing'] },
    ]);
  });

  it('never recreates a listing we wrote that is missing; reports it instead', () => {
    const w = synced([product(1)]);
    dropRemote(w, 'ebay', 1);
    const r = plan(input(w));
    expect(r.actions).toEqual([]);
    expect(r.drift).toEqual([{ platform: 'ebay', sku: 'SKU-1', fields: ['missing'] }]);
  });
});

describe('scope', () => {
  it('touches only the SKUs of a targeted run', () => {
    const w = synced([product(1), product(2)]);
    setProduct(w, 1, { price: { cents: 1_000_000, currency: 'USD' } });
    setProduct(w, 2, { price: { cents: 1_000_000, currency: 'USD' } });
    w.snapshot.website.listings.push(listingOf(product(77), 'website', { externalId: 'W-77' }));
    const r = plan(input(w, { skus: ['SKU-2'], orphanPolicy: 'delete' }));
    expect(new Set(r.actions.map((a) => a.sku))).toEqual(new Set(['SKU-2']));
    expect(r.actions).toHaveLength(4);
    expect(r.orphans).toEqual([]);
  });

  it('reports an orphan on a targeted run only when its SKU is targeted', () => {
    const w = synced([product(1)]);
    w.snapshot.website.listings.push(listingOf(product(77), 'website', { externalId: 'W-77' }));
    expect(plan(input(w, { skus: ['SKU-77'] })).orphans.map((o) => o.externalId)).toEqual(['W-77']);
  });

  it('touches only the platforms of the run, even after a sale', () => {
    const w = synced([product(1), product(2)]);
    editRemote(w, 'ebay', 1, { state: 'sold', quantity: 0 });
    setProduct(w, 2, { title: 'Changed' });
    w.snapshot.vr.listings.push(listingOf(product(78), 'vr', { externalId: 'VR-78', sku: null, brand: 'Nobody' }));
    const r = plan(input(w, { platforms: ['ebay', 'website'] }));
    expect(new Set(r.actions.map((a) => a.platform))).toEqual(new Set(['ebay', 'website']));
    expect(r.actions.map((a) => [a.platform, a.sku, a.kind])).toEqual([
      ['website', 'SKU-1', 'end'],
      ['ebay', 'SKU-2', 'update'],
      ['website', 'SKU-2', 'update'],
    ]);
    expect(r.orphans).toEqual([]);
  });
});

describe('products that cannot be rendered', () => {
  it('plans a failed create with the reason, never a fallback grade', () => {
    const w = synced([product(1, { condition: 'mint' })], []);
    const newOnly = { ...CTX, requirements: { ebay: { '33034': { name: 'Electric Guitars', conditionIds: ['1000'], requiredAspects: [] } } } };
    const r = plan(input(w, { platforms: ['ebay', 'reverb'], listing: newOnly }));
    expect(r.actions.map((a) => [a.platform, a.kind, a.error])).toEqual([
      ['ebay', 'create', 'ebay: Electric Guitars (33034) accepts no eBay condition for "mint" (it takes 1000)'],
      ['reverb', 'create', undefined],
    ]);
  });

  it('fails the update of a linked listing but still moves its stock', () => {
    const p = product(1);
    const w = synced([p], ['ebay']);
    setProduct(w, 1, { images: [], quantity: 2, condition: 'new' });
    const r = plan(input(w, { platforms: ['ebay'] }));
    expect(r.actions.map((a) => [a.kind, a.reason, a.error])).toEqual([
      ['stock', 'quantity 1 → 2', undefined],
      ['update', 'cannot render for ebay', 'ebay: eBay needs at least one image'],
    ]);
  });
});

describe('guards', () => {
  it('plans no create, end or delete on an incomplete platform; updates and stock go ahead', () => {
    const w = synced([product(1), product(2), product(3, { condition: 'new' })]);
    w.products.push({ product: product(4), baselines: {} });
    setProduct(w, 1, { status: 'archived' });
    setProduct(w, 2, { title: 'Changed' });
    setProduct(w, 3, { quantity: 2 });
    w.snapshot.ebay.complete = false;
    w.snapshot.ebay.listings.push(listingOf(product(60), 'ebay', { externalId: 'E-60' }));
    const r = plan(input(w, { platforms: ['ebay'], orphanPolicy: 'delete' }));
    expect(r.actions.map((a) => [a.sku, a.kind])).toEqual([
      ['SKU-3', 'stock'],
      ['SKU-2', 'update'],
    ]);
    expect(r.orphans.map((o) => o.externalId)).toEqual(['E-60']);
  });

  it('takes a sold item off sale on an incomplete platform with stock 0 instead of an end', () => {
    const w = synced([product(1)]);
    editRemote(w, 'reverb', 1, { state: 'sold', quantity: 0 });
    w.snapshot.ebay.complete = false;
    const r = plan(input(w, { platforms: ['ebay', 'reverb'] }));
    expect(r.actions.map((a) => [a.platform, a.kind, a.priority, a.payload.quantity])).toEqual([['ebay', 'stock', 1, 0]]);
    expect(r.actions[0]!.reason).toBe('sold on reverb, quantity 1 → 0 (snapshot incomplete, no end)');
  });

  it('holds a plan that ends more than the allowed share of a platform', () => {
    const w = synced([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => product(i)), ['ebay']);
    for (const id of [1, 2, 3]) setProduct(w, id, { status: 'archived' });
    const r = plan(input(w, { platforms: ['ebay'], maxDestructivePct: 20 }));
    expect(r.actions.filter((a) => a.kind === 'end')).toHaveLength(3);
    expect(r.held).toEqual([{ platform: 'ebay', destructive: 3, total: 10, pct: 30 }]);
    expect(plan(input(w, { platforms: ['ebay'], maxDestructivePct: 30 })).held).toEqual([]);
  });

  it('counts orphan deletes as destructive, sale-driven ends not at all', () => {
    const w = synced([1, 2, 3, 4, 5].map((i) => product(i)), ['website']);
    w.snapshot.website.listings.push(listingOf(product(70), 'website', { externalId: 'W-70' }));
    editRemote(w, 'website', 1, { state: 'sold', quantity: 0 });
    setProduct(w, 2, { status: 'sold' });
    const r = plan(input(w, { platforms: ['website'], maxDestructivePct: 10, orphanPolicy: 'delete' }));
    expect(r.actions.map((a) => [a.sku, a.kind, a.priority])).toEqual([
      ['SKU-2', 'end', 1],
      ['SKU-70', 'delete', 4],
    ]);
    expect(r.held).toEqual([{ platform: 'website', destructive: 1, total: 5, pct: 20 }]);
  });

  it('never holds a platform with fewer than 5 live listings', () => {
    const w = synced([1, 2, 3, 4].map((i) => product(i)), ['ebay']);
    for (const id of [1, 2, 3, 4]) setProduct(w, id, { status: 'archived' });
    const r = plan(input(w, { platforms: ['ebay'], maxDestructivePct: 10 }));
    expect(r.actions).toHaveLength(4);
    expect(r.held).toEqual([]);
  });
});

describe('priorities', () => {
  it('orders sale-driven work, stock, ends, deletes, creates, links, updates', () => {
    const both: Platform[] = ['reverb', 'website'];
    const w = synced([1, 2, 3, 4].map((i) => product(i, { quantity: 2, condition: 'new' })), both);
    editRemote(w, 'website', 1, { quantity: 1 });
    setProduct(w, 2, { quantity: 1 });
    setProduct(w, 3, { status: 'archived' });
    setProduct(w, 4, { title: 'New' });
    w.products.push({ product: product(5), baselines: {} });
    w.products.push({ product: product(6), baselines: {} });
    w.snapshot.website.listings.push(listingOf(product(6), 'website', { externalId: 'W-6', title: 'old' }));
    w.snapshot.website.listings.push(listingOf(product(80), 'website', { externalId: 'W-80' }));
    const r = plan(input(w, { orphanPolicy: 'delete', enabledPlatforms: both, platforms: both }));
    expect(r.actions.map((a) => [a.priority, a.kind, a.platform, a.sku])).toEqual([
      [1, 'stock', 'reverb', 'SKU-1'],
      [2, 'stock', 'reverb', 'SKU-2'],
      [2, 'stock', 'website', 'SKU-2'],
      [3, 'end', 'reverb', 'SKU-3'],
      [3, 'end', 'website', 'SKU-3'],
      [4, 'delete', 'website', 'SKU-80'],
      [5, 'create', 'reverb', 'SKU-5'],
      [5, 'create', 'reverb', 'SKU-6'],
      [5, 'create', 'website', 'SKU-5'],
      [6, 'link', 'website', 'SKU-6'],
      [7, 'update', 'reverb', 'SKU-4'],
      [7, 'update', 'website', 'SKU-4'],
      [7, 'update', 'website', 'SKU-6'],
    ]);
    expect(r.sales.map((s) => s.sku)).toEqual(['SKU-1']);
  });
});
