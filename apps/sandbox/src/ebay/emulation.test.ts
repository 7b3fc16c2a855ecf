import { createServer, type Server } from 'node:http';
import { startSandbox, type Sandbox } from '../server.js';
import type { EbayEmulation } from './emulation.js';
import { testCredentials } from '../test-credentials.js';

const credentials = testCredentials;
const SCOPE = 'https://api.ebay.com/oauth/api_scope/sell.inventory';

let sandbox: Sandbox;
let ebay: EbayEmulation;
let token: string;

const api = (path: string) => `${sandbox.url}/ebay/sell/inventory/v1${path}`;

function tokenRequest(form: Record<string, string>, client = `${credentials.ebay.clientId}:${credentials.ebay.clientSecret}`) {
  return fetch(`${sandbox.url}/ebay/identity/v1/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(client).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

async function freshToken(): Promise<string> {
  const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: credentials.ebay.refreshToken, scope: SCOPE });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** `headers` override the defaults; a null drops that header altogether. */
async function call(method: string, path: string, body?: unknown, headers: Record<string, string | null> = {}) {
  const all: Record<string, string | null> = {
    authorization: `Bearer ${token}`,
    ...(body !== undefined ? { 'content-type': 'application/json', 'content-language': 'en-US' } : {}),
    ...headers,
  };
  const res = await fetch(api(path), {
    method,
    headers: Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== null)),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : null };
}

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sandbox.url}/_control/ebay${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as any;
};

const item = (title: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  product: { title, description: 'Plays well', imageUrls: ['https://img.example/a.jpg'], aspects: { Brand: ['Fender'], Year: ['1965'] } },
  condition: 'USED_EXCELLENT',
  availability: { shipToLocationAvailability: { quantity } },
  ...extra,
});
const POLICIES = { fulfillmentPolicyId: '6196932000', paymentPolicyId: '6196933000', returnPolicyId: '6196934000' };
const offer = (sku: string, value = '1299.00', extra: Record<string, unknown> = {}) => ({
  sku,
  marketplaceId: 'EBAY_US',
  format: 'FIXED_PRICE',
  pricingSummary: { price: { value, currency: 'USD' } },
  categoryId: '33034',
  listingPolicies: POLICIES,
  merchantLocationKey: 'warehouse-1',
  ...extra,
});

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials });
  ebay = sandbox.emulations.ebay as EbayEmulation;
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.url}/_control/reset`, { method: 'POST' });
  token = await freshToken();
});

describe('OAuth', () => {
  it('mints a user access token from the refresh token, valid for the configured lifetime', async () => {
    await control('PUT', '/config', { tokenTtlSeconds: 300 });
    const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: credentials.ebay.refreshToken, scope: SCOPE });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), expires_in: 300, token_type: 'User Access Token' });
  });

  it('refuses a wrong client or refresh token in OAuth terms', async () => {
    const wrongClient = await tokenRequest({ grant_type: 'refresh_token', refresh_token: credentials.ebay.refreshToken }, 'ebay-app-id:nope');
    expect(wrongClient.status).toBe(401);
    expect(await wrongClient.json()).toMatchObject({ error: 'invalid_client' });
    const wrongGrant = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'stolen' });
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.any(String) });
  });

  it('answers 401/1001 for a missing or unknown token and 403/1100 once it has expired', async () => {
    const missing = await call('GET', '/inventory_item', undefined, { authorization: null });
    expect(missing.status).toBe(401);
    expect(missing.body.errors[0].errorId).toBe(1001);
    expect((await call('GET', '/inventory_item')).status).toBe(200);
    ebay.expireTokens();
    const expired = await call('GET', '/inventory_item');
    expect(expired.status).toBe(403);
    expect(expired.body.errors[0]).toMatchObject({ errorId: 1100, message: 'Access denied' });
  });
});

