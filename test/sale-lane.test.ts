import { products } from '../packages/db/src/index.js';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { createWorld, hostImages, type World } from './harness.js';

/**
 * V&R takes one action at a time, and an item form takes several requests: a sale's end must not
 * wait for the full run's form in flight. The form gives way before it writes, the end goes
 * first, and the form is sent again afterwards, once.
 */
describe('a sale during a full run on V&R', () => {
  let world: World;
  const items = catalogue(4, { seed: 83 }).map((p) => ({ ...p, quantity: 1, condition: 'excellent' as const, platforms: null }));
  const [a, b, c, sold] = items as [typeof items[0], typeof items[0], typeof items[0], typeof items[0]];

  beforeAll(async () => {
    world = await createWorld({ platforms: ['website', 'vr'] });
    hostImages(world, items);
    await world.startPipeline(['website', 'vr']);
    await products.upsertMany(world.database.db, items);
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    const run = await world.waitForRun(body.runId, 180_000);
    expect({ status: run.status, failed: await world.failedActions(body.runId) }).toEqual({ status: 'completed', failed: [] });
  }, 240_000);

  afterAll(async () => {
    await world?.close();
  });

  it('ends the sold item on V&R ahead of the form in flight, which is then sent again and written once', async () => {
    for (const p of [a, b, c]) expect((await world.api('PATCH', `/api/products/${p.sku}`, { price: { amount: '1234.00', currency: 'USD' } })).status).toBe(200);
    // Each V&R request now takes 1.5 s: an item form (several requests) is still open when the sale's end arrives.
    expect((await world.control('PUT', '/vr/config', { latencyMs: 1500 })).status).toBe(200);
    const full = (await world.api<{ runId: string }>('POST', '/api/sync', {})).body.runId;
    const inFlight = async () =>
      (await world.database.pool.query(`select 1 from sync_actions where run_id = $1 and platform = 'vr' and kind = 'update' and status = 'in_flight'`, [full])).rowCount! > 0;
    const deadline = Date.now() + 120_000;
    while (!(await inFlight())) {
      if (Date.now() > deadline) throw new Error('no V&R update went in flight');
      await new Promise((r) => setTimeout(r, 100));
    }

    expect((await world.control('POST', '/website/sales', { sku: sold.sku })).status).toBe(200);
    const targeted = (await world.api<{ runId: string }>('POST', '/api/sync', { skus: [sold.sku] })).body.runId;
    const saleRun = await world.waitForRun(targeted, 120_000);
    expect({ status: saleRun.status, failed: await world.failedActions(targeted) }).toEqual({ status: 'completed', failed: [] });
    const fullRun = await world.waitForRun(full, 180_000);
    expect({ status: fullRun.status, failed: await world.failedActions(full) }).toEqual({ status: 'completed', failed: [] });

    const q = await world.database.pool.query<{ run: string; kind: string; sku: string; finished: Date; gave_way: boolean }>(
      `select case when a.run_id = $1 then 'full' else 'sale' end as run, a.kind, a.sku, a.finished_at as finished,
              exists (select 1 from audit_log l where l.action_id = a.id and l.request_summary->>'note' like 'gave way to a sale%') as gave_way
         from sync_actions a where a.run_id in ($1, $2) and a.platform = 'vr' and a.status = 'succeeded' order by a.finished_at`,
      [full, targeted],
    );
    const end = q.rows.find((r) => r.run === 'sale' && r.sku === sold.sku)!;
    expect(end.kind).toBe('end');
    const yielded = q.rows.filter((r) => r.gave_way);
    expect(yielded.map((r) => [r.run, r.kind])).toEqual([['full', 'update']]);
    expect(yielded[0]!.finished.getTime()).toBeGreaterThan(end.finished.getTime());

    const onVr = (await world.control<{ brand: string; model: string; year: number; status: string; price: { amount: string } }[]>('GET', '/vr/listings')).body;
    expect(onVr).toHaveLength(4);
    const find = (p: typeof a) => onVr.find((l) => l.brand === p.brand && l.model === p.model && l.year === p.year)!;
    for (const p of [a, b, c]) expect(find(p).price.amount).toBe('1234.00');
    expect(find(sold).status).toBe('sold');
    // Sent twice, written once: one publish per updated item (the given-up form posted nothing).
    const posts = await world.database.pool.query<{ n: number }>(
      `select count(*)::int as n from audit_log where run_id = $1 and platform = 'vr' and kind = 'update' and outcome = 'succeeded'`,
      [full],
    );
    expect(posts.rows[0]!.n).toBe(3);
  }, 420_000);
});
