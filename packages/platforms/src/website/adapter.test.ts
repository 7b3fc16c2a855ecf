import type { Listing } from '@gearsync/core';
import { startSandbox, type Sandbox } from '../../../../apps/sandbox/src/server.js';
import type { CallAction, FetchPage } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { createWebsiteAdapter, type WebsiteAdapter, type WebsiteAdapterOptions } from './adapter.js';
import { testCredentials } from '../../../../apps/sandbox/src/test-credentials.js';

const credentials = testCredentials;

let sandbox: Sandbox;
let adapter: WebsiteAdapter;
const control = (path: string) => `${sandbox.url}/_control/website${path}`;
const open = (extra: Partial<WebsiteAdapterOptions> = {}) =>
  createWebsiteAdapter({ baseUrl: `${sandbox.url}/website`, key: credentials.website.key, secret: credentials.website.secret, timeoutMs: 2000, retryBaseMs: 1, ...extra });

async function reopen(extra: Partial<WebsiteAdapterOptions>) {
  await adapter.close();
  adapter = open(extra);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.url}/_control/reset`, { method: 'POST' });
  adapter = open();
});
afterEach(() => adapter.close());

async function send(method: string, path: string, body: unknown) {
  const res = await fetch(control(path), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
  return (await res.json()) as any;
}
const seed = (listings: unknown[]) => send('PUT', '/listings', listings) as Promise<{ id: string; sku: string }[]>;
const configure = (patch: unknown) => send('PUT', '/config', patch);
const truth = async () => (await (await fetch(control('/listings'))).json()) as any[];

const canonical = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  title: `Gibson ${sku}`,
  description: 'Plays great',
  price: { amount: '2499.00', currency: 'USD' },
  quantity: 1,
  condition: 'very_good',
  images: [`https://img.example/${sku}.jpg`],
  brand: 'Gibson',
  ...extra,
});

const listing = (sku: string, extra: Partial<Listing> = {}): Listing => ({
  externalId: '',
  sku,
  title: `Fender ${sku}`,
  description: 'Original finish',
  price: { cents: 189900, currency: 'USD' },
  quantity: 1,
  condition: 'excellent',
  images: [`https://img.example/${sku}-1.jpg`, `https://img.example/${sku}-2.jpg`],
  state: 'active',
  brand: 'Fender',
  model: 'Telecaster',
  year: 1972,
  finish: 'Butterscotch',
  category: null,
  ...extra,
});

let nextActionId = 1;
const action = (kind: CallAction['kind'], payload: CallAction['payload'], sku: string | null = null): CallAction => ({ actionId: nextActionId++, kind, sku, payload });

async function collect(pages: AsyncIterable<FetchPage>): Promise<FetchPage[]> {
  const out: FetchPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(PlatformError);
    return err as PlatformError;
  }
  throw new Error('expected a PlatformError');
}

describe('fetchListings', () => {
  it('reads every page and maps state, money and meta', async () => {
    await seed([canonical('A', { year: 1959, finish: 'Sunburst' }), canonical('B', { status: 'sold' }), canonical('C', { status: 'ended' }), canonical('D'), canonical('E')]);
    await reopen({ perPage: 2 });
    const pages = await collect(adapter.fetchListings());
    expect(pages.map((p) => [p.page, p.totalPages, p.listings.length, p.calls])).toEqual([
      [1, 3, 2, 1],
      [2, 3, 2, 1],
      [3, 3, 1, 1],
    ]);
    const all = pages.flatMap((p) => p.listings);
    expect(all.map((l) => [l.sku, l.state])).toEqual([
      ['A', 'active'],
      ['B', 'sold'],
      ['C', 'ended'],
      ['D', 'active'],
      ['E', 'active'],
    ]);
    expect(all[0]).toMatchObject({ price: { cents: 249900, currency: 'USD' }, condition: 'very_good', brand: 'Gibson', year: 1959, finish: 'Sunburst', quantity: 1 });
    expect(adapter.calls()).toBe(3);
  });

  it('yields one empty page for an empty shop', async () => {
    const pages = await collect(adapter.fetchListings());
    expect(pages).toEqual([{ listings: [], page: 1, totalPages: 0, calls: 1 }]);
  });

  it('turns an HTML answer into a clear transient error', async () => {
    await configure({ garbageRate: 1 });
    const err = await failure(collect(adapter.fetchListings()));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/text\/html where JSON belongs/);
  });

  it('retries a failing read a couple of times, counting each attempt', async () => {
    await configure({ errorRate: 1, errorStatus: 503 });
    const err = await failure(collect(adapter.fetchListings()));
    expect(err).toMatchObject({ kind: 'transient', details: { status: 503 } });
    expect(adapter.calls()).toBe(3);
  });

  it('gives transient when nothing answers', async () => {
    await reopen({ baseUrl: 'http://127.0.0.1:9/website', getRetries: 0 });
    const err = await failure(adapter.findBySku('A'));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('says auth for a wrong secret, and never repeats the secret', async () => {
    await reopen({ secret: 'cs_wrong_secret' });
    const err = await failure(collect(adapter.fetchListings()));
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/woocommerce_rest_authentication_error/);
    expect(err.message).not.toContain('cs_wrong_secret');
    expect(err.message).not.toContain(credentials.website.key);
  });
});