describe("eBay's contract", () => {
  it('refuses a write without Content-Language with 25604 in eBay’s envelope', async () => {
    const res = await call('PUT', '/inventory_item/SKU-1', item('Fender Stratocaster', 1), { 'content-language': null });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [{ errorId: 25604, domain: 'API_INVENTORY', category: 'REQUEST', message: expect.stringContaining('Content-Language'), longMessage: expect.any(String), parameters: [] }],
    });
    expect((await call('GET', '/inventory_item/SKU-1')).status).toBe(404);
    const garbled = await call('POST', '/offer', offer('SKU-1'), { 'content-language': 'english please' });
    expect(garbled.body.errors[0].errorId).toBe(25604);
  });

  it('refuses a value of the wrong type, naming the field', async () => {
    const res = await call('PUT', '/inventory_item/SKU-1', item('Fender', 1, { availability: { shipToLocationAvailability: { quantity: 'five' } } }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ errorId: 25709, domain: 'API_INVENTORY', category: 'REQUEST' });
    expect(res.body.errors[0].parameters).toEqual([{ name: 'fieldName', value: 'availability.shipToLocationAvailability.quantity' }]);
    const bulk = await call('POST', '/bulk_publish_offer', { requests: [{ offerId: 42 }] });
    expect(bulk.status).toBe(400);
    expect(bulk.body.errors[0].parameters[0].value).toBe('requests[0].offerId');
  });

  it('counts the requests it checked and the ones it refused', async () => {
    await call('GET', '/inventory_item');
    await call('PUT', '/inventory_item/SKU-1', item('Fender', 1), { 'content-language': null });
    expect(ebay.contractStats()).toEqual({ checked: 2, failed: 1 });
    const stats = await control('GET', '/stats');
    expect(stats.byEndpoint).toMatchObject({ 'contract:checked': 2, 'contract:failed': 1 });
  });
});

describe('inventory items', () => {
  it('pages with limit and offset, linking next and prev', async () => {
    for (const n of [1, 2, 3, 4, 5]) expect((await call('PUT', `/inventory_item/SKU-${n}`, item(`Guitar ${n}`, 1))).status).toBe(201);
    const first = await call('GET', '/inventory_item?limit=2');
    expect(first.body).toMatchObject({ limit: 2, size: 2, total: 5 });
    expect(first.body.prev).toBeUndefined();
    expect(first.body.inventoryItems.map((i: any) => i.sku)).toEqual(['SKU-1', 'SKU-2']);
    const next = new URL(first.body.next as string);
    const second = await call('GET', `/inventory_item${next.search}`);
    expect(second.body.inventoryItems.map((i: any) => i.sku)).toEqual(['SKU-3', 'SKU-4']);
    expect(second.body.prev).toBeDefined();
    const last = await call('GET', `/inventory_item${new URL(second.body.next as string).search}`);
    expect(last.body.inventoryItems.map((i: any) => i.sku)).toEqual(['SKU-5']);
    expect(last.body.next).toBeUndefined();
    expect((await call('GET', '/inventory_item?limit=201')).body.errors[0].errorId).toBe(25706);
  });

  it('PUT replaces the whole record: an omitted availability wipes the quantity', async () => {
    expect((await call('PUT', '/inventory_item/SKU-1', item('Fender Stratocaster', 3))).status).toBe(201);
    expect((await call('PUT', '/inventory_item/SKU-1', { product: { title: 'Fender Stratocaster 1965' }, condition: 'USED_GOOD' })).status).toBe(204);
    const got = await call('GET', '/inventory_item/SKU-1');
    expect(got.body).toEqual({ sku: 'SKU-1', locale: 'en_US', product: { title: 'Fender Stratocaster 1965' }, condition: 'USED_GOOD' });
    const [truth] = await control('GET', '/listings');
    expect(truth).toMatchObject({ sku: 'SKU-1', quantity: 0, images: [], brand: null, condition: 'good' });
  });

  it('deleting an item deletes its offers and ends the listing', async () => {
    await call('PUT', '/inventory_item/SKU-1', item('Fender', 1));
    const { body } = await call('POST', '/offer', offer('SKU-1'));
    expect((await call('POST', `/offer/${body.offerId}/publish`)).status).toBe(200);
    expect((await call('DELETE', '/inventory_item/SKU-1')).status).toBe(204);
    expect((await call('GET', `/offer/${body.offerId}`)).status).toBe(404);
    expect(await control('GET', '/listings')).toEqual([]);
  });
});

