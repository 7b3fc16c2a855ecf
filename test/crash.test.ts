import { sql } from 'drizzle-orm';
import { products } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { createWorld, hostImages, type World } from './harness.js';

/**
 * Kill any process at any moment: the run still completes, nothing is listed twice, every
 * action ends final and every platform row matches what the platform holds.
 */
async function expectConsistent(world: World, runId: string, platforms: string[]) {
  const open = await world.database.db.execute<{ n: number }>(sql`select count(*)::int as n from sync_actions where run_id = ${runId} and status in ('planned','in_flight')`);
  expect(open.rows[0]!.n).toBe(0);
  for (const platform of platforms) {
    const { body: remote } = await world.control<{ id: string; sku: string; status: string }[]>('GET', `/${platform}/listings`);
    const skus = remote.map((l) => l.sku).filter(Boolean);
    expect(new Set(skus).size).toBe(skus.length); // no duplicates
    const rows = await world.database.db.execute<{ sku: string; external_id: string }>(sql`
      select p.sku, pc.external_id from platform_common pc join products p on p.id = pc.product_id where pc.platform = ${platform}::platform`);
    for (const row of rows.rows) {
      const listing = remote.find((l) => l.sku === row.sku);
      expect(listing).toBeDefined();
      expect(row.external_id).toBe(platform === 'ebay' ? row.sku : listing!.id);
    }
  }
}

async function until(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not reached in time');
}

const succeededOn = async (world: World, runId: string, platform: string) =>
  (await world.database.db.execute<{ n: number }>(sql`select count(*)::int as n from sync_actions where run_id = ${runId} and platform = ${platform}::platform and status = 'succeeded'`)).rows[0]!.n;

describe('an executor killed in the middle of a run', () => {
  let world: World;
  const items = catalogue(24, { seed: 21 }).map((p) => ({ ...p, quantity: 1, condition: 'very_good' as const, platforms: null }));

  beforeAll(async () => {
    world = await createWorld({ platforms: ['reverb', 'website'] });
    await world.startPipeline(['reverb', 'website']);
    await products.upsertMany(world.database.db, items);
    await world.control('PUT', '/reverb/config', { latencyMs: 150 });
  }, 90_000);
  afterAll(async () => world?.close());

  it('completes after another executor takes over, with no listing made twice', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const executor = world.processes.find((p) => p.name === 'execute-reverb')!;
    await until(async () => (await succeededOn(world, body.runId, 'reverb')) >= 4);
    await executor.stop('SIGKILL');
    await world.startWorker('execute', 'reverb');
    const run = await world.waitForRun(body.runId, 90_000);
    expect(run.status).toBe('completed');
    const { body: remote } = await world.control<unknown[]>('GET', '/reverb/listings');
    expect(remote).toHaveLength(items.length);
    await expectConsistent(world, body.runId, ['reverb', 'website']);
  });
});

