import { type ListingContext, type Listing, type Product, renderListing } from '@gearsync/core';
import { startSandbox, type Sandbox } from '../../../../apps/sandbox/src/server.js';
import type { ActionOutcome, CallAction, CallGate, FetchPage } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { EbayEmulation } from '../../../../apps/sandbox/src/ebay/emulation.js';
import { createEbayAdapter, type EbayAdapter, type EbayAdapterOptions } from './adapter.js';
import { EbayNotificationVerifier } from './notification.js';
import { knownOfferOf } from './mapping.js';
import { OfferCache } from './offer-cache.js';
import { testCredentials } from '../../../../apps/sandbox/src/test-credentials.js';

const credentials = testCredentials;

let sandbox: Sandbox;
let adapter: EbayAdapter;
/** The emulation's contract counters and call count, summed over every test (a reset zeroes them). */
const totals = { checked: 0, failed: 0, requests: 0, refused: 0 };

// The offer-cache path, call for call; the Feed API report has its own tests ('the active inventory report').
const open = (extra: Partial<EbayAdapterOptions> = {}) =>
  createEbayAdapter({ baseUrl: `${sandbox.url}/ebay`, ...credentials.ebay, timeoutMs: 2000, activeInventoryReport: false, offerSweep: false, ...extra });

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/_control/ebay${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as any;
}
const seed = (listings: unknown[]) => control('PUT', '/listings', listings);
const configure = (patch: unknown) => control('PUT', '/config', patch);
const truth = async (): Promise<any[]> => control('GET', '/listings');
const truthOf = async (sku: string) => (await truth()).find((l) => l.sku === sku);

async function collectStats() {
  const stats = await control('GET', '/stats');
  totals.checked += stats.byEndpoint['contract:checked'] ?? 0;
  totals.failed += stats.byEndpoint['contract:failed'] ?? 0;
  totals.requests += stats.calls;
  totals.refused += stats.byEndpoint.refused ?? 0;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.url}/_control/reset`, { method: 'POST' });
  adapter = open();
});
afterEach(async () => {
  await adapter.close();
  await collectStats();
});

const canonical = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  title: `Fender Stratocaster ${sku}`,
  description: 'Original finish, plays well',
  price: { amount: '1899.00', currency: 'USD' },
  quantity: 1,
  condition: 'excellent',
  images: [`https://img.example/${sku}.jpg`],
  brand: 'Fender',
  model: 'Stratocaster',
  year: 1965,
  finish: 'Sunburst',
  ...extra,
});

/** The sandbox's shipped requirements for the categories these tests list in (as categoryRequirements reads them). */
const REQUIREMENTS = {
  '33034': { conditionIds: ['1000', '1500', '2500', '3000', '7000'], requiredAspects: ['Brand'], name: 'Electric Guitars' },
  '176984': { conditionIds: ['1000', '1500', '2500', '3000', '4000', '5000', '6000', '7000'], requiredAspects: ['Brand', 'Form Factor'], name: 'Microphones' },
};
const POLICIES = { fulfillmentPolicyId: '6196932000', paymentPolicyId: '6196933000', returnPolicyId: '6196934000' };
const context = (marketplaceId = 'EBAY_US', currency = 'USD'): ListingContext => ({
  settings: { ebay: { currency, marketplaceId, merchantLocationKey: 'warehouse-1', ...POLICIES } },
  categories: { 'Electric Guitars': { ebay: { categoryId: '33034' } }, Microphones: { ebay: { categoryId: '176984', aspects: { 'Form Factor': ['Handheld'] } } } },
  requirements: { ebay: REQUIREMENTS },
});

const product = (sku: string, extra: Partial<Product> = {}): Product => ({
  id: 1,
  sku,
  brand: 'Gibson',
  model: 'Les Paul',
  title: `Gibson Les Paul ${sku}`,
  description: 'All original',
  year: 1959,
  finish: 'Cherry Sunburst',
  category: 'Electric Guitars',
  condition: 'very_good',
  price: { cents: 249_900, currency: 'USD' },
  quantity: 1,
  images: [`https://img.example/${sku}-1.jpg`, `https://img.example/${sku}-2.jpg`],
  status: 'active',
  platforms: null,
  attributes: {},
  ...extra,
});

/** The desired listing exactly as the planner hands it over: rendered by core from product, settings and category. */
function rendered(p: Product, ctx = context()): Listing {
  const r = renderListing(p, 'ebay', ctx);
  if (!r.ok) throw new Error(r.reason);
  return r.listing;
}

const listing = (sku: string, extra: Partial<Listing> = {}): Listing => ({ ...rendered(product(sku)), ...extra });

let nextId = 1;
const action = (kind: CallAction['kind'], payload: CallAction['payload'], sku: string | null = payload.listing?.sku ?? payload.externalId ?? null): CallAction => ({
  actionId: nextId++,
  kind,
  sku,
  payload,
});

async function snapshot(a = adapter): Promise<FetchPage[]> {
  const pages: FetchPage[] = [];
  for await (const page of a.fetchListings()) pages.push(page);
  return pages;
}

async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlatformError);
  return err as PlatformError;
}

function okOutcome(o: ActionOutcome | undefined): Extract<ActionOutcome, { ok: true }> {
  expect(o).toMatchObject({ ok: true });
  return o as Extract<ActionOutcome, { ok: true }>;
}