describe('offers', () => {
  it('allows one offer per SKU, marketplace and format: a second answers 25002 with the first one’s id', async () => {
    await call('PUT', '/inventory_item/SKU-1', item('Fender', 1));
    const first = await call('POST', '/offer', offer('SKU-1'));
    expect(first.status).toBe(201);
    const second = await call('POST', '/offer', offer('SKU-1', '999.00'));
    expect(second.status).toBe(400);
    expect(second.body.errors[0]).toMatchObject({ errorId: 25002, parameters: [{ name: 'offerId', value: first.body.offerId }] });
    const listed = await call('GET', '/offer?sku=SKU-1');
    expect(listed.body).toMatchObject({ total: 1, size: 1 });
    expect(listed.body.offers[0]).toMatchObject({ offerId: first.body.offerId, status: 'UNPUBLISHED', pricingSummary: { price: { value: '1299.00' } } });
  });

  it('publishes into a listing and withdraws it, the offer staying unpublished', async () => {
    await call('PUT', '/inventory_item/SKU-1', item('Fender', 2));
    const { body } = await call('POST', '/offer', offer('SKU-1'));
    const published = await call('POST', `/offer/${body.offerId}/publish`);
    expect(published.body.listingId).toMatch(/^\d+$/);
    expect((await control('GET', '/listings'))[0]).toMatchObject({ status: 'active', quantity: 2, price: { amount: '1299.00' } });
    const withdrawn = await call('POST', `/offer/${body.offerId}/withdraw`);
    expect(withdrawn.body.listingId).toBe(published.body.listingId);
    expect((await call('GET', `/offer/${body.offerId}`)).body).toMatchObject({ status: 'UNPUBLISHED', listing: { listingStatus: 'ENDED' } });
    expect((await control('GET', '/listings'))[0].status).toBe('ended');
  });

  it('answers 404 for a SKU without offers', async () => {
    await call('PUT', '/inventory_item/SKU-1', item('Fender', 1));
    const res = await call('GET', '/offer?sku=SKU-1');
    expect(res.status).toBe(404);
    expect(res.body.errors[0].errorId).toBe(25713);
  });
});

describe('bulk calls', () => {
  const requests = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, locale: 'en_US', ...item(`Guitar ${i}`, 1) }));

  it('refuse more than 25 entries', async () => {
    const items = await call('POST', '/bulk_create_or_replace_inventory_item', { requests: requests(26) });
    expect(items.status).toBe(400);
    expect(items.body.errors[0].errorId).toBe(25727);
    const offers = await call('POST', '/bulk_create_offer', { requests: requests(26).map((r) => offer(r.sku)) });
    expect(offers.body.errors[0].errorId).toBe(25730);
    const prices = await call('POST', '/bulk_update_price_quantity', { requests: requests(26).map((r) => ({ sku: r.sku, shipToLocationAvailability: { quantity: 1 } })) });
    expect(prices.status).toBe(400);
    expect(prices.body.errors[0].errorId).toBe(25709);
    expect((await call('POST', '/bulk_create_or_replace_inventory_item', { requests: requests(25) })).status).toBe(200);
  });

  it('answer 207 when some entries fail, each entry for itself', async () => {
    const batch = requests(3);
    batch[1]!.product.imageUrls = ['http://img.example/not-https.jpg'];
    const res = await call('POST', '/bulk_create_or_replace_inventory_item', { requests: batch });
    expect(res.status).toBe(207);
    expect(res.body.responses.map((r: any) => [r.sku, r.statusCode])).toEqual([
      ['SKU-0', 201],
      ['SKU-1', 400],
      ['SKU-2', 201],
    ]);
    expect(res.body.responses[1].errors[0].errorId).toBe(25015);

    const offers = await call('POST', '/bulk_create_offer', { requests: ['SKU-0', 'SKU-1', 'SKU-2'].map((sku) => offer(sku)) });
    expect(offers.status).toBe(207);
    expect(offers.body.responses[1]).toMatchObject({ sku: 'SKU-1', statusCode: 400, errors: [{ errorId: 25702 }] });
    const ids = offers.body.responses.filter((r: any) => r.offerId).map((r: any) => ({ offerId: r.offerId }));
    const published = await call('POST', '/bulk_publish_offer', { requests: ids });
    expect(published.status).toBe(200);
    expect(published.body.responses.every((r: any) => /^\d+$/.test(r.listingId))).toBe(true);

    const prices = await call('POST', '/bulk_update_price_quantity', {
      requests: [
        { sku: 'SKU-0', shipToLocationAvailability: { quantity: 4 }, offers: [{ offerId: ids[0].offerId, price: { value: '1500.00', currency: 'USD' } }] },
        { sku: 'SKU-1', shipToLocationAvailability: { quantity: 2 } },
      ],
    });
    expect(prices.status).toBe(207);
    expect(prices.body.responses.map((r: any) => [r.sku, r.statusCode])).toEqual([
      ['SKU-0', 200],
      ['SKU-1', 400],
    ]);
    expect((await control('GET', '/listings')).find((l: any) => l.sku === 'SKU-0')).toMatchObject({ quantity: 4, price: { amount: '1500.00' } });
  });
});

