/** `X-WC-Webhook-Signature`: base64 HMAC-SHA256 of the raw body, keyed with the webhook's secret. */
export declare function signature(rawBody: string, secret: string): string;
/**
 * Delivers one webhook as WooCommerce's Action Scheduler does: a JSON POST with the
 * X-WC-Webhook-* headers. A failed delivery is logged by WooCommerce, not retried at once.
 */
export declare function deliver(url: string, secret: string, delivery: {
    source: string;
    topic: string;
    webhookId: number;
    payload: unknown;
}): Promise<void>;