describe('snapshot', () => {
  it('pages through inventory items and reads each offer once, then only what it does not know', async () => {
    await seed([canonical('A'), canonical('B', { quantity: 0, status: 'sold' }), canonical('C', { status: 'ended', price: { amount: '999.50', currency: 'USD' } }), canonical('D')]);
    adapter = open({ pageSize: 3 });
    const pages = await snapshot();
    expect(pages.map((p) => [p.page, p.totalPages, p.listings.length])).toEqual([
      [1, 2, 3],
      [2, 2, 1],
    ]);
    // Page one: token + items + three offers; page two: items + one offer.
    expect(pages.map((p) => p.calls)).toEqual([5, 2]);
    const all = pages.flatMap((p) => p.listings);
    expect(all.map((l) => [l.externalId, l.state, l.quantity, l.price.cents])).toEqual([
      ['A', 'active', 1, 189_900],
      ['B', 'sold', 0, 189_900],
      ['C', 'ended', 1, 99_950],
      ['D', 'active', 1, 189_900],
    ]);
    expect(all[0]).toMatchObject({
      sku: 'A',
      title: 'Fender Stratocaster A',
      description: 'Original finish, plays well',
      condition: 'excellent',
      images: ['https://img.example/A.jpg'],
      brand: 'Fender',
      model: 'Stratocaster',
      year: 1965,
      finish: 'Sunburst',
      refs: { offerId: expect.stringMatching(/^\d+$/), listingId: expect.stringMatching(/^\d+$/) },
    });

    await control('POST', '/listings', [canonical('E')]);
    const again = await snapshot();
    expect(again.flatMap((p) => p.listings).map((l) => l.externalId)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(again.map((p) => p.calls)).toEqual([1, 2]);
    expect(adapter.calls()).toBe(10);
  });

  it('reads no offers for SKUs the database already knows', async () => {
    const [made] = await seed([canonical('A')]);
    const first = open();
    const known = (await snapshot(first))[0]!.listings[0]!;
    await first.close();
    expect(made.sku).toBe('A');

    const offers = new OfferCache();
    offers.remember([['A', knownOfferOf(known)]]);
    adapter = open({ offers });
    const pages = await snapshot();
    expect(pages[0]!.listings[0]).toMatchObject({ externalId: 'A', state: 'active', price: { cents: 189_900 }, refs: known.refs });
    expect(pages[0]!.calls).toBe(2);
  });

  it('finds a listing by SKU with its offer ids, or null', async () => {
    await seed([canonical('A')]);
    const found = await adapter.findBySku('A');
    expect(found).toMatchObject({ externalId: 'A', state: 'active', price: { cents: 189_900, currency: 'USD' }, refs: { offerId: expect.any(String) } });
    expect(await adapter.findBySku('NOPE')).toBeNull();
  });

  it('counts every request, token included, and waits on the gate before each', async () => {
    let acquired = 0;
    const gate: CallGate = { acquire: async () => void (acquired += 1) };
    adapter = open({ gate });
    await seed([canonical('A')]);
    await snapshot();
    expect(adapter.calls()).toBe(3);
    expect(acquired).toBe(3);
  });
});

describe('the active inventory report', () => {
  const primed = async (skus: string[]) => {
    const first = open();
    const known = (await snapshot(first)).flatMap((p) => p.listings).filter((l) => skus.includes(l.sku!));
    await first.close();
    const offers = new OfferCache();
    offers.remember(known.map((l) => [l.sku!, knownOfferOf(l)]));
    return offers;
  };
  const offerReads = async () => (await control('GET', '/stats')).byEndpoint['GET /offer'] ?? 0;

  it('shows a price edited by hand on eBay, though the cache holds the price we wrote, without one offer read', async () => {
    await seed([canonical('A', { price: { amount: '10710.14', currency: 'USD' } }), canonical('B'), canonical('C')]);
    const offers = await primed(['A', 'B', 'C']);
    await control('PATCH', '/listings/A', { price: { amount: '1.00', currency: 'USD' }, quantity: 5 });
    await control('PATCH', '/listings/B', { price: { amount: '2500.00', currency: 'USD' } });
    const readsBefore = await offerReads();
    adapter = open({ offers, activeInventoryReport: { pollMs: 50 } });
    const pages = await snapshot();
    const all = pages.flatMap((p) => p.listings);
    expect(all.map((l) => [l.sku, l.state, l.quantity, l.price.cents])).toEqual([
      ['A', 'active', 5, 100],
      ['B', 'active', 1, 250_000],
      ['C', 'active', 1, 189_900],
    ]);
    expect(await offerReads()).toBe(readsBefore);
    const report = adapter.lastActiveReport()!;
    expect(report.lines).toBe(3);
    // Create, a few polls, the download (and the token): a handful whatever the shop's size.
    expect(report.calls).toBeLessThanOrEqual(8);
    expect(pages[0]!.calls).toBe(report.calls + 1);
  });

  it('reads the offer of a listing the report leaves out, and sees it ended by hand', async () => {
    await seed([canonical('A'), canonical('B')]);
    const offers = await primed(['A', 'B']);
    await control('PATCH', '/listings/A', { status: 'ended' });
    const readsBefore = await offerReads();
    adapter = open({ offers, activeInventoryReport: { pollMs: 50 } });
    const all = (await snapshot()).flatMap((p) => p.listings);
    expect(all.map((l) => [l.sku, l.state])).toEqual([
      ['A', 'ended'],
      ['B', 'active'],
    ]);
    expect((await offerReads()) - readsBefore).toBe(1);
  });

  it('reads a rotating slice of offers each read, so a category moved by hand is seen within `runs` reads', async () => {
    await seed(Array.from({ length: 12 }, (_, i) => canonical(`S${String(i).padStart(2, '0')}`, { platformCategory: ['33034'] })));
    const offers = await primed(Array.from({ length: 12 }, (_, i) => `S${String(i).padStart(2, '0')}`));
    await control('PATCH', '/listings/S10', { platformCategory: ['33021'] });
    adapter = open({ offers, activeInventoryReport: { pollMs: 50 }, offerSweep: { runs: 3, min: 1 } });
    const reads: number[] = [];
    const seen: (string | undefined)[] = [];
    for (let run = 0; run < 3; run++) {
      const before = await offerReads();
      const all = (await snapshot()).flatMap((p) => p.listings);
      reads.push((await offerReads()) - before);
      seen.push(all.find((l) => l.sku === 'S10')!.platformCategory?.[0]);
    }
    expect(reads).toEqual([4, 4, 4]);
    expect(seen).toEqual(['33034', '33034', '33021']);
  });

  it('goes on with what the cache knows when the report is not ready in time', async () => {
    await seed([canonical('A')]);
    const offers = await primed(['A']);
    await control('PATCH', '/listings/A', { price: { amount: '5.00', currency: 'USD' } });
    adapter = open({ offers, activeInventoryReport: { pollMs: 10, timeoutMs: 20 } });
    const all = (await snapshot()).flatMap((p) => p.listings);
    expect(all.map((l) => [l.sku, l.price.cents])).toEqual([['A', 189_900]]);
    expect(adapter.lastActiveReport()).toBeNull();
  });
});

describe('create', () => {
  it('chains items → offers → publish in three bulk calls and answers the new ids', async () => {
    const outcomes = await adapter.execute([action('create', { listing: listing('N-1') }), action('create', { listing: listing('N-2', { quantity: 2 }) })]);
    expect(adapter.calls()).toBe(4);
    for (const o of outcomes) {
      const ok = okOutcome(o);
      expect(ok.refs).toEqual({ offerId: expect.stringMatching(/^\d+$/), listingId: expect.stringMatching(/^\d+$/) });
      expect(ok.listing).toMatchObject({ state: 'active', refs: ok.refs });
    }
    expect(okOutcome(outcomes[0]).externalId).toBe('N-1');
    expect(await truth()).toEqual([
      expect.objectContaining({ sku: 'N-1', status: 'active', quantity: 1, price: { amount: '2499.00', currency: 'USD' }, condition: 'very_good', brand: 'Gibson', year: 1959 }),
      expect.objectContaining({ sku: 'N-2', status: 'active', quantity: 2, images: ['https://img.example/N-2-1.jpg', 'https://img.example/N-2-2.jpg'] }),
    ]);
  });

  it('fails one entry of a bulk call with eBay’s message and lists the rest', async () => {
    const outcomes = await adapter.execute([
      action('create', { listing: listing('N-1') }),
      action('create', { listing: listing('N-2', { images: ['http://insecure.example/a.jpg'] }) }),
      action('create', { listing: listing('N-3', { platformCondition: undefined }) }),
    ]);
    okOutcome(outcomes[0]);
    expect(outcomes[1]).toMatchObject({ ok: false, status: 400, retryable: false, error: expect.stringContaining('25015 Invalid picture URL') });
    expect(outcomes[2]).toMatchObject({ ok: false, error: expect.stringContaining('no eBay condition was chosen') });
    expect((await truth()).map((l) => l.sku)).toEqual(['N-1']);
  });

  it('resolves to the offer that already exists (25002) and sets its price', async () => {
    // An earlier attempt got as far as an unpublished offer at an old price, then its answer was lost.
    await seed([canonical('N-1', { status: 'ended', price: { amount: '100.00', currency: 'USD' } })]);
    const before = await adapter.findBySku('N-1');
    expect(before).toMatchObject({ state: 'ended', refs: { offerId: expect.any(String) } });

    const fresh = open();
    const [outcome] = await fresh.execute([action('create', { listing: listing('N-1') })]);
    await fresh.close();
    expect(okOutcome(outcome).refs?.offerId).toBe(before!.refs!.offerId);
    expect(await truthOf('N-1')).toMatchObject({ status: 'active', price: { amount: '2499.00' }, title: 'Gibson Les Paul N-1' });
  });
});

describe('update, stock, end, delete', () => {
  it('update rewrites the whole item and the price on the offer', async () => {
    await seed([canonical('A')]);
    await snapshot();
    const before = adapter.calls();
    const desired = rendered(product('A', { title: 'Fender Stratocaster 1965, refinished', price: { cents: 175_000, currency: 'USD' }, quantity: 1, brand: 'Fender', year: 1965 }));
    const [outcome] = await adapter.execute([action('update', { externalId: 'A', listing: desired })]);
    expect(okOutcome(outcome).listing).toMatchObject({ externalId: 'A', title: desired.title, state: 'active' });
    expect(adapter.calls() - before).toBe(2);
    expect(await truthOf('A')).toMatchObject({ title: desired.title, price: { amount: '1750.00' }, quantity: 1, condition: 'very_good', brand: 'Fender', model: 'Les Paul' });

    // Repriced by hand on eBay since: the same price as this process last wrote still goes with the update.
    await control('PATCH', '/listings/A', { price: { amount: '1.00', currency: 'USD' } });
    const again = adapter.calls();
    await adapter.execute([action('update', { externalId: 'A', listing: { ...desired, description: 'Refinished in 1980' } })]);
    expect(adapter.calls() - again).toBe(2);
    expect(await truthOf('A')).toMatchObject({ description: 'Refinished in 1980', price: { amount: '1750.00' } });
  });

  it('update lists again an offer ended by hand (a relist), with our price', async () => {
    await seed([canonical('A')]);
    await snapshot();
    await control('PATCH', '/listings/A', { status: 'ended', price: { amount: '1.00', currency: 'USD' } });
    const desired = rendered(product('A', { price: { cents: 175_000, currency: 'USD' }, quantity: 1, brand: 'Fender', year: 1965 }));
    const [outcome] = await adapter.execute([action('update', { externalId: 'A', listing: desired })]);
    expect(okOutcome(outcome).listing).toMatchObject({ externalId: 'A', state: 'active' });
    expect(await truthOf('A')).toMatchObject({ status: 'active', price: { amount: '1750.00' }, quantity: 1 });
  });

  it('update lists again an offer it ended itself, without a price call eBay would refuse', async () => {
    await seed([canonical('A')]);
    const found = (await adapter.findBySku('A'))!;
    okOutcome((await adapter.execute([action('end', { externalId: 'A', refs: found.refs! })]))[0]);
    const desired = rendered(product('A', { price: { cents: 175_000, currency: 'USD' }, quantity: 1 }));
    const [outcome] = await adapter.execute([action('update', { externalId: 'A', refs: found.refs!, listing: desired })]);
    expect(okOutcome(outcome).listing).toMatchObject({ state: 'active', refs: { offerId: found.refs!.offerId } });
    expect(await truthOf('A')).toMatchObject({ status: 'active', price: { amount: '1750.00' } });
    const stats = await control('GET', '/stats');
    expect([stats.byEndpoint['POST /bulk_update_price_quantity'] ?? 0, stats.byEndpoint.refused ?? 0]).toEqual([0, 0]);
  });

  it('update looks the offer up when neither plan nor cache knows it', async () => {
    await seed([canonical('A')]);
    const [outcome] = await adapter.execute([action('update', { externalId: 'A', listing: listing('A', { price: { cents: 99_900, currency: 'USD' } }) })]);
    okOutcome(outcome);
    expect(adapter.calls()).toBe(4);
    expect((await truthOf('A')).price.amount).toBe('999.00');
  });

  it('stock sets quantities of many SKUs in one call', async () => {
    await seed([canonical('A', { quantity: 3 }), canonical('B', { quantity: 1 })]);
    const outcomes = await adapter.execute([action('stock', { externalId: 'A', quantity: 1 }), action('stock', { externalId: 'B', quantity: 4 }), action('stock', { externalId: 'GONE', quantity: 1 })]);
    // Token, one offer read per SKU the plan carried no offer id for, then the one bulk call.
    expect(adapter.calls()).toBe(5);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false]);
    expect(outcomes[2]).toMatchObject({ error: expect.stringContaining('25702') });
    expect((await truth()).map((l) => [l.sku, l.quantity, l.status])).toEqual([
      ['A', 1, 'active'],
      ['B', 4, 'active'],
    ]);
  });

  it('end withdraws the offer; the offer stays and a second end is already done', async () => {
    await seed([canonical('A')]);
    const found = await adapter.findBySku('A');
    const [outcome] = await adapter.execute([action('end', { externalId: 'A', refs: found!.refs! })]);
    expect(okOutcome(outcome).refs).toEqual(found!.refs);
    expect((await truthOf('A')).status).toBe('ended');
    const calls = adapter.calls();
    const [again] = await adapter.execute([action('end', { externalId: 'A' })]);
    okOutcome(again);
    expect(adapter.calls()).toBe(calls);
    expect(await adapter.findBySku('A')).toMatchObject({ state: 'ended', refs: found!.refs });
  });

  it('end with a stale offer id finds the offer again and is done when it is already off sale', async () => {
    await seed([canonical('A', { status: 'ended' })]);
    const [outcome] = await adapter.execute([action('end', { externalId: 'A', refs: { offerId: '999' } })]);
    okOutcome(outcome);
    expect((await truthOf('A')).status).toBe('ended');
  });

  it('delete removes the item with its offer; a SKU already gone counts as deleted', async () => {
    await seed([canonical('A'), canonical('B')]);
    const outcomes = [...(await adapter.execute([action('delete', { externalId: 'A' })])), ...(await adapter.execute([action('delete', { externalId: 'A' })]))];
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect((await truth()).map((l) => l.sku)).toEqual(['B']);
  });

  it('refuses a call that mixes kinds or exceeds its batch size', async () => {
    expect((await rejection(adapter.execute([action('stock', { externalId: 'A', quantity: 1 }), action('end', { externalId: 'B' })]))).kind).toBe('permanent');
    expect((await rejection(adapter.execute([action('end', { externalId: 'A' }), action('end', { externalId: 'B' })]))).kind).toBe('permanent');
    expect(adapter.calls()).toBe(0);
  });
});

