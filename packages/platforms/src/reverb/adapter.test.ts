import { contentDiff, withSourcePhotos, type Listing, type Photo } from '@gearsync/core';
import { startReverbSandbox } from '../../../../apps/sandbox/src/reverb/testing.js';
import type { CallAction, FetchPage, PlatformAdapter } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { createReverbAdapter } from './adapter.js';
import { reverbListingSchema, toListing } from './mapping.js';
import { platformFailure as rejection } from '../errors.testing.js';

const TOKEN = 'adapter-test-token';
let sandbox: Awaited<ReturnType<typeof startReverbSandbox>>;
let adapter: PlatformAdapter;

beforeAll(async () => {
  sandbox = await startReverbSandbox(TOKEN);
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control('POST', '/reset');
  adapter = createReverbAdapter({ baseUrl: `${sandbox.url}/reverb`, token: TOKEN, perPage: 2, timeoutMs: 2_000 });
});
afterEach(() => adapter.close());

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/_control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

type ControlListing = { id: string; sku: string; status: string; quantity: number; title: string; price: { amount: string }; brand?: string; images: string[]; platformCategory?: string[] };
const SOLID_BODY = 'e57deb7a-382b-4e18-a008-67d4fbcb2879';
const REHOSTED = /^https:\/\/rvb-img\.reverb\.com\//;
const stats = async (): Promise<{ byEndpoint: Record<string, number>; writes: number }> => control('GET', '/reverb/stats');
const truth = async (): Promise<ControlListing[]> => control('GET', '/reverb/listings');
const bySku = async (sku: string) => (await truth()).find((l) => l.sku === sku);

function canonical(sku: string, extra: Record<string, unknown> = {}) {
  return { sku, title: `Guitar ${sku}`, price: { amount: '1299.00', currency: 'USD' }, brand: 'Fender', model: 'Stratocaster', year: 1962, ...extra };
}

function desired(sku: string, extra: Partial<Listing> = {}): Listing {
  return {
    externalId: '',
    sku,
    title: '1959 Gibson Les Paul Standard',
    description: 'Sunburst, original case',
    price: { cents: 969_900, currency: 'USD' },
    quantity: 1,
    condition: 'excellent',
    images: ['https://img.example/lp-1.jpg', 'https://img.example/lp-2.jpg'],
    state: 'active',
    brand: 'Gibson',
    model: 'Les Paul Standard',
    year: 1959,
    finish: 'Sunburst',
    platformCategory: [SOLID_BODY],
    platformFields: { shippingProfileId: '61256' },
    ...extra,
  };
}

let nextActionId = 1;
function action(kind: CallAction['kind'], payload: CallAction['payload'], sku: string | null = null): CallAction {
  return { actionId: nextActionId++, kind, sku, payload };
}

async function one(a: CallAction) {
  const [outcome] = await adapter.execute([a]);
  return outcome!;
}

async function pages(): Promise<FetchPage[]> {
  const all: FetchPage[] = [];
  for await (const page of adapter.fetchListings()) all.push(page);
  return all;
}

