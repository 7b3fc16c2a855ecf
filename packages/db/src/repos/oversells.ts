import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Listing, Money, Platform, Sale } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { oversells, type OversellSale } from '../schema.js';

export type OversellRow = typeof oversells.$inferSelect;
export type OversellStatus = OversellRow['status'];
export type { OversellSale };

/**
 * Locks the products that sold and answers the stock each had before these sales. Called in the
 * plan stage's transaction before the sales are recorded: two runs recording sales of one item at
 * once (two webhooks in the same second) then take turns, and the second sees the first's stock.
 */
export async function stockBefore(db: DbOrTx, productIds: number[]): Promise<Map<number, StockBefore>> {
  const ids = [...new Set(productIds)].sort((a, b) => a - b);
  const out = new Map<number, StockBefore>();
  if (!ids.length) return out;
  const result = await db.execute<{ id: number; quantity: number; updated_at: Date | string }>(
    sql`select id, quantity, updated_at from products where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) order by id for update`,
  );
  for (const r of result.rows) out.set(Number(r.id), { quantity: Number(r.quantity), updatedAt: new Date(r.updated_at) });
  return out;
}

export interface StockBefore {
  quantity: number;
  /** Last change to the product; a sale's own write sets it to the sale's time. */
  updatedAt: Date;
}

type MovementRow = {
  id: number;
  platform: Platform;
  sale_key: string;
  quantity: number;
  quantity_after: number;
  created_at: Date | string;
  external_id: string | null;
  order_id: string | null;
  baseline: Listing | null;
};

/**
 * A newly recorded sale, with what the platform's orders said of it when a run read them (the
 * sale watch): without those, the listing's price and the time we recorded it stand in.
 */
export type FreshSale = Sale & { orderId?: string | null; at?: Date; price?: Money };

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

function saleOf(m: MovementRow, known: FreshSale | undefined): OversellSale {
  const price = known?.price ?? m.baseline?.price;
  return {
    platform: m.platform,
    orderId: known?.orderId ?? m.order_id ?? null,
    externalId: m.external_id ?? m.baseline?.externalId ?? null,
    listingId: m.baseline?.refs?.listingId ?? null,
    at: iso(known?.at ?? m.created_at),
    price: price ? { cents: price.cents, currency: price.currency } : null,
    quantity: m.quantity,
    saleKey: m.sale_key,
  };
}

/**
 * Records an oversell for each product whose newly recorded sales (`fresh`, from
 * `stock.recordSales`) exceed the stock it had (`before`, from `stockBefore`), in the same
 * transaction. Names every sale that competed for the last units: the fresh ones and, when the
 * item had none left, the earlier sale that took the last one. A sale recorded once is looked at
 * once, and the unique key (the sale that went past the stock) keeps a repeat from counting
 * twice; a further sale while the item's oversell is open joins that oversell.
 * Answers the oversells made or extended.
 */
