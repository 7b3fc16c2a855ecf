import { createHmac, randomUUID } from 'node:crypto';
import type { WooProduct } from './store.js';

/** The part of a WooCommerce order that a stock sync reads. */
export interface WooOrder {
  id: number;
  status: 'processing';
  currency: string;
  total: string;
  date_created: string;
  date_created_gmt: string;
  line_items: { id: number; name: string; product_id: number; variation_id: 0; quantity: number; sku: string; price: number; total: string }[];
}

export function orderFor(id: number, lineId: number, product: WooProduct, quantity: number, currency: string, now: number): WooOrder {
  const unit = Number(product.price || product.regular_price || '0');
  const total = (unit * quantity).toFixed(2);
  const date = new Date(now).toISOString().slice(0, 19);
  return {
    id,
    status: 'processing',
    currency,
    total,
    date_created: date,
    date_created_gmt: date,
    line_items: [{ id: lineId, name: product.name, product_id: product.id, variation_id: 0, quantity, sku: product.sku, price: unit, total }],
  };
}

/** `X-WC-Webhook-Signature`: base64 HMAC-SHA256 of the raw body, keyed with the webhook's secret. */
export function signature(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
}

/**
 * Delivers one webhook as WooCommerce's Action Scheduler does: a JSON POST with the
 * X-WC-Webhook-* headers. A failed delivery is logged by WooCommerce, not retried at once.
 */
export async function deliver(
  url: string,
  secret: string,
  delivery: { source: string; topic: string; webhookId: number; payload: unknown },
): Promise<void> {
  const body = JSON.stringify(delivery.payload);
  const [resource, event] = delivery.topic.split('.');
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(5000),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'WooCommerce/9.8.0 Hookshot (WordPress/6.8)',
        'x-wc-webhook-source': delivery.source,
        'x-wc-webhook-topic': delivery.topic,
        'x-wc-webhook-resource': resource ?? '',
        'x-wc-webhook-event': event ?? '',
        'x-wc-webhook-signature': signature(body, secret),
        'x-wc-webhook-id': String(delivery.webhookId),
        'x-wc-webhook-delivery-id': randomUUID(),
      },
    });
    await res.arrayBuffer();
  } catch {
    // The shop does not care whether the receiver was up; the sale stands either way.
  }
}