describe('faults', () => {
  it('throttles with 429/2001 and no Retry-After header', async () => {
    await control('PUT', '/config', { rateLimit: { max: 1, perMs: 60_000 } });
    expect((await call('GET', '/inventory_item')).status).toBe(200);
    const res = await call('GET', '/inventory_item');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.body.errors[0]).toMatchObject({ errorId: 2001, message: 'Too many requests' });
  });

  it('injects 500s carrying one of the transient Inventory errors', async () => {
    await control('PUT', '/config', { errorRate: 1, errorStatus: 500 });
    const res = await call('GET', '/inventory_item');
    expect(res.status).toBe(500);
    expect([25001, 25025]).toContain(res.body.errors[0].errorId);
  });
});

describe('control API', () => {
  let hook: Server;
  const received: any[] = [];
  beforeAll(async () => {
    hook = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ url: req.url, body: JSON.parse(raw) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => hook.close(() => r())));

  it('adds listings as published offers the API sees, and a sale lowers quantity and notifies', async () => {
    const [made] = await control('POST', '/listings', [
      { sku: 'G-1', title: 'Gibson Les Paul', price: { amount: '2500', currency: 'USD' }, quantity: 2, condition: 'very_good', brand: 'Gibson', year: 1959 },
    ]);
    expect(made).toMatchObject({ id: 'G-1', sku: 'G-1', status: 'active', price: { amount: '2500.00' }, condition: 'very_good', brand: 'Gibson', year: 1959 });
    const offers = await call('GET', '/offer?sku=G-1');
    expect(offers.body.offers[0]).toMatchObject({ status: 'PUBLISHED', listing: { listingStatus: 'ACTIVE' } });
    expect((await call('GET', '/inventory_item/G-1')).body).toMatchObject({ condition: 'USED_VERY_GOOD', product: { aspects: { Brand: ['Gibson'], Year: ['1959'] } } });

    await control('PUT', '/config', { webhookUrl: `http://127.0.0.1:${(hook.address() as { port: number }).port}/webhooks/ebay/secret-token` });
    const once = await control('POST', '/sales', { sku: 'G-1' });
    expect(once).toMatchObject({ quantity: 1, status: 'active' });
    const twice = await control('POST', '/sales', { sku: 'G-1' });
    expect(twice).toMatchObject({ quantity: 0, status: 'sold' });
    expect(received).toHaveLength(2);
    expect(received[0]).toMatchObject({ url: '/webhooks/ebay/secret-token', body: { metadata: { topic: 'ORDER_CONFIRMATION' }, notification: { data: { orderId: expect.any(String) } } } });
    expect((await call('GET', '/offer?sku=G-1')).body.offers[0].listing).toMatchObject({ listingStatus: 'OUT_OF_STOCK', soldQuantity: 2 });
  });

  it('patches by hand, keeps SKU-less listings out of the Inventory API, and lists ended ones', async () => {
    await control('PUT', '/listings', [
      { sku: 'G-1', title: 'Gibson', price: { amount: '100.00', currency: 'USD' } },
      { sku: '', title: 'Made in Seller Hub', price: { amount: '50.00', currency: 'USD' } },
      { sku: 'G-2', title: 'Ended', price: { amount: '70.00', currency: 'USD' }, status: 'ended' },
    ]);
    const patched = await control('PATCH', '/listings/G-1', { price: { amount: '120.00', currency: 'USD' }, title: 'Gibson SG' });
    expect(patched).toMatchObject({ title: 'Gibson SG', price: { amount: '120.00' }, status: 'active' });
    expect((await call('GET', '/inventory_item')).body.total).toBe(2);
    const truth = await control('GET', '/listings');
    expect(truth.map((l: any) => [l.sku, l.status])).toEqual([
      ['G-1', 'active'],
      ['G-2', 'ended'],
      ['', 'active'],
    ]);
  });
});