/** Drafts are made by hand (the adapter always publishes): one posted straight to the API. */
async function postDraft(sku: string): Promise<{ id: number; state: { slug: string } }> {
  const res = await fetch(`${sandbox.url}/reverb/api/listings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'accept-version': '3.0', 'content-type': 'application/hal+json' },
    body: JSON.stringify({ make: 'Gibson', model: 'SG', title: `Draft ${sku}`, sku, condition: { uuid: 'df268ad1-c462-4ba6-b6db-e007e23922ea' }, price: { amount: '900.00' } }),
  });
  return ((await res.json()) as { listing: { id: number; state: { slug: string } } }).listing;
}


describe('Reverb adapter reads', () => {
  it('snapshots every listing in every state, page by page', async () => {
    await control('PUT', '/reverb/listings', [
      canonical('A', { condition: 'mint', images: ['https://img.example/a.jpg'], finish: 'Sonic Blue', platformCategory: [SOLID_BODY] }),
      canonical('B', { status: 'sold', quantity: 0 }),
      canonical('C', { status: 'ended' }),
      canonical('D', { quantity: 3, condition: 'new' }),
      canonical('', { title: 'Made before SKUs' }),
    ]);
    const read = await pages();
    expect(read.map((p) => p.listings.length)).toEqual([2, 2, 1]);
    expect(read.map((p) => [p.page, p.totalPages])).toEqual([[1, 3], [2, 3], [3, 3]]);
    const listings = read.flatMap((p) => p.listings);
    const [a] = listings;
    const ids = (await truth()).map((l) => l.id);
    expect(listings.map((l) => l.externalId)).toEqual(ids);
    expect(a).toEqual({
      externalId: ids[0],
      sku: 'A',
      title: 'Guitar A',
      description: '',
      price: { cents: 129_900, currency: 'USD' },
      quantity: 1,
      condition: 'mint',
      images: [expect.stringMatching(REHOSTED)],
      state: 'active',
      brand: 'Fender',
      model: 'Stratocaster',
      year: 1962,
      finish: 'Sonic Blue',
      platformCategory: [SOLID_BODY],
      category: 'Electric Guitars / Solid Body',
    });
    expect(listings.map((l) => [l.sku, l.state, l.quantity])).toEqual([
      ['A', 'active', 1],
      ['B', 'sold', 0],
      ['C', 'ended', 1],
      ['D', 'active', 3],
      [null, 'active', 1],
    ]);
    expect(adapter.calls()).toBe(3);
  });

  it('passes every request through the call gate', async () => {
    await control('PUT', '/reverb/listings', [canonical('A'), canonical('B'), canonical('C')]);
    let acquired = 0;
    const gated = createReverbAdapter({ baseUrl: `${sandbox.url}/reverb`, token: TOKEN, perPage: 2, gate: { acquire: async () => void (acquired += 1) } });
    for await (const page of gated.fetchListings()) expect(page.calls).toBe(1);
    await gated.findBySku('A');
    expect([acquired, gated.calls()]).toEqual([3, 3]);
    await gated.close();
  });

  it('finds a listing by SKU in any state, or null', async () => {
    await control('PUT', '/reverb/listings', [canonical('A'), canonical('B', { status: 'ended' })]);
    expect(await adapter.findBySku('B')).toMatchObject({ sku: 'B', state: 'ended' });
    expect(await adapter.findBySku('NOPE')).toBeNull();
  });

  it('turns an HTML answer into a clear transient error, not an empty snapshot', async () => {
    await control('PUT', '/reverb/listings', [canonical('A')]);
    await control('PUT', '/reverb/config', { garbageRate: 1 });
    const err = await rejection(pages());
    expect(err).toMatchObject({ kind: 'transient', details: { code: 'garbage', status: 200 } });
    expect(err.message).toMatch(/GET \/my\/listings answered garbage: not JSON \(text\/html/);
  });
});

describe('Reverb adapter writes', () => {
  it('creates a published listing and answers its id and content', async () => {
    const outcome = await one(action('create', { listing: desired('NEW-1') }, 'NEW-1'));
    const created = await bySku('NEW-1');
    expect(created).toMatchObject({ status: 'active', quantity: 1, brand: 'Gibson', price: { amount: '9699.00' } });
    expect(outcome).toMatchObject({ ok: true, externalId: created!.id, status: 201 });
    expect(outcome.ok && outcome.listing).toMatchObject({ sku: 'NEW-1', state: 'active', condition: 'excellent', year: 1959, platformCategory: [SOLID_BODY] });
    // Reverb serves its own copies; the outcome pairs each with the URL we sent.
    const served = outcome.ok ? outcome.listing!.images : [];
    expect(served).toEqual(created!.images);
    expect(served.every((u) => REHOSTED.test(u))).toBe(true);
    expect(outcome.ok && outcome.listing!.photos).toEqual(desired('x').images.map((source, i) => ({ source, url: served[i] })));
    expect(adapter.calls()).toBe(1);
  });

  it('never sends a listing Reverb would refuse to publish: no category, or no shipping profile', async () => {
    const noCategory = await one(action('create', { listing: desired('NC', { platformCategory: undefined }) }));
    expect(noCategory).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/Reverb category/) });
    const noShipping = await one(action('create', { listing: desired('NS', { platformFields: {} }) }));
    expect(noShipping).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/shipping profile/) });
    expect(adapter.calls()).toBe(0);
    expect(await truth()).toEqual([]);
  });

  it('sends a one-off as has_inventory false, and a multi-unit new item with its inventory', async () => {
    await one(action('create', { listing: desired('ONE') }));
    await one(action('create', { listing: desired('MANY', { condition: 'new', quantity: 4 }) }));
    const read = (await pages()).flatMap((p) => p.listings);
    expect(read.map((l) => [l.sku, l.quantity, l.state])).toEqual([
      ['ONE', 1, 'active'],
      ['MANY', 4, 'active'],
    ]);
  });

  it('refuses several units of a used item without spending a call', async () => {
    const outcome = await one(action('create', { listing: desired('USED-3', { quantity: 3 }) }));
    expect(outcome).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/only for new, mint and B-stock/) });
    expect(adapter.calls()).toBe(0);
  });

  it('updates content and stock of a listing', async () => {
    const [listing] = await control('PUT', '/reverb/listings', [canonical('U1', { description: 'kept' })]);
    const outcome = await one(
      action('update', { externalId: listing.id, listing: desired('U1', { externalId: listing.id, title: 'New title', price: { cents: 110_000, currency: 'USD' } }) }),
    );
    expect(outcome).toMatchObject({ ok: true, externalId: listing.id, listing: { title: 'New title', price: { cents: 110_000, currency: 'USD' }, state: 'active' } });
    expect(await bySku('U1')).toMatchObject({ title: 'New title', price: { amount: '1100.00' }, status: 'active' });
  });

  it('sets stock; 0 takes the listing off sale and restocking puts it back', async () => {
    const [listing] = await control('PUT', '/reverb/listings', [canonical('S1', { condition: 'new', quantity: 2, platformCategory: [SOLID_BODY] })]);
    expect(await one(action('stock', { externalId: listing.id, quantity: 5 }))).toMatchObject({ ok: true, externalId: listing.id });
    expect(await bySku('S1')).toMatchObject({ status: 'active', quantity: 5 });
    expect(await one(action('stock', { externalId: listing.id, quantity: 0 }))).toMatchObject({ ok: true, externalId: listing.id });
    expect(await bySku('S1')).toMatchObject({ status: 'ended' });
    expect(await one(action('stock', { externalId: listing.id, quantity: 1 }))).toMatchObject({ ok: true });
    expect(await bySku('S1')).toMatchObject({ status: 'active', quantity: 1 });
  });

  it('takes a one-off off sale at stock 0 although Reverb ignores its inventory', async () => {
    const [listing] = await control('PUT', '/reverb/listings', [canonical('ONE-OFF')]);
    expect(await one(action('stock', { externalId: listing.id, quantity: 0 }))).toMatchObject({ ok: true });
    expect(await bySku('ONE-OFF')).toMatchObject({ status: 'ended' });
  });

  it('ends a listing, and ending it again still succeeds', async () => {
    const [listing] = await control('PUT', '/reverb/listings', [canonical('E1')]);
    expect(await one(action('end', { externalId: listing.id }))).toMatchObject({ ok: true, externalId: listing.id, status: 200 });
    expect(await one(action('end', { externalId: listing.id }))).toMatchObject({ ok: true, externalId: listing.id, status: 422 });
    expect(await bySku('E1')).toMatchObject({ status: 'ended' });
  });

  it('deletes a draft, and ends a live listing asked to be deleted', async () => {
    const draft = await postDraft('DR');
    expect(draft.state.slug).toBe('draft');
    expect(await one(action('delete', { externalId: String(draft.id) }))).toMatchObject({ ok: true, status: 200 });
    expect(await bySku('DR')).toBeUndefined();
    expect(adapter.calls()).toBe(1);

    const [live] = await control('PUT', '/reverb/listings', [canonical('LIVE')]);
    expect(await one(action('delete', { externalId: live.id }))).toMatchObject({ ok: true, externalId: live.id, status: 200 });
    expect(await bySku('LIVE')).toMatchObject({ status: 'ended' });
    // Reverb answered the DELETE of a live listing 406; the adapter then ended it.
    expect((await stats()).byEndpoint).toMatchObject({ 'DELETE /listings/:id': 2, 'PUT /my/listings/:id/state/end': 1 });
    expect(await one(action('delete', { externalId: '123456' }))).toMatchObject({ ok: true, status: 404 });
  });

  it('answers a validation error as a failed outcome with Reverb’s messages', async () => {
    await control('PUT', '/reverb/listings', [canonical('DUP')]);
    const outcome = await one(action('create', { listing: desired('DUP', { condition: null }) }));
    expect(outcome).toMatchObject({ ok: false, retryable: false, status: 422 });
    expect(!outcome.ok && outcome.error).toMatch(/The listing could not be saved: condition can't be blank; sku has already been taken/);
    await control('PUT', '/reverb/config', { validationStatus: 412 });
    expect(await one(action('create', { listing: desired('DUP') }))).toMatchObject({ ok: false, status: 412, error: expect.stringMatching(/sku has already been taken/) });
    expect((await truth()).length).toBe(1);
  });

  it('fails an action on a listing Reverb does not know', async () => {
    expect(await one(action('stock', { externalId: '999', quantity: 1 }))).toMatchObject({ ok: false, status: 404, error: expect.stringMatching(/could not be found/) });
  });
});

/** A remote listing read back to the URLs we sent, as the planner reads it. */
const asSent = (remote: Listing, photos: Photo[] | undefined) => withSourcePhotos(remote, photos);
async function remoteOf(sku: string): Promise<Listing> {
  const found = (await pages()).flatMap((p) => p.listings).find((l) => l.sku === sku);
  if (!found) throw new Error(`no remote listing ${sku}`);
  return found;
}
async function created(sku: string, extra: Partial<Listing> = {}) {
  const outcome = await one(action('create', { listing: desired(sku, extra) }, sku));
  if (!outcome.ok || !outcome.listing) throw new Error(`create ${sku} failed: ${JSON.stringify(outcome)}`);
  return outcome.listing;
}

describe('Reverb adapter photos', () => {
  it('a created listing compares equal to what we wanted although Reverb renamed every photo', async () => {
    const want = desired('PH-1');
    const baseline = await created('PH-1');
    const remote = await remoteOf('PH-1');
    expect(remote.images).toHaveLength(2);
    expect(remote.images.some((u) => want.images.includes(u))).toBe(false);
    expect(contentDiff('reverb', want, asSent(remote, baseline.photos))).toEqual([]);
  });

  it('an update with unchanged photos sends none: Reverb keeps exactly the photos it had', async () => {
    const baseline = await created('PH-2');
    const before = (await bySku('PH-2'))!.images;
    const outcome = await one(
      action('update', { externalId: baseline.externalId, listing: desired('PH-2', { externalId: baseline.externalId, title: 'Retitled' }), photos: baseline.photos, photosChanged: false }),
    );
    expect(outcome).toMatchObject({ ok: true, listing: { title: 'Retitled', photos: baseline.photos } });
    expect((await bySku('PH-2'))!.images).toEqual(before);
    expect((await stats()).byEndpoint['GET /listings/:id/images']).toBeUndefined();
    const next = outcome.ok ? outcome.listing! : baseline;
    expect(contentDiff('reverb', desired('PH-2', { title: 'Retitled' }), asSent(await remoteOf('PH-2'), next.photos))).toEqual([]);
  });

  it('one photo changed: the listing holds exactly the new set, the kept photo untouched, a hand-added one gone', async () => {
    const baseline = await created('PH-3');
    const [kept] = (await bySku('PH-3'))!.images;
    // The dealer adds a photo by hand on Reverb.
    const current = (await bySku('PH-3'))!.images;
    await control('PATCH', '/reverb/listings/PH-3', { images: [...current, 'https://img.example/by-hand.jpg'] });
    expect((await bySku('PH-3'))!.images).toHaveLength(3);

    const images = ['https://img.example/lp-1.jpg', 'https://img.example/lp-2-retouched.jpg'];
    const outcome = await one(
      action('update', { externalId: baseline.externalId, listing: desired('PH-3', { externalId: baseline.externalId, images }), photos: baseline.photos, photosChanged: true }),
    );
    expect(outcome.ok).toBe(true);
    const after = (await bySku('PH-3'))!.images;
    expect(after).toHaveLength(2);
    expect(after[0]).toBe(kept);
    expect(after[1]).toMatch(REHOSTED);
    expect(current).not.toContain(after[1]);
    const written = outcome.ok ? outcome.listing! : baseline;
    expect(written.images).toEqual(after);
    expect(written.photos).toEqual([
      { source: images[0], url: after[0] },
      { source: images[1], url: after[1] },
    ]);
    expect(contentDiff('reverb', desired('PH-3', { images }), asSent(await remoteOf('PH-3'), written.photos))).toEqual([]);
  });
});

describe('Reverb adapter states and sales', () => {
  it('reads sold_out and ordered as sold, and ended, suspended and drafts as off sale', async () => {
    await control('PUT', '/reverb/listings', [canonical('PAID'), canonical('UNPAID'), canonical('GONE', { status: 'ended' })]);
    await control('POST', '/reverb/sales', { sku: 'PAID' });
    await control('POST', '/reverb/sales', { sku: 'UNPAID', paid: false });
    await postDraft('DRAFT');
    const states = Object.fromEntries((await pages()).flatMap((p) => p.listings).map((l) => [l.sku, [l.state, l.quantity]]));
    expect(states).toEqual({ PAID: ['sold', 0], UNPAID: ['sold', 0], GONE: ['ended', 1], DRAFT: ['draft', 1] });
    // Reverb's own holds (a suspension, a seller away) are off sale, never a sale; the control API cannot make them.
    const wire = (slug: string) => toListing(reverbListingSchema.parse({ id: 1, sku: 'X', price: { amount: '100.00', currency: 'USD' }, inventory: 1, state: { slug } }));
    expect(['suspended', 'seller_unavailable', 'something_new'].map((slug) => wire(slug).state)).toEqual(['ended', 'ended', 'ended']);
  });

  it('reads sales from orders since a cursor: paid ones only, each once per order', async () => {
    await control('PUT', '/reverb/listings', [canonical('O-1'), canonical('O-2'), canonical('O-3', { condition: 'new', quantity: 2 })]);
    const start = new Date(Date.now() - 60_000);
    const [sold] = await control('POST', '/reverb/sales', { sku: 'O-1' }).then((l) => [l]);
    await control('POST', '/reverb/sales', { sku: 'O-2', paid: false });
    const first = await adapter.salesSince!(start);
    expect(first.sales).toEqual([
      { orderId: expect.any(String), sku: 'O-1', externalId: sold.id, quantity: 1, at: expect.any(Date), price: { cents: 129_900, currency: 'USD' } },
    ]);
    expect(first.cursor.getTime()).toBeGreaterThan(start.getTime());

    await control('POST', '/reverb/sales', { sku: 'O-3' });
    const second = await adapter.salesSince!(first.cursor);
    expect(second.sales.map((s) => s.sku)).toContain('O-3');
    expect(second.sales.filter((s) => s.sku === 'O-3')).toHaveLength(1);
    expect(second.cursor.getTime()).toBeGreaterThanOrEqual(first.cursor.getTime());
    const later = await adapter.salesSince!(new Date(Date.now() + 60_000));
    expect(later.sales).toEqual([]);
  });
});

describe('Reverb adapter webhooks', () => {
  const url = 'http://127.0.0.1:3000/webhooks/reverb/secret-path-token';
  const registrations = async () => {
    const res = await fetch(`${sandbox.url}/reverb/api/webhooks/registrations`, { headers: { authorization: `Bearer ${TOKEN}`, 'accept-version': '3.0' } });
    return ((await res.json()) as { registrations: { id: number; url: string; topic: string }[] }).registrations;
  };

  it('registers the sale webhook once, however often it is asked', async () => {
    const [first] = await adapter.registerWebhooks!(url);
    expect(first).toMatchObject({ platform: 'reverb', topic: 'orders/create', url, created: true });
    const [second] = await adapter.registerWebhooks!(url);
    expect(second).toMatchObject({ id: first!.id, created: false });
    expect(await registrations()).toEqual([expect.objectContaining({ url, topic: 'orders/create' })]);
  });

  it('leaves one registration where an earlier tool made two for our URL', async () => {
    for (let i = 0; i < 2; i += 1) {
      await fetch(`${sandbox.url}/reverb/api/webhooks/registrations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'accept-version': '3.0', 'content-type': 'application/hal+json' },
        body: JSON.stringify({ url, topic: 'orders/create' }),
      });
    }
    expect(await registrations()).toHaveLength(2);
    expect((await adapter.registerWebhooks!(url))[0]).toMatchObject({ created: false });
    expect(await registrations()).toHaveLength(1);
  });
});

