import { createHmac, randomUUID } from 'node:crypto';
/** `X-WC-Webhook-Signature`: base64 HMAC-SHA256 of the raw body, keyed with the webhook's secret. */
export function signature(rawBody, secret) {
    return createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
}
/**
 * Delivers one webhook as WooCommerce's Action Scheduler does: a JSON POST with the
 * X-WC-Webhook-* headers. A failed delivery is logged by WooCommerce, not retried at once.
 */
export async function deliver(url, secret, delivery) {
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
    }
    catch {
        // The shop does not care whether the receiver was up; the sale stands either way.
    }
}
//# sourceMappingURL=webhook.js.map