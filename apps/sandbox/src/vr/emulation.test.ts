import { parse } from 'csv-parse/sync';
import got, { type Got } from 'got';
import { startSandbox, type Sandbox } from '../server.js';
import type { VrEmulation } from './emulation.js';
import { EXPORT_COLUMNS } from './export-csv.js';
import { testCredentials } from '../test-credentials.js';

const credentials = testCredentials;

const tricky = 'Plays great, "no" issues.\nRefret in 1998; case, strap\n\n— and a "quoted, comma" line';

let sandbox: Sandbox;
let base: string;
let http: Got;
let vr: VrEmulation;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials });
  base = `${sandbox.url}/vr`;
  vr = sandbox.emulations.vr as VrEmulation;
  http = got.extend({ followRedirect: false, throwHttpErrors: false, retry: { limit: 0 } });
});
afterAll(() => sandbox.close());
beforeEach(() => http.post(`${sandbox.url}/_control/reset`));

const control = (method: 'GET' | 'POST' | 'PUT', path: string, json?: unknown) =>
  http(`${sandbox.url}/_control/vr${path}`, { method, json }).json<any>();

async function login(): Promise<string> {
  const res = await http.post(`${base}/do_login`, { form: { username: 'dealer', pass: 'vr-pass', open_where: 'header' } });
  expect(res.statusCode).toBe(302);
  const cookie = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('PHPSESSID='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

const seed = [
  {
    sku: 'GS-1',
    title: 'Fender Stratocaster',
    brand: 'Fender',
    model: 'Stratocaster',
    year: 1965,
    finish: 'Sunburst',
    category: 'Guitars>Electric solid body',
    description: tricky,
    price: { amount: '18500.00', currency: 'USD' },
    images: ['https://img.example/1.jpg', 'https://img.example/2.jpg'],
  },
  { sku: '', title: 'Vox AC30', brand: 'Vox', model: 'AC30', category: 'Amps', price: { amount: '2400.00', currency: 'USD' }, status: 'sold' },
];

describe('login', () => {
  test('right credentials set PHPSESSID and redirect to the account', async () => {
    const res = await http.post(`${base}/do_login`, { form: { username: 'dealer', pass: 'vr-pass', open_where: 'header' } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/vr/account');
    expect(res.headers['set-cookie']?.[0]).toMatch(/^PHPSESSID=[a-z0-9]{26};/);
  });

  test('wrong credentials show the login page again with an error and no cookie', async () => {
    const res = await http.post(`${base}/do_login`, { form: { username: 'dealer', pass: 'nope', open_where: 'header' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('incorrect');
    expect(res.body).toContain('name="pass"');
  });

  test('pages behind login redirect to the login page, also once sessions expire', async () => {
    expect((await http(`${base}/account/items`)).headers.location).toBe('/vr/login');
    const cookie = await login();
    const ok = await http(`${base}/account/items`, { headers: { cookie } });
    expect(ok.statusCode).toBe(200);
    vr.expireSessions();
    const expired = await http(`${base}/account/items`, { headers: { cookie } });
    expect(expired.statusCode).toBe(302);
    expect(expired.headers.location).toBe('/vr/login');
  });
});

describe('inventory export', () => {
  test('refuses a download without the export page as Referer', async () => {
    const cookie = await login();
    expect((await http(`${base}/instruments/export_inventory/export_inventory`, { headers: { cookie } })).statusCode).toBe(403);
    const wrong = await http(`${base}/instruments/export_inventory/export_inventory`, { headers: { cookie, referer: `${base}/account` } });
    expect(wrong.statusCode).toBe(403);
  });

  test('gives every item, sold ones too, in exactly the site columns with correct quoting', async () => {
    const [strat, vox] = await control('PUT', '/listings', seed);
    const cookie = await login();
    const page = await http(`${base}/instruments/export_inventory`, { headers: { cookie } });
    expect(page.body).toContain('/vr/instruments/export_inventory/export_inventory');
    const res = await http(`${base}/instruments/export_inventory/export_inventory`, { headers: { cookie, referer: `${base}/instruments/export_inventory` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);

    const headerLine = res.body.split('\r\n')[0];
    expect(headerLine).toBe(`${EXPORT_COLUMNS.join(',')},`);
    const rows = parse(res.body) as string[][];
    expect(rows[0]).toEqual([...EXPORT_COLUMNS, '']);
    expect(rows).toHaveLength(3);
    const col = (row: string[], name: (typeof EXPORT_COLUMNS)[number]) => row[EXPORT_COLUMNS.indexOf(name)];
    const [, first, second] = rows as [string[], string[], string[]];
    expect(first).toHaveLength(EXPORT_COLUMNS.length + 1);
    expect(first[first.length - 1]).toBe('');
    expect(col(first, 'product id')).toBe(strat.id);
    expect(col(first, 'external id')).toBe('GS-1');
    expect(col(first, 'brand name')).toBe('Fender');
    expect(col(first, 'category name')).toBe('Guitars>Electric solid body');
    expect(col(first, 'product description')).toBe(tricky);
    expect(col(first, 'product price')).toBe('18500.00');
    expect(col(first, 'product year')).toBe('1965');
    expect(col(first, 'decade')).toBe('1960s');
    expect(col(first, 'product sold')).toBe('no');
    expect(col(first, 'product in inventory')).toBe('yes');
    expect(col(first, 'processing time')).toBe('3 Days');
    expect(col(first, 'image url')).toBe('https://img.example/1.jpg|https://img.example/2.jpg');
    expect(col(second, 'product id')).toBe(vox.id);
    expect(col(second, 'external id')).toBe('');
    expect(col(second, 'product sold')).toBe('yes');
  });
});

describe('add/edit form', () => {
  const form = {
    categ_level_0: 'Guitars',
    categ_level_1: 'Electric solid body',
    recipient_name: 'Gibson',
    model_name: 'Les Paul Custom',
    year: '1974',
    decade: '1970s',
    finish_color: 'Black',
    item_desc: 'Heavy, but "sings"',
    price: '6500',
    external_id: 'GS-9',
    processing_time: '5',
    upload_file_box_1: 'https://img.example/lp.jpg',
  };

  test('the form frm_step1 has the site fields', async () => {
    const cookie = await login();
    const res = await http(`${base}/instruments/add_edit_item`, { headers: { cookie } });
    expect(res.body).toContain('id="frm_step1"');
    expect(res.body).toContain('name="frm_step1"');
    for (const name of ['categ_level_0', 'categ_level_3', 'recipient_name', 'model_name', 'year', 'decade', 'finish_color', 'item_desc', 'price', 'external_id', 'processing_time', 'upload_file_box_1']) {
      expect(res.body).toContain(`name="${name}"`);
    }
  });

  test('a create redirects with the new id when the site shows it', async () => {
    const cookie = await login();
    const res = await http.post(`${base}/instruments/add_edit_item`, { headers: { cookie }, form });
    expect(res.statusCode).toBe(302);
    const id = new URL(res.headers.location!, base).searchParams.get('id');
    const [item] = await control('GET', '/listings');
    expect(item).toMatchObject({ id, sku: 'GS-9', title: 'Gibson Les Paul Custom', year: 1974, condition: null, quantity: 1, status: 'active', category: 'Guitars>Electric solid body' });
    expect(item.price).toEqual({ amount: '6500.00', currency: 'USD' });
    expect(item.images).toEqual(['https://img.example/lp.jpg']);
  });

  test('with hideNewId the answer says "published and live" and holds no id', async () => {
    await control('PUT', '/config', { hideNewId: true });
    await control('PUT', '/listings', seed);
    const cookie = await login();
    const res = await http.post(`${base}/instruments/add_edit_item`, { headers: { cookie }, form });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('published and live');
    const created = (await control('GET', '/listings')).find((l: any) => l.sku === 'GS-9');
    expect(res.body).not.toContain(created.id);
    expect(JSON.stringify(res.headers)).not.toContain(created.id);
  });

  test('a validation error shows the form again with the message and creates nothing', async () => {
    const cookie = await login();
    const res = await http.post(`${base}/instruments/add_edit_item`, { headers: { cookie }, form: { ...form, recipient_name: '' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Please enter the brand');
    expect(res.body).toContain('id="frm_step1"');
    expect(await control('GET', '/listings')).toEqual([]);
  });

  test('an edit changes the item and keeps its id', async () => {
    const [strat] = await control('PUT', '/listings', seed);
    const cookie = await login();
    const page = await http(`${base}/instruments/add_edit_item/${strat.id}`, { headers: { cookie } });
    expect(page.body).toContain('value="Stratocaster"');
    const res = await http.post(`${base}/instruments/add_edit_item/${strat.id}`, { headers: { cookie }, form: { ...form, external_id: 'GS-1' } });
    expect(res.statusCode).toBe(302);
    const [item] = await control('GET', '/listings');
    expect(item).toMatchObject({ id: strat.id, sku: 'GS-1', brand: 'Gibson', model: 'Les Paul Custom' });
    expect((await http(`${base}/instruments/add_edit_item/999`, { headers: { cookie } })).statusCode).toBe(404);
  });

  test('check_brand_exists answers the brand id or 0', async () => {
    const cookie = await login();
    const known = await http.post(`${base}/ajax/check_brand_exists`, { headers: { cookie }, form: { brand_name: 'fender' } });
    expect(Number(known.body)).toBeGreaterThan(0);
    const unknown = await http.post(`${base}/ajax/check_brand_exists`, { headers: { cookie }, form: { brand_name: 'Nobody Guitars' } });
    expect(unknown.body).toBe('0');
  });
});

describe('item AJAX', () => {
  test('needs X-Requested-With and the items page as Referer; answers true or false', async () => {
    const [strat] = await control('PUT', '/listings', seed);
    const cookie = await login();
    const url = `${base}/ajax/mark_as_sold/${strat.id}`;
    const noXhr = await http.post(url, { headers: { cookie, referer: `${base}/account/items` } });
    expect([noXhr.statusCode, noXhr.body]).toEqual([403, 'false']);
    const noReferer = await http.post(url, { headers: { cookie, 'x-requested-with': 'XMLHttpRequest' } });
    expect([noReferer.statusCode, noReferer.body]).toEqual([403, 'false']);
    const headers = { cookie, 'x-requested-with': 'XMLHttpRequest', referer: `${base}/account/items` };
    expect((await http.post(url, { headers })).body).toBe('true');
    expect((await control('GET', '/listings'))[0]).toMatchObject({ status: 'sold', quantity: 0 });
    expect((await http.post(url, { headers })).body).toBe('false');
    expect((await http.post(`${base}/ajax/restore_from_sold/${strat.id}`, { headers })).body).toBe('true');
    expect((await control('GET', '/listings'))[0]).toMatchObject({ status: 'active', quantity: 1 });
    expect((await http.post(`${base}/ajax/delete_item`, { headers, form: { product_id: strat.id } })).body).toBe('true');
    expect((await http.post(`${base}/ajax/delete_item`, { headers, form: { product_id: strat.id } })).body).toBe('false');
    expect((await control('GET', '/listings')).map((l: any) => l.id)).not.toContain(strat.id);
  });
});

describe('control and behaviour', () => {
  test('a sale by SKU marks the item sold; items may have no SKU', async () => {
    await control('POST', '/listings', seed);
    const sold = await control('POST', '/sales', { sku: 'GS-1' });
    expect(sold).toMatchObject({ sku: 'GS-1', status: 'sold', quantity: 0, condition: null });
    const again = await http.post(`${sandbox.url}/_control/vr/sales`, { json: { sku: 'GS-1' } });
    expect(again.statusCode).toBe(409);
    expect((await control('GET', '/listings'))[1]).toMatchObject({ sku: '', title: 'Vox AC30' });
  });

  test('maintenance answers every page with a 503 maintenance page', async () => {
    await control('PUT', '/config', { maintenance: true });
    for (const path of ['/login', '/account', '/instruments/export_inventory']) {
      const res = await http(`${base}${path}`);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/html/);
      expect(res.body).toContain('maintenance');
    }
  });

  test('faults come as HTML: a Cloudflare challenge for 403, 429 with Retry-After', async () => {
    await control('PUT', '/config', { errorRate: 1, errorStatus: 403 });
    const challenged = await http(`${base}/login`);
    expect(challenged.statusCode).toBe(403);
    expect(challenged.headers['cf-mitigated']).toBe('challenge');
    await control('PUT', '/config', { errorRate: 0, rateLimit: { max: 1, perMs: 60_000 } });
    await http(`${base}/login`);
    const throttled = await http(`${base}/login`);
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.headers['content-type']).toMatch(/html/);
  });
});
