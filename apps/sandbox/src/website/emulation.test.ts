import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { startSandbox, type Sandbox } from '../server.js';
import { testCredentials } from '../test-credentials.js';

const credentials = testCredentials;
const basic = `Basic ${Buffer.from('ck_test:cs_test').toString('base64')}`;

let sandbox: Sandbox;
let api: string;
let control: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials });
  api = `${sandbox.url}/website/wp-json/wc/v3`;
  control = `${sandbox.url}/_control/website`;
});
afterAll(() => sandbox.close());
beforeEach(() => fetch(`${sandbox.url}/_control/reset`, { method: 'POST' }));

async function woo(path: string, init: { method?: string; body?: unknown; auth?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const auth = init.auth === undefined ? basic : init.auth;
  if (auth) headers.authorization = auth;
  const res = await fetch(`${api}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // garbage answers stay text
  }
  return { status: res.status, headers: res.headers, body };
}

async function put(listings: unknown[]) {
  const res = await fetch(`${control}/listings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(listings) });
  expect(res.status).toBe(200);
  return (await res.json()) as any[];
}

const guitar = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  title: `Guitar ${sku}`,
  description: 'A fine instrument',
  price: { amount: '1299.00', currency: 'USD' },
  quantity: 1,
  condition: 'excellent',
  images: [`https://img.example/${sku}.jpg`],
  ...extra,
});

describe('auth', () => {
  it('refuses a wrong secret with WooCommerce’s error shape', async () => {
    const res = await woo('/products', { auth: `Basic ${Buffer.from('ck_test:nope').toString('base64')}` });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'woocommerce_rest_authentication_error', message: expect.any(String), data: { status: 401 } });
  });

  it('accepts consumer_key and consumer_secret in the query', async () => {
    const res = await woo('/products?consumer_key=ck_test&consumer_secret=cs_test', { auth: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });
});

