import type { Listing } from '@gearsync/core';
import { startSandbox, type Sandbox } from '../../../../apps/sandbox/src/server.js';
import type { VrEmulation } from '../../../../apps/sandbox/src/vr/emulation.js';
import type { CallAction } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { createVrAdapter, type VrAdapter } from './adapter.js';
import { testCredentials } from '../../../../apps/sandbox/src/test-credentials.js';

const credentials = testCredentials;

const tricky = 'Plays great, "no" issues.\nRefret in 1998; case, strap\n\nA "quoted, comma" line';

let sandbox: Sandbox;
let vr: VrEmulation;
let adapter: VrAdapter;
let gated = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials });
  vr = sandbox.emulations.vr as VrEmulation;
  adapter = createVrAdapter({
    baseUrl: `${sandbox.url}/vr`,
    username: 'dealer',
    password: 'vr-pass',
    timeoutMs: 5_000,
    gate: { acquire: async () => void (gated += 1) },
  });
});
afterAll(async () => {
  await adapter.close();
  await sandbox.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/_control/reset`, { method: 'POST' });
  vr.expireSessions();
});

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}/_control/vr${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

async function snapshot(a: VrAdapter = adapter): Promise<Listing[]> {
  const all: Listing[] = [];
  for await (const page of a.fetchListings()) all.push(...page.listings);
  return all;
}

const strat = {
  sku: 'GS-1',
  title: 'Fender Stratocaster',
  brand: 'Fender',
  model: 'Stratocaster',
  year: 1965,
  finish: 'Sunburst',
  category: 'Guitars>Electric solid body',
  description: tricky.replace(/\n/g, '\r\n'),
  price: { amount: '18500.00', currency: 'USD' },
  images: ['https://img.example/1.jpg', 'https://img.example/2.jpg'],
};

const desired: Listing = {
  externalId: '',
  sku: 'GS-7',
  title: 'Gibson ES-335',
  description: tricky,
  price: { cents: 749900, currency: 'USD' },
  quantity: 1,
  condition: 'excellent',
  images: ['https://img.example/335a.jpg', 'https://img.example/335b.jpg'],
  state: 'active',
  brand: 'Gibson',
  model: 'ES-335',
  year: 1964,
  finish: 'Cherry',
  category: 'Guitars>Electric semi-hollow body',
};

let nextAction = 1;
const act = (kind: CallAction['kind'], payload: CallAction['payload'], sku: string | null = null): CallAction => ({ actionId: nextAction++, kind, sku, payload });

async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

describe('snapshot', () => {
  test('reads every item from the export: tricky descriptions, sold and SKU-less items', async () => {
    const [s, vox, jag] = await control<any[]>('PUT', '/listings', [
      strat,
      { sku: '', title: 'Vox AC30', brand: 'Vox', model: 'AC30', category: 'Amps', price: { amount: '2400.00', currency: 'USD' } },
      { sku: 'GS-3', title: 'Fender Jaguar', brand: 'Fender', model: 'Jaguar', price: { amount: '3100.00', currency: 'USD' }, status: 'sold' },
    ]);
    const statsBefore = (await control('GET', '/stats')).calls;
    const callsBefore = adapter.calls();
    const listings = await snapshot();
    expect(listings).toHaveLength(3);
    expect(listings[0]).toEqual({
      externalId: s.id,
      sku: 'GS-1',
      title: 'Fender Stratocaster',
      description: tricky,
      price: { cents: 1850000, currency: 'USD' },
      quantity: 1,
      condition: null,
      images: strat.images,
      state: 'active',
      brand: 'Fender',
      model: 'Stratocaster',
      year: 1965,
      finish: 'Sunburst',
      category: 'Guitars>Electric solid body',
    });
    expect(listings[1]).toMatchObject({ externalId: vox.id, sku: null, state: 'active', category: 'Amps' });
    expect(listings[2]).toMatchObject({ externalId: jag.id, sku: 'GS-3', state: 'sold', quantity: 0 });
    // Every request the browser made reached the site and was counted: login included.
    const made = adapter.calls() - callsBefore;
    expect(made).toBe((await control('GET', '/stats')).calls - statsBefore);
    expect(gated).toBeGreaterThanOrEqual(adapter.calls());
  });

  test('findBySku finds an item by its external id, null when none has it', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    expect(await adapter.findBySku('GS-1')).toMatchObject({ externalId: s.id, sku: 'GS-1' });
    expect(await adapter.findBySku('GS-404')).toBeNull();
  });
});

describe('execute', () => {
  test('create answers the id the site shows, and what it holds', async () => {
    const [outcome] = await adapter.execute([act('create', { listing: desired }, 'GS-7')]);
    const [item] = await control<any[]>('GET', '/listings');
    expect(outcome).toMatchObject({ ok: true, externalId: item.id });
    expect(item).toMatchObject({ sku: 'GS-7', brand: 'Gibson', model: 'ES-335', year: 1964, status: 'active', images: desired.images });
    // The browser posts a textarea's line breaks as CRLF and the site keeps them; the adapter reads LF back.
    expect(item.description).toBe(tricky.replace(/\n/g, '\r\n'));
    const [remote] = await snapshot();
    expect(outcome!.ok && outcome!.listing).toEqual(remote);
  });

  test('create with the new id hidden finds it in the next export', async () => {
    await control('PUT', '/config', { hideNewId: true });
    await control('PUT', '/listings', [strat]);
    const [outcome] = await adapter.execute([act('create', { listing: desired }, 'GS-7')]);
    const created = (await control<any[]>('GET', '/listings')).find((l) => l.sku === 'GS-7');
    expect(outcome).toMatchObject({ ok: true, externalId: created.id, listing: { externalId: created.id, sku: 'GS-7', description: tricky } });
  });

  test('create with the id hidden and no SKU matches by brand, model and year', async () => {
    await control('PUT', '/config', { hideNewId: true });
    const [outcome] = await adapter.execute([act('create', { listing: { ...desired, sku: null } })]);
    const [created] = await control<any[]>('GET', '/listings');
    expect(created.sku).toBe('');
    expect(outcome).toMatchObject({ ok: true, externalId: created.id });
  });

  test('a form validation error is a failed outcome with the site message, not a retry', async () => {
    const [outcome] = await adapter.execute([act('create', { listing: { ...desired, category: 'Spaceships' } }, 'GS-7')]);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(!outcome!.ok && outcome!.error).toMatch(/Spaceships/);
    const [noBrand] = await adapter.execute([act('create', { listing: { ...desired, brand: null } }, 'GS-7')]);
    expect(!noBrand!.ok && noBrand!.error).toContain('Please enter the brand');
    expect(await control('GET', '/listings')).toEqual([]);
  });

  test('update rewrites the item and answers what it holds', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    const listing: Listing = { ...desired, sku: 'GS-1', externalId: s.id, images: ['https://img.example/new.jpg'] };
    const [outcome] = await adapter.execute([act('update', { externalId: s.id, listing }, 'GS-1')]);
    expect(outcome).toMatchObject({ ok: true, externalId: s.id });
    const [item] = await control<any[]>('GET', '/listings');
    expect(item).toMatchObject({ id: s.id, brand: 'Gibson', model: 'ES-335', price: { amount: '7499.00' }, images: ['https://img.example/new.jpg'], status: 'active' });
    const [remote] = await snapshot();
    expect(outcome!.ok && outcome!.listing).toEqual(remote);
  });

  test('an update or stock change to quantity 0 marks the item sold; back to 1 restores it', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    const listing: Listing = { ...desired, sku: 'GS-1', externalId: s.id, quantity: 0 };
    const [updated] = await adapter.execute([act('update', { externalId: s.id, listing, quantity: 0 }, 'GS-1')]);
    expect(updated).toMatchObject({ ok: true, listing: { state: 'sold', quantity: 0 } });
    expect((await control<any[]>('GET', '/listings'))[0].status).toBe('sold');
    await adapter.execute([act('stock', { externalId: s.id, quantity: 1 }, 'GS-1')]);
    expect((await control<any[]>('GET', '/listings'))[0].status).toBe('active');
    await adapter.execute([act('stock', { externalId: s.id, quantity: 0 }, 'GS-1')]);
    expect((await control<any[]>('GET', '/listings'))[0].status).toBe('sold');
  });

  test('end marks the item sold (V&R has no end); ending it again is fine', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    expect(await adapter.execute([act('end', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true, externalId: s.id }]);
    expect((await control<any[]>('GET', '/listings'))[0]).toMatchObject({ status: 'sold', quantity: 0 });
    expect(await adapter.execute([act('end', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true }]);
  });

  test('delete removes the item; an item that is not there fails permanently for end', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    expect(await adapter.execute([act('delete', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true, externalId: s.id }]);
    expect(await control('GET', '/listings')).toEqual([]);
    expect(await adapter.execute([act('delete', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true }]);
    expect(await adapter.execute([act('end', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: false, retryable: false }]);
  });
});

describe('session and faults', () => {
  test('an expired session is opened again and the action succeeds', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    await snapshot();
    vr.expireSessions();
    expect(await adapter.execute([act('end', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true }]);
    vr.expireSessions();
    const [updated] = await adapter.execute([act('update', { externalId: s.id, listing: { ...desired, externalId: s.id, quantity: 0 } })]);
    expect(updated).toMatchObject({ ok: true });
    vr.expireSessions();
    expect(await snapshot()).toHaveLength(1);
    const stats = await control('GET', '/stats');
    expect(stats.byEndpoint['POST /do_login']).toBe(4);
  });

  test('maintenance is a transient error for snapshots and actions', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    await control('PUT', '/config', { maintenance: true });
    const failed = await rejection(snapshot());
    expect(failed.kind).toBe('transient');
    expect(failed.details.status).toBe(503);
    expect(failed.message).toContain('maintenance');
    expect((await rejection(adapter.execute([act('end', { externalId: s.id })]))).kind).toBe('transient');
  });

  test('429 is rate_limited with its Retry-After; a Cloudflare challenge is transient', async () => {
    await control('PUT', '/config', { errorRate: 1, errorStatus: 403 });
    expect(await rejection(snapshot())).toMatchObject({ kind: 'transient', details: { code: 'cf_challenge' } });
    await control('PUT', '/config', { errorRate: 0, rateLimit: { max: 1, perMs: 60_000 } });
    const throttled = await rejection(snapshot());
    expect(throttled.kind).toBe('rate_limited');
    expect(throttled.details.retryAfterMs).toBeGreaterThan(0);
  });

  test('a garbage page is a transient error, never an empty snapshot', async () => {
    await control('PUT', '/listings', [strat]);
    await snapshot();
    await control('PUT', '/config', { garbageRate: 1 });
    expect((await rejection(snapshot())).kind).toBe('transient');
  });

  test('a refused login is an auth error without the password in it', async () => {
    const wrong = createVrAdapter({ baseUrl: `${sandbox.url}/vr`, username: 'dealer', password: 'not-the-password', timeoutMs: 5_000 });
    try {
      const failed = await rejection(snapshot(wrong));
      expect(failed.kind).toBe('auth');
      expect(failed.message).not.toContain('not-the-password');
    } finally {
      await wrong.close();
    }
  });

  test('an unreachable site is transient', async () => {
    const gone = createVrAdapter({ baseUrl: 'http://127.0.0.1:9/vr', username: 'dealer', password: 'vr-pass', timeoutMs: 2_000 });
    try {
      expect((await rejection(snapshot(gone))).kind).toBe('transient');
    } finally {
      await gone.close();
    }
  });
});