const root = (path: string) => `${sandbox.url}/ebay${path}`;
async function get(path: string) {
  const res = await fetch(root(path), { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as any };
}

describe('publishing needs what eBay needs', () => {
  const listed = async (sku: string, itemExtra: Record<string, unknown> = {}, offerExtra: Record<string, unknown> = {}) => {
    expect((await call('PUT', `/inventory_item/${sku}`, item(`Guitar ${sku}`, 1, itemExtra))).status).toBe(201);
    const made = await call('POST', '/offer', offer(sku, '1299.00', offerExtra));
    expect(made.status).toBe(201);
    return made.body.offerId as string;
  };

  it('bulkPublishOffer fails per offer for each missing prerequisite, with eBay’s errors', async () => {
    await control('PUT', '/account', { locations: ['warehouse-1'] });
    const product = (extra: Record<string, unknown>) => ({ product: { ...item('x', 1).product, ...extra } });
    const ids = {
      complete: await listed('OK'),
      noCategory: await listed('NO-CAT', {}, { categoryId: undefined }),
      noPolicies: await listed('NO-POL', {}, { listingPolicies: { fulfillmentPolicyId: '6196932000' } }),
      noLocation: await listed('NO-LOC', {}, { merchantLocationKey: undefined }),
      unknownLocation: await listed('BAD-LOC', {}, { merchantLocationKey: 'garage' }),
      noImages: await listed('NO-IMG', product({ imageUrls: [] })),
      tooManyImages: await listed('MANY-IMG', product({ imageUrls: Array.from({ length: 25 }, (_, i) => `https://img.example/${i}.jpg`) })),
      noDescription: await listed('NO-DESC', product({ description: '' })),
    };
    const res = await call('POST', '/bulk_publish_offer', { requests: Object.values(ids).map((offerId) => ({ offerId })) });
    expect(res.status).toBe(207);
    const errorsOf = (offerId: string) => res.body.responses.find((r: any) => r.offerId === offerId);
    expect(errorsOf(ids.complete)).toMatchObject({ statusCode: 200, listingId: expect.stringMatching(/^\d+$/), errors: [] });
    const ids_ = (offerId: string) => errorsOf(offerId).errors.map((e: any) => e.errorId);
    expect(errorsOf(ids.noCategory)).toMatchObject({ statusCode: 400, errors: [{ errorId: 25005, domain: 'API_INVENTORY', message: expect.stringContaining('categoryId is required') }] });
    expect(ids_(ids.noPolicies)).toEqual([25008, 25009]);
    expect(errorsOf(ids.noLocation).errors[0]).toMatchObject({ errorId: 25002, message: expect.stringContaining('No <Item.Country> exists') });
    expect(errorsOf(ids.unknownLocation).errors[0]).toMatchObject({ errorId: 25012, message: expect.stringContaining('garage') });
    expect(errorsOf(ids.noImages).errors[0]).toMatchObject({ errorId: 25014, message: expect.stringContaining('At least 1 picture') });
    expect(errorsOf(ids.tooManyImages).errors[0]).toMatchObject({ errorId: 25014, message: expect.stringContaining('at most 24') });
    expect(errorsOf(ids.noDescription).errors[0]).toMatchObject({ errorId: 25017, message: expect.stringContaining('description') });
    const live = (await control('GET', '/listings')).filter((l: any) => l.status === 'active').map((l: any) => l.sku);
    expect(live).toEqual(['OK']);
  });

  it('a location made with POST /location is the one offers may use; GET /location lists it', async () => {
    expect((await call('POST', '/location/shop-1', { location: { address: { country: 'GB', postalCode: 'SW1A 1AA' } }, locationTypes: ['STORE'], name: 'Shop' })).status).toBe(204);
    expect((await call('POST', '/location/shop-1', { location: { address: { country: 'GB', postalCode: 'SW1A 1AA' } } })).body.errors[0].errorId).toBe(25803);
    expect((await call('POST', '/location/shop-2', { location: { address: { postalCode: 'SW1A 1AA' } } })).body.errors[0].errorId).toBe(25801);
    expect((await call('GET', '/location')).body).toMatchObject({ total: 1, locations: [{ merchantLocationKey: 'shop-1' }] });
    const good = await listed('A', {}, { merchantLocationKey: 'shop-1' });
    const bad = await listed('B');
    expect((await call('POST', `/offer/${good}/publish`)).status).toBe(200);
    expect((await call('POST', `/offer/${bad}/publish`)).body.errors[0].errorId).toBe(25012);
  });

  it('refuses a condition the category does not accept and a missing required aspect, as eBay words them', async () => {
    const good = await listed('GOOD', { condition: 'USED_GOOD' });
    const res = await call('POST', `/offer/${good}/publish`);
    expect(res.body.errors[0]).toMatchObject({ errorId: 25021, message: expect.stringContaining('USED_GOOD (5000) is not available for category Electric Guitars (33034)') });
    const bass = await listed('BASS', {}, { categoryId: '4713' });
    expect((await call('POST', `/offer/${bass}/publish`)).body.errors[0]).toMatchObject({
      errorId: 25002,
      message: 'A user error has occurred. The item specific Type is missing. Add Type to this listing, enter a valid value, and then try again.',
    });
    const mic = await listed('MIC', { condition: 'USED_VERY_GOOD', product: { ...item('Shure SM7B', 1).product, aspects: { Brand: ['Shure'], 'Form Factor': ['Handheld'] } } }, { categoryId: '176984' });
    expect((await call('POST', `/offer/${mic}/publish`)).status).toBe(200);
  });

  it('refuses a policy the account does not have once its policies are set', async () => {
    await control('PUT', '/account', { policies: { fulfillment: ['6196932000'], payment: ['6196933000'], return: ['1'] } });
    const id = await listed('A');
    expect((await call('POST', `/offer/${id}/publish`)).body.errors).toEqual([expect.objectContaining({ errorId: 25035, message: expect.stringContaining('returnPolicyId 6196934000') })]);
  });

  it('holds marketplace, currency and language together', async () => {
    await call('PUT', '/inventory_item/GB-1', item('Gibson', 1), { 'content-language': 'en-GB' });
    const usd = await call('POST', '/offer', offer('GB-1', '999.00', { marketplaceId: 'EBAY_GB' }), { 'content-language': 'en-GB' });
    expect(usd.body.errors[0]).toMatchObject({ errorId: 25003, message: expect.stringContaining('EBAY_GB lists in GBP') });
    const english = await call('POST', '/offer', offer('GB-1', '999.00', { marketplaceId: 'EBAY_GB', pricingSummary: { price: { value: '999.00', currency: 'GBP' } } }));
    expect(english.body.errors[0]).toMatchObject({ errorId: 25604, message: expect.stringContaining('en-GB') });
    const made = await call('POST', '/offer', offer('GB-1', '999.00', { marketplaceId: 'EBAY_GB', pricingSummary: { price: { value: '999.00', currency: 'GBP' } } }), { 'content-language': 'en-GB' });
    expect((await call('POST', `/offer/${made.body.offerId}/publish`, undefined, { 'content-language': 'en-GB' })).status).toBe(200);
    // An item written in en-US cannot publish on EBAY_GB.
    await call('PUT', '/inventory_item/US-1', item('Gibson', 1));
    const gb = await call('POST', '/offer', offer('US-1', '999.00', { marketplaceId: 'EBAY_GB', pricingSummary: { price: { value: '999.00', currency: 'GBP' } } }), { 'content-language': 'en-GB' });
    expect((await call('POST', `/offer/${gb.body.offerId}/publish`)).body.errors[0].message).toContain('written in en_US');
  });
});

describe('the category table', () => {
  it('answers condition policies and aspects per category, and the control API changes them', async () => {
    const conditions = await get('/sell/metadata/v1/marketplace/EBAY_GB/get_item_condition_policies?filter=categoryIds:{33034|176984}');
    expect(conditions.status).toBe(200);
    expect(conditions.body.itemConditionPolicies.map((p: any) => [p.categoryId, p.itemConditions.map((c: any) => c.conditionId)])).toEqual([
      ['33034', ['1000', '1500', '2500', '3000', '7000']],
      ['176984', ['1000', '1500', '2500', '3000', '4000', '5000', '6000', '7000']],
    ]);
    expect((await get('/sell/metadata/v1/marketplace/EBAY_GB/get_item_condition_policies?filter=33034')).body.errors[0].domain).toBe('API_METADATA');
    expect((await get('/commerce/taxonomy/v1/get_default_category_tree_id?marketplace_id=EBAY_GB')).body).toEqual({ categoryTreeId: '3', categoryTreeVersion: expect.any(String) });
    const aspects = await get('/commerce/taxonomy/v1/category_tree/3/get_item_aspects_for_category?category_id=38072');
    expect(aspects.body.aspects.filter((a: any) => a.aspectConstraint.aspectRequired).map((a: any) => a.localizedAspectName)).toEqual(['Brand', 'Amplifier Type']);
    expect((await get('/commerce/taxonomy/v1/category_tree/3/get_item_aspects_for_category?category_id=1')).status).toBe(400);

    const account = await fetch(`${sandbox.url}/_control/ebay/account`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ categories: { '33034': { requiredAspects: ['Brand', 'Body Type'] }, '99': { name: 'Ukuleles', conditions: ['1000', '3000'], requiredAspects: [] } } }),
    });
    expect(account.status).toBe(200);
    const changed = await get('/commerce/taxonomy/v1/category_tree/0/get_item_aspects_for_category?category_id=33034');
    expect(changed.body.aspects.filter((a: any) => a.aspectConstraint.aspectRequired).map((a: any) => a.localizedAspectName)).toEqual(['Brand', 'Body Type']);
    expect((await get('/sell/metadata/v1/marketplace/EBAY_US/get_item_condition_policies?filter=categoryIds:{99}')).body.itemConditionPolicies[0].itemConditions).toHaveLength(2);
    const refused = await fetch(`${sandbox.url}/_control/ebay/account`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ categories: { abc: {} } }) });
    expect(refused.status).toBe(400);
    expect((await get('/commerce/taxonomy/v1/get_default_category_tree_id?marketplace_id=EBAY_GB')).status).toBe(200);
  });
});

