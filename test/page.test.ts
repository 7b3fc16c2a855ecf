import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { runs } from '../packages/db/src/index.js';
import { BROWSER_HELP, findBrowser } from '../packages/runtime/src/index.js';
import { createWorld, type World } from './harness.js';

/**
 * The dealer's page in a real browser, over the whole pipeline (sandbox, API, every worker):
 * sign in, Sync Now, watch it run, read the report, retry what failed, approve a held plan.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new'];
const SKUS = Array.from({ length: 10 }, (_, i) => `PG-${String(i + 1).padStart(2, '0')}`);
const STEP_MS = 60_000;

const product = (sku: string, i: number) => ({
  sku,
  brand: 'Gibson',
  model: 'Les Paul Standard',
  title: `Gibson Les Paul Standard ${1990 + i}`,
  description: 'Plays and sounds great.',
  year: 1990 + i,
  finish: 'Heritage Cherry Sunburst',
  category: 'electric-guitars',
  condition: 'very_good',
  price: { amount: `${2000 + i * 10}.00`, currency: 'USD' },
  quantity: 1,
  images: [`https://img.example/${sku}.jpg`],
  status: 'active',
});

describe('the Sync Now page', () => {
  let world: World;
  let browser: Browser;
  let page: Page;
  let redis: Redis;
  const queue = (name: string) => new Queue(name, { connection: redis, prefix: world.env.QUEUE_PREFIX });

  beforeAll(async () => {
    // Ending 3 of 10 listings is more than 10%: such a plan is held for approval.
    world = await createWorld({ platforms: ['website'], env: { SYNC_MAX_DESTRUCTIVE_PCT: '10', WEBSITE_WEBHOOK_SECRET: 'page-test-webhook-secret' } });
    await world.startPipeline(['website']);
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    expect((await world.api('POST', '/api/products', SKUS.map(product))).status).toBe(201);
    const executablePath = findBrowser(process.env.PUPPETEER_EXECUTABLE_PATH);
    if (!executablePath) throw new Error(`the page test drives a real browser; ${BROWSER_HELP}`);
    browser = await puppeteer.launch({ executablePath, headless: true, args: ARGS });
    page = await browser.newPage();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    redis?.disconnect();
    await world?.close();
  });

  const text = (selector: string) => page.$eval(selector, (el) => el.textContent?.trim() ?? '');
  const runId = () => page.$eval('#run', (el) => (el as HTMLElement).dataset.runId ?? '');
  /** Waits until the page shows a run other than `previous` (when given) in `status`. */
  const waitForStatus = async (status: string, previous?: string) =>
    page.waitForFunction(
      (s, prev) => {
        const run = document.querySelector<HTMLElement>('#run');
        return !!run && !run.hidden && run.dataset.runId !== prev && document.querySelector('#run-status')?.textContent === s;
      },
      { timeout: STEP_MS },
      status,
      previous ?? '',
    );
  const tableRows = (selector: string) =>
    page.$$eval(`${selector} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));

  it('signs in with the API token through the login form', async () => {
    await page.goto(`${world.apiUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.type('input[name="token"]', world.token);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await text('#sync-now')).toBe('Sync Now');
    expect(await page.$eval('#board-link', (a) => a.getAttribute('href'))).toBe('/admin/queues');
  }, STEP_MS);

  it('shows a dry run\'s plan without changing the shop', async () => {
    await page.click('#dry-run');
    await waitForStatus('planned');
    await page.waitForSelector('#plan-table tbody tr td + td');
    const plan = await tableRows('#plan-table');
    expect(plan.filter((r) => r[0] === 'website' && r[2] === 'create').map((r) => r[1]).sort()).toEqual(SKUS);
    expect((await world.control<unknown[]>('GET', '/website/listings')).body).toEqual([]);
  }, STEP_MS);

  it('starts a run with Sync Now, joins it on a second press, shows progress and then the report', async () => {
    const before = await runId();
    const sync = queue('sync');
    await sync.pause();
    try {
      await page.click('#sync-now');
      await page.waitForFunction((prev) => document.querySelector<HTMLElement>('#run')?.dataset.runId !== prev, { timeout: STEP_MS }, before);
      await page.waitForSelector('#run-progress progress', { timeout: STEP_MS });
      await page.click('#sync-now');
      await page.waitForFunction(() => document.querySelector('#sync-message')?.textContent?.includes('joined the run already going'), { timeout: STEP_MS });
    } finally {
      await sync.resume();
      await sync.close();
    }
    await waitForStatus('completed', before);
    await page.waitForSelector('#report:not([hidden])');
    const report = await tableRows('#report-table');
    expect(report).toContainEqual(['website', 'create', '10', '10', '0']);
    expect(await text('#report-facts')).toContain('API calls');
    expect((await tableRows('#stage-table')).map((r) => r[0])).toEqual(expect.arrayContaining(['snapshot', 'plan']));

    const listings = (await world.control<{ sku: string; status: string }[]>('GET', '/website/listings')).body;
    expect(listings.filter((l) => l.status === 'active').map((l) => l.sku).sort()).toEqual(SKUS);
    await page.waitForFunction(() => document.querySelectorAll('#products-table .badge.active').length === 10, { timeout: STEP_MS });
    expect(await page.$$eval('#runs-table tbody tr', (rows) => rows.length)).toBeGreaterThanOrEqual(2);
  }, STEP_MS * 2);

  it('shows failed actions with the platform\'s message, and Retry failed puts them through', async () => {
    for (const sku of SKUS.slice(0, 2)) expect((await world.api('PATCH', `/api/products/${sku}`, { price: { amount: '1999.00', currency: 'USD' } })).status).toBe(200);
    const before = await runId();
    // Hold execution until the snapshot is taken, so only the writes meet the shop's errors.
    const execute = queue('execute-website');
    await execute.pause();
    try {
      await page.click('#sync-now');
      await page.waitForFunction((prev) => document.querySelector<HTMLElement>('#run')?.dataset.runId !== prev, { timeout: STEP_MS }, before);
      await world.waitForRun(await runId(), STEP_MS, ['executing']);
      expect((await world.control('PUT', '/website/config', { errorRate: 1, errorStatus: 400 })).status).toBe(200);
    } finally {
      await execute.resume();
      await execute.close();
    }
    await waitForStatus('completed_with_errors', before);
    await page.waitForSelector('#failed:not([hidden]) #failed-actions tbody tr');
    const failed = await tableRows('#failed-actions');
    expect(failed.map((r) => r[1]).sort()).toEqual(SKUS.slice(0, 2));
    for (const row of failed) expect(row[4]).toMatch(/critical error/);

    expect((await world.control('PUT', '/website/config', { errorRate: 0 })).status).toBe(200);
    await page.click('#retry-failed');
    await waitForStatus('completed');
    expect(await page.$eval('#failed', (el) => (el as HTMLElement).hidden)).toBe(true);
    const listings = (await world.control<{ sku: string; price: { amount: string } }[]>('GET', '/website/listings')).body;
    for (const sku of SKUS.slice(0, 2)) expect(listings.find((l) => l.sku === sku)!.price.amount).toBe('1999.00');
  }, STEP_MS * 2);

  it('holds a plan that would end too many listings until Approve is pressed', async () => {
    const archived = SKUS.slice(7);
    for (const sku of archived) expect((await world.api('PATCH', `/api/products/${sku}`, { status: 'archived' })).status).toBe(200);
    const before = await runId();
    await page.click('#sync-now');
    await waitForStatus('awaiting_approval', before);
    await page.waitForSelector('#held:not([hidden]) #approve');
    const plan = await tableRows('#plan-table');
    expect(plan.filter((r) => r[2] === 'end').map((r) => r[1]).sort()).toEqual(archived);
    expect((await world.control<{ status: string }[]>('GET', '/website/listings')).body.every((l) => l.status === 'active')).toBe(true);

    await page.click('#approve');
    await waitForStatus('completed');
    const listings = (await world.control<{ sku: string; status: string }[]>('GET', '/website/listings')).body;
    expect(listings.filter((l) => l.status !== 'active').map((l) => l.sku).sort()).toEqual(archived);
  }, STEP_MS * 2);

  it('edits the schedule', async () => {
    await page.$eval('#schedule-pattern', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#schedule-pattern', '0 */2 * * *');
    await page.$eval('#schedule-tz', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#schedule-tz', 'America/New_York');
    await page.click('#schedule-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#schedule-message')?.textContent?.startsWith('Saved'), { timeout: STEP_MS });
    const { body } = await world.api<{ id: string; pattern: string; tz: string }[]>('GET', '/api/schedules');
    expect(body).toContainEqual(expect.objectContaining({ id: 'sync', pattern: '0 */2 * * *', tz: 'America/New_York' }));
  }, STEP_MS);

  it('registers the shop\'s sale webhook once however often it is pressed, shows it, and the shop\'s next sale comes through it', async () => {
    const registered = async () => (await world.control<{ webhooks: number }>('GET', '/website/stats')).body.webhooks;
    const lastState = () => page.$eval('#webhooks-table tbody tr td:last-child', (td) => td.textContent?.trim() ?? '');
    expect(await registered()).toBe(0);
    await page.click('#register-webhooks');
    await page.waitForFunction(() => document.querySelector('#webhooks-status')?.textContent?.startsWith('Registered'), { timeout: STEP_MS });
    expect(await tableRows('#webhooks-table')).toEqual([['website', 'order.created', `${world.apiUrl}/webhooks/website`, 'registered now']]);
    expect(await registered()).toBe(1);

    await page.$eval('#webhooks-status', (el) => (el.textContent = ''));
    await page.click('#register-webhooks');
    await page.waitForFunction(() => document.querySelector('#webhooks-status')?.textContent?.startsWith('Registered'), { timeout: STEP_MS });
    expect(await lastState()).toBe('already registered');
    expect(await registered()).toBe(1);

    // The sandbox's own config sends no webhook here: only the registration can bring this sale to us.
    const sku = SKUS[3]!;
    expect((await world.control('POST', '/website/sales', { sku, quantity: 1 })).status).toBeLessThan(300);
    const deadline = Date.now() + STEP_MS;
    let started: { trigger: string; skus: string[] | null } | undefined;
    while (!started && Date.now() < deadline) {
      started = (await runs.list(world.database.db, 20)).find((r) => r.trigger === 'webhook' && r.skus?.includes(sku));
      if (!started) await new Promise((r) => setTimeout(r, 200));
    }
    expect(started).toBeDefined();
  }, STEP_MS * 2);

  it('refuses a registration for a URL the platforms could not call back, and registers nothing', async () => {
    const res = await world.api<{ error: { code: string; message: string } }>('POST', '/api/webhooks/registrations', { url: 'ftp://shop.example' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^url: /);
    expect((await world.api('GET', '/api/webhooks/registrations/not-an-id')).status).toBe(400);
    expect((await world.control<{ webhooks: number }>('GET', '/website/stats')).body.webhooks).toBe(1);
  }, STEP_MS);
});
