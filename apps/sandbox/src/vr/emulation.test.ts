import { parse } from 'csv-parse/sync';
import { startSandbox, type Sandbox } from '../server.js';
import { jpegFor, webpFor } from '../images.js';
import type { VrEmulation } from './emulation.js';
import { EXPORT_COLUMNS } from './export-csv.js';
import { testCredentials } from '../test-credentials.js';

const tricky = 'Plays great, "no" issues.\nRefret in 1998; case, strap\n\n— and a "quoted, comma" line';

let sandbox: Sandbox;
let base: string;
let vr: VrEmulation;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials: testCredentials });
  base = `${sandbox.url}/vr`;
  vr = sandbox.emulations.vr as VrEmulation;
});
afterAll(() => sandbox.close());
beforeEach(() => fetch(`${sandbox.url}/_control/reset`, { method: 'POST' }));

const control = async (method: 'GET' | 'POST' | 'PUT', path: string, json?: unknown) => {
  const res = await fetch(`${sandbox.url}/_control/vr${path}`, { method, headers: { 'content-type': 'application/json' }, body: json === undefined ? undefined : JSON.stringify(json) });
  return { status: res.status, body: (await res.json()) as any };
};

/** A browser without scripts: keeps cookies, follows nothing. */
class Visitor {
  cookies = new Map<string, string>();
  constructor(private readonly headers: Record<string, string> = {}) {}