describe('GET /products', () => {
  it('pages with X-WP-Total and X-WP-TotalPages', async () => {
    await put(['A', 'B', 'C', 'D', 'E'].map((s) => guitar(s)));
    const first = await woo('/products?per_page=2&page=1&orderby=id&order=asc');
    expect(first.headers.get('x-wp-total')).toBe('5');
    expect(first.headers.get('x-wp-totalpages')).toBe('3');
    expect(first.body.map((p: any) => p.sku)).toEqual(['A', 'B']);
    const last = await woo('/products?per_page=2&page=3&orderby=id&order=asc');
    expect(last.body.map((p: any) => p.sku)).toEqual(['E']);
  });

  it('defaults to 10 a page and refuses more than 100', async () => {
    await put(Array.from({ length: 12 }, (_, i) => guitar(`S${i}`)));
    expect((await woo('/products')).body).toHaveLength(10);
    const tooMany = await woo('/products?per_page=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('rest_invalid_param');
  });

  it('filters by SKU and status', async () => {
    await put([guitar('A'), guitar('B', { status: 'ended' })]);
    const bySku = await woo('/products?sku=B');
    expect(bySku.body).toHaveLength(1);
    expect(bySku.body[0]).toMatchObject({ sku: 'B', status: 'draft', regular_price: '1299.00', manage_stock: true, stock_quantity: 1 });
    expect((await woo('/products?status=publish')).body.map((p: any) => p.sku)).toEqual(['A']);
  });

  it('answers one product by id, 404 for an unknown one', async () => {
    const [listing] = await put([guitar('A')]);
    expect((await woo(`/products/${listing.id}`)).body.sku).toBe('A');
    const missing = await woo('/products/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('woocommerce_rest_product_invalid_id');
  });
});

describe('POST /products/batch', () => {
  it('answers each entry for itself', async () => {
    const [a] = await put([guitar('A')]);
    const res = await woo('/products/batch', {
      method: 'POST',
      body: {
        create: [
          { name: 'New', sku: 'N1', regular_price: '10.00', manage_stock: true, stock_quantity: 2 },
          { name: 'Dup', sku: 'A', regular_price: '10.00' },
          { name: 'Bad price', sku: 'N2', regular_price: '10,00' },
        ],
        update: [
          { id: Number(a.id), stock_quantity: 0 },
          { id: 424242, name: 'ghost' },
        ],
        delete: [434343],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.create[0]).toMatchObject({ sku: 'N1', stock_status: 'instock', price: '10.00' });
    expect(res.body.create[1].error.code).toBe('product_invalid_sku');
    expect(res.body.create[2].error).toMatchObject({ code: 'rest_invalid_param', data: { status: 400 } });
    expect(res.body.update[0]).toMatchObject({ id: Number(a.id), stock_quantity: 0, stock_status: 'outofstock' });
    expect(res.body.update[1]).toMatchObject({ id: 424242, error: { code: 'woocommerce_rest_product_invalid_id' } });
    expect(res.body.delete[0]).toMatchObject({ id: 434343, error: { code: 'woocommerce_rest_product_invalid_id' } });
    const skus = (await woo('/products?orderby=id&order=asc')).body.map((p: any) => p.sku);
    expect(skus).toEqual(['A', 'N1']);
  });

  it('refuses more than 100 objects in all with 413', async () => {
    const res = await woo('/products/batch', {
      method: 'POST',
      body: { create: Array.from({ length: 60 }, (_, i) => ({ name: `x${i}` })), delete: Array.from({ length: 41 }, (_, i) => i + 1) },
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('woocommerce_rest_request_entity_too_large');
    expect((await woo('/products')).body).toEqual([]);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await woo('/products/batch', { method: 'POST', body: '{"create": [' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('rest_invalid_json');
  });

  it('deletes for good, and a plain DELETE only trashes', async () => {
    const [a, b] = await put([guitar('A'), guitar('B')]);
    const batch = await woo('/products/batch', { method: 'POST', body: { delete: [Number(a.id)] } });
    expect(batch.body.delete[0]).toMatchObject({ id: Number(a.id), sku: 'A' });
    const trashed = await woo(`/products/${b.id}`, { method: 'DELETE' });
    expect(trashed.body.status).toBe('trash');
    expect((await woo('/products')).body).toEqual([]);
    expect((await woo('/products?status=trash')).body.map((p: any) => p.sku)).toEqual(['B']);
  });
});

describe('single product writes', () => {
  it('creates, edits and force-deletes', async () => {
    const created = await woo('/products', { method: 'POST', body: { name: 'Strat', sku: 'S', regular_price: '999.5', manage_stock: true, stock_quantity: 1 } });
    expect(created.status).toBe(201);
    const edited = await woo(`/products/${created.body.id}`, { method: 'PUT', body: { status: 'private' } });
    expect(edited.body.status).toBe('private');
    const gone = await woo(`/products/${created.body.id}?force=true`, { method: 'DELETE' });
    expect(gone.status).toBe(200);
    expect((await woo(`/products/${created.body.id}`)).status).toBe(404);
  });

  it('replaces the whole attribute set, drops entries without options, hides what is not sent visible', async () => {
    const body = { name: 'Strat', attributes: [{ name: 'Brand', options: ['Fender'], visible: true }, { name: 'Finish', options: 'Sunburst | Olympic White' }, { name: 'Model' }] };
    const created = await woo('/products', { method: 'POST', body });
    expect(created.body.attributes).toEqual([
      { id: 0, name: 'Brand', position: 0, visible: true, variation: false, options: ['Fender'] },
      { id: 0, name: 'Finish', position: 0, visible: false, variation: false, options: ['Sunburst', 'Olympic White'] },
    ]);
    const edited = await woo(`/products/${created.body.id}`, { method: 'PUT', body: { attributes: [{ name: 'Year', options: ['1965'] }] } });
    expect(edited.body.attributes.map((a: { name: string }) => a.name)).toEqual(['Year']);
    const refused = await woo(`/products/${created.body.id}`, { method: 'PUT', body: { attributes: { name: 'Year' } } });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: 'rest_invalid_param' });
    expect((await woo(`/products/${created.body.id}`)).body.attributes).toHaveLength(1);
  });
});

describe('control API', () => {
  it('round-trips canonical listings, with item fields as the product attributes a shop shows', async () => {
    await put([guitar('A', { brand: 'Fender', model: 'Stratocaster', year: 1965, finish: 'Sunburst', category: 'Guitars' }), guitar('B', { status: 'sold' })]);
    const listed = (await (await fetch(`${control}/listings`)).json()) as any[];
    expect(listed[0]).toMatchObject({ sku: 'A', status: 'active', quantity: 1, condition: 'excellent', brand: 'Fender', year: 1965, category: 'Guitars' });
    expect(listed[1]).toMatchObject({ sku: 'B', status: 'sold', quantity: 0 });
    const wire = (await woo('/products?sku=A')).body[0];
    expect(wire.attributes).toEqual(
      expect.arrayContaining([
        { id: 0, name: 'Brand', position: 0, visible: true, variation: false, options: ['Fender'] },
        expect.objectContaining({ name: 'Condition', options: ['Excellent'] }),
      ]),
    );
    expect(wire.meta_data).toEqual([]);
    expect(wire.categories[0].name).toBe('Guitars');
  });

  it('a hand edit of one item field keeps the other attributes', async () => {
    await put([guitar('A', { brand: 'Fender', model: 'Stratocaster', year: 1965 })]);
    const res = await fetch(`${control}/listings/A`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ year: 1966, finish: null }) });
    expect(await res.json()).toMatchObject({ brand: 'Fender', model: 'Stratocaster', year: 1966, finish: null, condition: 'excellent' });
  });

  it('patches a listing by hand', async () => {
    await put([guitar('A')]);
    const res = await fetch(`${control}/listings/A`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ price: { amount: '1099.00', currency: 'USD' }, status: 'ended' }) });
    expect(await res.json()).toMatchObject({ sku: 'A', status: 'ended', price: { amount: '1099.00' } });
    expect((await woo('/products?sku=A')).body[0]).toMatchObject({ status: 'draft', regular_price: '1099.00' });
  });

  it('sells: stock down, sold at 0, a signed order.created webhook', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const hook: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const port = (hook.address() as { port: number }).port;
    try {
      const [a] = await put([guitar('A')]);
      await fetch(`${control}/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ webhookUrl: `http://127.0.0.1:${port}/hook`, webhookSecret: 'whsec' }) });
      const sale = await fetch(`${control}/sales`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'A' }) });
      expect(await sale.json()).toMatchObject({ sku: 'A', status: 'sold', quantity: 0 });
      expect(received).toHaveLength(1);
      const { headers, body } = received[0]!;
      expect(headers['x-wc-webhook-topic']).toBe('order.created');
      expect(headers['x-wc-webhook-signature']).toBe(createHmac('sha256', 'whsec').update(body).digest('base64'));
      expect(JSON.parse(body)).toMatchObject({ status: 'processing', line_items: [{ product_id: Number(a.id), sku: 'A', quantity: 1 }] });
      const again = await fetch(`${control}/sales`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'A' }) });
      expect(again.status).toBe(409);
    } finally {
      await new Promise((r) => hook.close(r));
    }
  });
});