describe('Reverb adapter errors', () => {
  it('classifies 429 as rate_limited, with Retry-After when Reverb sends it', async () => {
    await control('PUT', '/reverb/config', { rateLimit: { max: 1, perMs: 60_000 }, retryAfter: true });
    await adapter.findBySku('A');
    const err = await rejection(adapter.findBySku('A'));
    expect(err.kind).toBe('rate_limited');
    expect(err.details.retryAfterMs).toBeGreaterThan(0);
  });

  it('classifies 429 without Retry-After as rate_limited with no wait given', async () => {
    await control('PUT', '/reverb/config', { rateLimit: { max: 1, perMs: 60_000 }, retryAfter: false });
    await adapter.findBySku('A');
    const [listing] = await control('PUT', '/reverb/listings', [canonical('A')]);
    const err = await rejection(adapter.execute([action('end', { externalId: listing.id })]));
    expect(err).toMatchObject({ kind: 'rate_limited', details: { status: 429 } });
    expect('retryAfterMs' in err.details).toBe(false);
  });

  it('classifies 5xx and timeouts as transient', async () => {
    await control('PUT', '/reverb/config', { errorRate: 1, errorStatus: 500 });
    expect(await rejection(pages())).toMatchObject({ kind: 'transient', details: { status: 500 } });
    await control('PUT', '/reverb/config', { errorRate: 0, latencyMs: 500 });
    const slow = createReverbAdapter({ baseUrl: `${sandbox.url}/reverb`, token: TOKEN, timeoutMs: 100 });
    const err = await rejection(slow.findBySku('A'));
    expect(err).toMatchObject({ kind: 'transient', details: { code: 'ETIMEDOUT' } });
    await slow.close();
  });

  it('classifies a bad token as auth, without the token in the message', async () => {
    const wrong = createReverbAdapter({ baseUrl: `${sandbox.url}/reverb`, token: 'not-the-token' });
    const err = await rejection(wrong.findBySku('A'));
    expect(err).toMatchObject({ kind: 'auth', details: { status: 401 } });
    expect(err.message).not.toContain('not-the-token');
    const write = await rejection(wrong.execute([action('create', { listing: desired('X') })]));
    expect(write.kind).toBe('auth');
    await wrong.close();
  });
});
