import { sql } from 'drizzle-orm';
import type { Sale } from '@gearsync/core';
import type { DbOrTx } from '../client.js';

/**
 * Records sales once each (unique per platform + sale key) and lowers local stock only for
 * the sales newly recorded, so a sale seen by a webhook's run and by the next full run, or
 * by a retried job, is counted once. This is where a sale lowers the stock: the planner only
 * names the sales. Two statements for the whole batch. Answers the sales that were new.
 */
export async function recordSales(db: DbOrTx, runId: string | null, sales: Sale[]): Promise<Sale[]> {
  if (!sales.length) return [];
  // Two statements, one outcome: a savepoint inside the caller's transaction.
  return db.transaction((tx) => recordFresh(tx, runId, sales));
}

async function recordFresh(db: DbOrTx, runId: string | null, sales: Sale[]): Promise<Sale[]> {
  const rows = sales.map((s, ord) => ({ product_id: s.productId, quantity: s.quantity, platform: s.platform, sale_key: s.saleKey, ord }));
  // The unique index decides which sales are new; their stock is settled by the next statement.
  const inserted = await db.execute<{ id: string; platform: string; sale_key: string }>(sql`
    insert into stock_movements (product_id, delta, quantity_after, reason, platform, sale_key, run_id, note)
    select s.product_id, -s.quantity, 0, 'sale', s.platform::platform, s.sale_key, ${runId}::uuid, 'sold on ' || s.platform
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as s(product_id int, quantity int, platform text, sale_key text, ord int)
    join products p on p.id = s.product_id
    order by s.ord
    on conflict (platform, sale_key) do nothing
    returning id, platform, sale_key`);
  if (!inserted.rows.length) return [];
  const ids = inserted.rows.map((r) => Number(r.id));
  // Each new movement's quantity after it, in the order the sales came; the product loses them all.
  await db.execute(sql`
    with moved as (
      select m.id, m.product_id,
        sum(-m.delta) over (partition by m.product_id order by m.id) as sold_so_far,
        sum(-m.delta) over (partition by m.product_id) as sold
      from stock_movements m
      where m.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint)
    ),
    movements as (
      update stock_movements m set quantity_after = greatest(p.quantity - moved.sold_so_far, 0)
      from moved join products p on p.id = moved.product_id
      where m.id = moved.id
    )
    update products p set quantity = greatest(p.quantity - t.sold, 0),
      status = case when p.quantity - t.sold <= 0 and p.status = 'active' then 'sold'::product_status else p.status end,
      sync_pending = true, updated_at = now()
    from (select distinct product_id, sold from moved) t
    where p.id = t.product_id`);
  const fresh = new Set(inserted.rows.map((r) => `${r.platform}|${r.sale_key}`));
  return sales.filter((s) => fresh.delete(`${s.platform}|${s.saleKey}`));
}

export async function movementsFor(db: DbOrTx, productId: number) {
  const result = await db.execute<{ delta: number; quantity_after: number; reason: string; platform: string | null; sale_key: string | null; run_id: string | null }>(
    sql`select delta, quantity_after, reason, platform, sale_key, run_id from stock_movements where product_id = ${productId} order by id`,
  );
  return result.rows;
}
