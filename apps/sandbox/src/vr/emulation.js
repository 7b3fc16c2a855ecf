import { z } from 'zod';
import { PlatformBehaviour } from '../behaviour.js';
import { vrRouter } from './routes.js';
import { Sessions } from './sessions.js';
import { VrStore, itemFromCanonical, itemToControl, patchFields } from './store.js';
const accountSchema = z
    .object({
    brands: z.array(z.string().trim().min(1)),
    /** The account's currency: V&R has none per item; the site tells it in the `vr_currency` cookie. */
    currency: z.string().regex(/^[A-Z]{3}$/),
    categories: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().min(1), parentId: z.union([z.string(), z.number()]).transform(String).nullable() })),
})
    .partial()
    .strict();
/**
 * Vintage & Rare: no API, a dealer website. One item is one unit; there is no condition and
 * no "ended" (a withdrawn item is out of inventory); V&R sends no webhooks.
 */
export class VrEmulation {
    credentials;
    name = 'vr';
    behaviour = new PlatformBehaviour();
    store = new VrStore();
    sessions;
    constructor(credentials, options = {}) {
        this.credentials = credentials;
        this.sessions = new Sessions(options.sessionTtlMs);
    }
    router() {
        return vrRouter({ store: this.store, sessions: this.sessions, behaviour: this.behaviour, credentials: this.credentials });
    }
    /** Ends every login at once, as PHP's session garbage collector does. */
    expireSessions() {
        this.sessions.expireAll();
    }
    /** The bytes the site holds for a photo it serves (for tests: Dropzone's uploads are kept). */
    photoBytes(url) {
        const name = /\/uploads\/([^/?#]+)$/.exec(url)?.[1];
        return name ? this.store.file(name) : undefined;
    }
    reset() {
        this.store.reset();
        this.sessions.expireAll();
        this.behaviour.reset();
    }
    configureAccount(body) {
        const parsed = accountSchema.safeParse(body);
        if (!parsed.success)
            return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
        if (parsed.data.categories) {
            const error = this.store.categories.add(parsed.data.categories);
            if (error)
                return { ok: false, message: error };
        }
        if (parsed.data.brands)
            this.store.setBrands(parsed.data.brands);
        if (parsed.data.currency)
            this.store.currency = parsed.data.currency;
        return { ok: true, account: parsed.data };
    }
    replace(listings) {
        this.store.clear();
        return this.add(listings);
    }
    add(listings) {
        return listings.map((l) => itemToControl(this.store, this.store.create(itemFromCanonical(this.store, l))));
    }
    /** Items listed through the form carry no SKU (the site drops it): the control API may name the V&R product id instead. */
    named(skuOrId, where = () => true) {
        const bySku = skuOrId ? this.store.all().find((i) => i.externalId === skuOrId && where(i)) : undefined;
        const byId = /^\d+$/.test(skuOrId) ? this.store.get(Number(skuOrId)) : undefined;
        return bySku ?? (byId && where(byId) ? byId : undefined);
    }
    patch(sku, fields) {
        const item = this.named(sku);
        if (!item)
            return null;
        return itemToControl(this.store, this.store.update(item.productId, patchFields(this.store, item, fields)));
    }
    list() {
        return this.store.all().map((i) => itemToControl(this.store, i));
    }
    async sell(sku, quantity) {
        const item = this.named(sku, (i) => !i.sold && i.inInventory);
        if (!item || quantity !== 1)
            return null;
        return itemToControl(this.store, this.store.update(item.productId, { sold: true }));
    }
}
//# sourceMappingURL=emulation.js.map