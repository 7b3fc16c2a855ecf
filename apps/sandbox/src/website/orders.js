import { randomBytes } from 'node:crypto';
import { invalidParam, wooError } from './errors.js';
/** The topics `wc_is_webhook_valid_topic` takes (resource.event), `action.*` aside. */
const RESOURCES = ['coupon', 'customer', 'order', 'product'];
const EVENTS = ['created', 'updated', 'deleted', 'restored'];
/** WordPress writes local time without a zone; the shop runs on UTC here, so both agree. */
function wpDate(ms) {
    return new Date(ms).toISOString().slice(0, 19);
}
/** The shop's orders and webhooks. */
export class OrderBook {
    orders = [];
    webhooks = new Map();
    nextOrderId = 5000;
    nextLineId = 1;
    nextWebhookId = 1;
    clear() {
        this.orders = [];
        this.webhooks.clear();
        this.nextOrderId = 5000;
        this.nextLineId = 1;
        this.nextWebhookId = 1;
    }
    place(product, quantity, currency, now = Date.now()) {
        const unit = Number(product.price || product.regular_price || '0');
        const total = (unit * quantity).toFixed(2);
        const date = wpDate(now);
        const order = {
            id: this.nextOrderId++,
            status: 'processing',
            currency,
            total,
            date_created: date,
            date_created_gmt: date,
            date_modified: date,
            date_modified_gmt: date,
            line_items: [{ id: this.nextLineId++, name: product.name, product_id: product.id, variation_id: 0, quantity, sku: product.sku, price: unit, total }],
        };
        this.orders.push(order);
        return structuredClone(order);
    }
    /** `GET /orders` filters: modified_after/before and after/before are ISO 8601, exclusive. */
    query(filter) {
        const at = (s) => Date.parse(`${s}Z`);
        const hits = this.orders.filter((o) => (filter.modifiedAfter === undefined || at(o.date_modified_gmt) > filter.modifiedAfter) &&
            (filter.modifiedBefore === undefined || at(o.date_modified_gmt) < filter.modifiedBefore) &&
            (filter.after === undefined || at(o.date_created_gmt) > filter.after) &&
            (filter.before === undefined || at(o.date_created_gmt) < filter.before));
        const sign = filter.order === 'asc' ? 1 : -1;
        return hits.sort((a, b) => sign * (a.id - b.id)).map((o) => structuredClone(o));
    }
    order(id) {
        const o = this.orders.find((x) => x.id === id);
        return o && structuredClone(o);
    }
    /** WooCommerce keeps every webhook it is given: two for one URL are two deliveries. */
    addWebhook(input, now = Date.now()) {
        const topic = typeof input.topic === 'string' ? input.topic.toLowerCase() : '';
        const [resource = '', event = ''] = topic.split('.');
        if (!RESOURCES.includes(resource) || !EVENTS.includes(event)) {
            return wooError(400, 'woocommerce_rest_shop_webhook_invalid_topic', 'Webhook topic is required and must be valid.');
        }
        const url = typeof input.delivery_url === 'string' ? input.delivery_url : '';
        if (!/^https?:\/\/\S+$/.test(url)) {
            return wooError(400, 'woocommerce_rest_shop_webhook_invalid_delivery_url', 'Webhook delivery URL must be a valid URL starting with http:// or https://.');
        }
        for (const key of ['name', 'secret', 'status']) {
            if (input[key] !== undefined && typeof input[key] !== 'string')
                return invalidParam(key, `${key} is not of type string.`);
        }
        const status = input.status ?? 'active';
        if (!['active', 'paused', 'disabled'].includes(status))
            return invalidParam('status', 'status is not one of active, paused, disabled.');
        const date = wpDate(now);
        const webhook = {
            id: this.nextWebhookId++,
            name: input.name || `Webhook created on ${new Date(now).toUTCString()}`,
            status: status,
            topic,
            resource,
            event,
            hooks: [`woocommerce_new_${resource}`],
            delivery_url: url,
            // WooCommerce makes one up when none is given.
            secret: input.secret || randomBytes(24).toString('base64url'),
            date_created: date,
            date_created_gmt: date,
            date_modified: date,
            date_modified_gmt: date,
        };
        this.webhooks.set(webhook.id, webhook);
        return structuredClone(webhook);
    }
    /** Edits name, status, secret or delivery URL; undefined for an unknown id. */
    updateWebhook(id, input, now = Date.now()) {
        const current = this.webhooks.get(id);
        if (!current)
            return undefined;
        const next = { ...current };
        for (const key of ['name', 'secret', 'status', 'delivery_url']) {
            if (input[key] === undefined)
                continue;
            if (typeof input[key] !== 'string')
                return invalidParam(key, `${key} is not of type string.`);
            next[key] = input[key];
        }
        if (!['active', 'paused', 'disabled'].includes(next.status))
            return invalidParam('status', 'status is not one of active, paused, disabled.');
        if (!/^https?:\/\/\S+$/.test(next.delivery_url)) {
            return wooError(400, 'woocommerce_rest_shop_webhook_invalid_delivery_url', 'Webhook delivery URL must be a valid URL starting with http:// or https://.');
        }
        next.date_modified = next.date_modified_gmt = wpDate(now);
        this.webhooks.set(id, next);
        return structuredClone(next);
    }
    webhookList() {
        return [...this.webhooks.values()].sort((a, b) => a.id - b.id).map((w) => structuredClone(w));
    }
    webhook(id) {
        const w = this.webhooks.get(id);
        return w && structuredClone(w);
    }
    deleteWebhook(id) {
        const w = this.webhooks.get(id);
        this.webhooks.delete(id);
        return w;
    }
    /** The active webhooks a topic is delivered to. */
    subscribers(topic) {
        return this.webhookList().filter((w) => w.status === 'active' && w.topic === topic);
    }
}
//# sourceMappingURL=orders.js.map