export async function record(db: DbOrTx, runId: string | null, before: Map<number, StockBefore>, fresh: FreshSale[]): Promise<OversellRow[]> {
  const byProduct = new Map<number, FreshSale[]>();
  for (const s of fresh) {
    const list = byProduct.get(s.productId) ?? [];
    list.push(s);
    byProduct.set(s.productId, list);
  }
  const out: OversellRow[] = [];
  for (const [productId, sales] of byProduct) {
    const stock = before.get(productId);
    const had = stock?.quantity ?? 0;
    const sold = sales.reduce((n, s) => n + s.quantity, 0);
    if (sold <= had) continue;
    // The sale that went past the stock: the first whose units no longer fit.
    let used = 0;
    const over = sales.find((s) => (used += s.quantity) > had)!;
    const freshKeys = new Set(sales.map((s) => `${s.platform}\u0000${s.saleKey}`));
    const known = new Map(sales.map((s) => [`${s.platform}\u0000${s.saleKey}`, s]));

    const rows = (
      await db.execute<MovementRow>(sql`
        select m.id, m.platform, m.sale_key, -m.delta as quantity, m.quantity_after, m.created_at, m.order_id, pc.external_id, pc.baseline
        from stock_movements m
        left join platform_common pc on pc.product_id = m.product_id and pc.platform = m.platform
        where m.product_id = ${productId} and m.reason = 'sale'
        order by m.id desc limit 50`)
    ).rows;
    const mine = rows.filter((r) => freshKeys.has(`${r.platform}\u0000${r.sale_key}`)).reverse();
    if (!mine.length) continue;
    const firstId = Math.min(...mine.map((r) => Number(r.id)));
    // With nothing left, the earlier sale that took the last unit is the other buyer, provided
    // nothing changed the product since (a hand edit to 0 after an old sale names no one else).
    const prior = had === 0 ? rows.find((r) => Number(r.id) < firstId) : undefined;
    const competing = prior && Number(prior.quantity_after) === 0 && stock && new Date(prior.created_at).getTime() >= stock.updatedAt.getTime();
    const named = [...(competing ? [prior] : []), ...mine];
    // Oldest first (a stable sort: sales of one instant keep the order they were recorded in).
    const details = named.map((r) => saleOf(r, known.get(`${r.platform}\u0000${r.sale_key}`))).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const last = details[details.length - 1]!;

    const [open] = await db
      .select()
      .from(oversells)
      .where(and(eq(oversells.productId, productId), eq(oversells.status, 'open')))
      .orderBy(desc(oversells.id))
      .limit(1);
    if (open) {
      const known = new Set(open.sales.map((s) => `${s.platform}\u0000${s.saleKey}`));
      const added = details.filter((d) => !known.has(`${d.platform}\u0000${d.saleKey}`));
      if (!added.length) continue;
      const [row] = await db
        .update(oversells)
        .set({ sales: [...open.sales, ...added], lastPlatform: last.platform, relistHeld: true, updatedAt: new Date() })
        .where(eq(oversells.id, open.id))
        .returning();
      if (row) out.push(row);
      continue;
    }
    const [row] = await db
      .insert(oversells)
      .values({ productId, sku: over.sku, key: `${productId}:${over.platform}:${over.saleKey}`, sales: details, lastPlatform: last.platform, runId })
      .onConflictDoNothing({ target: oversells.key })
      .returning();
    if (row) out.push(row);
  }
  return out;
}

/** An order a platform told us of (a sale notification, the sale watch). */
export interface ToldOrder {
  platform: Platform;
  sku: string;
  orderId: string;
  at?: Date;
}

/** The order that a recorded sale turned out to be. */
export interface OrderStamp {
  platform: Platform;
  saleKey: string;
  orderId: string;
}

/**
 * How long before an order its sale may have been recorded: our clock and the platform's differ a
 * little. An unnamed sale of the item older than that is an earlier sale, not this order's.
 */
const ORDER_SLACK_MS = 10 * 60_000;

/**
 * Names each told order on the sale it made: the latest sale of that SKU on that platform that no
 * order names yet, recorded since shortly before the order, whichever run recorded it (two
 * notifications of one item start two runs, and the first to plan records both sales). The
 * oversells naming that sale take the order id too. An order already named is left alone, so
 * telling it again changes nothing. Call with the products locked (`stockBefore`). Answers the
 * sales named.
 */
export async function nameOrders(db: DbOrTx, orders: ToldOrder[], toldAt: Date): Promise<OrderStamp[]> {
  const stamps: OrderStamp[] = [];
  // Latest order first: it takes the latest sale, so two orders of one item keep their sequence.
  const newestFirst = [...orders].sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0));
  for (const o of newestFirst) {
    const notBefore = new Date(Math.min(o.at?.getTime() ?? toldAt.getTime(), toldAt.getTime()) - ORDER_SLACK_MS);
    const named = await db.execute<{ product_id: number; sale_key: string }>(sql`
      update stock_movements m set order_id = ${o.orderId}
      where m.id = (
        select c.id from stock_movements c join products p on p.id = c.product_id
        where p.sku = ${o.sku} and c.platform = ${o.platform} and c.reason = 'sale' and c.order_id is null
          and c.created_at >= ${notBefore.toISOString()}::timestamptz
        order by c.id desc limit 1)
        and not exists (select 1 from stock_movements x where x.product_id = m.product_id and x.platform = ${o.platform} and x.order_id = ${o.orderId})
      returning m.product_id, m.sale_key`);
    for (const r of named.rows) {
      stamps.push({ platform: o.platform, saleKey: r.sale_key, orderId: o.orderId });
      await nameInOversells(db, Number(r.product_id), { platform: o.platform, saleKey: r.sale_key, orderId: o.orderId });
    }
  }
  return stamps;
}