  async req(method: string, path: string, init: { form?: Record<string, string>; body?: FormData; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...this.headers, ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: BodyInit | undefined = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
}

async function dealer(): Promise<Visitor> {
  const v = new Visitor();
  await v.req('GET', '/');
  const res = await v.req('POST', '/do_login', { form: { username: 'dealer', pass: 'vr-pass', open_where: 'header' } });
  expect(res.status).toBe(302);
  return v;
}

const xhr = { 'x-requested-with': 'XMLHttpRequest' };

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
  { sku: '', title: 'Vox AC30', brand: 'Vox', model: 'AC30', platformCategory: ['53'], price: { amount: '2400.00', currency: 'USD' }, status: 'sold' },
];

describe('login', () => {
  test('the home page sets PHPSESSID; the header form logs in on a new session id; pages then show Logout', async () => {
    const v = new Visitor();
    const home = await v.req('GET', '/');
    expect(home.text).toContain('id="frm_login_header"');
    expect(home.text).not.toContain('Logout');
    const visitorId = v.cookies.get('PHPSESSID');
    expect(visitorId).toMatch(/^[a-z0-9]{26}$/);
    const res = await v.req('POST', '/do_login', { form: { username: 'dealer', pass: 'vr-pass', open_where: 'header' } });
    expect([res.status, res.headers.get('location')]).toEqual([302, '/vr/account']);
    expect(v.cookies.get('PHPSESSID')).not.toBe(visitorId);
    expect((await v.req('GET', '/account')).text).toContain('Logout');
    expect((await v.req('GET', '/')).text).toContain('Logout');
  });

  test('there is no /login page; a post without the home page session, or wrong credentials, does not log in', async () => {
    expect((await new Visitor().req('GET', '/login')).status).toBe(404);
    const cold = new Visitor();
    const noSession = await cold.req('POST', '/do_login', { form: { username: 'dealer', pass: 'vr-pass', open_where: 'header' } });
    expect([noSession.status, noSession.headers.get('location')]).toEqual([302, '/vr/']);
    const v = new Visitor();
    await v.req('GET', '/');
    const wrong = await v.req('POST', '/do_login', { form: { username: 'dealer', pass: 'nope', open_where: 'header' } });
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('Wrong username or password');
    expect(wrong.text).not.toContain('Logout');
  });

  test('an expired session shows the home page logged out', async () => {
    const v = await dealer();
    expect((await v.req('GET', '/account/items')).status).toBe(200);
    vr.expireSessions();
    const expired = await v.req('GET', '/account/items');
    expect([expired.status, expired.headers.get('location')]).toEqual([302, '/vr/']);
    expect((await v.req('GET', '/')).text).toContain('id="frm_login_header"');
  });
});

describe('inventory export', () => {
  test('refuses a download without the export page as Referer', async () => {
    const v = await dealer();
    expect((await v.req('GET', '/instruments/export_inventory/export_inventory')).status).toBe(403);
  });

  test('every item, sold ones too, in the site columns, categories as names; extra columns after them; slow when told', async () => {
    const [strat, vox] = (await control('PUT', '/listings', seed)).body;
    await control('PUT', '/config', { exportDelayMs: 300, exportExtraColumns: ['product condition'] });
    const v = await dealer();
    const started = Date.now();
    const res = await v.req('GET', '/instruments/export_inventory/export_inventory', { headers: { referer: `${base}/instruments/export_inventory` } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(res.text) as string[][];
    expect(rows[0]).toEqual([...EXPORT_COLUMNS, 'product condition', '']);
    const col = (row: string[], name: (typeof EXPORT_COLUMNS)[number]) => row[EXPORT_COLUMNS.indexOf(name)];
    const [, first, second] = rows as [string[], string[], string[]];
    expect(first).toHaveLength(EXPORT_COLUMNS.length + 2);
    expect(col(first, 'product id')).toBe(strat.id);
    expect(col(first, 'category name')).toBe('Guitars>Electric solid body');
    expect(col(first, 'product description')).toBe(tricky);
    expect(col(first, 'image url')).toBe('https://img.example/1.jpg|https://img.example/2.jpg');
    expect(col(second, 'product id')).toBe(vox.id);
    expect(col(second, 'category name')).toBe('Amps');
    expect(col(second, 'product sold')).toBe('yes');
    expect(strat.platformCategory).toEqual(['51', '83']);
  });
});

describe('the item form', () => {
  async function formPage(v: Visitor, path = '/instruments/add_edit_item') {
    const page = await v.req('GET', path);
    const token = /name="unique_id" value="([^"]+)"/.exec(page.text)?.[1];
    return { page, token: token! };
  }

  async function upload(v: Visitor, bytes: Buffer, name: string, headers: Record<string, string> = { ...xhr, referer: `${base}/instruments/add_edit_item` }) {
    const body = new FormData();
    body.append('filename[0]', new Blob([new Uint8Array(bytes)]), name);
    const res = await v.req('POST', '/ajax/dropzone_upload/20417', { body, headers });
    return { status: res.status, answer: res.status === 200 ? JSON.parse(res.text) : res.text };
  }

  function post(fields: Record<string, string | string[]>): FormData {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
    return body;
  }

  const shipping = { 'shipping_fees_fee[]': ['50', '', '40', '120'], 'shipping_fees_destination[]': ['Europe', 'USA', 'UK', 'Rest of world'] };

  test('the form has the real fields; lower category levels start empty and come from the site by parent', async () => {
    const v = await dealer();
    const { page } = await formPage(v);
    for (const name of ['categ_level_0', 'categ_level_1', 'recipient_name', 'brand_make_id', 'model_name', 'finish_color', 'year', 'decade', 'item_desc', 'price', 'processing_time', 'hours_days_sel', 'shipping_fees_fee[]', 'shipping_fees_destination[]', 'unique_id', 'owner_id', 'product_id']) {
      expect(page.text).toContain(`name="${name}"`);
    }
    // The live form has no field for the dealer's own reference.
    expect(page.text).not.toContain('name="external_id"');
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('id="submit_step_1"');
    expect(page.text).toMatch(/<option value="51"[^>]*>Guitars<\/option>/);
    expect(page.text).not.toContain('value="83"');
    const children = await v.req('GET', '/ajax/get_subcategories?parent_id=51', { headers: xhr });
    expect(JSON.parse(children.text)).toContainEqual({ id: '83', name: 'Electric solid body' });
  });

  test('a create: uploads taken by Dropzone, then the form; a 302 to the new item, which shows the message', async () => {
    const v = await dealer();
    const one = await upload(v, jpegFor('/a.jpg'), 'a.jpg');
    expect(one.answer).toEqual([{ success: true, thumbnailName: expect.stringMatching(/_thumb\.jpg$/), file_unique_id: expect.any(String), fileName: expect.stringMatching(/\.jpg$/), size: jpegFor('/a.jpg').length }]);
    const { token } = await formPage(v);
    const a = one.answer[0];
    const res = await v.req('POST', '/instruments/add_edit_item', {
      body: post({
        unique_id: token, owner_id: '20417', product_id: '0', categ_level_0: '90', categ_level_1: '93', recipient_name: 'Fender', brand_make_id: '1', model_name: 'Blender', year: '1977', decade: '1970', item_desc: '<p>Loud</p>', price: '750', processing_time: '3', hours_days_sel: 'Days', ...shipping,
        'thumb_name[]': a.thumbnailName, 'file_unique_id[]': a.file_unique_id, 'product_media_id[]': '0', 'original_name[]': a.fileName, 'media_type[]': 'photo', 'size[]': String(a.size), 'new_upload[]': '1',
      }),
    });
    expect(res.status).toBe(302);
    const id = /\/add_edit_item\/(\d{6})$/.exec(res.headers.get('location')!)?.[1];
    expect(id).toBeDefined();
    expect((await v.req('GET', `/instruments/add_edit_item/${id}`)).text).toContain('Your item is now published and live on vintageandrare.com');
    const [item] = (await control('GET', '/listings')).body;
    expect(item).toMatchObject({ id, brand: 'Fender', model: 'Blender', category: 'Effects>Fuzz', platformCategory: ['90', '93'], description: '<p>Loud</p>' });
    expect(vr.photoBytes(item.images[0])).toEqual(jpegFor('/a.jpg'));
    expect(Buffer.from(await (await fetch(item.images[0])).arrayBuffer())).toEqual(jpegFor('/a.jpg'));
  });

  test('an external_id posted with the form is not kept: the export shows no reference; an edit keeps one the dealer imported', async () => {
    const [imported] = (await control('PUT', '/listings', [seed[0]])).body;
    const v = await dealer();
    const fields = { owner_id: '20417', categ_level_0: '51', categ_level_1: '83', recipient_name: 'Fender', brand_make_id: '1', model_name: 'Esquire', year: '1955', price: '9000', ...shipping, external_id: 'GS-9' };
    const made = await v.req('POST', '/instruments/add_edit_item', { body: post({ ...fields, product_id: '0', unique_id: (await formPage(v)).token }) });
    const id = /\/add_edit_item\/(\d{6})$/.exec(made.headers.get('location')!)![1]!;
    const edited = await v.req('POST', `/instruments/add_edit_item/${imported.id}`, {
      body: post({ ...fields, model_name: 'Stratocaster', product_id: imported.id, unique_id: (await formPage(v, `/instruments/add_edit_item/${imported.id}`)).token, external_id: 'GS-OTHER' }),
    });
    expect([made.status, edited.status]).toEqual([302, 302]);
    const res = await v.req('GET', '/instruments/export_inventory/export_inventory', { headers: { referer: `${base}/instruments/export_inventory` } });
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['product id'], r['external id'], r['product model name']])).toEqual([
      [imported.id, 'GS-1', 'Stratocaster'],
      [id, '', 'Esquire'],
    ]);
    expect((await control('GET', '/listings')).body.map((l: { sku: string }) => l.sku)).toEqual(['GS-1', '']);
  });

  test('refusals: a replayed token, a broken category chain, a brand without its id, an unknown brand', async () => {
    await control('PUT', '/account', { brands: ['Fender'] });
    const v = await dealer();
    const fields = { owner_id: '20417', product_id: '0', categ_level_0: '51', categ_level_1: '83', recipient_name: 'Fender', brand_make_id: '1', model_name: 'Esquire', price: '9000', ...shipping };
    const attempt = async (over: Record<string, string>, token?: string) => {
      const t = token ?? (await formPage(v)).token;
      return v.req('POST', '/instruments/add_edit_item', { body: post({ ...fields, unique_id: t, ...over }) });
    };
    expect((await attempt({}, 'made-up')).text).toContain('Your session has expired');
    expect((await attempt({ categ_level_1: '93' })).text).toContain('Please select a valid category');
    expect((await attempt({ brand_make_id: '' })).text).toContain('Please choose the brand from the suggestions');
    expect((await attempt({ recipient_name: 'Nobody Guitars', brand_make_id: '0' })).text).toContain('is not in our list');
    expect((await control('GET', '/listings')).body).toEqual([]);
    expect((await attempt({})).status).toBe(302);
  });

  test('Dropzone needs XHR from the item form, refuses WebP and files that are not images', async () => {
    const v = await dealer();
    expect((await upload(v, jpegFor('/x.jpg'), 'x.jpg', { referer: `${base}/instruments/add_edit_item` })).status).toBe(403);
    expect((await upload(v, jpegFor('/x.jpg'), 'x.jpg', xhr)).status).toBe(403);
    expect((await upload(v, jpegFor('/x.jpg'), 'x.jpg', { ...xhr, referer: `${base}/account/items` })).status).toBe(403);
    expect((await upload(v, jpegFor('/x.jpg'), 'x.jpg', { ...xhr, referer: `${base}/instruments/add_edit_item/410001` })).answer[0].success).toBe(true);
    expect((await upload(v, webpFor(), 'x.webp')).answer).toEqual([{ success: false, error: expect.stringMatching(/JPG, PNG or GIF/) }]);
    expect((await upload(v, Buffer.from('hello'), 'x.jpg')).answer[0].success).toBe(false);
  });

  test('an edit can drop a photo with delete_item_images[] and keeps the others', async () => {
    const [strat] = (await control('PUT', '/listings', seed)).body;
    const v = await dealer();
    const { page, token } = await formPage(v, `/instruments/add_edit_item/${strat.id}`);
    const mediaIds = [...page.text.matchAll(/data-media-id="(\d+)"/g)].map((m) => m[1]!);
    expect(mediaIds).toHaveLength(2);
    const res = await v.req('POST', `/instruments/add_edit_item/${strat.id}`, {
      body: post({
        unique_id: token, owner_id: '20417', product_id: strat.id, categ_level_0: '51', categ_level_1: '83', recipient_name: 'Fender', brand_make_id: '1', model_name: 'Stratocaster', price: '18000', ...shipping,
        'product_media_id[]': mediaIds, 'file_unique_id[]': ['', ''], 'thumb_name[]': ['', ''], 'media_type[]': ['photo', 'photo'], 'new_upload[]': ['0', '0'], 'delete_item_images[]': mediaIds[0]!,
      }),
    });
    expect(res.status).toBe(302);
    const [item] = (await control('GET', '/listings')).body;
    expect(item.images).toEqual(['https://img.example/2.jpg']);
    expect(item.price.amount).toBe('18000.00');
  });
});

