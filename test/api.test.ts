import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { actions, products, runs } from '../packages/db/src/index.js';
import { createWorld, freePort, type World } from './harness.js';

/**
 * The HTTP API alone (no workers): what it answers, what it refuses, and that a refused
 * request leaves the database as it was.
 */
interface ErrorBody {
  error: { code: string; message: string };
}
interface Ticket {
  runId: string;
  status: string;
  deduplicated: boolean;
}
interface ProductAnswer {
  sku: string;
  title: string;
  price: { amount: string; currency: string };
  quantity: number;
  status: string;
  condition: string;
  images: string[];
  listedOn: string[];
  platforms: Record<string, { status: string | null; syncStatus: string; externalId: string | null; lastSyncedAt: string | null; error: string | null }>;
  syncPending: boolean;
}

const product = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  brand: 'Fender',
  model: 'Stratocaster',
  title: `1965 Fender Stratocaster ${sku}`,
  description: 'Sunburst, all original.',
  year: 1965,
  finish: 'Sunburst',
  category: 'electric-guitars',
  condition: 'excellent',
  price: { amount: '1299.00', currency: 'USD' },
  quantity: 1,
  images: ['https://img.example/strat-1.jpg'],
  status: 'active',
  ...extra,
});

describe('the HTTP API', () => {
  let world: World;
  let redis: Redis;
  let syncQueue: Queue;

  beforeAll(async () => {
    world = await createWorld({ platforms: ['website', 'reverb'], env: { LOGIN_USER: 'dealer', LOGIN_PASSWORD: 'six-strings-and-a-password' } });
    await world.startApi();
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    syncQueue = new Queue('sync', { connection: redis, prefix: world.env.QUEUE_PREFIX });
  }, 60_000);

  afterAll(async () => {
    await syncQueue?.close();
    redis?.disconnect();
    await world?.close();
  });

  const raw = (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
    fetch(`${world.apiUrl}${path}`, { method, redirect: 'manual', headers: init.headers, body: init.body });
  const db = () => world.database.db;

  describe('auth', () => {
    it('refuses /api without the bearer token, or with a wrong one', async () => {
      const none = await raw('GET', '/api/sync/runs');
      expect(none.status).toBe(401);
      expect(((await none.json()) as ErrorBody).error.code).toBe('unauthorized');
      const wrong = await raw('GET', '/api/sync/runs', { headers: { authorization: 'Bearer not-the-token' } });
      expect(wrong.status).toBe(401);
      expect((await world.api('GET', '/api/sync/runs')).status).toBe(200);
    });

    it('opens a session from the login form, and refuses a wrong token there', async () => {
      const form = await raw('GET', '/login');
      expect(form.status).toBe(200);
      expect(await form.text()).toMatch(/<input[^>]*name="token"/);

      const bad = await raw('POST', '/login', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=wrong-token' });
      expect(bad.status).toBe(401);
      expect(await bad.text()).toContain('not right');
      expect(bad.headers.get('set-cookie')).toBeNull();

      const good = await raw('POST', '/login', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(world.token)}` });
      expect(good.status).toBe(302);
      expect(good.headers.get('location')).toBe('/');
      const cookie = good.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      expect(cookie).toContain('gearsync_session=');

      expect((await raw('GET', '/api/sync/runs', { headers: { cookie } })).status).toBe(200);
      const page = await raw('GET', '/', { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('>Sync Now</button>');
      expect((await raw('GET', '/admin/queues', { headers: { cookie } })).status).toBe(200);
      // The cookie alone does not let another site make changes.
      const crossSite = await raw('POST', '/api/sync', { headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
      expect(crossSite.status).toBe(403);
    });

    it('also takes the login set in the environment, user name included', async () => {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const page = await (await raw('GET', '/login')).text();
      expect(page).toMatch(/<input[^>]*name="user"/);
      const good = await raw('POST', '/login', { headers: form, body: 'user=dealer&token=six-strings-and-a-password&next=%2Fadmin%2Fqueues' });
      expect(good.status).toBe(302);
      expect(good.headers.get('location')).toBe('/admin/queues');
      expect((await raw('POST', '/login', { headers: form, body: 'user=someone&token=six-strings-and-a-password' })).status).toBe(401);
      // Only our own paths: a login link cannot send the dealer to another site.
      const elsewhere = await raw('POST', '/login', { headers: form, body: 'user=dealer&token=six-strings-and-a-password&next=%2F%2Fevil.example' });
      expect(elsewhere.headers.get('location')).toBe('/');
      // The password opens the page, not the API for scripts.
      expect((await raw('GET', '/api/sync/runs', { headers: { authorization: 'Bearer six-strings-and-a-password' } })).status).toBe(401);
    });

    it('sends the page to the login without a session', async () => {
      const page = await raw('GET', '/');
      expect(page.status).toBe(302);
      expect(page.headers.get('location')).toBe('/login');
    });
  });

  it('answers /health with both stores up', async () => {
    const res = await raw('GET', '/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: true, redis: true });
  });

  describe('errors', () => {
    it('answers JSON for unknown routes, bad JSON and bodies that are not JSON', async () => {
      const auth = { authorization: `Bearer ${world.token}` };
      const unknown = await raw('GET', '/api/nothing-here', { headers: auth });
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as ErrorBody).error.code).toBe('not_found');
      const broken = await raw('POST', '/api/sync', { headers: { ...auth, 'content-type': 'application/json' }, body: '{"dryRun": tru' });
      expect(broken.status).toBe(400);
      expect(((await broken.json()) as ErrorBody).error.code).toBe('invalid_json');
      const form = await raw('POST', '/api/products', { headers: { ...auth, 'content-type': 'text/plain' }, body: 'sku=1' });
      expect(form.status).toBe(415);
      expect(await runs.list(db(), 10)).toHaveLength(0);
    });

    it('refuses a bad sync request naming the field, and records no run', async () => {
      const bad = await world.api<ErrorBody>('POST', '/api/sync', { platforms: ['myspace'] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^platforms\.0: /);
      const typo = await world.api<ErrorBody>('POST', '/api/sync', { dryrun: true });
      expect(typo.status).toBe(400);
      expect(typo.body.error.message).toMatch(/dryrun/);
      const disabled = await world.api<ErrorBody>('POST', '/api/sync', { platforms: ['ebay'] });
      expect(disabled.status).toBe(400);
      expect(disabled.body.error.code).toBe('platform_disabled');
      expect(await runs.list(db(), 10)).toHaveLength(0);
    });
  });

  describe('products', () => {
    it('creates one product and answers it with its per-platform status', async () => {
      const res = await world.api<ProductAnswer>('POST', '/api/products', product('GS-1', { platforms: ['website'] }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ sku: 'GS-1', price: { amount: '1299.00', currency: 'USD' }, quantity: 1, condition: 'excellent', status: 'active', listedOn: ['website'], syncPending: true });
      expect(res.body.platforms).toEqual({ website: { status: null, syncStatus: 'pending', externalId: null, lastSyncedAt: null, error: null } });
      const row = await products.bySku(db(), 'GS-1');
      expect(row).toMatchObject({ priceCents: 129900, currency: 'USD', platforms: ['website'] });

      const got = await world.api<ProductAnswer>('GET', '/api/products/GS-1');
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('lists a product without a platform list on every enabled platform', async () => {
      const res = await world.api<ProductAnswer>('POST', '/api/products', product('GS-2'));
      expect(res.status).toBe(201);
      expect(res.body.listedOn).toEqual(['website', 'reverb']);
      expect(Object.keys(res.body.platforms).sort()).toEqual(['reverb', 'website']);
    });

    it('creates an array of products in one request', async () => {
      const res = await world.api<ProductAnswer[]>('POST', '/api/products', [product('GS-3'), product('GS-4', { price: { amount: '45', currency: 'EUR' } })]);
      expect(res.status).toBe(201);
      expect(res.body.map((p) => p.sku)).toEqual(['GS-3', 'GS-4']);
      expect(res.body[1]!.price).toEqual({ amount: '45.00', currency: 'EUR' });
    });

    it('rejects the whole array when one item is bad, naming its index and field', async () => {
      const before = await products.count(db());
      const res = await world.api<ErrorBody>('POST', '/api/products', [product('GS-10'), product('GS-11', { price: { amount: '12.5O', currency: 'USD' } })]);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^1\.price\.amount: /);
      expect(await products.count(db())).toBe(before);
      expect(await products.bySku(db(), 'GS-10')).toBeNull();
    });

    it.each([
      [{ condition: 'like new' }, /^condition: /],
      [{ status: 'gone' }, /^status: /],
      [{ price: { amount: '10.00', currency: 'us dollars' } }, /^price\.currency: /],
      [{ price: { amount: 10, currency: 'USD' } }, /^price\.amount: /],
      [{ quantity: -1 }, /^quantity: /],
      [{ quantity: 1.5 }, /^quantity: /],
      [{ images: ['not a url'] }, /^images\.0: /],
      [{ sku: '' }, /^sku: /],
      [{ platforms: ['website', 'myspace'] }, /^platforms\.1: /],
    ])('refuses %j', async (change, message) => {
      const before = await products.count(db());
      const res = await world.api<ErrorBody>('POST', '/api/products', product('GS-BAD', change));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.message).toMatch(message);
      expect(await products.count(db())).toBe(before);
    });

    it('refuses more than 1,000 products, and duplicate SKUs, in one request', async () => {
      const many = Array.from({ length: 1001 }, (_, i) => product(`GS-M${i}`));
      const tooMany = await world.api<ErrorBody>('POST', '/api/products', many);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toMatch(/at most 1000/);
      const dup = await world.api<ErrorBody>('POST', '/api/products', [product('GS-D'), product('GS-D')]);
      expect(dup.status).toBe(400);
      expect(dup.body.error.message).toMatch(/^1\.sku: /);
      expect(await products.bySku(db(), 'GS-D')).toBeNull();
    });

    it('changes a product with PATCH and marks it pending', async () => {
      await products.markAllSynced(db());
      expect((await products.bySku(db(), 'GS-1'))!.syncPending).toBe(false);
      const res = await world.api<ProductAnswer>('PATCH', '/api/products/GS-1', { quantity: 0, price: { amount: '999.99', currency: 'USD' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ sku: 'GS-1', quantity: 0, price: { amount: '999.99', currency: 'USD' }, syncPending: true, title: '1965 Fender Stratocaster GS-1' });
      expect(await products.bySku(db(), 'GS-1')).toMatchObject({ quantity: 0, priceCents: 99999, syncPending: true });

      const bad = await world.api<ErrorBody>('PATCH', '/api/products/GS-1', { status: 'vanished' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^status: /);
      expect((await products.bySku(db(), 'GS-1'))!.status).toBe('active');
      expect((await world.api('PATCH', '/api/products/GS-1', { sku: 'GS-99' })).status).toBe(400);
      expect((await world.api('PATCH', '/api/products/NO-SUCH', { quantity: 2 })).status).toBe(404);
      expect((await world.api('GET', '/api/products/NO-SUCH')).status).toBe(404);
    });

    it('pages through the inventory', async () => {
      const first = await raw('GET', '/api/products?limit=2', { headers: { authorization: `Bearer ${world.token}` } });
      expect(first.status).toBe(200);
      const page1 = (await first.json()) as ProductAnswer[];
      expect(page1.map((p) => p.sku)).toEqual(['GS-1', 'GS-2']);
      const after = first.headers.get('x-next-after');
      expect(after).toBeTruthy();
      const page2 = await world.api<ProductAnswer[]>('GET', `/api/products?limit=2&after=${after}`);
      expect(page2.body.map((p) => p.sku)).toEqual(['GS-3', 'GS-4']);
      expect((await world.api('GET', '/api/products?limit=5000')).status).toBe(400);
    });
  });

  describe('sync runs', () => {
    let fullRunId: string;

    it('records a run and queues its snapshot; a second request joins it', async () => {
      const first = await world.api<Ticket>('POST', '/api/sync', {});
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ status: 'queued', deduplicated: false });
      fullRunId = first.body.runId;
      const second = await world.api<Ticket>('POST', '/api/sync');
      expect(second.status).toBe(202);
      expect(second.body).toEqual({ runId: fullRunId, status: 'queued', deduplicated: true });

      expect(await runs.get(db(), fullRunId)).toMatchObject({ status: 'queued', trigger: 'manual', skus: null, dryRun: false, platforms: ['reverb', 'website'] });
      expect(await syncQueue.getJob(`snapshot-${fullRunId}`)).toBeDefined();
    });

    it('never coalesces a targeted run', async () => {
      const targeted = await world.api<Ticket>('POST', '/api/sync', { skus: ['GS-1'], platforms: ['website'] });
      expect(targeted.status).toBe(202);
      expect(targeted.body.deduplicated).toBe(false);
      expect(targeted.body.runId).not.toBe(fullRunId);
      expect(await runs.get(db(), targeted.body.runId)).toMatchObject({ skus: ['GS-1'], platforms: ['website'] });
    });

    it('lists runs newest first, and answers one run with its progress', async () => {
      await actions.insertPlanned(db(), fullRunId, [
        { platform: 'website', productId: null, sku: 'GS-1', kind: 'update', priority: 3, reason: 'price differs', payload: { externalId: '11' } },
        { platform: 'website', productId: null, sku: 'GS-2', kind: 'create', priority: 4, reason: 'not listed', payload: {}, error: 'cannot render: no images' },
      ]);
      const list = await world.api<{ runId: string; status: string; trigger: string; dryRun: boolean; createdAt: string; finishedAt: string | null; progress: { total: number } }[]>('GET', '/api/sync/runs?limit=5');
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(2);
      expect(list.body[1]).toMatchObject({ runId: fullRunId, status: 'queued', trigger: 'manual', dryRun: false, finishedAt: null, progress: { total: 2 } });
      expect(Date.parse(list.body[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(list.body[1]!.createdAt));
      expect((await world.api('GET', '/api/sync/runs?limit=201')).status).toBe(400);

      const one = await world.api<Record<string, unknown>>('GET', `/api/sync/runs/${fullRunId}`);
      expect(one.status).toBe(200);
      for (const key of ['runId', 'status', 'trigger', 'dryRun', 'createdAt', 'startedAt', 'finishedAt', 'stages', 'progress', 'summary']) expect(one.body).toHaveProperty(key);
      expect(one.body.progress).toMatchObject({ total: 2, succeeded: 0, failed: 1, pending: 1 });
    });

    it('answers a run\'s actions, filtered by status and platform', async () => {
      const all = await world.api<{ id: number; platform: string; sku: string; kind: string; status: string; reason: string; error: string | null; attempts: number }[]>('GET', `/api/sync/runs/${fullRunId}/actions`);
      expect(all.status).toBe(200);
      expect(all.body).toHaveLength(2);
      expect(all.body[0]).toMatchObject({ platform: 'website', sku: 'GS-1', kind: 'update', status: 'planned', reason: 'price differs', error: null, attempts: 0 });
      expect(typeof all.body[0]!.id).toBe('number');
      const failed = await world.api<{ sku: string; error: string }[]>('GET', `/api/sync/runs/${fullRunId}/actions?status=failed`);
      expect(failed.body).toEqual([expect.objectContaining({ sku: 'GS-2', status: 'failed', error: 'cannot render: no images' })]);
      expect((await world.api<unknown[]>('GET', `/api/sync/runs/${fullRunId}/actions?platform=reverb`)).body).toEqual([]);
      expect((await world.api<ErrorBody>('GET', `/api/sync/runs/${fullRunId}/actions?status=lost`)).status).toBe(400);
    });

    it('answers 400 for a malformed run id and 404 for an unknown one', async () => {
      const bad = await world.api<ErrorBody>('GET', '/api/sync/runs/12');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^runId: /);
      const unknown = await world.api<ErrorBody>('GET', '/api/sync/runs/2b0c9d6e-4a65-4a55-9b44-6f0e3c1b7a10');
      expect(unknown.status).toBe(404);
      expect((await world.api('GET', '/api/sync/runs/2b0c9d6e-4a65-4a55-9b44-6f0e3c1b7a10/actions')).status).toBe(404);
    });

    it('refuses to approve a run that is not held, or retry one that has not executed', async () => {
      const approve = await world.api<ErrorBody>('POST', `/api/sync/runs/${fullRunId}/approve`);
      expect(approve.status).toBe(409);
      expect(approve.body.error.code).toBe('not_held');
      const retry = await world.api<ErrorBody>('POST', `/api/sync/runs/${fullRunId}/retry-failed`);
      expect(retry.status).toBe(409);
      expect((await world.api('POST', '/api/sync/runs/2b0c9d6e-4a65-4a55-9b44-6f0e3c1b7a10/approve')).status).toBe(404);
      expect((await runs.get(db(), fullRunId))!.status).toBe('queued');
    });
  });

  describe('schedules', () => {
    it('sets the sync schedule and lists it with its next run', async () => {
      const put = await world.api<{ id: string; pattern: string; tz: string; next: number }>('PUT', '/api/schedules/sync', { pattern: '*/10 * * * *', tz: 'Europe/Berlin' });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ id: 'sync', pattern: '*/10 * * * *', tz: 'Europe/Berlin' });
      expect(put.body.next).toBeGreaterThan(Date.now());
      const list = await world.api<{ id: string; pattern: string; tz: string }[]>('GET', '/api/schedules');
      expect(list.body).toEqual([expect.objectContaining({ id: 'sync', pattern: '*/10 * * * *', tz: 'Europe/Berlin' })]);
    });

    it.each([
      [{ pattern: '61 * * * *', tz: 'UTC' }, /^pattern: /],
      [{ pattern: 'every day', tz: 'UTC' }, /^pattern: /],
      [{ pattern: '* * * * * *', tz: 'UTC' }, /^pattern: .*once a minute/],
      [{ pattern: '0 3 * * *', tz: 'Mars/Olympus' }, /^tz: /],
    ])('refuses %j and keeps the schedule', async (body, message) => {
      const res = await world.api<ErrorBody>('PUT', '/api/schedules/sync', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      const list = await world.api<{ pattern: string }[]>('GET', '/api/schedules');
      expect(list.body[0]!.pattern).toBe('*/10 * * * *');
    });

    it('knows only the sync schedule', async () => {
      expect((await world.api('PUT', '/api/schedules/nightly', { pattern: '0 3 * * *', tz: 'UTC' })).status).toBe(404);
    });
  });

  it('exposes the metrics, read from Postgres and Redis at scrape time', async () => {
    await redis.hincrby(`${world.env.QUEUE_PREFIX}:metrics:throttled`, 'reverb', 3);
    const res = await raw('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const name of ['gearsync_runs', 'gearsync_actions', 'gearsync_queue_jobs', 'gearsync_api_calls', 'gearsync_throttled_calls', 'gearsync_oversell_window_seconds']) {
      expect(text).toContain(`# TYPE ${name} gauge`);
    }
    expect(text).toMatch(/^gearsync_runs\{status="queued"\} 2$/m);
    expect(text).toMatch(/^gearsync_actions\{platform="website",kind="create",outcome="failed"\} 1$/m);
    expect(text).toMatch(/^gearsync_queue_jobs\{queue="sync",state="prioritized"\} [1-9]/m);
    expect(text).toMatch(/^gearsync_throttled_calls\{platform="reverb"\} 3$/m);
    expect(text).toMatch(/^gearsync_api_process_cpu_seconds_total /m);
  });

  it('serves Bull Board behind the same auth', async () => {
    expect((await raw('GET', '/admin/queues')).status).toBe(401);
    expect((await raw('GET', '/admin/queues/api/queues')).status).toBe(401);
    const auth = { authorization: `Bearer ${world.token}` };
    const board = await raw('GET', '/admin/queues', { headers: auth });
    expect(board.status).toBe(200);
    expect(await board.text()).toMatch(/<html/i);
    const queues = await raw('GET', '/admin/queues/api/queues', { headers: auth });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['execute-reverb', 'execute-website', 'plan', 'report', 'sync', 'watch']);
  });

  describe('with Redis down', () => {
    let url: string;

    beforeAll(async () => {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      const handle = await world.start('api-no-redis', ['apps/api/src/main.ts'], { API_PORT: String(port), REDIS_URL: 'redis://127.0.0.1:1' });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (handle.child.exitCode !== null) throw new Error(`the API exited:\n${handle.output.join('')}`);
        if (await fetch(`${url}/health`).then(() => true, () => false)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the API did not come up:\n${handle.output.join('')}`);
    }, 40_000);

    it('says so on /health with 503', async () => {
      const res = await fetch(`${url}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, db: true, redis: false });
    });

    it('answers 503 at once to Sync Now, a webhook and the schedule, and records no run', async () => {
      const before = (await runs.list(db(), 1000)).length;
      const auth = { authorization: `Bearer ${world.token}`, 'content-type': 'application/json' };
      const sync = await fetch(`${url}/api/sync`, { method: 'POST', headers: auth, body: JSON.stringify({ skus: ['GS-1'] }) });
      expect(sync.status).toBe(503);
      expect(((await sync.json()) as ErrorBody).error.code).toBe('queue_unavailable');
      expect((await fetch(`${url}/api/schedules`, { headers: auth })).status).toBe(503);
      expect((await fetch(`${url}/webhooks/reverb/any-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sku":"GS-1"}' })).status).toBe(503);
      expect((await runs.list(db(), 1000)).length).toBe(before);
    }, 30_000);

    it('still serves products and metrics from Postgres', async () => {
      const res = await fetch(`${url}/api/products/GS-1`, { headers: { authorization: `Bearer ${world.token}` } });
      expect(res.status).toBe(200);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/^gearsync_up\{component="redis"\} 0$/m);
      expect(metrics).toMatch(/^gearsync_up\{component="postgres"\} 1$/m);
    });
  });
});
