import { createServer, type Server } from 'node:http';
import { startReverbSandbox } from './testing.js';

const TOKEN = 'test-reverb-token';
const BRAND_NEW = '7c3f45de-2ae0-4c81-8400-fdb6b1d74890';
const EXCELLENT = 'df268ad1-c462-4ba6-b6db-e007e23922ea';
const SOLID_BODY = 'e57deb7a-382b-4e18-a008-67d4fbcb2879';
const IMAGE_HOST = /^https:\/\/rvb-img\.reverb\.com\/image\/upload\//;

let sandbox: Awaited<ReturnType<typeof startReverbSandbox>>;
beforeAll(async () => {
  sandbox = await startReverbSandbox(TOKEN);
});
afterAll(() => sandbox.close());
beforeEach(() => control('POST', '/reset'));

const REVERB_HEADERS = {
  authorization: `Bearer ${TOKEN}`,
  'accept-version': '3.0',
  accept: 'application/hal+json',
  'content-type': 'application/hal+json',
};

async function api(method: string, path: string, body?: unknown, headers: Record<string, string | undefined> = {}) {
  const merged = Object.fromEntries(Object.entries({ ...REVERB_HEADERS, ...headers }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const url = path.startsWith('http') ? path : `${sandbox.url}/reverb/api${path}`;
  const res = await fetch(url, { method, headers: merged, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/_control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

function canonical(sku: string, extra: Record<string, unknown> = {}) {
  return { sku, title: `Guitar ${sku}`, price: { amount: '1299.00', currency: 'USD' }, brand: 'Fender', model: 'Stratocaster', ...extra };
}

const draftBody = (sku: string, extra: Record<string, unknown> = {}) => ({
  make: 'Gibson',
  model: 'Les Paul Standard',
  title: '1959 Gibson Les Paul Standard',
  description: 'Sunburst, original case',
  finish: 'Sunburst',
  year: '1959',
  condition: { uuid: EXCELLENT },
  price: { amount: '9699.00', currency: 'USD' },
  inventory: 1,
  has_inventory: false,
  sku,
  categories: [{ uuid: SOLID_BODY }],
  shipping_profile_id: 61256,
  photos: ['https://img.example/lp-1.jpg'],
  ...extra,
});

type Photo = { _links: Record<string, { href: string }> };
const fullHrefs = (listing: { photos: Photo[] }) => listing.photos.map((p) => p._links.full!.href);

describe('Reverb emulation headers', () => {
  it('refuses a missing or wrong token with 401 and a message', async () => {
    const none = await api('GET', '/my/listings', undefined, { authorization: undefined });
    const wrong = await api('GET', '/my/listings', undefined, { authorization: 'Bearer nope' });
    expect([none.status, wrong.status]).toEqual([401, 401]);
    expect(wrong.body.message).toMatch(/log in/);
  });

  it('requires Accept-Version 3.0', async () => {
    expect((await api('GET', '/my/listings', undefined, { 'accept-version': undefined })).status).toBe(406);
    const old = await api('GET', '/my/listings', undefined, { 'accept-version': '1.0' });
    expect(old.status).toBe(406);
    expect(old.body.message).toMatch(/Accept-Version: 3\.0/);
  });

  it('answers plain JSON clients but refuses clients that want neither JSON nor HAL', async () => {
    expect((await api('GET', '/my/listings', undefined, { accept: 'application/json' })).status).toBe(200);
    const ok = await api('GET', '/my/listings');
    expect(ok.headers.get('content-type')).toMatch(/application\/hal\+json/);
    expect((await api('GET', '/my/listings', undefined, { accept: 'text/html' })).status).toBe(406);
  });

  it('requires a JSON body on writes', async () => {
    const res = await api('POST', '/listings', draftBody('A1'), { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect((await control('GET', '/reverb/listings')).body).toEqual([]);
  });
});

describe('Reverb emulation listings', () => {
  it('pages my listings with _links, live by default and every state with state=all', async () => {
    await control('PUT', '/reverb/listings', [
      ...['S1', 'S2', 'S3', 'S4', 'S5'].map((s) => canonical(s)),
      canonical('E1', { status: 'ended' }),
      canonical('D1', { status: 'sold', quantity: 0 }),
    ]);
    const first = await api('GET', '/my/listings?per_page=2');
    expect(first.body).toMatchObject({ total: 5, current_page: 1, total_pages: 3 });
    expect(first.body._links.prev).toBeUndefined();
    const skus: string[] = first.body.listings.map((l: { sku: string }) => l.sku);
    let next: string | undefined = first.body._links.next?.href;
    let last = first;
    while (next) {
      last = await api('GET', next);
      skus.push(...last.body.listings.map((l: { sku: string }) => l.sku));
      next = last.body._links.next?.href;
    }
    expect(skus).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(last.body.current_page).toBe(3);
    expect(last.body._links.prev.href).toContain('page=2');

    const all = await api('GET', '/my/listings?state=all&per_page=50');
    expect(all.body.total).toBe(7);
    expect((await api('GET', '/my/listings?state=sold_out')).body.listings.map((l: { sku: string }) => l.sku)).toEqual(['D1']);
    expect((await api('GET', '/my/listings?state=sold')).status).toBe(422);
    expect((await api('GET', '/my/listings?state=all&sku=S3')).body.listings).toHaveLength(1);
  });

  it('uses 24 a page by default and at most 100', async () => {
    await control('PUT', '/reverb/listings', Array.from({ length: 130 }, (_, i) => canonical(`P${i}`)));
    const byDefault = await api('GET', '/my/listings');
    expect(byDefault.body.listings).toHaveLength(24);
    const capped = await api('GET', '/my/listings?per_page=500');
    expect(capped.body.listings).toHaveLength(100);
    expect(capped.body.total_pages).toBe(2);
  });

  it('creates a draft unless publish is true, in Reverb’s listing shape', async () => {
    const draft = await api('POST', '/listings', draftBody('A1'));
    expect(draft.status).toBe(201);
    expect(draft.body.listing.state.slug).toBe('draft');
    expect((await api('GET', '/my/listings')).body.total).toBe(0);

    const live = await api('POST', '/listings', { ...draftBody('A2'), publish: true });
    const listing = live.body.listing;
    expect(listing).toMatchObject({
      sku: 'A2',
      make: 'Gibson',
      year: '1959',
      condition: { uuid: EXCELLENT, display_name: 'Excellent', slug: 'excellent' },
      price: { amount: '9699.00', amount_cents: 969900, currency: 'USD' },
      inventory: 1,
      state: { slug: 'live' },
    });
    expect(typeof listing.id).toBe('number');
    expect(listing.categories).toEqual([{ uuid: SOLID_BODY, full_name: 'Electric Guitars / Solid Body' }]);
    expect(listing.shipping_profile_id).toBe(61256);
    expect(listing._links.self.href).toBe(`${sandbox.url}/reverb/api/listings/${listing.id}`);
    expect(listing._links.end.href).toBe(`${sandbox.url}/reverb/api/my/listings/${listing.id}/state/end`);
    expect((await api('GET', `/listings/${listing.id}`)).body.sku).toBe('A2');
    expect((await control('GET', '/reverb/listings')).body.find((l: { sku: string }) => l.sku === 'A2')).toMatchObject({
      status: 'active',
      brand: 'Gibson',
      year: 1959,
      condition: 'excellent',
      price: { amount: '9699.00', currency: 'USD' },
    });
  });

  it('refuses a duplicate SKU with a validation error', async () => {
    await api('POST', '/listings', draftBody('DUP'));
    const again = await api('POST', '/listings', { ...draftBody('DUP'), publish: true });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ message: expect.any(String), errors: { sku: ['has already been taken'] } });
    expect((await control('GET', '/reverb/listings')).body).toHaveLength(1);
  });

  it('answers validation errors with the configured status (412 as documented, 422 by default)', async () => {
    const bad = { ...draftBody('V1'), price: { amount: 'lots', currency: 'USD' }, condition: { uuid: 'nope' } };
    const by422 = await api('POST', '/listings', bad);
    expect(by422.status).toBe(422);
    expect(Object.keys(by422.body.errors).sort()).toEqual(['condition', 'price']);
    await control('PUT', '/reverb/config', { validationStatus: 412 });
    expect((await api('POST', '/listings', bad)).status).toBe(412);
  });

  it('refuses has_inventory on a one-off used item, and a one-off ignores inventory writes', async () => {
    const used = await api('POST', '/listings', draftBody('M1', { inventory: 3, has_inventory: true }));
    expect(used.status).toBe(422);
    expect(used.body.errors.has_inventory[0]).toMatch(/Brand New, Mint or B-Stock/);
    const fresh = await api('POST', '/listings', draftBody('M1', { inventory: 3, has_inventory: true, condition: { uuid: BRAND_NEW }, publish: true }));
    expect(fresh.status).toBe(201);
    expect(fresh.body.listing).toMatchObject({ inventory: 3, has_inventory: true });
    const downgraded = await api('PUT', `/listings/${fresh.body.listing.id}`, { condition: { uuid: EXCELLENT } });
    expect(downgraded.status).toBe(422);

    const oneOff = (await api('POST', '/listings', { ...draftBody('M2', { inventory: 4 }), publish: true })).body.listing;
    expect(oneOff).toMatchObject({ inventory: 1, has_inventory: false });
    const zero = await api('PUT', `/listings/${oneOff.id}`, { inventory: 0 });
    expect(zero.body.listing).toMatchObject({ inventory: 1, state: { slug: 'live' } });
  });

  it('updates only the fields sent, and publishes a draft', async () => {
    const { body } = await api('POST', '/listings', draftBody('U1'));
    const id = body.listing.id;
    const put = await api('PUT', `/listings/${id}`, { price: { amount: '8999.00' } });
    expect(put.status).toBe(200);
    expect(put.body.listing).toMatchObject({ title: '1959 Gibson Les Paul Standard', finish: 'Sunburst', price: { amount: '8999.00', currency: 'USD' }, state: { slug: 'draft' } });
    const published = await api('PUT', `/listings/${id}`, { publish: true });
    expect(published.body.listing.state.slug).toBe('live');
    expect((await api('PUT', '/listings/999', { title: 'x' })).status).toBe(404);
  });

  it('ends a listing with inventory whose inventory is set to 0', async () => {
    const { body } = await api('POST', '/listings', { ...draftBody('Z1', { has_inventory: true, inventory: 2, condition: { uuid: BRAND_NEW } }), publish: true });
    const put = await api('PUT', `/listings/${body.listing.id}`, { inventory: 0 });
    expect(put.body.listing).toMatchObject({ inventory: 0, state: { slug: 'ended' } });
    expect((await control('GET', '/reverb/listings')).body[0]).toMatchObject({ sku: 'Z1', status: 'ended', quantity: 0 });
  });

  it('ends a live listing once; ending it again is refused with 422', async () => {
    const { body } = await api('POST', '/listings', { ...draftBody('N1'), publish: true });
    const path = `/my/listings/${body.listing.id}/state/end`;
    expect((await api('PUT', path, { reason: 'maybe' })).status).toBe(422);
    const ended = await api('PUT', path, { reason: 'not_sold' });
    expect(ended.status).toBe(200);
    expect(ended.body.listing.state.slug).toBe('ended');
    const twice = await api('PUT', path, { reason: 'not_sold' });
    expect(twice.status).toBe(422);
    expect(twice.body.message).toMatch(/ended/);
  });

  it('deletes drafts only: a live listing answers 406', async () => {
    const draft = (await api('POST', '/listings', draftBody('X1'))).body.listing;
    const live = (await api('POST', '/listings', { ...draftBody('X2'), publish: true })).body.listing;
    const refused = await api('DELETE', `/listings/${live.id}`);
    expect(refused.status).toBe(406);
    expect(refused.body.message).toMatch(/End this listing/);
    expect((await api('DELETE', `/listings/${draft.id}`)).status).toBe(200);
    expect((await api('GET', `/listings/${draft.id}`)).status).toBe(404);
    expect((await control('GET', '/reverb/listings')).body.map((l: { sku: string }) => l.sku)).toEqual(['X2']);
  });
});

describe('Reverb emulation sales and orders', () => {
  let receiver: Server;
  let received: unknown[] = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ path: req.url, body: JSON.parse(raw) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it('records a sale as an order, sells out at 0, and posts an unsigned webhook', async () => {
    received = [];
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await control('PUT', '/reverb/config', { webhookUrl: `http://127.0.0.1:${port}/webhooks/reverb/secret-token` });
    const [listing] = (await control('PUT', '/reverb/listings', [canonical('SOLD1', { quantity: 2, condition: 'new' })])).body;
    expect((await control('POST', '/reverb/sales', { sku: 'SOLD1' })).body).toMatchObject({ quantity: 1, status: 'active' });
    expect((await control('POST', '/reverb/sales', { sku: 'SOLD1' })).body).toMatchObject({ quantity: 0, status: 'sold' });
    expect((await control('POST', '/reverb/sales', { sku: 'SOLD1' })).status).toBe(409);
    expect((await api('GET', `/listings/${listing.id}`)).body.state.slug).toBe('sold_out');

    const orders = await api('GET', '/my/orders/selling/all');
    expect(orders.body.total).toBe(2);
    // Newest first, as Reverb answers orders.
    const [second, first] = orders.body.orders;
    expect(Number(second.order_number)).toBeGreaterThan(Number(first.order_number));
    expect(first).toMatchObject({
      sku: 'SOLD1',
      quantity: 1,
      product_id: listing.id,
      status: 'paid',
      paid_at: expect.any(String),
      amount_product: { amount: '1299.00', currency: 'USD' },
      _links: { listing: { href: `${sandbox.url}/reverb/api/listings/${listing.id}` } },
    });
    expect(received).toHaveLength(2);
    expect(received[0]).toMatchObject({
      path: '/webhooks/reverb/secret-token',
      body: { order_number: first.order_number, sku: 'SOLD1', quantity: 1, product_id: listing.id, status: 'paid', created_at: expect.any(String) },
    });
  });

  it('posts the order to every orders/create registration, once per URL', async () => {
    received = [];
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const url = `http://127.0.0.1:${port}/webhooks/reverb/registered`;
    await api('POST', '/webhooks/registrations', { url, topic: 'orders/create' });
    await api('POST', '/webhooks/registrations', { url: `http://127.0.0.1:${port}/webhooks/reverb/listings`, topic: 'listings/update' });
    await control('PUT', '/reverb/listings', [canonical('HOOK1')]);
    await control('POST', '/reverb/sales', { sku: 'HOOK1' });
    expect(received).toEqual([{ path: '/webhooks/reverb/registered', body: expect.objectContaining({ sku: 'HOOK1', status: 'paid' }) }]);
  });

  it('filters orders by their update date', async () => {
    await control('PUT', '/reverb/listings', [canonical('O1')]);
    await control('POST', '/reverb/sales', { sku: 'O1' });
    const past = await api('GET', '/my/orders/selling/all?updated_start_date=2001-01-01T00:00:00Z&updated_end_date=2001-12-31T00:00:00Z');
    expect(past.body).toMatchObject({ total: 0, orders: [] });
    const now = await api('GET', `/my/orders/selling/all?updated_start_date=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`);
    expect(now.body.orders.map((o: { sku: string }) => o.sku)).toEqual(['O1']);
    expect((await api('GET', '/my/orders/selling/all?updated_start_date=yesterday-ish')).status).toBe(422);
  });
});

describe('Reverb emulation publishing needs a category and shipping', () => {
  it('refuses to publish without categories, naming the field, and keeps nothing', async () => {
    const res = await api('POST', '/listings', { ...draftBody('C1', { categories: undefined }), publish: true });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ message: expect.any(String), errors: { categories: [expect.stringMatching(/published/)] } });
    expect(Object.keys(res.body.errors)).toEqual(['categories']);
    expect((await control('GET', '/reverb/listings')).body).toEqual([]);
  });

  it('refuses to publish without a shipping profile or shipping rates', async () => {
    const res = await api('POST', '/listings', { ...draftBody('C2', { shipping_profile_id: undefined }), publish: true });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['shipping']);
    const withRates = await api('POST', '/listings', {
      ...draftBody('C2', { shipping_profile_id: undefined }),
      shipping: { rates: [{ region_code: 'US_CON', rate: { amount: '75.00', currency: 'USD' } }] },
      publish: true,
    });
    expect(withRates.status).toBe(201);
    expect(withRates.body.listing.shipping.rates[0]).toMatchObject({ region_code: 'US_CON', rate: { amount: '75.00' } });
  });

  it('keeps a draft without either, and refuses to publish it later until they are there', async () => {
    const draft = await api('POST', '/listings', draftBody('C3', { categories: undefined, shipping_profile_id: undefined }));
    expect(draft.status).toBe(201);
    const id = draft.body.listing.id;
    const publish = await api('PUT', `/listings/${id}`, { publish: true });
    expect(publish.status).toBe(422);
    expect(Object.keys(publish.body.errors).sort()).toEqual(['categories', 'shipping']);
    const fixed = await api('PUT', `/listings/${id}`, { publish: true, categories: [{ uuid: SOLID_BODY }], shipping_profile_id: '61256' });
    expect(fixed.body.listing.state.slug).toBe('live');
  });

  it('refuses a category uuid it does not know, until the account adds it', async () => {
    const made = '11111111-2222-4333-8444-555555555555';
    const res = await api('POST', '/listings', draftBody('C4', { categories: [{ uuid: made }] }));
    expect(res.status).toBe(422);
    expect(res.body.errors.categories[0]).toMatch(made);
    const account = await control('PUT', '/reverb/account', { categories: [{ uuid: made, fullName: 'Home Audio / Tube Amps' }] });
    expect(account.body.categories).toContainEqual({ uuid: made, fullName: 'Home Audio / Tube Amps' });
    const ok = await api('POST', '/listings', draftBody('C4', { categories: [{ uuid: made }] }));
    expect(ok.body.listing.categories).toEqual([{ uuid: made, full_name: 'Home Audio / Tube Amps' }]);
    const flat = await api('GET', '/categories/flat');
    expect(flat.body.categories.map((c: { uuid: string }) => c.uuid)).toEqual(expect.arrayContaining([SOLID_BODY, made]));
  });

  it('takes any well-formed shipping profile until the account’s profiles are set, then only those', async () => {
    expect((await api('POST', '/listings', { ...draftBody('P1', { shipping_profile_id: 'abc' }), publish: true })).status).toBe(422);
    expect((await api('POST', '/listings', { ...draftBody('P1', { shipping_profile_id: 999 }), publish: true })).status).toBe(201);
    expect((await control('PUT', '/reverb/account', { shippingProfiles: ['4321'] })).body.shippingProfiles).toEqual(['4321']);
    const other = await api('POST', '/listings', { ...draftBody('P2', { shipping_profile_id: 999 }), publish: true });
    expect(other.status).toBe(422);
    expect(other.body.errors.shipping_profile_id[0]).toMatch(/not one of your shop/);
    expect((await api('POST', '/listings', { ...draftBody('P2', { shipping_profile_id: 4321 }), publish: true })).status).toBe(201);
    expect((await control('PUT', '/reverb/account', { shippingProfiles: ['x'] })).status).toBe(400);
  });
});

describe('Reverb emulation photos', () => {
  it('rehosts every photo on its own image host; the URLs sent never come back', async () => {
    const sent = ['https://img.example/a.jpg', 'https://img.example/b.jpg'];
    const { body } = await api('POST', '/listings', { ...draftBody('PH1', { photos: sent }), publish: true });
    const listing = body.listing;
    expect(listing.photos).toHaveLength(2);
    for (const photo of listing.photos as Photo[]) {
      expect(Object.keys(photo._links).sort()).toEqual(['full', 'large_crop', 'small_crop', 'thumbnail']);
      for (const link of Object.values(photo._links)) expect(link.href).toMatch(IMAGE_HOST);
    }
    expect(fullHrefs(listing)).not.toContain(sent[0]);
    expect((await control('GET', '/reverb/listings')).body[0].images).toEqual(fullHrefs(listing));
  });

  it('adds photos sent again rather than replacing them: the same URL makes another copy', async () => {
    const { body } = await api('POST', '/listings', { ...draftBody('PH2', { photos: ['https://img.example/a.jpg'] }), publish: true });
    const again = await api('PUT', `/listings/${body.listing.id}`, { photos: ['https://img.example/a.jpg'] });
    const hrefs = fullHrefs(again.body.listing);
    expect(hrefs).toHaveLength(2);
    expect(new Set(hrefs).size).toBe(2);
  });

  it('reorders by served URL with override_position, imports new URLs, and removes only by DELETE', async () => {
    const { body } = await api('POST', '/listings', { ...draftBody('PH3', { photos: ['https://img.example/a.jpg', 'https://img.example/b.jpg'] }), publish: true });
    const id = body.listing.id;
    const [a, b] = fullHrefs(body.listing);
    const put = await api('PUT', `/listings/${id}`, { photos: [b, 'https://img.example/c.jpg'], photo_upload_method: 'override_position' });
    const after = fullHrefs(put.body.listing);
    expect(after).toHaveLength(3);
    expect(after[0]).toBe(b);
    expect(after[1]).toMatch(IMAGE_HOST);
    expect(after[2]).toBe(a);

    const images = await api('GET', `/listings/${id}/images`);
    expect(images.body.images.map((i: Photo) => i._links.full!.href)).toEqual(after);
    const stale = images.body.images[2];
    expect((await api('DELETE', `/listings/${id}/images/${stale.id}`)).status).toBe(200);
    expect((await api('DELETE', `/listings/${id}/images/${stale.id}`)).status).toBe(404);
    expect(fullHrefs((await api('GET', `/listings/${id}`)).body)).toEqual(after.slice(0, 2));
    expect((await api('PUT', `/listings/${id}`, { photos: [b], photo_upload_method: 'replace' })).status).toBe(422);
  });
});

describe('Reverb emulation fetching photos', () => {
  it('shows a photo only once fetched, and keeps a listing with photos still coming a draft', async () => {
    await control('PUT', '/reverb/config', { photoImportMs: 150 });
    const { body } = await api('POST', '/listings', { ...draftBody('F1', { photos: ['https://img.example/a.jpg', 'https://img.example/b.jpg'] }), publish: true });
    expect(body.listing).toMatchObject({ state: { slug: 'draft' }, photos: [] });
    await new Promise((r) => setTimeout(r, 200));
    const later = await api('GET', `/listings/${body.listing.id}`);
    expect(later.body).toMatchObject({ state: { slug: 'draft' } });
    expect(later.body.photos).toHaveLength(2);
    expect((await api('PUT', `/listings/${body.listing.id}`, { publish: true })).body.listing.state.slug).toBe('live');
  });
});

describe('Reverb emulation states and orders awaiting payment', () => {
  it('shows an unpaid sale as ordered, with an unpaid order', async () => {
    const [listing] = (await control('PUT', '/reverb/listings', [canonical('ORD1')])).body;
    expect((await control('POST', '/reverb/sales', { sku: 'ORD1', paid: false })).body).toMatchObject({ status: 'sold', quantity: 0 });
    expect((await api('GET', `/listings/${listing.id}`)).body.state).toEqual({ slug: 'ordered', description: 'Ordered' });
    expect((await api('GET', '/my/listings?state=ordered')).body.total).toBe(1);
    const [order] = (await api('GET', '/my/orders/selling/all')).body.orders;
    expect(order).toMatchObject({ status: 'unpaid', paid_at: null, product_id: listing.id });
    expect((await api('PUT', `/listings/${listing.id}`, { publish: true })).status).toBe(422);
  });
});

describe('Reverb emulation webhook registrations', () => {
  it('registers, lists and deletes; keeps two registrations of one URL as Reverb does', async () => {
    const url = 'http://127.0.0.1:9/webhooks/reverb/tok';
    const first = await api('POST', '/webhooks/registrations', { url, topic: 'orders/create' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: expect.any(Number), url, topic: 'orders/create' });
    await api('POST', '/webhooks/registrations', { url, topic: 'orders/create' });
    const list = await api('GET', '/webhooks/registrations');
    expect(list.body.registrations).toHaveLength(2);
    const bad = await api('POST', '/webhooks/registrations', { url, topic: 'order.created' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors)).toEqual(['topic']);
    expect((await api('DELETE', `/webhooks/registrations/${first.body.id}`)).status).toBe(200);
    expect((await api('GET', '/webhooks/registrations')).body.registrations).toHaveLength(1);
  });
});

describe('Reverb emulation throttling', () => {
  it('answers 429 with Retry-After when configured to', async () => {
    await control('PUT', '/reverb/config', { rateLimit: { max: 1, perMs: 60_000 }, retryAfter: true });
    expect((await api('GET', '/my/listings')).status).toBe(200);
    const throttled = await api('GET', '/my/listings');
    expect(throttled.status).toBe(429);
    expect(throttled.body).toEqual({ message: 'Too many requests' });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await control('GET', '/reverb/stats')).body.throttled).toBe(1);
  });

  it('answers 429 without Retry-After otherwise', async () => {
    await control('PUT', '/reverb/config', { rateLimit: { max: 1, perMs: 60_000 }, retryAfter: false });
    await api('GET', '/my/listings');
    const throttled = await api('GET', '/my/listings');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBeNull();
  });
});
