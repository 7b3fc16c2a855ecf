import type { Platform, Sale } from '@gearsync/core';
import { oversells, products, type RunOrder } from '@gearsync/db';
import type { ProducerContext } from './context.js';
import { notify } from './notify.js';

type OversellSale = oversells.OversellSale;
type RunOrders = Partial<Record<Platform, RunOrder[]>>;

/** A run's told orders as one list. */
export function toldOrders(orders: RunOrders | null | undefined): oversells.ToldOrder[] {
  return Object.entries(orders ?? {}).flatMap(([platform, list]) =>
    (list ?? []).map((o) => ({ platform: platform as Platform, sku: o.sku, orderId: o.orderId, ...(o.at ? { at: new Date(o.at) } : {}) })),
  );
}

/** The sales a run recorded, each with its order (id, and time and price where the platform said) once `nameOrders` matched one. */
export function withOrders(fresh: Sale[], stamps: oversells.OrderStamp[], orders: RunOrders | null | undefined): oversells.FreshSale[] {
  return fresh.map((sale) => {
    const stamp = stamps.find((s) => s.platform === sale.platform && s.saleKey === sale.saleKey);
    const order = stamp && orders?.[sale.platform]?.find((o) => o.orderId === stamp.orderId);
    if (!stamp || !order) return sale;
    return { ...sale, orderId: order.orderId, ...(order.at ? { at: new Date(order.at) } : {}), ...(order.price ? { price: order.price } : {}) };
  });
}

/**
 * Names told orders on sales other runs recorded, outside a run: the sale watch reading an order
 * of an item already sold out (a run it started would find nothing new) still names its oversell.
 */
export async function nameOrdersNow(ctx: ProducerContext, orders: oversells.ToldOrder[]): Promise<oversells.OrderStamp[]> {
  if (!orders.length) return [];
  const db = ctx.database.db;
  const ids = (await products.bySkus(db, [...new Set(orders.map((o) => o.sku))])).map((p) => p.id);
  return db.transaction(async (tx) => {
    await oversells.stockBefore(tx, ids);
    return oversells.nameOrders(tx, orders, new Date());
  });
}

/**
 * Where the dealer sees a sale on the platform itself: the order when we know it, otherwise the
 * listing that sold. eBay and Reverb on their public sites; the shop and V&R under their own root.
 */
export function saleLink(platform: Platform, sale: Pick<OversellSale, 'orderId' | 'externalId' | 'listingId'>, platformUrls: Record<Platform, string>): string | null {
  const root = platformUrls[platform].replace(/\/+$/, '');
  const order = sale.orderId ? encodeURIComponent(sale.orderId) : null;
  const listing = sale.externalId ? encodeURIComponent(sale.externalId) : null;
  switch (platform) {
    case 'ebay':
      if (order) return `https://www.ebay.com/mesh/ord/details?orderid=${order}`;
      return sale.listingId ? `https://www.ebay.com/itm/${encodeURIComponent(sale.listingId)}` : 'https://www.ebay.com/sh/ord';
    case 'reverb':
      if (order) return `https://reverb.com/my/selling/orders/${order}`;
      return listing ? `https://reverb.com/item/${listing}` : 'https://reverb.com/my/selling/orders';
    case 'website':
      if (order) return `${root}/wp-admin/post.php?post=${order}&action=edit`;
      return listing ? `${root}/wp-admin/post.php?post=${listing}&action=edit` : `${root}/wp-admin/edit.php?post_type=shop_order`;
    case 'vr':
      return listing ? `${root}/instruments/add_edit_item?id=${listing}` : `${root}/account/items`;
    default:
      return null;
  }
}

/** What a run's summary keeps of an oversell it recorded. */
export function oversellBrief(o: oversells.OversellRow) {
  return { id: o.id, sku: o.sku, platforms: o.sales.map((s) => s.platform), lastPlatform: o.lastPlatform };
}

const money = (p: OversellSale['price']) => (p ? `${(p.cents / 100).toFixed(2)} ${p.currency}` : 'price unknown');

/** One line for a person: what sold twice, where, and which sale came last. For the log and the notifier (Slack or Discord text). */
export function oversellMessage(o: oversells.OversellRow, platformUrls?: Record<Platform, string>): string {
  const sales = o.sales.map((s, i) => {
    const link = platformUrls ? saleLink(s.platform, s, platformUrls) : null;
    const what = s.orderId ? `order ${s.orderId}` : s.externalId ? `listing ${s.externalId}` : 'a sale';
    return `${s.platform} ${what} (${money(s.price)}, ${s.at})${i === o.sales.length - 1 ? ' — came last' : ''}${link ? ` ${link}` : ''}`;
  });
  return `Oversold: ${o.sku} sold ${o.sales.length} times with too little stock; one buyer needs a refund. ${sales.join('; ')}`;
}

/**
 * Called once for each oversell a plan stage recorded (or added a sale to), after its
 * transaction committed: logged, and told at NOTIFY_URL at once.
 */
export async function announceOversells(ctx: ProducerContext, list: oversells.OversellRow[]): Promise<void> {
  for (const o of list) {
    ctx.logger.warn('oversell', { oversellId: o.id, sku: o.sku, platforms: o.sales.map((s) => s.platform), message: oversellMessage(o) });
  }
  await notify(ctx, list.map((o) => ({ kind: 'oversell' as const, key: `oversell:${o.id}:${o.sales.length}`, text: oversellMessage(o, ctx.config.platformUrls) })));
}
