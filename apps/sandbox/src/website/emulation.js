import { z } from 'zod';
import { PlatformBehaviour } from '../behaviour.js';
import { STORE_CURRENCY, quantityOf, toControl, toInput } from './control-mapping.js';
import { OrderBook } from './orders.js';
import { wooRouter } from './routes.js';
import { ProductStore } from './store.js';
import { deliver } from './webhook.js';
/** `PUT /_control/website/account`: the shop's own setup, merged into what it ships with. */
export const websiteAccountSchema = z
    .object({
    categories: z.array(z.object({ id: z.number().int().positive(), name: z.string().min(1) })),
    manageStock: z.boolean(),
})
    .partial()
    .strict();
/** The dealer's WooCommerce shop: REST v3 products, batch writes, media, orders and signed webhooks. */
export class WebsiteEmulation {
    credentials;
    name = 'website';
    behaviour = new PlatformBehaviour();
    store = new ProductStore();
    orders = new OrderBook();
    constructor(credentials) {
        this.credentials = credentials;
    }
    router() {
        return wooRouter(this.store, this.orders, this.behaviour, this.credentials, (source) => {
            this.store.origin = source;
        });
    }
    reset() {
        this.store.clear();
        this.orders.clear();
        this.behaviour.reset();
    }
    configureAccount(patch) {
        const parsed = websiteAccountSchema.safeParse(patch);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            return { ok: false, message: `${issue.path.join('.') || 'body'}: ${issue.message}` };
        }
        if (parsed.data.categories)
            this.store.setCategories(parsed.data.categories);
        if (parsed.data.manageStock !== undefined)
            this.store.account.manageStock = parsed.data.manageStock;
        return { ok: true, account: { manageStock: this.store.account.manageStock, categories: this.store.listCategories().map(({ id, name }) => ({ id, name })) } };
    }
    /** Beside the call counts: the media library's size (every sideloaded photo is one item). */
    extraStats() {
        return { media: this.store.mediaCount(), orders: this.orders.query({ order: 'asc' }).length, webhooks: this.orders.webhookList().length };
    }
    replace(listings) {
        this.store.clearProducts();
        return this.add(listings);
    }
    add(listings) {
        return listings.map((listing) => toControl(this.created(this.store.create(toInput(listing, this.store)))));
    }
    patch(sku, fields) {
        const product = this.store.findBySku(sku);
        if (!product)
            return null;
        return toControl(this.created(this.store.update(product.id, toInput(fields, this.store, product))));
    }
    list() {
        return this.store.all().map(toControl);
    }
    /** A buyer checks out: an order, stock down where the shop manages stock, `order.created` to every subscriber. */
    async sell(sku, quantity) {
        const product = this.store.findBySku(sku);
        if (!product || product.status !== 'publish' || product.stock_status !== 'instock' || quantityOf(product) < quantity)
            return null;
        const sold = this.store.sell(product.id, quantity);
        const order = this.orders.place(sold, quantity, STORE_CURRENCY);
        const source = this.store.origin;
        for (const hook of this.orders.subscribers('order.created')) {
            await deliver(hook.delivery_url, hook.secret, { source, topic: 'order.created', webhookId: hook.id, payload: order });
        }
        const { webhookUrl, webhookSecret } = this.behaviour.config;
        if (webhookUrl)
            await deliver(webhookUrl, webhookSecret ?? '', { source, topic: 'order.created', webhookId: 1, payload: order });
        return toControl(sold);
    }
    /** The control API speaks for a shop manager: a refusal here is a broken test fixture. */
    created(result) {
        if ('code' in result)
            throw new Error(`website: ${result.message} (${result.code})`);
        return result;
    }
}
//# sourceMappingURL=emulation.js.map