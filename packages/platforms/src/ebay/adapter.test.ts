import type { Listing } from '@gearsync/core';
import { startSandbox, type Sandbox } from '../../../../apps/sandbox/src/server.js';
import type { ActionOutcome, CallAction, CallGate, FetchPage } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { createEbayAdapter, type EbayAdapter, type EbayAdapterOptions } from './adapter.js';
import { knownOfferOf } from './mapping.js';
import { OfferCache } from './offer-cache.js';
import { testCredentials } from '../../../../apps/sandbox/src/test-credentials.js';

const credentials = testCredentials;

let sandbox: Sandbox;
let adapter: EbayAdapter;
/** The emulation's contract counters and call count, summed over every test (a reset zeroes them). */
const totals = { checked: 0, failed: 0, requests: 0 };

const open = (extra: Partial<EbayAdapterOptions> = {}) =>
  createEbayAdapter({ baseUrl: `${sandbox.url}/ebay`, ...credentials.ebay, timeoutMs: 2000, ...extra });

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

const listing = (sku: string, extra: Partial<Listing> = {}): Listing => ({
  externalId: '',
  sku,
  title: `Gibson Les Paul ${sku}`,
  description: 'All original',
  price: { cents: 249_900, currency: 'USD' },
  quantity: 1,
  condition: 'very_good',
  images: [`https://img.example/${sku}-1.jpg`, `https://img.example/${sku}-2.jpg`],
  state: 'active',
  brand: 'Gibson',
  model: 'Les Paul',
  year: 1959,
  finish: 'Cherry Sunburst',
  ...extra,
});

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
      action('create', { listing: listing('N-3', { condition: 'mint' }) }),
    ]);
    okOutcome(outcomes[0]);
    expect(outcomes[1]).toMatchObject({ ok: false, status: 400, retryable: false, error: expect.stringContaining('25015 Invalid picture URL') });
    expect(outcomes[2]).toMatchObject({ ok: false, error: 'ebay: condition "mint" has no eBay equivalent' });
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
    const desired = listing('A', { title: 'Fender Stratocaster 1965, refinished', price: { cents: 175_000, currency: 'USD' }, quantity: 1, brand: 'Fender', year: 1965 });
    const [outcome] = await adapter.execute([action('update', { externalId: 'A', listing: desired })]);
    expect(okOutcome(outcome).listing).toMatchObject({ externalId: 'A', title: desired.title, state: 'active' });
    expect(adapter.calls() - before).toBe(2);
    expect(await truthOf('A')).toMatchObject({ title: desired.title, price: { amount: '1750.00' }, quantity: 1, condition: 'very_good', brand: 'Fender', model: 'Les Paul' });

    // Same price again: the item write alone.
    const again = adapter.calls();
    await adapter.execute([action('update', { externalId: 'A', listing: { ...desired, description: 'Refinished in 1980' } })]);
    expect(adapter.calls() - again).toBe(1);
    expect(await truthOf('A')).toMatchObject({ description: 'Refinished in 1980', price: { amount: '1750.00' } });
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
    expect(adapter.calls()).toBe(2);
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

describe("eBay's contract", () => {
  it('passed every request the adapter made in this file', async () => {
    await collectStats();
    expect(totals.checked).toBeGreaterThan(50);
    expect(totals.failed).toBe(0);
    console.log(`eBay adapter tests: ${totals.requests} requests to the emulation, ${totals.checked} checked against the contract, ${totals.failed} refused`);
  });
});
