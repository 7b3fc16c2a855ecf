import puppeteer from 'puppeteer-core';
import { sql } from 'drizzle-orm';
import { products } from '../packages/db/src/index.js';
import { findBrowser } from '../packages/runtime/src/index.js';
import { createWorld, type World } from './harness.js';

/**
 * Onboarding a shop that already sells: its listings imported as products (or linked to the
 * ones they match), the inventory as CSV in and out, and the orphans the dealer decides on.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new'];
const SOLID_BODY = 'e57deb7a-382b-4e18-a008-67d4fbcb2879';
const BRANDS = ['Fender', 'Gibson', 'Gretsch', 'Rickenbacker', 'Guild', 'Epiphone'];

interface ImportView {
  importId: string;
  status: string;
  created: number;
  linked: number;
  skipped: { externalId: string; reason: string }[];
  decisions: { externalId: string; kind: string; sku: string | null; reason: string }[];
}

const instrument = (i: number) => ({
  brand: BRANDS[i % BRANDS.length]!,
  model: `Model ${i}`,
  year: 1955 + (i % 40),
  price: { amount: `${1000 + i * 10}.00`, currency: 'USD' },
  title: `${1955 + (i % 40)} ${BRANDS[i % BRANDS.length]} Model ${i}`,
  description: `Instrument ${i}, all original.`,
  quantity: 1,
  condition: 'excellent',
  images: [],
  status: 'active',
});

async function runImport(world: World, platform: string, dryRun = false): Promise<ImportView> {
  const started = await world.api<{ importId: string }>('POST', '/api/imports', { platform, dryRun });
  expect(started.status).toBe(202);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { body } = await world.api<ImportView>('GET', `/api/imports/${started.body.importId}`);
    if (body.status === 'completed' || body.status === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`import ${started.body.importId} did not finish: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('importing Reverb, then Vintage & Rare, into an empty inventory', () => {
  let world: World;
  const platforms = ['reverb', 'vr'];

  beforeAll(async () => {
    world = await createWorld({ platforms });
    await world.startPipeline(platforms);
    // 60 on Reverb with SKUs; 40 on V&R without any, 30 of them the same instruments.
    const reverb = Array.from({ length: 60 }, (_, i) => ({ ...instrument(i), sku: `RV-${i}`, platformCategory: [SOLID_BODY] }));
    const vr = [...Array.from({ length: 30 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => 60 + i)].map((i) => ({
      ...instrument(i),
      sku: '',
      condition: null,
      category: 'Guitars>Electric solid body',
      platformCategory: ['51', '83'],
    }));
    expect((await world.control('PUT', '/reverb/listings', reverb)).status).toBe(200);
    expect((await world.control('PUT', '/vr/listings', vr)).status).toBe(200);
  }, 120_000);
  afterAll(async () => world?.close());

  it('shows in a dry run what it would do, and changes nothing', async () => {
    const dry = await runImport(world, 'reverb', true);
    expect([dry.status, dry.created, dry.linked]).toEqual(['completed', 60, 0]);
    expect(await products.count(world.database.db)).toBe(0);
  }, 120_000);

  it('makes one product per instrument, linked and listed where it was found', async () => {
    const fromReverb = await runImport(world, 'reverb');
    expect([fromReverb.status, fromReverb.created, fromReverb.linked, fromReverb.skipped]).toEqual(['completed', 60, 0, []]);
    const fromVr = await runImport(world, 'vr');
    expect([fromVr.status, fromVr.created, fromVr.linked, fromVr.skipped]).toEqual(['completed', 10, 30, []]);
    expect(await products.count(world.database.db)).toBe(70);
    const links = await world.database.db.execute<{ platform: string; n: number }>(sql`select platform, count(*)::int as n from platform_common where external_id is not null group by platform order by platform`);
    expect(links.rows).toEqual([
      { platform: 'reverb', n: 60 },
      { platform: 'vr', n: 40 },
    ]);
    const listedOn = await world.database.db.execute<{ platforms: string; n: number }>(sql`select platforms::text, count(*)::int as n from products group by 1 order by 1`);
    expect(listedOn.rows).toEqual([
      { platforms: '{reverb,vr}', n: 30 },
      { platforms: '{reverb}', n: 30 },
      { platforms: '{vr}', n: 10 },
    ]);
    // Reverb's category read back through the dealer's category map.
    const made = await products.bySku(world.database.db, 'RV-7');
    expect(made).toMatchObject({ brand: 'Gibson', model: 'Model 7', year: 1962, priceCents: 107_000, currency: 'USD', category: 'Guitars>Electric solid body', condition: 'excellent', platforms: ['reverb', 'vr'] });
  }, 180_000);

  it('runs again without making anything twice', async () => {
    const again = await runImport(world, 'vr');
    expect([again.created, again.linked, again.skipped.length]).toEqual([0, 0, 40]);
    expect(again.skipped.every((s) => s.reason.startsWith('already linked to'))).toBe(true);
    expect(await products.count(world.database.db)).toBe(70);
  }, 120_000);

  it('creates nothing on either platform in the full sync after it, and lists nothing twice', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId, 240_000);
    expect([run.status, run.summary!.orphans]).toEqual(['completed', 0]);
    const { body: planned } = await world.api<{ platform: string; kind: string; sku: string }[]>('GET', `/api/sync/runs/${body.runId}/actions`);
    expect(planned.filter((a) => a.kind === 'create')).toEqual([]);
    for (const [platform, count] of [['reverb', 60], ['vr', 40]] as const) {
      const { body: listed } = await world.control<{ brand: string; model: string; year: number; status: string }[]>('GET', `/${platform}/listings`);
      const keys = listed.filter((l) => l.status === 'active').map((l) => `${l.brand}|${l.model}|${l.year}`);
      expect([platform, listed.length, keys.length, new Set(keys).size]).toEqual([platform, count, count, count]);
    }
  }, 300_000);
});

describe('importing one instrument from eBay, then the shop', () => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld({ platforms: ['ebay', 'website'] });
    await world.startPipeline(['ebay', 'website']);
    const guitar = { ...instrument(100), category: 'Guitars>Acoustic', images: [`${world.sandboxUrl}/_images/EB-1/1.jpg`, `${world.sandboxUrl}/_images/EB-1/2.jpg`] };
    expect((await world.control('PUT', '/ebay/listings', [{ ...guitar, sku: 'EB-1', platformCategory: ['33021'] }])).status).toBe(200);
    // Made by hand on the shop, without a SKU: found by brand + model + year.
    expect((await world.control('PUT', '/website/listings', [{ ...guitar, sku: '' }])).status).toBe(200);
  }, 120_000);
  afterAll(async () => world?.close());

  it('adds each platform to the product as its listing is linked, and a dry run says so first', async () => {
    const fromEbay = await runImport(world, 'ebay');
    expect([fromEbay.status, fromEbay.created, fromEbay.linked]).toEqual(['completed', 1, 0]);
    expect(await products.bySku(world.database.db, 'EB-1')).toMatchObject({ platforms: ['ebay'], category: 'Guitars>Acoustic' });

    const dry = await runImport(world, 'website', true);
    expect([dry.created, dry.linked, dry.decisions.map((d) => d.reason)]).toEqual([0, 1, ['matched by brand + model + year; website added to its platforms']]);
    expect((await products.bySku(world.database.db, 'EB-1'))!.platforms).toEqual(['ebay']);

    const fromShop = await runImport(world, 'website');
    expect([fromShop.created, fromShop.linked]).toEqual([0, 1]);
    expect((await products.bySku(world.database.db, 'EB-1'))!.platforms).toEqual(['ebay', 'website']);
  }, 120_000);
});

describe('the inventory as CSV, and orphans', () => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld({ platforms: ['website'] });
    await world.startPipeline(['website']);
    const mine = [0, 1, 2].map((i) => ({ ...instrument(i), sku: `OWN-${i}`, category: 'Guitars>Electric solid body', attributes: i === 0 ? { 'Body Type': 'Solid' } : {} }));
    expect((await world.api('POST', '/api/products', mine)).status).toBe(201);
    // Four listings made by hand on the shop that match no product.
    const strangers = [10, 11, 12, 13].map((i) => ({ ...instrument(i), sku: i === 13 ? '' : `HAND-${i}`, images: [] }));
    expect((await world.control('POST', '/website/listings', strangers)).status).toBe(201);
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    expect((await world.waitForRun(body.runId)).status).toBe('completed');
  }, 120_000);
  afterAll(async () => world?.close());

  const csvOf = async () => {
    const res = await fetch(`${world.apiUrl}/api/products/export`, { headers: { authorization: `Bearer ${world.token}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    return res.text();
  };
  const postCsv = async (text: string) => {
    const res = await fetch(`${world.apiUrl}/api/products/import`, { method: 'POST', headers: { authorization: `Bearer ${world.token}`, 'content-type': 'text/csv' }, body: text });
    return { status: res.status, body: (await res.json()) as { rows?: number; created?: number; updated?: number; unchanged?: number; error?: { message: string } } };
  };

  it('exports every product and imports the same file back without changing anything', async () => {
    const csv = await csvOf();
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe('sku,brand,model,title,description,year,finish,category,condition,price,currency,quantity,images,status,platforms,attribute:Body Type');
    expect(rows).toHaveLength(3);
    await world.database.pool.query('update products set sync_pending = false');
    expect(await postCsv(csv)).toEqual({ status: 200, body: { rows: 3, created: 0, updated: 0, unchanged: 3 } });
    const pending = await world.database.pool.query('select count(*)::int as n from products where sync_pending');
    expect(pending.rows[0].n).toBe(0);
  });

  it('refuses a file with a bad row, naming row and column, and writes none of it', async () => {
    const csv = await csvOf();
    const lines = csv.trim().split('\n');
    lines[1] = lines[1]!.replace('OWN-0,Fender', 'OWN-0,Fender Custom');
    lines[3] = lines[3]!.replace(',1020.00,', ',ten pounds,');
    lines.push(lines[3]!.replace('OWN-2', 'NEW-9').replace(',ten pounds,', ',99.00,'));
    const res = await postCsv(lines.join('\n'));
    expect(res.status).toBe(400);
    expect(res.body.error!.message).toBe('row 4, column price: must be a decimal string like "1299.00"');
    expect((await products.bySku(world.database.db, 'OWN-0'))!.brand).toBe('Fender');
    expect(await products.bySku(world.database.db, 'NEW-9')).toBeNull();
  });

  it('imports 5,000 rows in one file', async () => {
    const header = 'sku,brand,model,title,condition,price,currency,quantity';
    const rows = Array.from({ length: 5000 }, (_, i) => `BULK-${i},Boss,DS-${i},Boss DS-${i},good,${50 + (i % 100)}.00,USD,1`);
    const res = await postCsv([header, ...rows].join('\n'));
    expect(res.body).toEqual({ rows: 5000, created: 5000, updated: 0, unchanged: 0 });
    await world.database.pool.query(`delete from products where sku like 'BULK-%'`);
  }, 60_000);

  it('lists the orphans with suggestions, and carries out each decision', async () => {
    const { body: orphans } = await world.api<{ externalId: string; sku: string | null; title: string; suggestions: { sku: string; score: number }[] }[]>('GET', '/api/orphans');
    expect(orphans.map((o) => o.sku).sort()).toEqual(['HAND-10', 'HAND-11', 'HAND-12', null]);
    const byTitle = (n: number) => orphans.find((o) => o.title === instrument(n).title)!;

    // A product of ours that is this very guitar, so far listed on Reverb only: linked, and listed
    // on the shop too, so no run ever creates it there again.
    expect((await world.api('POST', '/api/products', { ...instrument(10), sku: 'OWN-10', category: 'Guitars>Electric solid body', platforms: ['reverb'] })).status).toBe(201);
    const { body: withSuggestion } = await world.api<{ externalId: string; suggestions: { sku: string; score: number }[] }[]>('GET', '/api/orphans');
    expect(withSuggestion.find((o) => o.externalId === byTitle(10).externalId)!.suggestions[0]).toEqual({ sku: 'OWN-10', score: 1 });
    expect((await world.api('POST', `/api/orphans/website/${byTitle(10).externalId}`, { action: 'link', sku: 'OWN-10' })).body).toEqual({ result: 'linked', sku: 'OWN-10' });
    expect((await products.bySku(world.database.db, 'OWN-10'))!.platforms).toEqual(['reverb', 'website']);

    const adopted = await world.api<{ result: string; sku: string }>('POST', `/api/orphans/website/${byTitle(11).externalId}`, { action: 'adopt' });
    expect(adopted.body).toEqual({ result: 'adopted', sku: 'HAND-11' });
    expect(await products.bySku(world.database.db, 'HAND-11')).toMatchObject({ brand: 'Epiphone', model: 'Model 11', year: 1966, platforms: ['website'] });

    const deleted = await world.api<{ result: string; runId: string }>('POST', `/api/orphans/website/${byTitle(12).externalId}`, { action: 'delete' });
    expect(deleted.body.result).toBe('deleting');
    expect((await world.waitForRun(deleted.body.runId)).status).toBe('completed');
    const audit = await world.database.pool.query(`select kind, outcome from audit_log where run_id = $1`, [deleted.body.runId]);
    expect(audit.rows).toEqual([{ kind: 'delete', outcome: 'succeeded' }]);

    const bad = await world.api<{ error: { message: string } }>('POST', `/api/orphans/website/${byTitle(13).externalId}`, { action: 'link', sku: 'NOPE' });
    expect([bad.status, bad.body.error.message]).toEqual([404, 'no product with SKU NOPE']);

    // The last one is ignored through the page, in a real browser.
    const browser = await puppeteer.launch({ executablePath: findBrowser(process.env.PUPPETEER_EXECUTABLE_PATH) ?? '/usr/bin/chromium', headless: true, args: ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`${world.apiUrl}/login`);
      await page.type('input[name="token"]', world.token);
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
      const row = `#orphans-table tr[data-external-id="${byTitle(13).externalId}"]`;
      await page.waitForSelector(row);
      expect(await page.$$eval('#orphans-table tbody tr', (rows) => rows.length)).toBe(1);
      await page.click(`${row} button[data-action="ignore"]`);
      await page.waitForFunction(() => document.querySelector('#orphans-message')?.textContent?.includes('No orphans'), { timeout: 30_000 });
    } finally {
      await browser.close();
    }

    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId);
    expect([run.status, run.summary!.orphans]).toEqual(['completed', 0]);
    const { body: listed } = await world.control<{ sku: string; title: string; status: string }[]>('GET', '/website/listings');
    // Linked, never created again; deleted, gone; the ignored one left as it was.
    expect(listed.filter((l) => l.title === instrument(10).title)).toHaveLength(1);
    expect(listed.some((l) => l.title === instrument(12).title)).toBe(false);
    expect(listed.some((l) => l.title === instrument(13).title)).toBe(true);
  }, 180_000);
});