async function nameInOversells(db: DbOrTx, productId: number, stamp: OrderStamp): Promise<void> {
  const unnamed = (s: OversellSale) => s.platform === stamp.platform && s.saleKey === stamp.saleKey && !s.orderId;
  const rows = await db.select().from(oversells).where(eq(oversells.productId, productId)).for('update');
  for (const o of rows) {
    if (!o.sales.some(unnamed)) continue;
    const sales = o.sales.map((s) => (unnamed(s) ? { ...s, orderId: stamp.orderId } : s));
    await db.update(oversells).set({ sales, updatedAt: new Date() }).where(eq(oversells.id, o.id));
  }
}

/** Newest first. */
export async function list(db: DbOrTx, options: { status?: OversellStatus; limit?: number } = {}): Promise<OversellRow[]> {
  return db
    .select()
    .from(oversells)
    .where(options.status ? eq(oversells.status, options.status) : undefined)
    .orderBy(desc(oversells.createdAt), desc(oversells.id))
    .limit(options.limit ?? 200);
}

export async function get(db: DbOrTx, id: number): Promise<OversellRow | null> {
  const [row] = await db.select().from(oversells).where(eq(oversells.id, id));
  return row ?? null;
}

/** The dealer has dealt with it (refunded a buyer). `relist` also lifts the hold on the platform where it sold last. */
export async function resolve(db: DbOrTx, id: number, options: { relist?: boolean } = {}): Promise<OversellRow | null> {
  const [row] = await db
    .update(oversells)
    .set({
      status: 'resolved',
      resolvedAt: sql`coalesce(${oversells.resolvedAt}, now())`,
      updatedAt: new Date(),
      ...(options.relist ? { relistHeld: false } : {}),
    })
    .where(eq(oversells.id, id))
    .returning();
  return row ?? null;
}

/** The dealer says the item may be offered again where it sold last. */
export async function allowRelist(db: DbOrTx, id: number): Promise<OversellRow | null> {
  const [row] = await db.update(oversells).set({ relistHeld: false, updatedAt: new Date() }).where(eq(oversells.id, id)).returning();
  return row ?? null;
}

/** Per product, the platforms a restock must not relist on (the planner's `noRelist`). */
export async function relistHolds(db: DbOrTx, productIds: number[] | null): Promise<Map<number, Platform[]>> {
  const rows = await db
    .selectDistinct({ productId: oversells.productId, platform: oversells.lastPlatform })
    .from(oversells)
    .where(and(eq(oversells.relistHeld, true), productIds ? inArray(oversells.productId, productIds.length ? productIds : [-1]) : undefined));
  const out = new Map<number, Platform[]>();
  for (const r of rows) out.set(r.productId, [...(out.get(r.productId) ?? []), r.platform]);
  return out;
}

/** Every oversell ever recorded, and those still open: for /metrics. */
export async function counts(db: DbOrTx): Promise<{ total: number; open: number }> {
  const result = await db.execute<{ total: number; open: number }>(
    sql`select count(*)::int as total, (count(*) filter (where status = 'open'))::int as open from oversells`,
  );
  const r = result.rows[0];
  return { total: Number(r?.total ?? 0), open: Number(r?.open ?? 0) };
}

/** Oversells recorded since `since`, with the spread between their first and last sale: for the benchmark. */
export async function since(db: DbOrTx, from: Date): Promise<{ sku: string; spreadMs: number }[]> {
  const result = await db.execute<{ sku: string; spread_ms: number }>(sql`
    select o.sku,
      coalesce((select extract(epoch from max((s->>'at')::timestamptz) - min((s->>'at')::timestamptz)) * 1000
                from jsonb_array_elements(o.sales) s), 0)::float8 as spread_ms
    from oversells o where o.created_at >= ${from.toISOString()}::timestamptz order by o.id`);
  return result.rows.map((r) => ({ sku: r.sku, spreadMs: Number(r.spread_ms) }));
}