describe('failures', () => {
  it('renews an expired token once and repeats the call', async () => {
    await seed([canonical('A')]);
    await adapter.findBySku('A');
    expect(adapter.calls()).toBe(3);
    (sandbox.emulations.ebay as unknown as { expireTokens(): void }).expireTokens();
    const [outcome] = await adapter.execute([action('stock', { externalId: 'A', quantity: 2 })]);
    okOutcome(outcome);
    // The refused call, a new token, the call again.
    expect(adapter.calls()).toBe(6);
    expect((await truthOf('A')).quantity).toBe(2);
  });

  it('classifies a refused refresh token as auth, without the secret in the message', async () => {
    adapter = open({ refreshToken: 'v^1.1#revoked-token' });
    const err = await rejection(snapshot());
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('invalid_grant');
    expect(err.message).not.toContain('revoked-token');
  });

  it('429 is rate_limited with no retry-after (eBay sends none)', async () => {
    await seed([canonical('A')]);
    await snapshot();
    await configure({ rateLimit: { max: 1, perMs: 60_000 } });
    await snapshot();
    const err = await rejection(snapshot());
    expect(err.kind).toBe('rate_limited');
    expect(err.details).toMatchObject({ status: 429, code: '2001' });
    expect(err.details.retryAfterMs).toBeUndefined();
  });

  it('500 with 25001/25025 is transient and fails the whole call', async () => {
    await seed([canonical('A')]);
    await snapshot();
    await configure({ errorRate: 1, errorStatus: 500 });
    const err = await rejection(adapter.execute([action('stock', { externalId: 'A', quantity: 2 })]));
    expect(err.kind).toBe('transient');
    expect(['25001', '25025']).toContain(err.details.code);
  });

  it('garbage where JSON belongs is a clear transient error', async () => {
    await adapter.findBySku('NOPE');
    await configure({ garbageRate: 1 });
    const err = await rejection(snapshot());
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/ebay: HTTP 200 answered text\/html where JSON belongs/);
  });

  it('an unreachable eBay is transient', async () => {
    adapter = open({ baseUrl: 'http://127.0.0.1:9/ebay', timeoutMs: 500 });
    expect((await rejection(snapshot())).kind).toBe('transient');
  });
});


