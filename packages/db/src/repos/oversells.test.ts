import { randomBytes } from 'node:crypto';
import type { Sale } from '@gearsync/core';
import { dropDatabase, migrate, openDatabase, type Database } from '../client.js';
import * as oversells from './oversells.js';
import * as products from './products.js';
import * as stock from './stock.js';

/**
 * Recording oversells against real Postgres, the way the plan stage does it: lock, record the
 * sales, record the oversell, in one transaction per run.
 */
describe('oversells.record', () => {
  const url = `postgres://postgres@127.0.0.1:5432/gearsync_t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  let database: Database;

  beforeAll(async () => {
    await migrate(url);
    database = openDatabase(url, { max: 4 });
  });

  afterAll(async () => {
    await database?.close();
    await dropDatabase(url);
  });

  let n = 0;
  const product = async (quantity: number) => {
    const sku = `OV-${++n}`;
    const [row] = await products.upsertMany(database.db, [
      { sku, brand: 'Gibson', model: 'SG', title: `Gibson SG ${n}`, condition: 'good', priceCents: 250_000, currency: 'USD', quantity, images: [], status: 'active' },
    ]);
    return row!;
  };
  const sale = (p: { id: number; sku: string }, platform: Sale['platform'], key: string): Sale => ({ productId: p.id, sku: p.sku, platform, saleKey: `${p.id}:${key}`, quantity: 1, externalId: `${platform}-${p.id}` });

  /** One plan stage's transaction; `hold` keeps it open after the sales are recorded. */
  const run = (sales: oversells.FreshSale[], hold?: Promise<void>) =>
    database.db.transaction(async (tx) => {
      const before = await oversells.stockBefore(tx, sales.map((s) => s.productId));
      const fresh = await stock.recordSales(tx, null, sales);
      if (hold) await hold;
      return oversells.record(tx, null, before, fresh);
    });
  /** A later run told of orders (a webhook's, the sale watch's): it locks their products and names them. */
  const tell = (p: { id: number }, orders: oversells.ToldOrder[], toldAt = new Date()) =>
    database.db.transaction(async (tx) => {
      await oversells.stockBefore(tx, [p.id]);
      return oversells.nameOrders(tx, orders, toldAt);
    });
  const rowsFor = async (productId: number) => (await oversells.list(database.db)).filter((o) => o.productId === productId);

  it('names both sales when two runs each record one sale of a one-off, with the later one last', async () => {
    const p = await product(1);
    expect(await run([sale(p, 'reverb', 'r1')])).toEqual([]);
    const [o] = await run([sale(p, 'website', 'w1')]);
    expect(o).toMatchObject({ sku: p.sku, status: 'open', lastPlatform: 'website', relistHeld: true });
    expect(o!.sales.map((s) => [s.platform, s.saleKey])).toEqual([['reverb', `${p.id}:r1`], ['website', `${p.id}:w1`]]);
  });

  it('adds a third sale to the open oversell rather than making a second one, and records a repeat once', async () => {
    const p = await product(1);
    await run([sale(p, 'reverb', 'r1')]);
    await run([sale(p, 'website', 'w1')]);
    const [third] = await run([sale(p, 'ebay', 'e1')]);
    expect(third!.sales.map((s) => s.platform)).toEqual(['reverb', 'website', 'ebay']);
    expect(third!.lastPlatform).toBe('ebay');
    expect(await run([sale(p, 'ebay', 'e1'), sale(p, 'website', 'w1')])).toEqual([]);
    expect(await rowsFor(p.id)).toHaveLength(1);
  });

  it('takes the order id, time and price a platform\'s orders gave, and orders the sales by time', async () => {
    const p = await product(1);
    const early = { ...sale(p, 'website', 'w1'), orderId: '5001', at: new Date('2026-01-01T10:00:00.000Z'), price: { cents: 249_900, currency: 'USD' } };
    const late = { ...sale(p, 'ebay', 'e1'), orderId: '12-34567-89012', at: new Date('2026-01-01T10:00:01.000Z') };
    const [o] = await run([late, early]);
    expect(o!.sales.map((s) => [s.platform, s.orderId, s.at])).toEqual([
      ['website', '5001', '2026-01-01T10:00:00.000Z'],
      ['ebay', '12-34567-89012', '2026-01-01T10:00:01.000Z'],
    ]);
    expect(o!.sales[0]!.price).toEqual({ cents: 249_900, currency: 'USD' });
    expect(o!.lastPlatform).toBe('ebay');
  });

  it('names an order told to a later run on the sale another run recorded, and in its oversell, once', async () => {
    const p = await product(1);
    const [o] = await run([sale(p, 'reverb', 'r1'), sale(p, 'website', 'w1')]);
    expect(o!.sales.map((s) => s.orderId)).toEqual([null, null]);
    expect(await tell(p, [{ platform: 'website', sku: p.sku, orderId: '5001' }])).toEqual([{ platform: 'website', saleKey: `${p.id}:w1`, orderId: '5001' }]);
    expect((await oversells.get(database.db, o!.id))!.sales.map((s) => [s.platform, s.orderId])).toEqual([['reverb', null], ['website', '5001']]);
    // Told again (a second notification, the watch reading it again): nothing changes.
    expect(await tell(p, [{ platform: 'website', sku: p.sku, orderId: '5001' }])).toEqual([]);
    // An order told an hour after the only unnamed sale there is some other sale's.
    expect(await tell(p, [{ platform: 'reverb', sku: p.sku, orderId: '1001' }], new Date(Date.now() + 3_600_000))).toEqual([]);
    expect(await tell(p, [{ platform: 'ebay', sku: p.sku, orderId: '12-1' }])).toEqual([]);
    expect((await oversells.get(database.db, o!.id))!.sales.map((s) => [s.platform, s.orderId])).toEqual([['reverb', null], ['website', '5001']]);
  });

  it('names the earlier sale\'s order when a later run finds the item oversold', async () => {
    const p = await product(1);
    expect(await run([sale(p, 'website', 'w1')])).toEqual([]);
    await tell(p, [{ platform: 'website', sku: p.sku, orderId: '5002' }]);
    const [o] = await run([{ ...sale(p, 'reverb', 'r1'), orderId: '1002' }]);
    expect(o!.sales.map((s) => [s.platform, s.orderId])).toEqual([['website', '5002'], ['reverb', '1002']]);
  });

  it('makes one oversell of three sales seen by one run', async () => {
    const p = await product(1);
    const made = await run([sale(p, 'ebay', 'e1'), sale(p, 'reverb', 'r1'), sale(p, 'website', 'w1')]);
    expect(made).toHaveLength(1);
    expect(made[0]!.sales.map((s) => s.platform)).toEqual(['ebay', 'reverb', 'website']);
  });

  it('opens a new oversell for a sale after the last one was resolved, naming the sale that took the last unit', async () => {
    const p = await product(1);
    await run([sale(p, 'reverb', 'r1')]);
    const [first] = await run([sale(p, 'website', 'w1')]);
    await oversells.resolve(database.db, first!.id);
    const [second] = await run([sale(p, 'vr', 'v1')]);
    expect(second!.id).not.toBe(first!.id);
    expect(second!.sales.map((s) => s.platform)).toEqual(['website', 'vr']);
    expect(await rowsFor(p.id)).toHaveLength(2);
  });

  it('names only the new sale when the dealer set the stock to 0 by hand after an old sale', async () => {
    const p = await product(1);
    await run([sale(p, 'reverb', 'r1')]);
    await products.update(database.db, p.sku, { quantity: 1, status: 'active' });
    await products.update(database.db, p.sku, { quantity: 0 });
    const [o] = await run([sale(p, 'website', 'w1')]);
    expect(o!.sales.map((s) => s.platform)).toEqual(['website']);
  });

  it('is no oversell when the sales fit the stock', async () => {
    const p = await product(2);
    expect(await run([sale(p, 'reverb', 'r1'), sale(p, 'website', 'w1')])).toEqual([]);
    const q = await product(2);
    expect(await run([sale(q, 'reverb', 'r1')])).toEqual([]);
    expect(await run([sale(q, 'website', 'w1')])).toEqual([]);
    expect((await products.bySku(database.db, q.sku))!.quantity).toBe(0);
  });

  it('sees a concurrent run\'s sale: the second waits for the first and finds no stock left', async () => {
    const p = await product(1);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = run([sale(p, 'reverb', 'r1')], gate);
    // The first holds the product's lock until it commits; the second starts meanwhile.
    await new Promise((r) => setTimeout(r, 200));
    const second = run([sale(p, 'website', 'w1')]);
    await new Promise((r) => setTimeout(r, 200));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual([]);
    expect(b.map((o) => o.sales.map((s) => s.platform))).toEqual([['reverb', 'website']]);

    const q = await product(2);
    let releaseQ!: () => void;
    const gateQ = new Promise<void>((r) => (releaseQ = r));
    const one = run([sale(q, 'reverb', 'r1')], gateQ);
    await new Promise((r) => setTimeout(r, 200));
    const two = run([sale(q, 'website', 'w1')]);
    await new Promise((r) => setTimeout(r, 200));
    releaseQ();
    expect(await Promise.all([one, two])).toEqual([[], []]);
    // Both sales count: no lost update of the stock.
    expect((await products.bySku(database.db, q.sku))!.quantity).toBe(0);
  });

  it('lists newest first, filters by status, and holds relisting until the dealer lifts it', async () => {
    const p = await product(1);
    const [o] = await run([sale(p, 'reverb', 'r1'), sale(p, 'website', 'w1')]);
    expect((await oversells.relistHolds(database.db, [p.id])).get(p.id)).toEqual(['website']);
    expect((await oversells.list(database.db, { status: 'open' }))[0]!.id).toBe(o!.id);
    await oversells.resolve(database.db, o!.id);
    expect((await oversells.list(database.db, { status: 'open' })).some((x) => x.id === o!.id)).toBe(false);
    expect((await oversells.relistHolds(database.db, [p.id])).get(p.id)).toEqual(['website']);
    await oversells.allowRelist(database.db, o!.id);
    expect((await oversells.relistHolds(database.db, [p.id])).get(p.id)).toBeUndefined();
    const counts = await oversells.counts(database.db);
    expect(counts.total).toBeGreaterThanOrEqual(counts.open);
    const recent = await oversells.since(database.db, new Date(Date.now() - 60_000));
    expect(recent).toHaveLength(counts.total);
    // Two sales recorded in one transaction are the same instant.
    expect(recent.find((r) => r.sku === p.sku)).toEqual({ sku: p.sku, spreadMs: 0 });
    expect(await oversells.since(database.db, new Date(Date.now() + 60_000))).toEqual([]);
  });
});
