import { spawn } from 'node:child_process';
import { products } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { asListing } from '../apps/cli/src/divergence.js';
import { createWorld, ROOT, type World } from './harness.js';

/** Dry runs, held plans and approval through the real processes. */
describe('plans that wait: dry runs and the destructive guard', () => {
  let world: World;
  const items = catalogue(20, { seed: 41 }).map((p) => ({ ...p, platforms: null }));

  beforeAll(async () => {
    world = await createWorld({ platforms: ['website'], env: { SYNC_MAX_DESTRUCTIVE_PCT: '10', SYNC_PLAN_MAX_AGE: '20s' } });
    await world.startPipeline(['website']);
    await products.upsertMany(world.database.db, items);
    const first = await world.api<{ runId: string }>('POST', '/api/sync', {});
    expect((await world.waitForRun(first.body.runId)).status).toBe('completed');
  }, 90_000);
  afterAll(async () => world?.close());

  const shop = async () => (await world.control<{ sku: string; status: string; price: { amount: string } }[]>('GET', '/website/listings')).body;

  it('a dry run stops at planned, shows the plan with reasons, and changes nothing', async () => {
    const target = items[0]!;
    await products.update(world.database.db, target.sku, { priceCents: target.priceCents - 10000 });
    const before = await shop();
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', { dryRun: true });
    const run = await world.waitForRun(body.runId);
    expect(run.status).toBe('planned');
    const { body: plan } = await world.api<{ sku: string; kind: string; status: string; reason: string }[]>('GET', `/api/sync/runs/${body.runId}/actions`);
    const from = (target.priceCents / 100).toFixed(2);
    const to = ((target.priceCents - 10000) / 100).toFixed(2);
    expect(plan).toEqual([expect.objectContaining({ sku: target.sku, kind: 'update', status: 'planned', reason: expect.stringContaining(`price ${from} → ${to}`) })]);
    expect(await shop()).toEqual(before);
  });

  it('npm run sync -- --dry-run prints what would stop a listing, then the plan grouped by platform and kind', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/sync.ts', '--dry-run'], { cwd: ROOT, env: { ...process.env, ...world.env } });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
    });
    expect(out).toMatch(/plan \(dry run, nothing changed\)/);
    expect(out.indexOf('ready: every product renders on every platform')).toBeGreaterThan(-1);
    expect(out.indexOf('ready: every product renders on every platform')).toBeLessThan(out.indexOf('plan (dry run'));
    expect(out).toMatch(/website · update \(1\)/);
    expect(out).toContain(items[0]!.sku);
    expect(out).toMatch(/price \d+\.\d\d → \d+\.\d\d/);
  }, 60_000);

  it('holds a plan that would end too much of a platform, and executes it exactly as shown once approved', async () => {
    const archived = items.slice(1, 5);
    for (const p of archived) await products.update(world.database.db, p.sku, { status: 'archived' });
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId);
    expect(run.status).toBe('awaiting_approval');
    expect((await shop()).filter((l) => l.status === 'active')).toHaveLength(items.length);
    const { body: held } = await world.api<{ id: number; sku: string; kind: string }[]>('GET', `/api/sync/runs/${body.runId}/actions`);
    expect(held.filter((a) => a.kind === 'end').map((a) => a.sku).sort()).toEqual(archived.map((p) => p.sku).sort());

    // Someone edits a price after the plan was made: the approved plan still does only what it showed.
    await products.update(world.database.db, items[9]!.sku, { priceCents: 100 });
    expect((await world.api('POST', `/api/sync/runs/${body.runId}/approve`)).status).toBeLessThan(300);
    const done = await world.waitForRun(body.runId);
    expect(done.status).toBe('completed');
    const after = await shop();
    for (const p of archived) expect(after.find((l) => l.sku === p.sku)!.status).toBe('ended');
    expect(after.find((l) => l.sku === items[9]!.sku)!.price.amount).toBe(asListing(items[9]!, 'website').price.amount);
    const { body: executed } = await world.api<{ id: number }[]>('GET', `/api/sync/runs/${body.runId}/actions`);
    expect(executed.map((a) => a.id).sort()).toEqual(held.map((a) => a.id).sort());
  });

  it('refuses to approve a plan whose snapshot is older than SYNC_PLAN_MAX_AGE', async () => {
    await products.update(world.database.db, items[9]!.sku, { status: 'archived' });
    for (const p of items.slice(10, 13)) await products.update(world.database.db, p.sku, { status: 'archived' });
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    expect((await world.waitForRun(body.runId)).status).toBe('awaiting_approval');
    await world.database.pool.query(`update sync_runs set snapshot_at = now() - interval '1 hour' where id = $1`, [body.runId]);
    const answer = await world.api<{ error: { code: string; message: string } }>('POST', `/api/sync/runs/${body.runId}/approve`);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('plan_too_old');
    expect((await world.api<{ status: string }>('GET', `/api/sync/runs/${body.runId}`)).body.status).toBe('awaiting_approval');
  });
});