/** The instrument categories the emulation ships, as a GBP shop on EBAY_GB maps them. */
const GB_CATEGORIES = {
  'Electric Guitars': { ebay: { categoryId: '33034' } },
  'Acoustic Guitars': { ebay: { categoryId: '33021' } },
  Basses: { ebay: { categoryId: '4713' } },
  Amps: { ebay: { categoryId: '38072' } },
  Pedals: { ebay: { categoryId: '41415', aspects: { Type: ['Overdrive'] } } },
  Microphones: { ebay: { categoryId: '176984' } },
  Books: { ebay: { categoryId: '261186', aspects: { Language: ['English'] } } },
};

describe('categories, conditions and aspects', () => {
  it('reads each category’s accepted conditions and required aspects once, then from its cache', async () => {
    adapter = open({ marketplaceId: 'EBAY_GB' });
    const ids = Object.values(GB_CATEGORIES).map((c) => c.ebay.categoryId);
    const first = await adapter.categoryRequirements([...ids, '999999']);
    expect(first).toEqual({
      '33034': { conditionIds: ['1000', '1500', '2500', '3000', '7000'], requiredAspects: ['Brand'] },
      '33021': { conditionIds: ['1000', '1500', '2500', '3000', '7000'], requiredAspects: ['Brand'] },
      '4713': { conditionIds: ['1000', '1500', '3000', '7000'], requiredAspects: ['Brand', 'Type'] },
      '38072': { conditionIds: ['1000', '1500', '2500', '3000', '7000'], requiredAspects: ['Brand', 'Amplifier Type'] },
      '41415': { conditionIds: ['1000', '1500', '2500', '3000', '7000'], requiredAspects: ['Brand', 'Type'] },
      '176984': { conditionIds: ['1000', '1500', '2500', '3000', '4000', '5000', '6000', '7000'], requiredAspects: ['Brand', 'Form Factor'] },
      '261186': { conditionIds: ['1000', '2750', '4000', '5000', '6000'], requiredAspects: ['Book Title', 'Author', 'Language'] },
    });
    // Token, one Metadata call for all seven, the default tree, seven aspect reads.
    expect(adapter.calls()).toBe(10);
    expect(await adapter.categoryRequirements(['33034', '4713'])).toEqual({ '33034': first['33034'], '4713': first['4713'] });
    expect(adapter.calls()).toBe(10);
  });

  it('a GBP catalogue on EBAY_GB publishes everything its categories accept and refuses the rest before any call', async () => {
    adapter = open({ marketplaceId: 'EBAY_GB' });
    const requirements = await adapter.categoryRequirements(Object.values(GB_CATEGORIES).map((c) => c.ebay.categoryId));
    const ctx: ListingContext = {
      settings: { ebay: { currency: 'GBP', marketplaceId: 'EBAY_GB', merchantLocationKey: 'warehouse-1', ...POLICIES } },
      categories: GB_CATEGORIES,
      requirements: { ebay: requirements },
    };
    const gbp = (pounds: number) => ({ cents: pounds * 100, currency: 'GBP' });
    const catalogue: Product[] = [
      product('EG-MINT', { condition: 'mint', price: gbp(2400) }),
      product('EG-GOOD', { condition: 'good', price: gbp(1100) }),
      product('EG-NEW', { condition: 'new', price: gbp(1800), quantity: 3 }),
      product('AC-EXC', { category: 'Acoustic Guitars', brand: 'Martin', model: 'D-18', condition: 'excellent', price: gbp(2100) }),
      product('BS-VG', { category: 'Basses', brand: 'Fender', model: 'Precision', condition: 'very_good', price: gbp(1300), attributes: { Type: 'Electric Bass' } }),
      product('AMP-EXC', { category: 'Amps', brand: 'Vox', model: 'AC30', condition: 'excellent', price: gbp(900), attributes: { 'Amplifier Type': 'Combo' } }),
      product('FX-MINT', { category: 'Pedals', brand: 'Ibanez', model: 'TS808', condition: 'mint', price: gbp(350) }),
      product('MIC-VG', { category: 'Microphones', brand: 'Shure', model: 'SM7B', condition: 'very_good', price: gbp(280), attributes: { 'Form Factor': 'Handheld' } }),
      product('MIC-FAIR', { category: 'Microphones', brand: 'Neumann', model: 'U87', condition: 'fair', price: gbp(1500), attributes: { 'Form Factor': 'Studio' } }),
      product('BK-GOOD', { category: 'Books', brand: 'Hal Leonard', model: 'Guitar Book', condition: 'good', price: gbp(20), attributes: { 'Book Title': 'The Guitar Handbook', Author: 'Ralph Denyer' } }),
      // Refused before any call: each lacks what its category requires, and says what.
      product('BS-NOTYPE', { category: 'Basses', brand: 'Fender', model: 'Jazz', condition: 'excellent', price: gbp(1200) }),
      product('AMP-NOTYPE', { category: 'Amps', brand: 'Marshall', model: 'JCM800', condition: 'good', price: gbp(1400) }),
      product('MIC-NOFORM', { category: 'Microphones', brand: 'AKG', model: 'C414', condition: 'excellent', price: gbp(700) }),
      product('BK-BROKEN', { category: 'Books', brand: 'Hal Leonard', model: 'Torn', condition: 'non_functioning', price: gbp(5), attributes: { 'Book Title': 'Torn', Author: 'Anon' } }),
      product('EG-USD', { price: { cents: 150_000, currency: 'USD' } }),
    ];
    const results = catalogue.map((p) => ({ sku: p.sku, r: renderListing(p, 'ebay', ctx) }));
    const refused = Object.fromEntries(results.filter((x) => !x.r.ok).map((x) => [x.sku, (x.r as { reason: string }).reason]));
    expect(refused).toEqual({
      'BS-NOTYPE': expect.stringContaining("'Type'"),
      'AMP-NOTYPE': expect.stringContaining("'Amplifier Type'"),
      'MIC-NOFORM': expect.stringContaining("'Form Factor'"),
      'BK-BROKEN': expect.stringContaining('accepts no eBay condition for "non_functioning"'),
      'EG-USD': expect.stringContaining('sells in GBP'),
    });
    const before = adapter.calls();
    const listings = results.flatMap((x) => (x.r.ok ? [x.r.listing] : []));
    const outcomes = await adapter.execute(listings.map((l) => action('create', { listing: l })));
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(adapter.calls() - before).toBe(3);

    const live = Object.fromEntries((await truth()).map((l) => [l.sku, l]));
    expect(Object.keys(live).sort()).toEqual(listings.map((l) => l.sku).sort());
    for (const l of Object.values(live)) expect(l).toMatchObject({ status: 'active', price: { currency: 'GBP' } });
    const conditions = Object.fromEntries(
      await Promise.all(
        listings.map(async (l) => {
          const found = (await adapter.findBySku(l.sku!))!;
          return [l.sku, [found.platformCategory?.[0], found.platformCondition, found.conditionDescription ?? null, found.condition]];
        }),
      ),
    );
    expect(conditions).toEqual({
      'EG-MINT': ['33034', 'USED_EXCELLENT', 'Mint', 'mint'],
      'EG-GOOD': ['33034', 'USED_EXCELLENT', 'Good', 'good'],
      'EG-NEW': ['33034', 'NEW', null, 'new'],
      'AC-EXC': ['33021', 'USED_EXCELLENT', 'Excellent', 'excellent'],
      'BS-VG': ['4713', 'USED_EXCELLENT', 'Very Good', 'very_good'],
      'AMP-EXC': ['38072', 'USED_EXCELLENT', 'Excellent', 'excellent'],
      'FX-MINT': ['41415', 'USED_EXCELLENT', 'Mint', 'mint'],
      'MIC-VG': ['176984', 'USED_VERY_GOOD', null, 'very_good'],
      'MIC-FAIR': ['176984', 'USED_ACCEPTABLE', null, 'fair'],
      'BK-GOOD': ['261186', 'USED_GOOD', null, 'good'],
    });
    expect(live['FX-MINT'].attributes).toMatchObject({ Brand: ['Ibanez'], Type: ['Overdrive'] });
  });

  it('every category the emulation ships takes each grade as its finest accepted condition, and a grade it cannot say fails before any call', async () => {
    type Expected = readonly [condition: string, words: string | null] | null;
    const used = (words: string) => ['USED_EXCELLENT', words] as const;
    // Instrument categories with plain "Used" (3000) only: every used grade is 3000, in words beside it.
    const PLAIN_USED: Record<Product['condition'], Expected> = {
      new: ['NEW', null],
      mint: used('Mint'),
      excellent: used('Excellent'),
      very_good: used('Very Good'),
      good: used('Good'),
      fair: used('Fair'),
      poor: used('Poor'),
      non_functioning: ['FOR_PARTS_OR_NOT_WORKING', null],
    };
    // Microphones take the finer used grades: each grade its own, 3000 only above "very good";
    // poor shares Acceptable with fair, so its words go beside it.
    const FINER_USED: Record<Product['condition'], Expected> = {
      ...PLAIN_USED,
      very_good: ['USED_VERY_GOOD', null],
      good: ['USED_GOOD', null],
      fair: ['USED_ACCEPTABLE', null],
      poor: ['USED_ACCEPTABLE', 'Poor'],
    };
    // Books have "Like New" but no plain "Used" and no "For parts": excellent and non-functioning cannot be said.
    const BOOKS: Record<Product['condition'], Expected> = { ...FINER_USED, mint: ['LIKE_NEW', 'Mint'], excellent: null, non_functioning: null };
    const EXPECTED: Record<string, Record<Product['condition'], Expected>> = {
      '33034': PLAIN_USED,
      '33021': PLAIN_USED,
      '4713': PLAIN_USED,
      '38072': PLAIN_USED,
      '41415': PLAIN_USED,
      '176984': FINER_USED,
      '261186': BOOKS,
      '2228': BOOKS,
    };
    // The table covers what the emulation ships, so a category added there needs its row here.
    expect(Object.keys((await control('GET', '/account')).categories).sort()).toEqual(Object.keys(EXPECTED).sort());

    adapter = open({ marketplaceId: 'EBAY_GB' });
    const requirements = await adapter.categoryRequirements(Object.keys(EXPECTED));
    const VALUES: Record<string, string> = { Type: 'Electric Bass', 'Amplifier Type': 'Combo', 'Form Factor': 'Handheld', 'Book Title': 'The Guitar Handbook', Author: 'Ralph Denyer', Language: 'English' };
    const ctx: ListingContext = {
      settings: { ebay: { currency: 'GBP', marketplaceId: 'EBAY_GB', merchantLocationKey: 'warehouse-1', ...POLICIES } },
      categories: Object.fromEntries(
        Object.entries(requirements).map(([id, req]) => [
          `cat-${id}`,
          { ebay: { categoryId: id, aspects: Object.fromEntries(req.requiredAspects.filter((a) => a !== 'Brand').map((a) => [a, [VALUES[a]!]])) } },
        ]),
      ),
      requirements: { ebay: requirements },
    };
    const grades = Object.keys(PLAIN_USED) as Product['condition'][];
    const cases = Object.keys(EXPECTED).flatMap((id) => grades.map((grade) => ({ id, grade, sku: `${id}-${grade.replace('_', '').toUpperCase()}` })));
    const rendered = cases.map((c) => ({ ...c, r: renderListing(product(c.sku, { category: `cat-${c.id}`, condition: c.grade, price: { cents: 50_000, currency: 'GBP' } }), 'ebay', ctx) }));

    const refused = Object.fromEntries(rendered.filter((c) => !c.r.ok).map((c) => [c.sku, (c.r as { reason: string }).reason]));
    const cannot = cases.filter((c) => EXPECTED[c.id]![c.grade] === null);
    expect(Object.keys(refused).sort()).toEqual(cannot.map((c) => c.sku).sort());
    for (const c of cannot) expect(refused[c.sku]).toContain(`(${c.id}) accepts no eBay condition for "${c.grade}" (it takes 1000, 2750, 4000, 5000, 6000)`);

    const before = adapter.calls();
    const listings = rendered.flatMap((c) => (c.r.ok ? [c.r.listing] : []));
    for (let i = 0; i < listings.length; i += 25) {
      const outcomes = await adapter.execute(listings.slice(i, i + 25).map((l) => action('create', { listing: l })));
      expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    }
    // Items, offers, publish: three bulk calls per 25 listings, and nothing refused on eBay's side.
    expect(adapter.calls() - before).toBe(3 * Math.ceil(listings.length / 25));
    expect((await control('GET', '/stats')).byEndpoint.refused ?? 0).toBe(0);

    const live = new Map((await snapshot()).flatMap((p) => p.listings).map((l) => [l.sku!, l]));
    const got = Object.fromEntries(cases.filter((c) => live.has(c.sku)).map((c) => {
      const l = live.get(c.sku)!;
      return [c.sku, [l.platformCategory?.[0], l.state, l.platformCondition, l.conditionDescription ?? null, l.condition]];
    }));
    const wanted = Object.fromEntries(cases.filter((c) => EXPECTED[c.id]![c.grade] !== null).map((c) => [c.sku, [c.id, 'active', ...EXPECTED[c.id]![c.grade]!, c.grade]]));
    expect(got).toEqual(wanted);
  });

  it('a listing without what publishing needs fails before any call, naming it', async () => {
    const bare = listing('N-1', { platformCategory: undefined, platformFields: { marketplaceId: 'EBAY_US', contentLanguage: 'en-US' } });
    const [outcome] = await adapter.execute([action('create', { listing: bare })]);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    const error = (outcome as { error: string }).error;
    for (const gap of ['an eBay category', 'an inventory location', 'a fulfillment policy', 'a payment policy', 'a return policy']) expect(error).toContain(gap);
    expect(adapter.calls()).toBe(0);
  });

  it('eBay itself refuses a missing aspect or a condition the category does not take, with its messages', async () => {
    const noBrand = listing('N-1', { attributes: { Model: ['Les Paul'] } });
    const finer = listing('N-2', { platformCondition: 'USED_VERY_GOOD', conditionDescription: undefined });
    const outcomes = await adapter.execute([action('create', { listing: noBrand }), action('create', { listing: finer })]);
    expect(outcomes[0]).toMatchObject({ ok: false, error: expect.stringContaining('The item specific Brand is missing') });
    expect(outcomes[1]).toMatchObject({ ok: false, error: expect.stringMatching(/25021 .*USED_VERY_GOOD \(4000\) is not available for category Electric Guitars \(33034\)/) });
  });
});