describe('brands and item AJAX', () => {
  test('check_brand_exists answers the id or 0; until the account brands are set, any brand is taken', async () => {
    const v = await dealer();
    expect(Number((await v.req('POST', '/ajax/check_brand_exists', { form: { brand_name: 'fender' } })).text)).toBeGreaterThan(0);
    expect(Number((await v.req('POST', '/ajax/check_brand_exists', { form: { brand_name: 'Nobody Guitars' } })).text)).toBeGreaterThan(0);
    await control('PUT', '/account', { brands: ['Lollar'] });
    expect((await v.req('POST', '/ajax/check_brand_exists', { form: { brand_name: 'Somebody Amps' } })).text).toBe('0');
    expect(Number((await v.req('POST', '/ajax/check_brand_exists', { form: { brand_name: 'lollar' } })).text)).toBeGreaterThan(0);
  });

  test('mark_as_sold / restore_from_sold / delete_item: product_id in the body, XHR and the items page as Referer; true, false, empty or Err::', async () => {
    const [strat] = (await control('PUT', '/listings', seed)).body;
    const v = await dealer();
    const headers = { ...xhr, referer: `${base}/account/items` };
    const call = (path: string, product_id: string, h: Record<string, string> = headers) => v.req('POST', path, { form: { product_id }, headers: h });
    expect((await call('/ajax/mark_as_sold/k3j2h1', strat.id, xhr)).status).toBe(403);
    expect((await call('/ajax/mark_as_sold/k3j2h1', strat.id, { referer: `${base}/account/items` })).status).toBe(403);
    expect((await call('/ajax/restore_from_sold/a1', strat.id)).text).toBe('');
    expect((await call('/ajax/mark_as_sold/a2', strat.id)).text).toBe('true');
    expect((await control('GET', '/listings')).body[0]).toMatchObject({ status: 'sold', quantity: 0 });
    expect((await call('/ajax/mark_as_sold/a3', strat.id)).text).toBe('Err::This item is already marked as sold');
    expect((await call('/ajax/mark_as_sold/a4', '999999')).text).toBe('false');
    expect((await v.req('POST', '/ajax/mark_as_sold/a5', { headers })).text).toBe('Err::Missing product id');
    expect((await call('/ajax/restore_from_sold/a6', strat.id)).text).toBe('true');
    expect((await call('/ajax/delete_item', strat.id)).text).toBe('true');
    expect((await call('/ajax/delete_item', strat.id)).text).toBe('false');
  });
});

