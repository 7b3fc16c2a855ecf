import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { products } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { createWorld, notifyReceiver, hostImages, type ProcessHandle, type World } from './harness.js';

/**
 * Vintage & Rare away and refusing us, through the whole pipeline: its maintenance hours are not
 * even tried; maintenance that starts during a run makes its calls wait (nothing fails) and the
 * run completes once it ends; a Cloudflare challenge is told to the dealer once, fails its
 * actions with the way out, is not retried, and the dealer's browser cookie passes it; a brand V&R
 * does not know is listed in readiness and never reaches its form.
 */
describe('Vintage & Rare away, challenged, and strict about brands', () => {
  let world: World;
  let receiver: Awaited<ReturnType<typeof notifyReceiver>>;
  let redis: Redis;
  let vrQueue: Queue;
  const items = catalogue(4, { seed: 12 }).map((p) => ({ ...p, quantity: 1, condition: 'excellent' as const, platforms: null }));
  const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
  const ENDS = ['completed', 'completed_with_errors', 'failed'];
  /** The executor and snapshot worker as started last (they are restarted with other settings). */
  const running: Record<string, ProcessHandle> = {};

  /** A window of two hours around now, in UTC (it may cross midnight). */
  const hoursAroundNow = () => {
    const at = (offsetMin: number) => {
      const d = new Date(Date.now() + offsetMin * 60_000);
      return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    };
    return `${at(-60)}-${at(60)}`;
  };
  const restart = async (stage: 'snapshot' | 'execute', env: Record<string, string> | null) => {
    const name = stage === 'execute' ? 'execute-vr' : 'snapshot';
    await running[name]?.stop();
    delete running[name];
    if (env) running[name] = await world.startWorker(stage, stage === 'execute' ? 'vr' : undefined, env);
  };
  /** V&R requests the runs made: not the items page an executor opens at start, its session readied for the first sale. */
  const vrCalls = async () => {
    const { calls, byEndpoint } = (await world.control<{ calls: number; byEndpoint: Record<string, number> }>('GET', '/vr/stats')).body;
    return calls - (byEndpoint['GET /account/items'] ?? 0);
  };
  const vrActions = async (runId: string) =>
    (await world.api<{ kind: string; sku: string; status: string; error: string | null }[]>('GET', `/api/sync/runs/${runId}/actions?platform=vr`)).body;
  const sync = async () => (await world.api<{ runId: string }>('POST', '/api/sync', {})).body.runId;
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what}: not reached in time`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    receiver = await notifyReceiver();
    world = await createWorld({ platforms: ['vr', 'website'], env: { NOTIFY_URL: receiver.url, VR_MAINTENANCE_HOURS: hoursAroundNow() } });
    hostImages(world, items);
    await Promise.all([world.startSandbox(), world.startApi(), world.startWorker('plan'), world.startWorker('report'), world.startWorker('execute', 'website')]);
    running.snapshot = await world.startWorker('snapshot');
    running['execute-vr'] = await world.startWorker('execute', 'vr');
    await products.upsertMany(world.database.db, items);
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    vrQueue = new Queue('execute-vr', { connection: redis, prefix: world.env.QUEUE_PREFIX });
  }, 120_000);

  afterAll(async () => {
    await vrQueue?.close();
    redis?.disconnect();
    receiver?.close();
    await world?.close();
  });

  it('in its maintenance hours, V&R is not even tried: the run completes elsewhere and says V&R was away', async () => {
    const runId = await sync();
    const run = await world.waitForRun(runId, 120_000);
    expect({ status: run.status, failed: await world.failedActions(runId) }).toEqual({ status: 'completed', failed: [] });
    expect(await vrCalls()).toBe(0);
    expect((run.snapshot as Record<string, { complete: boolean; error?: string }>).vr).toMatchObject({ complete: false, error: expect.stringContaining('maintenance hours') });
    expect((await world.control<unknown[]>('GET', '/website/listings')).body).toHaveLength(items.length);
    expect((await world.control<unknown[]>('GET', '/vr/listings')).body).toEqual([]);
  }, 180_000);

  it('maintenance during a run: V&R calls wait, nothing fails, and the run completes once it ends', async () => {
    await restart('snapshot', { VR_MAINTENANCE_HOURS: '' });
    // No V&R executor yet: its calls wait in the queue while the run reads and plans.
    await restart('execute', null);
    const runId = await sync();
    await world.waitForRun(runId, 120_000, ['executing', ...ENDS]);
    const planned = await vrActions(runId);
    expect(planned.filter((a) => a.kind === 'create')).toHaveLength(items.length);

    await world.control('PUT', '/vr/config', { maintenance: true });
    const callsBefore = await vrCalls();
    await restart('execute', { VR_MAINTENANCE_HOURS: '' });
    // Each call met the maintenance page once and went back to wait; none is left running or waiting to run.
    await until('every V&R call waiting', async () => {
      const counts = await vrQueue.getJobCounts('delayed', 'waiting', 'active', 'prioritized');
      return counts.delayed! > 0 && counts.waiting! + counts.active! + counts.prioritized! === 0;
    });
    const tried = (await vrCalls()) - callsBefore;
    expect(tried).toBeGreaterThan(0);
    expect(tried).toBeLessThanOrEqual(planned.length);
    const waiting = await world.api<{ status: string }>('GET', `/api/sync/runs/${runId}`);
    expect(waiting.body.status).toBe('executing');
    expect((await vrActions(runId)).map((a) => ({ status: a.status, error: a.error }))).toEqual(planned.map(() => ({ status: 'planned', error: null })));
    expect(await world.failedActions(runId)).toEqual([]);

    // Maintenance ends; the waits (the page's Retry-After, an hour) are cut short.
    await world.control('PUT', '/vr/config', { maintenance: false });
    for (const job of await vrQueue.getDelayed()) await job.promote();
    const run = await world.waitForRun(runId, 150_000);
    expect({ status: run.status, failed: await world.failedActions(runId) }).toEqual({ status: 'completed', failed: [] });
    expect((await world.control<{ status: string }[]>('GET', '/vr/listings')).body.map((l) => l.status)).toEqual(items.map(() => 'active'));
  }, 240_000);

  it('a Cloudflare challenge: the actions fail at once with the way out, the dealer is told once, nothing is retried', async () => {
    const changed = items.slice(0, 2).map((p) => ({ ...p, priceCents: p.priceCents + 10_000 }));
    await products.upsertMany(world.database.db, changed);
    await restart('execute', null);
    const runId = await sync();
    await world.waitForRun(runId, 120_000, ['executing', ...ENDS]);
    const planned = await vrActions(runId);
    expect(planned.map((a) => a.kind)).toEqual(['update', 'update']);

    await world.control('PUT', '/vr/config', { challenge: true, cfClearance: 'clearance-from-the-browser', cfUserAgent: UA });
    const callsBefore = await vrCalls();
    await restart('execute', { VR_MAINTENANCE_HOURS: '' });
    const run = await world.waitForRun(runId, 120_000);
    expect(run.status).toBe('completed_with_errors');
    const failed = await world.failedActions(runId);
    expect(failed).toHaveLength(2);
    for (const line of failed) expect(line).toMatch(/^vr update GS-\d+: V&R's Cloudflare challenged .*VR_COOKIES/);
    // One request a call, refused, and no more: no retry, no backoff loop.
    expect((await vrCalls()) - callsBefore).toBe(planned.length);
    const attempts = (await vrActions(runId)).map((a) => a.status);
    expect(attempts).toEqual(['failed', 'failed']);
    await until('the dealer told', async () => receiver.messages.some((m) => m.includes('A platform refuses gearsync')));
    const told = receiver.messages.join('\n');
    expect(told.match(/vr refuses gearsync \(blocked\)/g)).toHaveLength(1);
    expect(told).toContain('VR_COOKIES');
    expect(told).not.toContain('clearance-from-the-browser');
  }, 240_000);

  it('with the dealer’s browser cookie the next run passes the challenge and catches up; a brand V&R does not know is listed and never sent', async () => {
    const withCookie = { VR_MAINTENANCE_HOURS: '', VR_COOKIES: 'cf_clearance=clearance-from-the-browser', VR_USER_AGENT: UA };
    await restart('snapshot', withCookie);
    await restart('execute', withCookie);
    // V&R's brand list is the account's: the catalogue's brands, and not the newcomer's.
    await world.control('PUT', '/vr/account', { brands: [...new Set(items.map((i) => i.brand))] });
    const stranger = { ...items[0]!, sku: 'GS-NOBODY', brand: 'Nobody Guitars', model: 'One', title: 'Nobody Guitars One' };
    await products.upsertMany(world.database.db, [stranger]);
    const formPosts = async () => {
      const { byEndpoint } = (await world.control<{ byEndpoint: Record<string, number> }>('GET', '/vr/stats')).body;
      return { creates: byEndpoint['POST /instruments/add_edit_item'] ?? 0, edits: byEndpoint['POST /instruments/add_edit_item/:id'] ?? 0 };
    };
    const postsBefore = await formPosts();

    const runId = await sync();
    const run = await world.waitForRun(runId, 150_000);
    expect((run.snapshot as Record<string, { complete: boolean }>).vr!.complete).toBe(true);
    expect(await world.failedActions(runId)).toEqual([
      "vr create GS-NOBODY: vr: Vintage & Rare does not know the brand 'Nobody Guitars': its form takes only brands in its list (ask V&R to add it, or use their spelling)",
    ]);
    const { body: remote } = await world.control<{ price: { amount: string }; model: string }[]>('GET', '/vr/listings');
    for (const p of items.slice(0, 2)) expect(remote.find((l) => l.model === p.model)!.price.amount).toBe(((p.priceCents + 10_000) / 100).toFixed(2));
    expect(remote).toHaveLength(items.length);
    // The two updates went through the form; the stranger never did.
    expect(await formPosts()).toEqual({ creates: postsBefore.creates, edits: postsBefore.edits + 2 });
    const { body: readiness } = await world.api<{ ready: boolean; problems: { platform: string; sku?: string; message: string }[] }>('GET', '/api/readiness');
    expect(readiness.problems).toEqual([expect.objectContaining({ platform: 'vr', sku: 'GS-NOBODY', message: expect.stringContaining("does not know the brand 'Nobody Guitars'") })]);
    expect((await world.control<unknown[]>('GET', '/website/listings')).body).toHaveLength(items.length + 1);
  }, 240_000);
});