describe('behaviour', () => {
  const configure = (patch: unknown) => fetch(`${control}/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });

  it('throttles past the rate limit with 429 and Retry-After, counted in stats', async () => {
    await configure({ rateLimit: { max: 2, perMs: 60_000 } });
    await woo('/products');
    await woo('/products');
    const third = await woo('/products');
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('too_many_requests');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    const stats = (await (await fetch(`${control}/stats`)).json()) as any;
    expect(stats).toMatchObject({ calls: 3, throttled: 1, byEndpoint: { 'GET /products': 3 } });
  });

  it('fails every call at errorRate 1 with the configured status', async () => {
    await configure({ errorRate: 1, errorStatus: 502 });
    const res = await woo('/products');
    expect(res.status).toBe(502);
    expect(res.body.data.status).toBe(502);
  });

  it('answers HTML with 200 when garbage is asked for, 503 when down', async () => {
    await configure({ garbageRate: 1 });
    const garbage = await woo('/products');
    expect(garbage.status).toBe(200);
    expect(garbage.headers.get('content-type')).toMatch(/text\/html/);
    await configure({ garbageRate: 0, down: true });
    expect((await woo('/products')).status).toBe(503);
  });
});

async function controlSend(method: string, path: string, body: unknown) {
  const res = await fetch(`${control}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}
const stats = async () => (await (await fetch(`${control}/stats`)).json()) as any;
const create = (entry: Record<string, unknown>) => woo('/products/batch', { method: 'POST', body: { create: [{ name: 'Guitar', regular_price: '100.00', ...entry }] } }).then((r) => r.body.create[0]);

describe('media', () => {
  it('sideloads every src into a new media item under the shop’s own uploads, renaming a name it already has', async () => {
    const first = await create({ sku: 'A', images: [{ src: 'https://img.example/a/strat.jpg' }] });
    expect(first.images).toEqual([{ id: expect.any(Number), src: `${sandbox.url}/website/wp-content/uploads/${new Date().toISOString().slice(0, 7).replace('-', '/')}/strat.jpg`, name: 'strat', alt: '' }]);
    const again = await create({ sku: 'B', images: [{ src: 'https://img.example/a/strat.jpg' }] });
    expect(again.images[0].id).not.toBe(first.images[0].id);
    expect(again.images[0].src).toMatch(/\/strat-1\.jpg$/);
    expect((await stats()).media).toBe(2);
    const served = await fetch(first.images[0].src);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/image\/jpeg/);
    expect((await fetch(`${sandbox.url}/website/wp-content/uploads/2020/01/nothing.jpg`)).status).toBe(404);
  });

  it('keeps a media item sent by id, refuses an unknown id, and downloads nothing for a refused write', async () => {
    const product = await create({ sku: 'A', images: [{ src: 'https://img.example/one.jpg' }, { src: 'https://img.example/two.jpg' }] });
    const [one, two] = product.images;
    const kept = await woo('/products/batch', { method: 'POST', body: { update: [{ id: product.id, images: [{ id: two.id }, { id: one.id }] }] } });
    expect(kept.body.update[0].images).toEqual([two, one]);
    const refused = await woo('/products/batch', { method: 'POST', body: { update: [{ id: product.id, images: [{ src: 'https://img.example/three.jpg' }, { id: 424242 }] }] } });
    expect(refused.body.update[0].error).toMatchObject({ code: 'woocommerce_product_invalid_image_id', data: { status: 400 } });
    expect((await stats()).media).toBe(2);
    expect((await woo(`/products/${product.id}`)).body.images).toEqual([two, one]);
  });

  it('serves control-API photos as the shop holds them', async () => {
    const [a] = await put([guitar('A', { images: ['https://img.example/x/front.jpg'] })]);
    expect(a.images).toEqual([expect.stringMatching(/\/website\/wp-content\/uploads\/\d{4}\/\d{2}\/front\.jpg$/)]);
  });
});

describe('store-wide stock management', () => {
  it('when off, ignores manage_stock and stock_quantity: only stock_status counts', async () => {
    expect((await controlSend('PUT', '/account', { manageStock: false })).body).toMatchObject({ manageStock: false });
    const product = await create({ sku: 'A', manage_stock: true, stock_quantity: 0 });
    expect(product).toMatchObject({ manage_stock: false, stock_quantity: null, stock_status: 'instock' });
    const out = await woo('/products/batch', { method: 'POST', body: { update: [{ id: product.id, manage_stock: true, stock_quantity: 0, stock_status: 'outofstock' }] } });
    expect(out.body.update[0]).toMatchObject({ manage_stock: false, stock_quantity: null, stock_status: 'outofstock' });
    expect((await (await fetch(`${control}/listings`)).json())[0]).toMatchObject({ sku: 'A', status: 'sold', quantity: 0 });
  });

  it('when off, a sale leaves the item for sale and only the order shows it', async () => {
    await controlSend('PUT', '/account', { manageStock: false });
    await put([guitar('A', { quantity: 1 })]);
    const sold = await controlSend('POST', '/sales', { sku: 'A' });
    expect(sold.body).toMatchObject({ sku: 'A', status: 'active', quantity: 1 });
    expect((await woo('/orders')).body).toEqual([expect.objectContaining({ status: 'processing', line_items: [expect.objectContaining({ sku: 'A', quantity: 1 })] })]);
  });

  it('refuses an account setting it does not know', async () => {
    const res = await controlSend('PUT', '/account', { manageStock: 'no' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect((await controlSend('PUT', '/account', { currency: 'pounds' })).status).toBe(400);
  });
});

describe('the store currency', () => {
  it('prices every product and order in the one currency the shop is set to', async () => {
    await put([guitar('A')]);
    expect((await (await fetch(`${control}/listings`)).json())[0].price).toEqual({ amount: '1299.00', currency: 'USD' });
    expect((await controlSend('PUT', '/account', { currency: 'GBP' })).body).toMatchObject({ currency: 'GBP' });
    expect((await (await fetch(`${control}/listings`)).json())[0].price).toEqual({ amount: '1299.00', currency: 'GBP' });
    await controlSend('POST', '/sales', { sku: 'A' });
    expect((await woo('/orders')).body).toEqual([expect.objectContaining({ currency: 'GBP' })]);
  });
});

describe('categories', () => {
  it('lists the shop’s categories, files a product under known ids, and refuses an unknown one', async () => {
    await controlSend('PUT', '/account', { categories: [{ id: 21, name: 'Electric Guitars' }] });
    const terms = await woo('/products/categories?per_page=100');
    expect(terms.body.map((t: any) => [t.id, t.name])).toEqual([
      [15, 'Uncategorized'],
      [21, 'Electric Guitars'],
    ]);
    expect(terms.headers.get('x-wp-total')).toBe('2');
    const filed = await create({ sku: 'A', categories: [{ id: 21 }] });
    expect(filed.categories).toEqual([{ id: 21, name: 'Electric Guitars', slug: 'electric-guitars' }]);
    const nowhere = await create({ sku: 'B' });
    expect(nowhere.categories).toEqual([{ id: 15, name: 'Uncategorized', slug: 'uncategorized' }]);
    const refused = await create({ sku: 'C', categories: [{ id: 99 }] });
    expect(refused.error).toMatchObject({ code: 'woocommerce_rest_term_invalid', data: { status: 400 } });
    expect((await woo('/products?sku=C')).body).toEqual([]);
    const listed = (await (await fetch(`${control}/listings`)).json()) as any[];
    expect(listed.map((l) => [l.sku, l.platformCategory, l.category])).toEqual([
      ['A', ['21'], 'Electric Guitars'],
      ['B', ['15'], null],
    ]);
  });
});

describe('orders', () => {
  it('answers orders modified after a time, paged, and refuses a date it cannot read', async () => {
    await put([guitar('A', { quantity: 3 })]);
    const before = new Date(Date.now() - 1000).toISOString();
    await controlSend('POST', '/sales', { sku: 'A' });
    await controlSend('POST', '/sales', { sku: 'A', quantity: 2 });
    const all = await woo(`/orders?modified_after=${before}&order=asc&per_page=1`);
    expect(all.headers.get('x-wp-total')).toBe('2');
    expect(all.body).toEqual([expect.objectContaining({ line_items: [expect.objectContaining({ sku: 'A', quantity: 1 })] })]);
    const later = await woo(`/orders?modified_after=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(later.body).toEqual([]);
    const bad = await woo('/orders?modified_after=yesterday');
    expect(bad).toMatchObject({ status: 400, body: { code: 'rest_invalid_param' } });
    expect((await (await fetch(`${control}/listings`)).json())[0]).toMatchObject({ sku: 'A', status: 'sold', quantity: 0 });
  });
});

describe('webhooks', () => {
  it('keeps every webhook it is given, refuses a bad topic, and delivers order.created signed with each one’s secret', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const hook: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;
    try {
      const made = await woo('/webhooks', { method: 'POST', body: { name: 'sales', topic: 'order.created', delivery_url: url, secret: 's1' } });
      expect(made).toMatchObject({ status: 201, body: { id: expect.any(Number), topic: 'order.created', status: 'active', delivery_url: url, secret: 's1' } });
      const twice = await woo('/webhooks', { method: 'POST', body: { topic: 'order.created', delivery_url: url, secret: 's2', status: 'disabled' } });
      expect(twice.status).toBe(201);
      expect((await woo('/webhooks')).body).toHaveLength(2);
      expect((await woo('/webhooks', { method: 'POST', body: { topic: 'order.sold', delivery_url: url } })).body.code).toBe('woocommerce_rest_shop_webhook_invalid_topic');
      expect((await woo('/webhooks', { method: 'POST', body: { topic: 'order.created', delivery_url: 'not a url' } })).status).toBe(400);

      await put([guitar('A')]);
      await controlSend('POST', '/sales', { sku: 'A' });
      // The disabled one gets nothing.
      expect(received).toHaveLength(1);
      expect(received[0]!.headers['x-wc-webhook-id']).toBe(String(made.body.id));
      expect(received[0]!.headers['x-wc-webhook-signature']).toBe(createHmac('sha256', 's1').update(received[0]!.body).digest('base64'));

      expect((await woo(`/webhooks/${twice.body.id}`, { method: 'DELETE' })).status).toBe(501);
      expect((await woo(`/webhooks/${twice.body.id}?force=true`, { method: 'DELETE' })).status).toBe(200);
      expect((await woo('/webhooks')).body.map((w: any) => w.id)).toEqual([made.body.id]);
    } finally {
      await new Promise((r) => hook.close(r));
    }
  });
});