describe('quantity in two places', () => {
  it('the listing sells the lower of the item’s quantity and the offer’s availableQuantity', async () => {
    await call('PUT', '/inventory_item/A', item('Fender', 3));
    const made = await call('POST', '/offer', offer('A', '1299.00', { availableQuantity: 1 }));
    await call('POST', `/offer/${made.body.offerId}/publish`);
    expect((await control('GET', '/listings'))[0].quantity).toBe(1);
    await call('PUT', '/inventory_item/A', item('Fender', 5));
    expect((await control('GET', '/listings'))[0].quantity).toBe(1);
    expect((await call('GET', `/offer/${made.body.offerId}`)).body.availableQuantity).toBe(1);
    await call('POST', '/bulk_update_price_quantity', { requests: [{ sku: 'A', shipToLocationAvailability: { quantity: 5 }, offers: [{ offerId: made.body.offerId, availableQuantity: 5 }] }] });
    expect((await control('GET', '/listings'))[0].quantity).toBe(5);
  });
});

describe('Seller Hub listings', () => {
  it('are invisible to the Inventory API, whatever their SKU, until bulk_migrate_listing moves them (five a call)', async () => {
    const made = await control('POST', '/listings', [
      ...Array.from({ length: 6 }, (_, i) => ({ sku: `HUB-${i}`, title: `Hub ${i}`, price: { amount: '100.00', currency: 'GBP' }, sellerHub: true, platformCategory: ['33034'], brand: 'Fender' })),
      { sku: '', title: 'No SKU', price: { amount: '50.00', currency: 'GBP' } },
    ]);
    expect((await call('GET', '/inventory_item')).body.total).toBe(0);
    expect((await call('GET', '/inventory_item/HUB-0')).status).toBe(404);
    const six = await call('POST', '/bulk_migrate_listing', { requests: made.slice(0, 6).map((l: any) => ({ listingId: l.id })) });
    expect(six.status).toBe(400);
    expect(six.body.errors[0].errorId).toBe(25718);
    const two = await call('POST', '/bulk_migrate_listing', { requests: [{ listingId: made[0].id }, { listingId: made[6].id }] });
    expect(two.status).toBe(207);
    expect(two.body.responses[0]).toMatchObject({ listingId: made[0].id, statusCode: 200, marketplaceId: 'EBAY_GB', inventoryItems: [{ sku: 'HUB-0', offerId: expect.any(String) }] });
    expect(two.body.responses[1]).toMatchObject({ statusCode: 400, errors: [{ errorId: 25718, message: expect.stringContaining('has no SKU') }] });
    const offers = await call('GET', '/offer?sku=HUB-0');
    expect(offers.body.offers[0]).toMatchObject({ status: 'PUBLISHED', categoryId: '33034', listing: { listingId: made[0].id, listingStatus: 'ACTIVE' } });
    expect((await call('GET', '/inventory_item')).body.total).toBe(1);
    const again = await call('POST', '/bulk_migrate_listing', { requests: [{ listingId: made[0].id }] });
    expect(again.body.responses[0].errors[0].message).toContain('already an Inventory API listing');
  });
});