describe('the V&R executor killed after the form made an item, before its id was kept', () => {
  let world: World;
  const items = catalogue(3, { seed: 23 }).map((p) => ({ ...p, quantity: 1, condition: 'very_good' as const, platforms: null }));
  type Item = { id: string; sku: string; brand: string | null; model: string | null; year: number | null };

  beforeAll(async () => {
    world = await createWorld({ platforms: ['vr'] });
    hostImages(world, items);
    await world.startPipeline(['vr']);
    await products.upsertMany(world.database.db, items);
    // Every V&R request takes a second: the form's post makes the item a second before the page after it answers.
    await world.control('PUT', '/vr/config', { latencyMs: 1000 });
  }, 90_000);
  afterAll(async () => world?.close());

  it('finds the item by what the create sent (V&R keeps no SKU) and never makes it twice', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    await until(async () => (await world.control<Item[]>('GET', '/vr/listings')).body.length >= 1, 90_000);
    await world.processes.find((p) => p.name === 'execute-vr')!.stop('SIGKILL');
    const made = (await world.control<Item[]>('GET', '/vr/listings')).body;
    expect([made.length, await succeededOn(world, body.runId, 'vr')]).toEqual([1, 0]);
    await world.control('PUT', '/vr/config', { latencyMs: 0 });
    await world.startWorker('execute', 'vr');
    const run = await world.waitForRun(body.runId, 150_000);
    expect({ status: run.status, failed: await world.failedActions(body.runId) }).toEqual({ status: 'completed', failed: [] });

    const { body: listed } = await world.control<Item[]>('GET', '/vr/listings');
    const name = (l: { brand?: string | null; model?: string | null; year?: number | null }) => `${l.brand}|${l.model}|${l.year ?? ''}`;
    expect(listed.map(name).sort()).toEqual(items.map(name).sort());
    expect(listed.map((l) => l.sku)).toEqual(['', '', '']);
    const rows = await world.database.db.execute<{ sku: string; external_id: string }>(sql`
      select p.sku, pc.external_id from platform_common pc join products p on p.id = pc.product_id where pc.platform = 'vr'`);
    for (const item of items) expect(name(listed.find((l) => l.id === rows.rows.find((r) => r.sku === item.sku)!.external_id)!)).toBe(name(item));
    // The item made before the kill was taken as made, not posted again.
    const found = await world.database.db.execute<{ sku: string }>(sql`
      select sku from audit_log where run_id = ${body.runId} and request_summary->>'note' = 'create already made; found by SKU'`);
    expect(found.rows.map((r) => r.sku)).toEqual([items.find((i) => name(i) === name(made[0]!))!.sku]);
  }, 240_000);
});

describe('snapshot and plan workers killed mid-stage', () => {
  let world: World;
  const items = catalogue(600, { seed: 22 });

  beforeAll(async () => {
    world = await createWorld({ platforms: ['website'] });
    await world.startPipeline(['website']);
    await products.upsertMany(world.database.db, items);
  }, 90_000);
  afterAll(async () => world?.close());

  it('a killed snapshot is taken again by the next worker', async () => {
    // A first run lists everything; a slow shop then makes the second snapshot long enough to interrupt.
    const first = await world.api<{ runId: string }>('POST', '/api/sync', {});
    expect((await world.waitForRun(first.body.runId, 90_000)).status).toBe('completed');
    await world.control('PUT', '/website/config', { latencyMs: 400 });
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    await until(async () => {
      const stats = (await world.control<{ byEndpoint: Record<string, number> }>('GET', '/website/stats')).body;
      return (stats.byEndpoint['GET /products'] ?? 0) >= 4;
    });
    await world.processes.find((p) => p.name === 'snapshot')!.stop('SIGKILL');
    await world.startWorker('snapshot');
    const run = await world.waitForRun(body.runId, 90_000);
    expect(run.status).toBe('completed');
    await expectConsistent(world, body.runId, ['website']);
  });

  it('a killed planner is replaced and the run neither loses nor repeats actions', async () => {
    await world.control('PUT', '/website/config', { latencyMs: 0 });
    for (const p of items.slice(0, 300)) await products.update(world.database.db, p.sku, { priceCents: p.priceCents + 5000 });
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const planner = world.processes.find((p) => p.name === 'plan')!;
    await until(async () => ['planning', 'executing', 'completed'].includes((await world.api<{ status: string }>('GET', `/api/sync/runs/${body.runId}`)).body.status));
    await planner.stop('SIGKILL');
    await world.startWorker('plan');
    const run = await world.waitForRun(body.runId, 90_000);
    expect(run.status).toBe('completed');
    const { body: acts } = await world.api<{ sku: string; kind: string }[]>('GET', `/api/sync/runs/${body.runId}/actions`);
    expect(acts.filter((a) => a.kind === 'update')).toHaveLength(300);
    expect(new Set(acts.map((a) => a.sku)).size).toBe(acts.length);
    const { body: remote } = await world.control<{ sku: string; price: { amount: string } }[]>('GET', '/website/listings');
    for (const p of items.slice(0, 300)) expect(remote.find((l) => l.sku === p.sku)!.price.amount).toBe(((p.priceCents + 5000) / 100).toFixed(2));
    await expectConsistent(world, body.runId, ['website']);
  });
});
