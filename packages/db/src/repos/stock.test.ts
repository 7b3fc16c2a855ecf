import { randomBytes } from 'node:crypto';
import type { Sale } from '@gearsync/core';
import { dropDatabase, migrate, openDatabase, type Database } from '../client.js';
import * as products from './products.js';
import * as stock from './stock.js';

describe('stock.recordSales', () => {
  const url = `postgres://postgres@127.0.0.1:5432/gearsync_t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  let database: Database;

  beforeAll(async () => {
    await migrate(url);
    database = openDatabase(url, { max: 2 });
  });

  afterAll(async () => {
    await database?.close();
    await dropDatabase(url);
  });

  const product = async (sku: string, quantity: number) => {
    const [row] = await products.upsertMany(database.db, [
      { sku, brand: 'Fender', model: 'Jazz Bass', title: `Fender Jazz Bass ${sku}`, condition: 'good', priceCents: 150_000, currency: 'USD', quantity, images: [], status: 'active' },
    ]);
    return row!;
  };
  const sale = (p: { id: number; sku: string }, platform: Sale['platform'], key: string, quantity = 1): Sale => ({ productId: p.id, sku: p.sku, platform, saleKey: key, quantity, externalId: `${platform}-${p.id}` });

  it('records a batch of sales at once, each lowering the stock in turn, and the product sold out once none is left', async () => {
    const bass = await product('ST-1', 3);
    const other = await product('ST-2', 5);
    const sales = [sale(bass, 'reverb', 'r1'), sale(other, 'ebay', 'e9', 2), sale(bass, 'ebay', 'e1'), sale(bass, 'website', 'w1', 2)];
    expect(await stock.recordSales(database.db, null, sales)).toEqual(sales);
    expect((await stock.movementsFor(database.db, bass.id)).map((m) => [m.platform, m.delta, m.quantity_after])).toEqual([
      ['reverb', -1, 2],
      ['ebay', -1, 1],
      ['website', -2, 0],
    ]);
    const [b, o] = await products.bySkus(database.db, ['ST-1', 'ST-2']).then((rows) => ['ST-1', 'ST-2'].map((s) => rows.find((r) => r.sku === s)!));
    expect([b!.quantity, b!.status]).toEqual([0, 'sold']);
    expect([o!.quantity, o!.status]).toEqual([3, 'active']);
  });

  it('counts a sale seen again once, and answers only the new ones', async () => {
    const bass = await product('ST-3', 4);
    await stock.recordSales(database.db, null, [sale(bass, 'reverb', 'again')]);
    const fresh = await stock.recordSales(database.db, null, [sale(bass, 'reverb', 'again'), sale(bass, 'vr', 'new')]);
    expect(fresh.map((s) => s.saleKey)).toEqual(['new']);
    expect((await products.bySkus(database.db, ['ST-3']))[0]!.quantity).toBe(2);
    expect(await stock.recordSales(database.db, null, [])).toEqual([]);
  });
});