describe('execute', () => {
  it('creates, updates, restocks, ends, deletes and links in one batch call', async () => {
    const [u, s, e, d] = await seed([canonical('U'), canonical('S'), canonical('E'), canonical('D')]);
    const actions = [
      action('create', { listing: listing('NEW') }, 'NEW'),
      action('update', { externalId: u!.id, listing: listing('U', { title: 'Fender U refinished', price: { cents: 150000, currency: 'USD' }, quantity: 2 }) }, 'U'),
      action('stock', { externalId: s!.id, quantity: 3 }, 'S'),
      action('end', { externalId: e!.id }, 'E'),
      action('delete', { externalId: d!.id }, 'D'),
      action('link', { externalId: '999' }, 'L'),
    ];
    const outcomes = await adapter.execute(actions);
    expect(adapter.calls()).toBe(1);
    expect(outcomes.map((o) => [o.actionId, o.ok])).toEqual(actions.map((a) => [a.actionId, true]));
    const [created, updated, stocked, ended, deleted, linked] = outcomes as Extract<(typeof outcomes)[number], { ok: true }>[];
    expect(created!.listing).toMatchObject({ sku: 'NEW', state: 'active', price: { cents: 189900 }, condition: 'excellent', model: 'Telecaster', year: 1972 });
    expect(created!.externalId).toBe(created!.listing!.externalId);
    expect(updated!.listing).toMatchObject({ externalId: u!.id, title: 'Fender U refinished', quantity: 2, price: { cents: 150000 } });
    expect(stocked!.listing).toMatchObject({ externalId: s!.id, quantity: 3, state: 'active' });
    expect(ended!.listing).toMatchObject({ externalId: e!.id, state: 'ended', quantity: 0 });
    expect(deleted).toEqual({ actionId: actions[4]!.actionId, ok: true, externalId: d!.id });
    expect(linked).toEqual({ actionId: actions[5]!.actionId, ok: true, externalId: '999' });

    const shop = await truth();
    expect(shop.map((l) => [l.sku, l.status, l.quantity])).toEqual([
      ['U', 'active', 2],
      ['S', 'active', 3],
      ['E', 'ended', 0],
      ['NEW', 'active', 1],
    ]);
    const stats = await (await fetch(control('/stats'))).json();
    expect(stats.byEndpoint).toEqual({ 'POST /products/batch': 1 });
  });

  it('fails only the bad entries; their batch-mates succeed', async () => {
    await seed([canonical('TAKEN')]);
    const actions = [
      action('create', { listing: listing('OK1') }, 'OK1'),
      action('create', { listing: listing('TAKEN') }, 'TAKEN'),
      action('update', { externalId: '987654', listing: listing('GHOST') }, 'GHOST'),
      action('create', { listing: listing('OK2') }, 'OK2'),
      action('create', { listing: listing('EUR', { price: { cents: 100, currency: 'EUR' } }) }, 'EUR'),
    ];
    const outcomes = await adapter.execute(actions);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, true, false]);
    expect(outcomes[1]).toMatchObject({ ok: false, status: 400, retryable: false, error: expect.stringMatching(/product_invalid_sku/) });
    expect(outcomes[2]).toMatchObject({ ok: false, error: expect.stringMatching(/woocommerce_rest_product_invalid_id/) });
    expect(outcomes[4]).toMatchObject({ ok: false, error: expect.stringMatching(/sells in USD/) });
    expect((await truth()).map((l) => l.sku)).toEqual(['TAKEN', 'OK1', 'OK2']);
    expect(adapter.calls()).toBe(1);
  });

  it('makes no request when every action is a link', async () => {
    const outcomes = await adapter.execute([action('link', { externalId: '1' }), action('link', { externalId: '2' })]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(adapter.calls()).toBe(0);
  });

  it('refuses more than 100 objects before calling', async () => {
    const many = Array.from({ length: 101 }, (_, i) => action('stock', { externalId: String(100 + i), quantity: 1 }));
    const err = await failure(adapter.execute(many));
    expect(err.kind).toBe('permanent');
    expect(adapter.calls()).toBe(0);
  });

  it('gives rate_limited with the Retry-After wait on 429', async () => {
    await configure({ rateLimit: { max: 1, perMs: 60_000 } });
    await adapter.findBySku('X');
    const err = await failure(adapter.execute([action('create', { listing: listing('R') })]));
    expect(err.kind).toBe('rate_limited');
    expect(err.details.retryAfterMs).toBeGreaterThan(0);
    expect(err.details.status).toBe(429);
  });

  it('gives transient on a 500 and does not retry the write', async () => {
    await configure({ errorRate: 1, errorStatus: 500 });
    const err = await failure(adapter.execute([action('create', { listing: listing('T') })]));
    expect(err).toMatchObject({ kind: 'transient', details: { status: 500 } });
    expect(adapter.calls()).toBe(1);
  });

  it('gives transient when the shop is down', async () => {
    await configure({ down: true });
    const err = await failure(adapter.execute([action('end', { externalId: '100' })]));
    expect(err).toMatchObject({ kind: 'transient', details: { status: 503 } });
  });
});

describe('findBySku', () => {
  it('finds a product by SKU, drafts included, or answers null', async () => {
    await seed([canonical('A'), canonical('B', { status: 'ended' })]);
    expect(await adapter.findBySku('B')).toMatchObject({ sku: 'B', state: 'ended', title: 'Gibson B' });
    expect(await adapter.findBySku('nope')).toBeNull();
  });
});
