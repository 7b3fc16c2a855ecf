import puppeteer, { type Browser } from 'puppeteer-core';
import { findBrowser } from '../packages/runtime/src/index.js';
import { settings as settingsRepo } from '../packages/db/src/index.js';
import { createWorld, type World } from './harness.js';

/**
 * What listings render from, through the API and the page: listing defaults per platform, the
 * category map, and the readiness check that finds what would stop a listing before any call.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new'];
const UUID = 'f5dd2a52-aa3b-4b6e-9fd4-7e8c1d5c8f11';

const product = (sku: string, category: string, over: Record<string, unknown> = {}) => ({
  sku,
  brand: 'Fender',
  model: 'Precision Bass',
  title: `1962 Fender Precision Bass ${sku}`,
  description: 'Original finish.',
  year: 1962,
  finish: 'Sunburst',
  category,
  condition: 'excellent',
  price: { amount: '8500.00', currency: 'USD' },
  quantity: 1,
  images: ['https://img.example/p1.jpg'],
  attributes: { Type: 'Electric Bass' },
  ...over,
});

interface Settings {
  platforms: Record<string, Record<string, unknown>>;
  categories: Record<string, Record<string, unknown>>;
  inUse: { category: string | null; products: number; unmapped: string[] }[];
}
interface Readiness {
  ready: boolean;
  problems: { platform: string; category?: string; sku?: string; message: string; products: number }[];
}

describe('settings and readiness', () => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld({ platforms: ['ebay', 'reverb', 'vr', 'website'] });
    await world.startApi();
    // What the snapshot stage reads from eBay's Metadata and Taxonomy APIs before a run (no run here).
    await settingsRepo.setRequirements(world.database.db, 'ebay', { '33034': { name: 'Electric Guitars', conditionIds: ['1000', '1500', '2500', '3000', '7000'], requiredAspects: ['Brand'] } });
    expect((await world.api('POST', '/api/products', [product('LS-1', 'Lap Steels'), product('LS-2', 'Lap Steels'), product('GB-1', 'Guitars>Electric solid body')])).status).toBe(201);
  }, 90_000);
  afterAll(async () => {
    await world?.close();
  });

  const settings = async () => (await world.api<Settings>('GET', '/api/settings')).body;
  const pending = async (sku: string) => (await world.database.pool.query<{ sync_pending: boolean }>('select sync_pending from products where sku = $1', [sku])).rows[0]!.sync_pending;
  const markSynced = () => world.database.pool.query('update products set sync_pending = false');

  it('shows the listing defaults, the category map and the categories in use, unmapped first', async () => {
    const s = await settings();
    expect(s.platforms.ebay).toMatchObject({ currency: 'USD', marketplaceId: 'EBAY_US' });
    expect(s.categories['Guitars>Electric solid body']).toMatchObject({ ebay: { categoryId: '33034' } });
    expect(s.inUse[0]).toEqual({ category: 'Lap Steels', products: 2, unmapped: ['ebay', 'reverb', 'vr'] });
    expect(s.inUse).toContainEqual({ category: 'Guitars>Electric solid body', products: 1, unmapped: [] });
  });

  it('lists an unmapped category once, with the products it holds, before any run', async () => {
    const r = (await world.api<Readiness>('GET', '/api/readiness')).body;
    expect(r.ready).toBe(false);
    expect(r.problems).toEqual([
      { platform: 'ebay', category: 'Lap Steels', message: "ebay: category 'Lap Steels' has no eBay category", products: 2 },
      { platform: 'reverb', category: 'Lap Steels', message: "reverb: category 'Lap Steels' has no Reverb category", products: 2 },
      { platform: 'vr', category: 'Lap Steels', message: "vr: category 'Lap Steels' has no Vintage & Rare category ids", products: 2 },
    ]);
  });

  it('refuses a bad value with a 400 naming the field, and changes nothing', async () => {
    const before = await settings();
    const bad = [
      ['/api/settings/platforms/ebay', { currency: 'pounds' }, 'currency: must be a 3-letter ISO 4217 code like "GBP"'],
      ['/api/settings/platforms/ebay', { marketplaceId: 'EBAY_GB' }, 'currency: EBAY_GB sells in GBP, not USD'],
      ['/api/settings/platforms/reverb', { marketplaceId: 'EBAY_US' }, 'body: Unrecognized key: "marketplaceId"'],
      ['/api/settings/platforms/mars', { currency: 'USD' }, 'platform: must be one of ebay, reverb, vr, website'],
      ['/api/settings/platforms/website', { priceRule: { markupPct: 5, endingCents: 150 } }, 'priceRule.endingCents: Too big: expected number to be <=99'],
      ['/api/settings/categories', { 'Lap Steels': { reverb: { categoryUuids: ['not-a-uuid'] } } }, 'Lap Steels.reverb.categoryUuids.0: must be a Reverb category uuid'],
      ['/api/settings/categories', { 'Lap Steels': { vr: { categoryIds: ['Guitars'] } } }, 'Lap Steels.vr.categoryIds.0: must be a V&R numeric id like "51"'],
    ] as const;
    for (const [path, body, message] of bad) {
      const res = await world.api<{ error: { code: string; message: string } }>('PUT', path, body);
      expect([path, res.status, res.body.error.message]).toEqual([path, 400, message]);
    }
    expect(await settings()).toEqual(before);
  });

  it('merges a platform change, removes a value sent as null, and marks every product pending', async () => {
    await markSynced();
    const res = await world.api<Settings>('PUT', '/api/settings/platforms/reverb', { shippingProfileId: '999', priceRule: { markupPct: 5, endingCents: 99 } });
    expect(res.status).toBe(200);
    expect(res.body.platforms.reverb).toEqual({ currency: 'USD', shippingProfileId: '999', priceRule: { markupPct: 5, endingCents: 99 } });
    expect(await pending('GB-1')).toBe(true);
    const cleared = await world.api<Settings>('PUT', '/api/settings/platforms/reverb', { priceRule: null });
    expect(cleared.body.platforms.reverb).toEqual({ currency: 'USD', shippingProfileId: '999' });
  });

  it('maps a category, marking only its products pending, and readiness clears', async () => {
    await markSynced();
    const res = await world.api<Settings>('PUT', '/api/settings/categories', {
      'Lap Steels': { ebay: { categoryId: '33034' }, reverb: { categoryUuids: [UUID] }, vr: { categoryIds: ['51', '83'] } },
    });
    expect(res.status).toBe(200);
    expect(res.body.categories['Lap Steels']).toEqual({ ebay: { categoryId: '33034' }, reverb: { categoryUuids: [UUID] }, vr: { categoryIds: ['51', '83'] } });
    expect([await pending('LS-1'), await pending('LS-2'), await pending('GB-1')]).toEqual([true, true, false]);
    expect((await world.api<Readiness>('GET', '/api/readiness')).body).toEqual({ ready: true, problems: [] });
  });

  it("removes a platform's mapping sent as null, keeping the others, and readiness names the gap again", async () => {
    const res = await world.api<Settings>('PUT', '/api/settings/categories', { 'Lap Steels': { vr: null } });
    expect(res.body.categories['Lap Steels']).toEqual({ ebay: { categoryId: '33034' }, reverb: { categoryUuids: [UUID] } });
    expect((await world.api<Readiness>('GET', '/api/readiness')).body.problems).toEqual([
      { platform: 'vr', category: 'Lap Steels', message: "vr: category 'Lap Steels' has no Vintage & Rare category ids", products: 2 },
    ]);
    await world.api('PUT', '/api/settings/categories', { 'Lap Steels': { vr: { categoryIds: ['51', '83'] } } });
    expect((await world.api<Readiness>('GET', '/api/readiness')).body.ready).toBe(true);
  });

  it('names a missing setting once per platform, and a product whose currency the platform does not sell in', async () => {
    await world.api('PUT', '/api/settings/platforms/ebay', { fulfillmentPolicyId: null });
    await world.api('POST', '/api/products', product('EUR-1', 'Lap Steels', { price: { amount: '100.00', currency: 'EUR' } }));
    const r = (await world.api<Readiness>('GET', '/api/readiness')).body;
    expect(r.problems).toContainEqual({ platform: 'ebay', message: 'ebay: no fulfillmentPolicyId (business policy) set', products: 4 });
    expect(r.problems).toContainEqual({ platform: 'vr', sku: 'EUR-1', category: 'Lap Steels', message: 'vr: price is in EUR but Vintage & Rare sells in USD (no conversion)', products: 1 });
  });

  it('stores product attributes and answers them', async () => {
    const res = await world.api<{ attributes: Record<string, string> }>('PATCH', '/api/products/LS-1', { attributes: { Type: 'Lap Steel', Strings: '6' } });
    expect(res.status).toBe(200);
    expect(res.body.attributes).toEqual({ Type: 'Lap Steel', Strings: '6' });
    const bad = await world.api<{ error: { message: string } }>('PATCH', '/api/products/LS-1', { attributes: { Type: '' } });
    expect([bad.status, bad.body.error.message]).toEqual([400, 'attributes.Type: must not be empty']);
  });
});

describe('the settings on the page', () => {
  let world: World;
  let browser: Browser;

  beforeAll(async () => {
    world = await createWorld({ platforms: ['reverb', 'website'] });
    await world.startApi();
    expect((await world.api('POST', '/api/products', [product('DOBRO-1', 'Resonators')])).status).toBe(201);
    browser = await puppeteer.launch({ executablePath: findBrowser(process.env.PUPPETEER_EXECUTABLE_PATH) ?? '/usr/bin/chromium', headless: true, args: ARGS });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('edits a category mapping, and the readiness panel clears', async () => {
    const page = await browser.newPage();
    await page.goto(`${world.apiUrl}/login`);
    await page.type('input[name="token"]', world.token);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);

    // The product's item specifics are shown with it.
    await page.waitForFunction(() => document.querySelector('#products-table tbody td.specifics') !== null);
    expect(await page.$eval('#products-table tbody td.specifics', (td) => td.textContent)).toBe('Type: Electric Bass');

    await page.waitForFunction(() => document.querySelector('#readiness-table tbody tr') !== null);
    const problems = await page.$$eval('#readiness-table tbody tr', (rows) => rows.map((r) => r.textContent ?? ''));
    expect(problems).toEqual([expect.stringContaining("reverb: category 'Resonators' has no Reverb category")]);

    const row = 'tr[data-category="Resonators"]';
    await page.waitForSelector(`#category-table ${row}`);
    expect(await page.$eval(`#category-table ${row}`, (r) => r.className)).toBe('unmapped');
    await page.type(`#category-table ${row} input[name="reverb"]`, UUID);
    await page.click(`#category-table ${row} button.save-category`);
    await page.waitForFunction(() => document.querySelector('#readiness-summary')?.textContent?.startsWith('Ready'), { timeout: 30_000 });
    expect(await page.$eval('#readiness-table', (t) => (t as HTMLElement).hidden)).toBe(true);

    const saved = (await world.api<Settings>('GET', '/api/settings')).body;
    expect(saved.categories['Resonators']).toEqual({ reverb: { categoryUuids: [UUID] } });
    await page.close();
  }, 60_000);
});