describe('orders and notifications', () => {
  it('a sale is an order in the Fulfillment API, found by lastmodifieddate and by id', async () => {
    await control('POST', '/listings', [{ sku: 'G-1', title: 'Gibson', price: { amount: '2500.00', currency: 'GBP' }, quantity: 2 }]);
    const from = new Date(Date.now() - 1000).toISOString();
    await control('POST', '/sales', { sku: 'G-1' });
    const list = await get(`/sell/fulfillment/v1/order?filter=${encodeURIComponent(`lastmodifieddate:[${from}..]`)}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, orders: [{ orderPaymentStatus: 'PAID', lineItems: [{ sku: 'G-1', quantity: 1, lineItemCost: { value: '2500.00', currency: 'GBP' } }] }] });
    const order = await get(`/sell/fulfillment/v1/order/${list.body.orders[0].orderId}`);
    expect(order.body.orderId).toBe(list.body.orders[0].orderId);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await get(`/sell/fulfillment/v1/order?filter=${encodeURIComponent(`lastmodifieddate:[${future}..]`)}`)).body.total).toBe(0);
    const badFilter = await get(`/sell/fulfillment/v1/order?filter=${encodeURIComponent('lastmodifieddate:yesterday')}`);
    expect(badFilter.body.errors[0]).toMatchObject({ errorId: 30800, domain: 'API_FULFILLMENT' });
    // eBay's contract wants the filter URL-encoded; the emulation checks requests against it.
    const raw = await get('/sell/fulfillment/v1/order?filter=lastmodifieddate:[2026-01-01T00:00:00.000Z..]');
    expect(raw.status).toBe(400);
    expect(raw.body.errors[0].parameters).toEqual([{ name: 'fieldName', value: 'filter' }]);
    expect(ebay.contractStats().failed).toBe(1);
    expect((await get('/sell/fulfillment/v1/order/27-00000-00000')).status).toBe(404);
  });

  it('subscriptions need a destination and one per topic; public keys are served by id', async () => {
    const noDestination = await fetch(root('/commerce/notification/v1/subscription'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ topicId: 'ORDER_CONFIRMATION', status: 'ENABLED', destinationId: 'nope', payload: { format: 'JSON', schemaVersion: '1.0', deliveryProtocol: 'HTTPS' } }),
    });
    expect(noDestination.status).toBe(404);
    const body = '{"metadata":{"topic":"ORDER_CONFIRMATION"}}';
    const header = JSON.parse(Buffer.from(ebay.signatureOf(body), 'base64').toString()) as { kid: string; alg: string; digest: string };
    expect(header).toMatchObject({ alg: 'ECDSA', digest: 'SHA1' });
    const key = await get(`/commerce/notification/v1/public_key/${header.kid}`);
    expect(key.body).toEqual({ algorithm: 'ECDSA', digest: 'SHA1', key: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\S+-----END PUBLIC KEY-----$/) });
    expect((await get('/commerce/notification/v1/public_key/other')).status).toBe(404);
    expect((await fetch(root('/commerce/notification/v1/destination'))).status).toBe(401);
  });
});

describe('revising a live offer', () => {
  it('must still meet what publishing needs: a move to a category whose aspects the item lacks is refused', async () => {
    await call('PUT', '/inventory_item/A', item('Fender', 1));
    const made = await call('POST', '/offer', offer('A'));
    expect((await call('POST', `/offer/${made.body.offerId}/publish`)).status).toBe(200);
    const { sku: _s, marketplaceId: _m, ...fields } = offer('A', '1299.00', { categoryId: '4713' });
    const moved = await call('PUT', `/offer/${made.body.offerId}`, fields);
    expect(moved.status).toBe(400);
    expect(moved.body.errors[0].message).toContain('The item specific Type is missing');
    expect((await call('GET', `/offer/${made.body.offerId}`)).body.categoryId).toBe('33034');
    const priced = await call('PUT', `/offer/${made.body.offerId}`, { ...fields, categoryId: '33034', pricingSummary: { price: { value: '1100.00', currency: 'USD' } } });
    expect(priced.status).toBe(200);
    expect((await control('GET', '/listings'))[0]).toMatchObject({ status: 'active', price: { amount: '1100.00' } });
  });
});
