import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { products, runs } from '../packages/db/src/index.js';
import { findBrowser } from '../packages/runtime/src/index.js';
import { createWorld, type RunView, type World } from './harness.js';

/**
 * Two buyers, one guitar: an oversell is recorded once, whichever runs see the sales, named with
 * both sales, shown on the page until resolved, counted in /metrics; a restock does not relist
 * the item where it sold last until the dealer says so.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new'];
const SECRET = 'wc-webhook-secret-oversell';
const REVERB_TOKEN = 'reverb-path-token-oversell';
const PLATFORMS = ['reverb', 'website'];
const STEP_MS = 90_000;

interface SaleView {
  platform: string;
  orderId: string | null;
  externalId: string | null;
  at: string;
  price: { amount: string; currency: string } | null;
  last: boolean;
  url: string | null;
}
interface OversellView {
  id: number;
  sku: string;
  status: string;
  sales: SaleView[];
  lastPlatform: string;
  relistHeld: boolean;
  createdAt: string;
}
interface Remote {
  sku: string;
  status: string;
  quantity: number;
}

const item = (sku: string, i: number, quantity = 1) => ({
  sku,
  brand: 'Fender',
  model: 'Stratocaster',
  title: `Fender Stratocaster 196${i}`,
  description: 'One owner, plays beautifully.',
  year: 1960 + i,
  finish: 'Sunburst',
  category: 'Guitars>Electric solid body',
  // Reverb takes more than one unit only of new or mint items.
  condition: quantity > 1 ? ('mint' as const) : ('excellent' as const),
  priceCents: 1_000_000 + i * 10_000,
  currency: 'USD',
  quantity,
  images: [`https://img.example/${sku}.jpg`],
  status: 'active' as const,
});

describe('oversells', () => {
  let world: World;
  let browser: Browser | undefined;
  let page: Page;
  const WEBHOOK = 'OS-HOOK';
  const WATCH = 'OS-WATCH';
  const SNAPSHOT = 'OS-FULL';
  const PAIR = 'OS-PAIR';
  const SPLIT = 'OS-SPLIT';

  const oversellsOf = async (query = '') => (await world.api<OversellView[]>('GET', `/api/oversells${query}`)).body;
  const listing = async (platform: string, sku: string) => (await world.control<Remote[]>('GET', `/${platform}/listings`)).body.find((l) => l.sku === sku);
  const fullRun = async (body: { platforms?: string[]; skus?: string[] } = {}): Promise<RunView> => {
    const started = await world.api<{ runId: string }>('POST', '/api/sync', body);
    expect(started.status).toBe(202);
    return world.waitForRun(started.body.runId, STEP_MS);
  };
  /** The order each platform holds for a SKU, read from its own API as the dealer's account shows it. */
  const platformOrders = async (sku: string): Promise<Record<string, string[]>> => {
    const reverb = await fetch(`${world.sandboxUrl}/reverb/api/my/orders/selling/all`, {
      headers: { authorization: 'Bearer demo-reverb-token', 'accept-version': '3.0', accept: 'application/hal+json' },
    });
    const shop = await fetch(`${world.sandboxUrl}/website/wp-json/wc/v3/orders?per_page=100`, {
      headers: { authorization: `Basic ${Buffer.from('ck_demo_website_key:cs_demo_website_secret').toString('base64')}` },
    });
    const reverbOrders = ((await reverb.json()) as { orders: { order_number: string; sku: string }[] }).orders;
    const shopOrders = (await shop.json()) as { id: number; line_items: { sku: string }[] }[];
    return {
      reverb: reverbOrders.filter((o) => o.sku === sku).map((o) => String(o.order_number)),
      website: shopOrders.filter((o) => o.line_items.some((l) => l.sku === sku)).map((o) => String(o.id)),
    };
  };
  /** Both sales named with the order each platform holds, each linking to that order for the dealer. */
  const expectOrdersNamed = async (o: OversellView) => {
    const held = await platformOrders(o.sku);
    expect(held.reverb).toHaveLength(1);
    expect(held.website).toHaveLength(1);
    const byPlatform = Object.fromEntries(o.sales.map((s) => [s.platform, s]));
    expect(byPlatform.reverb).toMatchObject({ orderId: held.reverb![0], url: `https://reverb.com/my/selling/orders/${held.reverb![0]}` });
    expect(byPlatform.website).toMatchObject({ orderId: held.website![0], url: `${world.sandboxUrl}/website/wp-admin/post.php?post=${held.website![0]}&action=edit` });
  };
  const metric = async (name: string) => {
    const text = await (await fetch(`${world.apiUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : null;
  };

  beforeAll(async () => {
    world = await createWorld({ platforms: PLATFORMS, env: { WEBSITE_WEBHOOK_SECRET: SECRET, REVERB_WEBHOOK_TOKEN: REVERB_TOKEN } });
    // One after another rather than startPipeline's all at once: on a busy machine, seven processes
    // starting together can each miss the harness's start-up wait.
    await world.startSandbox();
    await world.startApi();
    for (const stage of ['snapshot', 'plan', 'report']) await world.startWorker(stage);
    for (const p of PLATFORMS) await world.startWorker('execute', p);
    const db = world.database.db;
    await products.upsertMany(db, [item(WEBHOOK, 1), item(SNAPSHOT, 2), item(PAIR, 3, 2), item(SPLIT, 4), item(WATCH, 5)]);
    const first = await fullRun();
    expect({ status: first.status, failed: await world.failedActions(first.runId) }).toEqual({ status: 'completed', failed: [] });
    for (const platform of PLATFORMS) {
      for (const sku of [WEBHOOK, WATCH, SNAPSHOT, PAIR, SPLIT]) expect((await listing(platform, sku))?.status).toBe('active');
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('records one oversell naming both sales when a one-off sells on Reverb and the web shop in the same second (webhooks)', async () => {
    expect((await world.control('PUT', '/reverb/config', { webhookUrl: `${world.apiUrl}/webhooks/reverb/${REVERB_TOKEN}` })).status).toBe(200);
    expect((await world.control('PUT', '/website/config', { webhookUrl: `${world.apiUrl}/webhooks/website`, webhookSecret: SECRET })).status).toBe(200);
    const since = new Date();
    const sold = await Promise.all(PLATFORMS.map((p) => world.control('POST', `/${p}/sales`, { sku: WEBHOOK, quantity: 1 })));
    expect(sold.map((r) => r.status < 300)).toEqual([true, true]);

    // Each notification starts its own targeted run; wait for every one of them.
    const hooked = (await runs.list(world.database.db, 50)).filter((r) => r.trigger === 'webhook' && r.createdAt >= new Date(since.getTime() - 1000));
    expect(hooked.length).toBeGreaterThanOrEqual(1);
    for (const r of hooked) expect(['completed', 'completed_with_errors']).toContain((await world.waitForRun(r.id, STEP_MS)).status);
    await world.control('PUT', '/reverb/config', { webhookUrl: null });
    await world.control('PUT', '/website/config', { webhookUrl: null, webhookSecret: null });

    const open = await oversellsOf('?status=open');
    expect(open).toHaveLength(1);
    const [o] = open;
    expect(o).toMatchObject({ sku: WEBHOOK, status: 'open', relistHeld: true });
    expect(o!.sales.map((s) => s.platform).sort()).toEqual(['reverb', 'website']);
    expect(o!.sales.filter((s) => s.last).map((s) => s.platform)).toEqual([o!.lastPlatform]);
    for (const s of o!.sales) {
      expect(s.externalId).toBeTruthy();
      expect(s.price).toEqual({ amount: '10100.00', currency: 'USD' });
      expect(s.url).toMatch(/^https?:\/\//);
      expect(Number.isNaN(Date.parse(s.at))).toBe(false);
    }
    await expectOrdersNamed(o!);
    const product = await products.bySku(world.database.db, WEBHOOK);
    expect(product).toMatchObject({ quantity: 0, status: 'sold' });
  }, STEP_MS * 2);

  it('records one oversell naming both orders when the sale watch alone sees both sales (webhooks off)', async () => {
    // The watch runs beside the snapshot worker: one that polls Reverb and the shop every second
    // stands in for the world's, for this case only.
    const plain = world.processes.find((p) => p.name === 'snapshot')!;
    await plain.stop();
    world.processes.splice(world.processes.indexOf(plain), 1);
    const watching = await world.startWorker('snapshot', undefined, { REVERB_SALE_POLL_MS: '1000', WEBSITE_SALE_POLL_MS: '1000' });
    const since = new Date();
    const sold = await Promise.all(PLATFORMS.map((p) => world.control('POST', `/${p}/sales`, { sku: WATCH, quantity: 1 })));
    expect(sold.map((r) => r.status < 300)).toEqual([true, true]);

    // Until the watch has named both orders (each poll starts a run, or names an order of an item already sold out).
    const deadline = Date.now() + STEP_MS;
    let mine: OversellView[] = [];
    while (Date.now() < deadline) {
      mine = (await oversellsOf()).filter((o) => o.sku === WATCH);
      if (mine.length && mine[0]!.sales.length === 2 && mine[0]!.sales.every((s) => s.orderId)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const started = (await runs.list(world.database.db, 50)).filter((r) => r.createdAt >= since);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(started.map((r) => r.trigger).every((t) => t === 'watch')).toBe(true);
    for (const r of started) expect(['completed', 'completed_with_errors']).toContain((await world.waitForRun(r.id, STEP_MS)).status);
    await watching.stop();
    world.processes.splice(world.processes.indexOf(watching), 1);
    // A snapshot worker with the world's settings takes the watch off again.
    await world.startWorker('snapshot');

    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'open', relistHeld: true });
    expect(mine[0]!.sales.map((s) => s.platform).sort()).toEqual(['reverb', 'website']);
    expect(mine[0]!.sales.filter((s) => s.last).map((s) => s.platform)).toEqual([mine[0]!.lastPlatform]);
    await expectOrdersNamed(mine[0]!);
    // The price each buyer paid, as the platform's order says it.
    for (const sale of mine[0]!.sales) expect(sale.price).toEqual({ amount: '10500.00', currency: 'USD' });
    expect((await oversellsOf()).filter((o) => o.sku === WATCH)).toHaveLength(1);
    expect(await products.bySku(world.database.db, WATCH)).toMatchObject({ quantity: 0, status: 'sold' });
  }, STEP_MS * 3);

  it('records one oversell when a full snapshot sees both sales, and none for a quantity-2 item sold twice', async () => {
    for (const sku of [SNAPSHOT, PAIR]) {
      for (const p of PLATFORMS) expect((await world.control('POST', `/${p}/sales`, { sku, quantity: 1 })).status).toBeLessThan(300);
    }
    const run = await fullRun();
    expect(run.status).toBe('completed');
    expect(run.summary!.salesDetected).toBe(4);
    const summary = run.summary as unknown as { oversells: { sku: string; platforms: string[]; lastPlatform: string }[]; openOversells: number };
    expect(summary.oversells).toEqual([expect.objectContaining({ sku: SNAPSHOT, platforms: ['reverb', 'website'], lastPlatform: 'website' })]);
    expect(summary.openOversells).toBe(3);

    const open = await oversellsOf('?status=open');
    expect(open.map((o) => o.sku)).toEqual([SNAPSHOT, WATCH, WEBHOOK]);
    expect(open[0]!.sales.map((s) => [s.platform, s.last])).toEqual([['reverb', false], ['website', true]]);
    // A full snapshot reads listings, not orders: each sale is named by the listing that sold.
    expect(open[0]!.sales.map((s) => s.orderId)).toEqual([null, null]);
    for (const s of open[0]!.sales) expect(s.externalId).toBeTruthy();
    expect(await products.bySku(world.database.db, PAIR)).toMatchObject({ quantity: 0, status: 'sold' });
    expect(open.some((o) => o.sku === PAIR)).toBe(false);
  }, STEP_MS * 2);

  it('names the earlier sale too when a later run sees the second one', async () => {
    // Sold on Reverb and seen by a run over Reverb alone; then sold on the shop, where it was still listed.
    expect((await world.control('POST', '/reverb/sales', { sku: SPLIT, quantity: 1 })).status).toBeLessThan(300);
    expect((await fullRun({ platforms: ['reverb'], skus: [SPLIT] })).summary!.salesDetected).toBe(1);
    expect((await oversellsOf()).some((o) => o.sku === SPLIT)).toBe(false);
    expect((await world.control('POST', '/website/sales', { sku: SPLIT, quantity: 1 })).status).toBeLessThan(300);
    expect((await fullRun({ skus: [SPLIT] })).summary!.salesDetected).toBe(1);

    const mine = (await oversellsOf()).filter((o) => o.sku === SPLIT);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.sales.map((s) => [s.platform, s.last])).toEqual([['reverb', false], ['website', true]]);
    expect(Date.parse(mine[0]!.sales[0]!.at)).toBeLessThan(Date.parse(mine[0]!.sales[1]!.at));
    expect((await world.api<OversellView>('POST', `/api/oversells/${mine[0]!.id}/resolve`, {})).body.status).toBe('resolved');
  }, STEP_MS * 2);

  it('counts each oversell once however many runs see the same sales', async () => {
    const again = await fullRun();
    expect(again.summary!.salesDetected).toBe(0);
    const n = await world.database.db.execute<{ n: number }>(sql`select count(*)::int as n from oversells`);
    expect(n.rows[0]!.n).toBe(4);
    expect(await metric('gearsync_oversells_total')).toBe(4);
    expect(await metric('gearsync_oversells_open')).toBe(3);
  }, STEP_MS);

  it('does not relist a restocked item where it sold last until the dealer says so', async () => {
    const [o] = (await oversellsOf()).filter((x) => x.sku === SNAPSHOT);
    expect(o!.lastPlatform).toBe('website');
    expect((await world.api('PATCH', `/api/products/${SNAPSHOT}`, { quantity: 1, status: 'active' })).status).toBe(200);

    const held = await fullRun();
    const acts = (await world.api<{ platform: string; sku: string; kind: string }[]>('GET', `/api/sync/runs/${held.runId}/actions`)).body;
    expect(acts.filter((a) => a.sku === SNAPSHOT && a.platform === 'website')).toEqual([]);
    expect(acts.filter((a) => a.sku === SNAPSHOT && a.platform === 'reverb').length).toBeGreaterThan(0);
    expect((await listing('website', SNAPSHOT))?.status).not.toBe('active');

    expect((await world.api<OversellView>('POST', `/api/oversells/${o!.id}/relist`)).body.relistHeld).toBe(false);
    const allowed = await fullRun();
    const relisted = (await world.api<{ platform: string; sku: string; kind: string; status: string }[]>('GET', `/api/sync/runs/${allowed.runId}/actions`)).body;
    expect(relisted.filter((a) => a.sku === SNAPSHOT && a.platform === 'website').map((a) => [a.kind, a.status])).toEqual([['update', 'succeeded']]);
    expect((await listing('website', SNAPSHOT))?.status).toBe('active');
    expect((await listing('website', SNAPSHOT))?.quantity).toBe(1);
  }, STEP_MS * 2);

  it('shows the open oversells at the top of the page with both sales and links, until each is resolved', async () => {
    browser = await puppeteer.launch({ executablePath: findBrowser(process.env.PUPPETEER_EXECUTABLE_PATH) ?? '/usr/bin/chromium', headless: true, args: ARGS });
    page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(`${world.apiUrl}/`);
    await page.type('input[name="token"]', world.token);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);

    await page.waitForSelector('#oversells:not([hidden]) li.oversell', { timeout: STEP_MS });
    // The banner comes before everything else on the page.
    expect(await page.$eval('main', (m) => m.firstElementChild?.id)).toBe('oversells');
    const shown = await page.$$eval('#oversell-list > li.oversell', (items) =>
      items.map((li) => ({
        sku: (li as HTMLElement).dataset.sku,
        sales: [...li.querySelectorAll('.oversell-sales li')].map((s) => ({ platform: (s as HTMLElement).dataset.platform, href: s.querySelector('a')?.getAttribute('href') ?? null, text: s.textContent ?? '' })),
      })),
    );
    expect(shown.map((s) => s.sku)).toEqual([SNAPSHOT, WATCH, WEBHOOK]);
    for (const s of shown) {
      expect(s.sales.map((x) => x.platform).sort()).toEqual(['reverb', 'website']);
      for (const sale of s.sales) expect(sale.href).toMatch(/^https?:\/\//);
      expect(s.sales.filter((x) => x.text.includes('came last'))).toHaveLength(1);
    }
    expect(shown[0]!.sales.find((x) => x.platform === 'reverb')!.href).toMatch(/^https:\/\/reverb\.com\/item\/\d+$/);
    // Where a webhook or the watch named the orders, the banner names them and links to each.
    for (const sku of [WATCH, WEBHOOK]) {
      const held = await platformOrders(sku);
      const sales = shown.find((s) => s.sku === sku)!.sales;
      const reverb = sales.find((x) => x.platform === 'reverb')!;
      const shop = sales.find((x) => x.platform === 'website')!;
      expect([reverb.href, reverb.text.includes(`order ${held.reverb![0]}`)]).toEqual([`https://reverb.com/my/selling/orders/${held.reverb![0]}`, true]);
      expect([shop.href, shop.text.includes(`order ${held.website![0]}`)]).toEqual([`${world.sandboxUrl}/website/wp-admin/post.php?post=${held.website![0]}&action=edit`, true]);
    }
    // What the dealer saw, kept for reading after the run: the banner and the API's answer.
    await page.screenshot({ path: join(tmpdir(), 'oversell.png'), fullPage: false });
    writeFileSync(join(tmpdir(), 'gearsync-oversells.json'), JSON.stringify(await oversellsOf('?status=open'), null, 2));

    await page.click(`#oversell-list li[data-sku="${WEBHOOK}"] button.resolve`);
    await page.waitForFunction((sku) => !document.querySelector(`#oversell-list li[data-sku="${sku}"]`), { timeout: STEP_MS }, WEBHOOK);
    expect(await page.$$eval('#oversell-list > li.oversell', (items) => items.map((li) => (li as HTMLElement).dataset.sku))).toEqual([SNAPSHOT, WATCH]);
    await page.click(`#oversell-list li[data-sku="${WATCH}"] button.resolve`);
    await page.waitForFunction((sku) => !document.querySelector(`#oversell-list li[data-sku="${sku}"]`), { timeout: STEP_MS }, WATCH);
    await page.click(`#oversell-list li[data-sku="${SNAPSHOT}"] button.resolve`);
    await page.waitForSelector('#oversells[hidden]', { timeout: STEP_MS });

    expect(await oversellsOf('?status=open')).toEqual([]);
    expect((await oversellsOf('?status=resolved')).map((o) => o.sku).sort()).toEqual([SNAPSHOT, SPLIT, WATCH, WEBHOOK].sort());
    expect(await metric('gearsync_oversells_open')).toBe(0);
    expect(await metric('gearsync_oversells_total')).toBe(4);
    // A reload shows no banner: resolved stays resolved.
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#runs-table tbody tr') !== null, { timeout: STEP_MS });
    expect(await page.$eval('#oversells', (el) => (el as HTMLElement).hidden)).toBe(true);
  }, STEP_MS * 2);

  it('answers 404 for an oversell that does not exist and 400 for a bad status filter', async () => {
    expect((await world.api('POST', '/api/oversells/999999/resolve')).status).toBe(404);
    expect((await world.api('GET', '/api/oversells?status=maybe')).status).toBe(400);
  });
});