describe('moving category', () => {
  it('an update into another eBay category rewrites the offer, and the listing stays live', async () => {
    const [created] = await adapter.execute([action('create', { listing: listing('MIC-1') })]);
    const refs = okOutcome(created).refs!;
    const mic = rendered(product('MIC-1', { category: 'Microphones', brand: 'Shure', model: 'SM7B', condition: 'very_good' }));
    expect(mic.platformCategory).toEqual(['176984']);
    const before = adapter.calls();
    const [updated] = await adapter.execute([action('update', { externalId: 'MIC-1', refs, listing: mic })]);
    expect(okOutcome(updated).refs).toEqual(refs);
    // The item, then the offer.
    expect(adapter.calls() - before).toBe(2);
    expect(await truthOf('MIC-1')).toMatchObject({ status: 'active', platformCategory: ['176984'], condition: 'very_good', attributes: { 'Form Factor': ['Handheld'] } });
  });
});

describe('quantities', () => {
  it('a restock lifts the item’s quantity and the offer’s availableQuantity in one call', async () => {
    // Listed by hand: the offer carries its own availableQuantity of 1.
    await seed([canonical('A', { quantity: 1 })]);
    const found = (await adapter.findBySku('A'))!;
    const before = adapter.calls();
    const [outcome] = await adapter.execute([action('stock', { externalId: 'A', quantity: 3, refs: found.refs! })]);
    okOutcome(outcome);
    expect(adapter.calls() - before).toBe(1);
    expect(await truthOf('A')).toMatchObject({ quantity: 3, status: 'active' });
    expect(await adapter.findBySku('A')).toMatchObject({ quantity: 3 });
  });

  it('an update that raises the quantity of a capped offer lifts the cap too', async () => {
    await seed([canonical('A', { quantity: 1, price: { amount: '2499.00', currency: 'USD' } })]);
    await adapter.findBySku('A');
    const [outcome] = await adapter.execute([action('update', { externalId: 'A', listing: listing('A', { quantity: 2 }) })]);
    okOutcome(outcome);
    expect(await truthOf('A')).toMatchObject({ quantity: 2 });
  });
});

