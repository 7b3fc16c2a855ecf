import { sql } from 'drizzle-orm';
import type { Sale } from '@gearsync/core';
import type { DbOrTx } from '../client.js';

/**
 * Records sales once each (unique per platform + sale key) and lowers local stock only for
 * the sales newly recorded, so a sale seen by a webhook's run and by the next full run, or
 * by a retried job, is counted once. Answers the sales that were new.
 */
export async function recordSales(db: DbOrTx, runId: string | null, sales: Sale[]): Promise<Sale[]> {
  const fresh: Sale[] = [];
  for (const sale of sales) {
    const result = await db.execute<{ id: number }>(sql`
      with moved as (
        insert into stock_movements (product_id, delta, quantity_after, reason, platform, sale_key, run_id, note)
        select p.id, -${sale.quantity}::int, greatest(p.quantity - ${sale.quantity}::int, 0), 'sale', ${sale.platform}, ${sale.saleKey}, ${runId}::uuid,
               ${`sold on ${sale.platform}`}
        from products p where p.id = ${sale.productId}
        on conflict (platform, sale_key) do nothing
        returning product_id, quantity_after
      )
      update products p set quantity = moved.quantity_after,
        status = case when moved.quantity_after = 0 and p.status = 'active' then 'sold'::product_status else p.status end,
        sync_pending = true, updated_at = now()
      from moved where p.id = moved.product_id
      returning p.id`);
    if (result.rows.length) fresh.push(sale);
  }
  return fresh;
}

export async function movementsFor(db: DbOrTx, productId: number) {
  const result = await db.execute<{ delta: number; quantity_after: number; reason: string; platform: string | null; sale_key: string | null; run_id: string | null }>(
    sql`select delta, quantity_after, reason, platform, sale_key, run_id from stock_movements where product_id = ${productId} order by id`,
  );
  return result.rows;
}