describe('control and behaviour', () => {
  test('a sale by SKU marks the item sold; an item without a SKU is named by its product id', async () => {
    const [, , noSku] = (await control('POST', '/listings', [...seed, { ...seed[0], sku: '', model: 'Telecaster' }])).body;
    const sold = await control('POST', '/sales', { sku: 'GS-1' });
    expect(sold.body).toMatchObject({ sku: 'GS-1', status: 'sold', quantity: 0, condition: null });
    expect((await control('POST', '/sales', { sku: 'GS-1' })).status).toBe(409);
    expect((await control('POST', '/sales', { sku: noSku.id })).body).toMatchObject({ id: noSku.id, sku: '', status: 'sold' });
    expect((await control('POST', '/sales', { sku: noSku.id })).status).toBe(409);
  });

  test('the account takes categories under known parents only', async () => {
    expect((await control('PUT', '/account', { categories: [{ id: 8301, name: 'Left-handed', parentId: 83 }] })).status).toBe(200);
    expect((await control('PUT', '/account', { categories: [{ id: '5', name: 'Orphan', parentId: '4040' }] })).status).toBe(400);
    const v = await dealer();
    expect(JSON.parse((await v.req('GET', '/ajax/get_subcategories?parent_id=83', { headers: xhr })).text)).toEqual([{ id: '8301', name: 'Left-handed' }]);
  });

  test('maintenance answers every page with a 503 maintenance page', async () => {
    await control('PUT', '/config', { maintenance: true });
    for (const path of ['/', '/account', '/instruments/export_inventory']) {
      const res = await new Visitor().req('GET', path);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/html/);
      expect(res.text).toContain('maintenance');
    }
  });

  test('the Cloudflare switch: 403 with cf-mitigated and the "Just a moment" page; the clearance cookie with its user agent passes', async () => {
    await control('PUT', '/config', { challenge: true, cfClearance: 'abc', cfUserAgent: 'DealerBrowser/1.0' });
    const blocked = await new Visitor().req('GET', '/');
    expect(blocked.status).toBe(403);
    expect(blocked.headers.get('cf-mitigated')).toBe('challenge');
    expect(blocked.text).toContain('Just a moment');
    expect(blocked.text).toContain('/cdn-cgi/challenge-platform/');
    const cookieOnly = new Visitor();
    cookieOnly.cookies.set('cf_clearance', 'abc');
    expect((await cookieOnly.req('GET', '/')).status).toBe(403);
    const browser = new Visitor({ 'user-agent': 'DealerBrowser/1.0' });
    browser.cookies.set('cf_clearance', 'abc');
    expect((await browser.req('GET', '/')).status).toBe(200);
  });

  test('the image host gives each path its own JPEG, and WebP for .webp', async () => {
    const a = await fetch(`${sandbox.url}/_images/a/1.jpg`);
    expect(a.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await a.arrayBuffer())).toEqual(jpegFor('/a/1.jpg'));
    expect(jpegFor('/a/1.jpg')).not.toEqual(jpegFor('/a/2.jpg'));
    const w = await fetch(`${sandbox.url}/_images/a/1.webp`);
    expect(w.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await w.arrayBuffer()).subarray(8, 12).toString()).toBe('WEBP');
  });
});