describe('an account that already sells', () => {
  it('migrates 30 Seller Hub listings five a call, so the first snapshot adopts them and nothing is listed twice', async () => {
    const hub = Array.from({ length: 30 }, (_, i) => ({ ...canonical(`HUB-${i + 1}`, { platformCategory: ['33034'] }), sellerHub: true }));
    const made = await control('POST', '/listings', [...hub, { ...canonical(''), title: 'No SKU yet', sellerHub: true }]);
    const ids = Object.fromEntries(made.map((l: any) => [l.sku, l.id]));
    expect((await snapshot()).flatMap((p) => p.listings)).toEqual([]);

    const before = adapter.calls();
    const result = await adapter.migrateListings();
    expect(result.migrated).toHaveLength(30);
    expect(result.failed).toEqual([{ id: ids[''], reason: expect.stringContaining('has no SKU') }]);
    const stats = await control('GET', '/stats');
    expect(stats.byEndpoint['POST /bulk_migrate_listing']).toBe(6);
    // GetMyeBaySelling, one inventory page, six migrations.
    expect(adapter.calls() - before).toBe(8);

    const adopted = (await snapshot()).flatMap((p) => p.listings);
    expect(adopted).toHaveLength(30);
    for (const l of adopted) expect(l).toMatchObject({ state: 'active', refs: { listingId: ids[l.sku!] }, price: { cents: 189_900 } });
    expect(await adapter.migrateListings()).toEqual({ migrated: [], failed: [{ id: ids[''], reason: expect.any(String) }] });
    expect((await truth()).filter((l) => l.sku.startsWith('HUB-'))).toHaveLength(30);
  });
});

