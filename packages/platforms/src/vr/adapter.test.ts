import { contentDiff, withSourcePhotos, type Listing } from '@gearsync/core';
import { startSandbox, type Sandbox } from '../../../../apps/sandbox/src/server.js';
import { jpegFor } from '../../../../apps/sandbox/src/images.js';
import type { VrEmulation } from '../../../../apps/sandbox/src/vr/emulation.js';
import type { CallAction } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { createVrAdapter, readAjax, type VrAdapter, type VrAdapterOptions } from './adapter.js';
import { VrBrowserSession } from './browser.js';
import { testCredentials } from '../../../../apps/sandbox/src/test-credentials.js';
import { platformFailure as rejection } from '../errors.testing.js';

const credentials = testCredentials;

const tricky = 'Plays great, "no" issues.\nRefret in 1998; case, strap\n\nA "quoted, comma" line';
const html = '<p>Plays <strong>great</strong>, "no" issues.</p><ul><li>Refret in 1998</li><li>Case &amp; strap</li></ul>';

let sandbox: Sandbox;
let vr: VrEmulation;
let adapter: VrAdapter;
let gated = 0;
const opened: VrAdapter[] = [];

function open(options: Partial<VrAdapterOptions> = {}): VrAdapter {
  const a = createVrAdapter({ baseUrl: `${sandbox.url}/vr`, username: 'dealer', password: 'vr-pass', timeoutMs: 5_000, ...options });
  opened.push(a);
  return a;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials });
  vr = sandbox.emulations.vr as VrEmulation;
  adapter = open({ gate: { acquire: async () => void (gated += 1) } });
});
afterAll(async () => {
  for (const a of opened) await a.close();
  await sandbox.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/_control/reset`, { method: 'POST' });
  // A third level under Guitars > Electric solid body, as an account's tree may hold.
  await control('PUT', '/account', { categories: [{ id: '8301', name: 'Left-handed', parentId: '83' }] });
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

const img = (name: string) => `${sandbox.url}/_images/gear/${name}`;

const strat = {
  sku: 'GS-1',
  title: 'Fender Stratocaster',
  brand: 'Fender',
  model: 'Stratocaster',
  year: 1965,
  finish: 'Sunburst',
  platformCategory: ['51', '83'],
  description: tricky.replace(/\n/g, '\r\n'),
  price: { amount: '18500.00', currency: 'USD' },
  images: ['https://img.example/1.jpg', 'https://img.example/2.jpg'],
};

function desired(): Listing {
  return {
    externalId: '',
    sku: 'GS-7',
    title: 'Gibson ES-335',
    description: html,
    price: { cents: 749900, currency: 'USD' },
    quantity: 1,
    condition: 'excellent',
    images: [img('335-front.jpg'), img('335-back.jpg'), img('335-headstock.webp')],
    state: 'active',
    brand: 'Gibson',
    model: 'ES-335',
    year: 1964,
    finish: 'Cherry',
    category: 'Electric guitars',
    platformCategory: ['51', '83', '8301'],
  };
}

let nextAction = 1;
const act = (kind: CallAction['kind'], payload: CallAction['payload'], sku: string | null = null): CallAction => ({ actionId: nextAction++, kind, sku, payload });


const stats = () => control('GET', '/stats');

describe('snapshot', () => {
  test('reads every item from the export by column name, extra columns ignored, categories as ids', async () => {
    await control('PUT', '/config', { exportExtraColumns: ['product condition', 'shipping weight'] });
    const [s, vox, jag] = await control<any[]>('PUT', '/listings', [
      strat,
      { sku: '', title: 'Vox AC30', brand: 'Vox', model: 'AC30', category: 'Amps>Guitar amps', price: { amount: '2400.00', currency: 'USD' } },
      { sku: 'GS-3', title: 'Fender Jaguar', brand: 'Fender', model: 'Jaguar', platformCategory: ['51', '83', '8301'], price: { amount: '3100.00', currency: 'USD' }, status: 'sold' },
    ]);
    const statsBefore = (await stats()).calls;
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
      platformCategory: ['51', '83'],
    });
    expect(listings[1]).toMatchObject({ externalId: vox.id, sku: null, state: 'active', category: 'Amps>Guitar amps', platformCategory: ['53', '731'] });
    expect(listings[2]).toMatchObject({ externalId: jag.id, sku: 'GS-3', state: 'sold', quantity: 0, platformCategory: ['51', '83', '8301'] });
    // Every request the site saw was counted, login included; one the browser cut short on
    // leaving a page (the page's own XHR) is counted too, though it may never have arrived.
    const sent = adapter.calls() - callsBefore;
    const seen = (await stats()).calls - statsBefore;
    expect(seen).toBeLessThanOrEqual(sent);
    expect(sent - seen).toBeLessThanOrEqual(1);
    expect(gated).toBeGreaterThanOrEqual(adapter.calls());
  });

  test('an export that takes longer than the per-request timeout, with a column added, is waited for with its own timeout', async () => {
    await control('PUT', '/listings', [strat]);
    await control('PUT', '/config', { exportDelayMs: 1_500, exportExtraColumns: ['product condition'] });
    const patient = open({ timeoutMs: 1_000, exportTimeoutMs: 8_000 });
    expect(await snapshot(patient)).toMatchObject([{ sku: 'GS-1', description: tricky, price: { cents: 1850000 }, images: strat.images }]);
    const hasty = open({ timeoutMs: 1_000, exportTimeoutMs: 1_200 });
    expect(await rejection(snapshot(hasty))).toMatchObject({ kind: 'transient', details: { code: 'timeout' } });
  });

  test('findBySku finds an item the dealer imported with our SKU, null when none has it', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    expect(await adapter.findBySku('GS-1')).toMatchObject({ externalId: s.id, sku: 'GS-1', platformCategory: ['51', '83'] });
    expect(await adapter.findBySku('GS-404')).toBeNull();
  });

  test('findBySku finds an item made through the form (which keeps no SKU) by what the create sent', async () => {
    const listing = { ...desired(), images: [img('a.jpg')] };
    const [made] = await adapter.execute([act('create', { listing }, 'GS-7')]);
    const [item] = await control<any[]>('GET', '/listings');
    expect(item.sku).toBe('');
    const found = await adapter.findBySku('GS-7', listing);
    expect(found).toMatchObject({ externalId: item.id, sku: null, state: 'active', photos: [{ source: img('a.jpg'), url: item.images[0] }] });
    expect(found).toEqual(made!.ok ? { ...made!.listing, photos: [{ source: img('a.jpg'), url: item.images[0] }] } : null);
    expect(await adapter.findBySku('GS-7')).toBeNull();
    expect(await adapter.findBySku('GS-7', { ...listing, price: { cents: 100, currency: 'USD' } })).toBeNull();
    expect(await adapter.findBySku('GS-7', { ...listing, price: { cents: 100, currency: 'GBP' } })).toBeNull();
  });
});

describe('create and update through the real form', () => {
  test('create: a three-level category chosen level by level, three photos through Dropzone, the site holds their bytes', async () => {
    const before = (await stats()).byEndpoint as Record<string, number>;
    const calls = adapter.calls();
    const started = Date.now();
    const [outcome] = await adapter.execute([act('create', { listing: desired() }, 'GS-7')]);
    const tookMs = Date.now() - started;
    const after = (await stats()).byEndpoint as Record<string, number>;
    const made = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
    console.log(`vr create with 3 photos: ${tookMs} ms, ${adapter.calls() - calls} requests ${JSON.stringify(made)}`);

    const [item] = await control<any[]>('GET', '/listings');
    expect(outcome).toMatchObject({ ok: true, externalId: item.id });
    // The form keeps no SKU: the item is ours by its id alone.
    expect(item).toMatchObject({ sku: '', brand: 'Gibson', model: 'ES-335', year: 1964, finish: 'Cherry', status: 'active', platformCategory: ['51', '83', '8301'] });
    expect(item.category).toBe('Guitars>Electric solid body>Left-handed');
    expect(item.description).toBe(html);
    expect(item.images).toHaveLength(3);
    // The site serves its own copies; JPEGs are the bytes we downloaded, the WebP came as a JPEG.
    expect(vr.photoBytes(item.images[0])).toEqual(jpegFor('/gear/335-front.jpg'));
    expect(vr.photoBytes(item.images[1])).toEqual(jpegFor('/gear/335-back.jpg'));
    const converted = vr.photoBytes(item.images[2])!;
    expect([...converted.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(made['POST /ajax/dropzone_upload/:id']).toBe(3);
    expect(made['GET /ajax/get_subcategories']).toBeGreaterThanOrEqual(2);

    expect(outcome!.ok && outcome!.listing!.photos).toEqual(desired().images.map((source, i) => ({ source, url: item.images[i], id: expect.any(String) })));
    // What the adapter says V&R holds is what the next export shows, photos read back to our sources.
    const [remote] = await snapshot();
    const held = (outcome!.ok ? outcome!.listing : undefined)!;
    expect(remote!.images).toEqual(item.images);
    expect({ ...held, photos: undefined, images: undefined }).toEqual({ ...remote, photos: undefined, images: undefined });
    // The planner, reading V&R's photo URLs back to our sources, sees nothing left to do.
    expect(contentDiff('vr', desired(), withSourcePhotos(remote!, held.photos))).toEqual([]);
  });

  test('a plain-text description goes through the editor and reads back as the same text', async () => {
    const text = `${tricky}\nCase & strap, <3`;
    const listing = { ...desired(), description: text, images: [img('p.jpg')] };
    const [outcome] = await adapter.execute([act('create', { listing }, 'GS-7')]);
    const [item] = await control<any[]>('GET', '/listings');
    expect(item.description).toContain('Case &amp; strap, &lt;3');
    const [remote] = await snapshot();
    expect(remote!.description).toBe(text);
    expect(contentDiff('vr', listing, withSourcePhotos(remote!, outcome!.ok ? outcome!.listing!.photos : undefined))).toEqual([]);
  });

  test('an edit keeps the description HTML and, with photos unchanged, sends none', async () => {
    const [first] = await adapter.execute([act('create', { listing: desired() }, 'GS-7')]);
    const id = first!.ok ? first!.externalId! : '';
    const photos = first!.ok ? first!.listing!.photos : undefined;
    const [before] = await control<any[]>('GET', '/listings');
    const uploads = (await stats()).byEndpoint['POST /ajax/dropzone_upload/:id'];
    const changed = { ...desired(), externalId: id, price: { cents: 699900, currency: 'USD' } };
    const [outcome] = await adapter.execute([act('update', { externalId: id, listing: changed, photos, photosChanged: false }, 'GS-7')]);
    expect(outcome).toMatchObject({ ok: true, externalId: id });
    const [item] = await control<any[]>('GET', '/listings');
    expect(item.description).toBe(html);
    expect(item.price.amount).toBe('6999.00');
    expect(item.images).toEqual(before.images);
    expect((await stats()).byEndpoint['POST /ajax/dropzone_upload/:id']).toBe(uploads);
    expect(outcome!.ok && outcome!.listing!.photos).toEqual(photos);
  });

  test("a price edit leaves the categories and brand the form shows: no subcategory fetched, only the page's own brand check", async () => {
    const [first] = await adapter.execute([act('create', { listing: { ...desired(), platformCategory: ['51', '83', '8301'] } }, 'GS-7')]);
    const id = first!.ok ? first!.externalId! : '';
    const photos = first!.ok ? first!.listing!.photos : undefined;
    const sentBy = async (step: () => Promise<unknown>) => {
      const before = (await stats()).byEndpoint as Record<string, number>;
      await step();
      const after = (await stats()).byEndpoint as Record<string, number>;
      return (endpoint: string) => (after[endpoint] ?? 0) - (before[endpoint] ?? 0);
    };
    const priced = await sentBy(async () => {
      const [outcome] = await adapter.execute([act('update', { externalId: id, listing: { ...desired(), externalId: id, platformCategory: ['51', '83', '8301'], price: { cents: 699900, currency: 'USD' } }, photos, photosChanged: false }, 'GS-7')]);
      expect(outcome).toMatchObject({ ok: true, externalId: id });
    });
    expect(priced('GET /ajax/get_subcategories')).toBe(0);
    // The edit form checks its brand as it loads; so does the page the publish lands on (it may not have gone out yet).
    expect(priced('POST /ajax/check_brand_exists')).toBeGreaterThanOrEqual(1);
    expect(priced('POST /ajax/check_brand_exists')).toBeLessThanOrEqual(2);
    let [item] = await control<any[]>('GET', '/listings');
    expect(item).toMatchObject({ brand: 'Gibson', platformCategory: ['51', '83', '8301'], price: { amount: '6999.00' } });

    // A shorter category path and another brand are chosen and checked on the form.
    const moved = await sentBy(async () => {
      const [outcome] = await adapter.execute([act('update', { externalId: id, listing: { ...desired(), externalId: id, brand: 'Fender', platformCategory: ['51', '83'] }, photos, photosChanged: false }, 'GS-7')]);
      expect(outcome).toMatchObject({ ok: true, externalId: id });
    });
    expect(moved('GET /ajax/get_subcategories')).toBeGreaterThanOrEqual(1);
    [item] = await control<any[]>('GET', '/listings');
    expect(item).toMatchObject({ brand: 'Fender', platformCategory: ['51', '83'] });
  });

  test('an edit with a photo changed keeps the ones before it and replaces from there', async () => {
    const [first] = await adapter.execute([act('create', { listing: desired() }, 'GS-7')]);
    const id = first!.ok ? first!.externalId! : '';
    const [before] = await control<any[]>('GET', '/listings');
    const images = [desired().images[0]!, img('335-case.jpg')];
    const [outcome] = await adapter.execute([act('update', { externalId: id, listing: { ...desired(), externalId: id, images }, photos: first!.ok ? first!.listing!.photos : undefined, photosChanged: true }, 'GS-7')]);
    expect(outcome).toMatchObject({ ok: true });
    const [item] = await control<any[]>('GET', '/listings');
    expect(item.images).toHaveLength(2);
    expect(item.images[0]).toBe(before.images[0]);
    expect(vr.photoBytes(item.images[1])).toEqual(jpegFor('/gear/335-case.jpg'));
    expect(outcome!.ok && outcome!.listing!.photos!.map((p) => p.source)).toEqual(images);
  });

  test('an unknown brand is refused before the form is even opened', async () => {
    await control('PUT', '/account', { brands: ['Gibson'] });
    const before = (await stats()).byEndpoint as Record<string, number>;
    const [outcome] = await adapter.execute([act('create', { listing: { ...desired(), brand: 'Nobody Guitars' } }, 'GS-7')]);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(!outcome!.ok && outcome!.error).toMatch(/does not know the brand "Nobody Guitars"/);
    const after = (await stats()).byEndpoint as Record<string, number>;
    expect(after['GET /instruments/add_edit_item'] ?? 0).toBe(before['GET /instruments/add_edit_item'] ?? 0);
    expect(after['POST /instruments/add_edit_item'] ?? 0).toBe(0);
    expect(await adapter.unknownBrands(['Gibson', 'Nobody Guitars', 'gibson'])).toEqual(['Nobody Guitars']);
    expect(await control('GET', '/listings')).toEqual([]);
  });

  test('readiness asks V&R about a brand once, and not at all about one on an item of the export', async () => {
    await control('PUT', '/listings', [{ ...strat, brand: 'Vox', model: 'AC30' }]);
    await control('PUT', '/account', { brands: ['Gibson'] });
    const fresh = open();
    await snapshot(fresh);
    const checks = async () => ((await stats()).byEndpoint['POST /ajax/check_brand_exists'] as number | undefined) ?? 0;
    const before = await checks();
    expect(await fresh.unknownBrands(['VOX', 'Gibson', 'Nobody Guitars'])).toEqual(['Nobody Guitars']);
    expect((await checks()) - before).toBe(2);
    // A known brand is not asked again; an unknown one is (V&R may have added it since).
    expect(await fresh.unknownBrands(['Gibson', 'Nobody Guitars'])).toEqual(['Nobody Guitars']);
    expect((await checks()) - before).toBe(3);
  });

  test('a category id the site does not offer fails with its level and id named', async () => {
    const [outcome] = await adapter.execute([act('create', { listing: { ...desired(), platformCategory: ['51', '9999'] } }, 'GS-7')]);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(!outcome!.ok && outcome!.error).toMatch(/no category 9999 at level 2 under 51/);
    const [top] = await adapter.execute([act('create', { listing: { ...desired(), platformCategory: ['7'] } }, 'GS-7')]);
    expect(!top!.ok && top!.error).toMatch(/no category 7 at level 1/);
    expect(await control('GET', '/listings')).toEqual([]);
  });

  test('a form the site refuses is a failed outcome with its message; another currency is refused before any call', async () => {
    const [noModel] = await adapter.execute([act('create', { listing: { ...desired(), model: '', title: '' } }, 'GS-7')]);
    expect(!noModel!.ok && noModel!.error).toContain('Please enter the model name');
    const calls = adapter.calls();
    const [pounds] = await adapter.execute([act('create', { listing: { ...desired(), price: { cents: 100, currency: 'GBP' } } }, 'GS-7')]);
    expect(!pounds!.ok && pounds!.error).toMatch(/GBP/);
    expect(adapter.calls()).toBe(calls);
  });

  test('the account currency is the site\'s (its vr_currency cookie): prices read in it, another refused', async () => {
    await control('PUT', '/account', { currency: 'GBP' });
    await control('PUT', '/listings', [{ ...strat, price: { amount: '15000.00', currency: 'GBP' } }]);
    const pounds = open();
    const [remote] = await snapshot(pounds);
    expect(remote!.price).toEqual({ cents: 1500000, currency: 'GBP' });
    const [dollars] = await pounds.execute([act('create', { listing: desired() }, 'GS-7')]);
    expect(!dollars!.ok && dollars!.error).toMatch(/V&R account prices are in GBP; the listing is priced in USD/);
  });

  test('a photo that cannot be downloaded fails the create, naming it, before anything is published', async () => {
    const missing = `${sandbox.url}/no-such-host-path/x.jpg`;
    const [outcome] = await adapter.execute([act('create', { listing: { ...desired(), images: [img('ok.jpg'), missing] } }, 'GS-7')]);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(!outcome!.ok && outcome!.error).toContain(`photo 2 (${missing}) could not be downloaded (404)`);
    expect(await control('GET', '/listings')).toEqual([]);
  });

  test('create with the new id hidden finds it in the next export', async () => {
    await control('PUT', '/config', { hideNewId: true });
    await control('PUT', '/listings', [strat]);
    const [outcome] = await adapter.execute([act('create', { listing: { ...desired(), images: [img('a.jpg')] } }, 'GS-7')]);
    const created = (await control<any[]>('GET', '/listings')).find((l) => l.model === 'ES-335');
    expect(outcome).toMatchObject({ ok: true, externalId: created.id, listing: { externalId: created.id, sku: null, photos: [{ source: img('a.jpg'), url: created.images[0] }] } });
  });
});

describe('relisting an item withdrawn by hand', () => {
  const listing = () => ({ ...desired(), images: [img('a.jpg'), img('b.jpg')] });
  /** Listed by us, then taken out of inventory by hand on the site. */
  async function withdrawn(): Promise<{ id: string; photos: Listing['photos'] }> {
    const [made] = await adapter.execute([act('create', { listing: listing() }, 'GS-7')]);
    const id = made!.ok ? made!.externalId! : '';
    await control('PATCH', `/listings/${id}`, { status: 'ended' });
    expect(await control<any[]>('GET', '/listings')).toMatchObject([{ id, status: 'ended', quantity: 0 }]);
    return { id, photos: made!.ok ? made!.listing!.photos : undefined };
  }
  const relist = (id: string, over: Partial<Listing> = {}) => act('update', { externalId: id, listing: { ...listing(), externalId: id, ...over }, relistFrom: 'ended', photosChanged: false }, 'GS-7');
  const posts = async () => ((await stats()).byEndpoint['POST /instruments/add_edit_item'] as number | undefined) ?? 0;

  test('is made anew through the form, then the withdrawn item is deleted: one item, on sale, as the next export shows it', async () => {
    const old = await withdrawn();
    const [outcome] = await adapter.execute([relist(old.id)]);
    const items = await control<any[]>('GET', '/listings');
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({ status: 'active', quantity: 1, brand: 'Gibson', model: 'ES-335' });
    expect(Number(item.id)).toBeGreaterThan(Number(old.id));
    expect(outcome).toMatchObject({ ok: true, externalId: item.id, listing: { externalId: item.id, state: 'active', quantity: 1 } });
    const held = (outcome!.ok ? outcome!.listing : undefined)!;
    const [remote] = await snapshot();
    expect({ ...held, photos: undefined, images: undefined }).toEqual({ ...remote, photos: undefined, images: undefined });
    expect(contentDiff('vr', listing(), withSourcePhotos(remote!, held.photos))).toEqual([]);
  });

  test('done again after a crash between the create and the delete, it takes the item made before: never a second', async () => {
    const old = await withdrawn();
    // The earlier try's create went through; its delete and its outcome never happened.
    await adapter.execute([act('create', { listing: listing() }, 'GS-7')]);
    const before = await posts();
    const [outcome] = await adapter.execute([relist(old.id)]);
    const items = await control<any[]>('GET', '/listings');
    expect(items).toHaveLength(1);
    expect(await posts()).toBe(before);
    expect(outcome).toMatchObject({ ok: true, externalId: items[0].id, listing: { photos: [{ source: img('a.jpg'), url: items[0].images[0] }, { source: img('b.jpg'), url: items[0].images[1] }] } });
    // And once more after the delete too: the same item, nothing made or deleted.
    expect(await adapter.execute([relist(old.id)])).toMatchObject([{ ok: true, externalId: items[0].id }]);
    expect(await control<any[]>('GET', '/listings')).toEqual(items);
    expect(await posts()).toBe(before);
  });

  test('a create the site refuses leaves the withdrawn item as it was', async () => {
    const old = await withdrawn();
    await control('PUT', '/account', { brands: ['Gibson'] });
    const [outcome] = await adapter.execute([relist(old.id, { brand: 'Nobody Guitars' })]);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(await control<any[]>('GET', '/listings')).toMatchObject([{ id: old.id, status: 'ended' }]);
  });

  test('an item back on sale (or sold) since the snapshot is edited in place; one deleted by hand is not made again', async () => {
    const old = await withdrawn();
    await control('PATCH', `/listings/${old.id}`, { status: 'active' });
    const [edited] = await adapter.execute([relist(old.id, { price: { cents: 699900, currency: 'USD' } })]);
    expect(edited).toMatchObject({ ok: true, externalId: old.id });
    expect(await control<any[]>('GET', '/listings')).toMatchObject([{ id: old.id, status: 'active', price: { amount: '6999.00' } }]);
    await adapter.execute([act('delete', { externalId: old.id }, 'GS-7')]);
    const before = await posts();
    const [gone] = await adapter.execute([relist(old.id)]);
    expect(gone).toMatchObject({ ok: false, retryable: false });
    expect(!gone!.ok && gone!.error).toMatch(/no item \d+ to relist/);
    expect(await control('GET', '/listings')).toEqual([]);
    expect(await posts()).toBe(before);
  });
});

describe('sold, restore and delete through the AJAX calls', () => {
  test('the answers: true and empty succeed, false and Err:: fail with the site words', () => {
    expect(readAjax('true', 'x')).toEqual({ ok: true });
    expect(readAjax(' ', 'x')).toEqual({ ok: true });
    expect(readAjax('false', 'x')).toEqual({ ok: false, message: 'V&R answered false' });
    expect(readAjax('Err::This item is already marked as sold', 'x')).toEqual({ ok: false, message: 'This item is already marked as sold' });
    expect(() => readAjax('<html>', 'x')).toThrow(PlatformError);
  });

  test('mark sold carries product_id in the body; each answer of the site is handled', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    // true
    expect(await adapter.execute([act('end', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true, externalId: s.id }]);
    expect((await control<any[]>('GET', '/listings'))[0]).toMatchObject({ status: 'sold', quantity: 0 });
    // Err:: (already sold): the item is as we want it, so done
    expect(await adapter.execute([act('end', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true }]);
    // true on restore, then an empty answer for an item that is not sold
    expect(await adapter.execute([act('stock', { externalId: s.id, quantity: 1 }, 'GS-1')])).toMatchObject([{ ok: true }]);
    expect(await adapter.execute([act('stock', { externalId: s.id, quantity: 1 }, 'GS-1')])).toMatchObject([{ ok: true }]);
    expect((await control<any[]>('GET', '/listings'))[0]).toMatchObject({ status: 'active', quantity: 1 });
    // false: no such item
    const [missing] = await adapter.execute([act('end', { externalId: '999999' }, 'GS-1')]);
    expect(missing).toMatchObject({ ok: false, retryable: false });
    expect(!missing!.ok && missing!.error).toMatch(/no item 999999.*V&R answered false/);
    const byEndpoint = (await stats()).byEndpoint;
    // The first found the session gone (the reset ended it) and was sent again after logging in.
    expect(byEndpoint['POST /ajax/mark_as_sold/:random']).toBe(4);
    expect(byEndpoint['POST /ajax/restore_from_sold/:random']).toBe(2);
  });

  test('warm opens the session ahead: an end then costs one request, and each request hands its gate slot back once answered', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    let taken = 0;
    let back = 0;
    const warmed = open({ gate: { acquire: async () => ((taken += 1), { release: () => void (back += 1) }) } });
    await warmed.warm();
    expect(warmed.calls()).toBeGreaterThan(0);
    const before = (await stats()).calls;
    expect(await warmed.execute([act('end', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true, externalId: s.id }]);
    expect((await stats()).calls - before).toBe(1);
    // The browser reports a request finished a moment after the page script saw its answer.
    for (let i = 0; i < 50 && back < taken; i++) await new Promise((r) => setTimeout(r, 20));
    expect(back).toBe(taken);
    expect(taken).toBe(warmed.calls());
  });

  test("a page's own request still waiting for its slot when the tab moves on is not sent, and its slot comes back", async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    let taken = 0;
    let back = 0;
    let holdAt = Infinity;
    let letGo = () => undefined as void;
    const session = new VrBrowserSession({
      baseUrl: `${sandbox.url}/vr`, username: 'dealer', password: 'vr-pass', executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium', headless: true, timeoutMs: 5_000,
      gate: {
        acquire: async () => {
          taken += 1;
          // Held until the tab has moved on (or, should the wrong request be held, a few seconds).
          if (taken === holdAt) await new Promise<void>((r) => ((letGo = r), setTimeout(r, 3_000)));
          return { release: () => void (back += 1) };
        },
      },
    });
    try {
      await session.login();
      const checks = async () => ((await stats()).byEndpoint['POST /ajax/check_brand_exists'] as number | undefined) ?? 0;
      const before = await checks();
      // The edit form checks its brand as it loads: that request waits at the gate (the step's own slot was taken ahead).
      holdAt = taken + 2;
      await session.open(`/instruments/add_edit_item/${s.id}`);
      for (let i = 0; i < 100 && taken < holdAt; i++) await new Promise((r) => setTimeout(r, 20));
      expect(taken).toBe(holdAt);
      await session.open('/account/items');
      letGo();
      for (let i = 0; i < 100 && back < taken; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await checks()).toBe(before);
      expect(back).toBe(taken);
      expect((await stats()).calls).toBe(session.calls());
    } finally {
      await session.close();
    }
  });

  test('delete removes the item; deleting it again is fine', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    expect(await adapter.execute([act('delete', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true, externalId: s.id }]);
    expect(await control('GET', '/listings')).toEqual([]);
    expect(await adapter.execute([act('delete', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true }]);
  });
});

describe('the sale watch', () => {
  test('a sale is an item the export shows sold that it did not at the previous read', async () => {
    const [s, jag] = await control<any[]>('PUT', '/listings', [strat, { sku: 'GS-3', title: 'Fender Jaguar', brand: 'Fender', model: 'Jaguar', platformCategory: ['51', '83'], price: { amount: '3100.00', currency: 'USD' }, status: 'sold' }]);
    const watch = open();
    const first = await watch.salesSince(new Date(Date.now() - 60_000));
    expect(first.sales).toEqual([]);
    expect(jag.status).toBe('sold');
    await control('POST', '/sales', { sku: 'GS-1' });
    const next = await watch.salesSince(first.cursor);
    expect(next.sales).toEqual([{ orderId: `vr-sold-${s.id}`, sku: 'GS-1', externalId: s.id, quantity: 1, at: expect.any(Date), price: { cents: 1850000, currency: 'USD' } }]);
    expect((await watch.salesSince(next.cursor)).sales).toEqual([]);
  });
});

describe('session, maintenance and Cloudflare', () => {
  test('an expired session shows the home page logged out; the adapter logs in through the header form again', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    await snapshot();
    vr.expireSessions();
    expect(await adapter.execute([act('end', { externalId: s.id }, 'GS-1')])).toMatchObject([{ ok: true }]);
    vr.expireSessions();
    expect(await snapshot()).toHaveLength(1);
    expect((await stats()).byEndpoint['POST /do_login']).toBe(3);
  });

  test('maintenance: V&R is away (unavailable), for snapshots and actions', async () => {
    const [s] = await control<any[]>('PUT', '/listings', [strat]);
    await control('PUT', '/config', { maintenance: true });
    const failed = await rejection(snapshot());
    expect(failed.kind).toBe('unavailable');
    expect(failed.details.status).toBe(503);
    expect(failed.message).toContain('maintenance');
    expect((await rejection(adapter.execute([act('end', { externalId: s.id })]))).kind).toBe('unavailable');
    await control('PUT', '/config', { maintenance: false });
    expect(await adapter.execute([act('end', { externalId: s.id })])).toMatchObject([{ ok: true }]);
  });

  test('a Cloudflare challenge is a refusal (blocked) after one request, and the dealer’s cookie passes it', async () => {
    await control('PUT', '/listings', [strat]);
    const ua = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
    await control('PUT', '/config', { challenge: true, cfClearance: 'clear-me-123', cfUserAgent: ua });
    const fresh = open();
    const before = (await stats()).calls;
    const refused = await rejection(snapshot(fresh));
    expect(refused.kind).toBe('blocked');
    expect(refused.message).toMatch(/VR_COOKIES/);
    expect((await stats()).calls - before).toBe(1);
    // The cookie alone is not enough: Cloudflare ties it to the browser's user agent.
    expect((await rejection(snapshot(open({ cookies: 'cf_clearance=clear-me-123' })))).kind).toBe('blocked');
    const cleared = open({ cookies: 'cf_clearance=clear-me-123; other=1', userAgent: ua });
    expect(await snapshot(cleared)).toHaveLength(1);
  });

  test('429 is rate_limited with its Retry-After', async () => {
    await control('PUT', '/config', { rateLimit: { max: 1, perMs: 60_000 } });
    const throttled = await rejection(snapshot(open()));
    expect(throttled.kind).toBe('rate_limited');
    expect(throttled.details.retryAfterMs).toBeGreaterThan(0);
  });

  test('a refused login is an auth error without the password in it', async () => {
    const failed = await rejection(snapshot(open({ password: 'not-the-password' })));
    expect(failed.kind).toBe('auth');
    expect(failed.message).not.toContain('not-the-password');
  });

  test('an unreachable site is transient', async () => {
    expect((await rejection(snapshot(open({ baseUrl: 'http://127.0.0.1:9/vr', timeoutMs: 2_000 })))).kind).toBe('transient');
  });
});
