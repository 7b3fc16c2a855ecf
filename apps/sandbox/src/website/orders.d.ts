import { type WooError } from './errors.js';
import type { WooProduct } from './store.js';
/** The part of a WooCommerce order that a stock sync reads. */
export interface WooOrder {
    id: number;
    status: 'processing';
    currency: string;
    total: string;
    date_created: string;
    date_created_gmt: string;
    date_modified: string;
    date_modified_gmt: string;
    line_items: {
        id: number;
        name: string;
        product_id: number;
        variation_id: 0;
        quantity: number;
        sku: string;
        price: number;
        total: string;
    }[];
}
/** WooCommerce's webhook resource (`/wc/v3/webhooks`). */
export interface WooWebhook {
    id: number;
    name: string;
    status: 'active' | 'paused' | 'disabled';
    topic: string;
    resource: string;
    event: string;
    hooks: string[];
    delivery_url: string;
    secret: string;
    date_created: string;
    date_created_gmt: string;
    date_modified: string;
    date_modified_gmt: string;
}
/** The shop's orders and webhooks. */
export declare class OrderBook {
    private orders;
    private webhooks;
    private nextOrderId;
    private nextLineId;
    private nextWebhookId;
    clear(): void;
    place(product: WooProduct, quantity: number, currency: string, now?: number): WooOrder;
    /** `GET /orders` filters: modified_after/before and after/before are ISO 8601, exclusive. */
    query(filter: {
        modifiedAfter?: number;
        modifiedBefore?: number;
        after?: number;
        before?: number;
        order: 'asc' | 'desc';
    }): WooOrder[];
    order(id: number): WooOrder | undefined;
    /** WooCommerce keeps every webhook it is given: two for one URL are two deliveries. */
    addWebhook(input: Record<string, unknown>, now?: number): WooWebhook | WooError;
    /** Edits name, status, secret or delivery URL; undefined for an unknown id. */
    updateWebhook(id: number, input: Record<string, unknown>, now?: number): WooWebhook | WooError | undefined;
    webhookList(): WooWebhook[];
    webhook(id: number): WooWebhook | undefined;
    deleteWebhook(id: number): WooWebhook | undefined;
    /** The active webhooks a topic is delivered to. */
    subscribers(topic: string): WooWebhook[];
}