describe('sales and notifications', () => {
  let hook: Server;
  let hookUrl: string;
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  const VERIFY = 'gearsync-verification-token-0123456789';
  beforeAll(async () => {
    hook = createServer((req, res) => {
      if (req.method === 'GET') {
        const url = new URL(req.url!, hookUrl);
        const code = url.searchParams.get('challenge_code') ?? '';
        const endpoint = `${url.origin}${url.pathname}`;
        const challengeResponse = createHash('sha256').update(code).update(VERIFY).update(endpoint).digest('hex');
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify({ challengeResponse }));
      }
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: raw });
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/webhooks/ebay/tok`;
  });
  afterAll(() => new Promise<void>((r) => hook.close(() => r())));

  it('reads sales from the Fulfillment API since a cursor', async () => {
    await seed([canonical('A', { quantity: 2 }), canonical('B')]);
    const since = new Date(Date.now() - 1000);
    await control('POST', '/sales', { sku: 'A' });
    await control('POST', '/sales', { sku: 'B' });
    const { sales, cursor } = await adapter.salesSince(since);
    expect(sales.map((s) => [s.sku, s.quantity, s.price])).toEqual(
      expect.arrayContaining([
        ['A', 1, { cents: 189_900, currency: 'USD' }],
        ['B', 1, { cents: 189_900, currency: 'USD' }],
      ]),
    );
    expect(sales).toHaveLength(2);
    const listingA = (await adapter.findBySku('A'))!.refs!.listingId;
    expect(sales.find((s) => s.sku === 'A')).toMatchObject({ orderId: expect.stringMatching(/^\d\d-\d{5}-\d{5}$/), externalId: listingA });
    expect(cursor.getTime()).toBeGreaterThan(since.getTime());
    await control('POST', '/sales', { sku: 'A' });
    const later = await adapter.salesSince(new Date(cursor.getTime() + 1));
    expect(later.sales.map((s) => s.sku)).toEqual(['A']);
  });

  it('registers one destination and one ORDER_CONFIRMATION subscription, idempotently, and the sale arrives signed', async () => {
    const first = await adapter.registerWebhooks(hookUrl, VERIFY);
    expect(first).toEqual([{ platform: 'ebay', topic: 'ORDER_CONFIRMATION', url: hookUrl, id: expect.any(String), created: true }]);
    const second = await adapter.registerWebhooks(hookUrl, VERIFY);
    expect(second).toEqual([{ ...first[0], created: false }]);
    await expect(adapter.registerWebhooks(hookUrl.replace('/tok', '/other'), VERIFY)).rejects.toThrow(/already subscribed/);

    await seed([canonical('A')]);
    received.length = 0;
    await control('POST', '/sales', { sku: 'A' });
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    const verifier = new EbayNotificationVerifier({ baseUrl: `${sandbox.url}/ebay`, ...credentials.ebay, timeoutMs: 2000 });
    try {
      expect(await verifier.verify(Buffer.from(body), headers['x-ebay-signature'] as string)).toBe(true);
      expect(await verifier.verify(Buffer.from(body.replace(/"orderId":"[^"]+"/, '"orderId":"27-99999-99999"')), headers['x-ebay-signature'] as string)).toBe(false);
      expect(await verifier.verify(Buffer.from(body), undefined)).toBe(false);
      const forgedKid = Buffer.from(JSON.stringify({ alg: 'ECDSA', kid: 'not-a-key', signature: 'AAAA', digest: 'SHA1' })).toString('base64');
      expect(await verifier.verify(Buffer.from(body), forgedKid)).toBe(false);
      const orderId = JSON.parse(body).notification.data.orderId as string;
      expect(await verifier.orderSkus(orderId)).toEqual(['A']);
    } finally {
      verifier.close();
    }
  });

  it('a destination whose endpoint fails eBay’s challenge is refused', async () => {
    await expect(adapter.registerWebhooks(hookUrl, 'wrong-token')).rejects.toMatchObject({ kind: 'permanent', message: expect.stringContaining('195025') });
  });
});

describe("eBay's contract", () => {
  it('passed every request the adapter made in this file', async () => {
    await collectStats();
    expect(totals.checked).toBeGreaterThan(50);
    expect(totals.failed).toBe(0);
    console.log(`eBay adapter tests: ${totals.requests} requests to the emulation, ${totals.checked} checked against the contract, ${totals.failed} refused by it, ${totals.refused} refused in all (on purpose: bad picture, an offer that exists, a relist after a hand end, an unknown SKU, token, refresh token, missing aspect, condition, challenge)`);
  });
});
