import { PlatformBehaviour } from '../behaviour.js';
import { canonicalListingSchema } from '../canonical.js';
import { accountPatchSchema, EbayAccount } from './account.js';
import { CHECKED, FAILED } from './contract.js';
import { marketplaceOf, toControl, toWire } from './control-mapping.js';
import { NotificationHub } from './notifications.js';
import { TokenRegistry } from './oauth.js';
import { OrderBook } from './orders.js';
import { ebayRouter, REFUSED } from './routes.js';
import { InventoryStore } from './store.js';
const LISTING_STATUS = {
    active: 'ACTIVE',
    sold: 'OUT_OF_STOCK',
    ended: 'ENDED',
};
/**
 * eBay as a seller's integration meets it: the Sell Inventory API (checked against eBay's own
 * contract), inventory locations, the Metadata and Taxonomy APIs answering from a category
 * table, the Fulfillment API's orders, the Notification API with signed messages, and a
 * Trading API `GetMyeBaySelling`. Listings made in Seller Hub stay invisible to the Inventory
 * API until `bulk_migrate_listing` moves them in.
 */
export class EbayEmulation {
    credentials;
    name = 'ebay';
    behaviour = new PlatformBehaviour();
    store = new InventoryStore();
    tokens = new TokenRegistry();
    accountState = new EbayAccount();
    orders = new OrderBook();
    notifications = new NotificationHub();
    hub = [];
    constructor(credentials) {
        this.credentials = credentials;
    }
    router() {
        return ebayRouter({
            store: this.store,
            behaviour: this.behaviour,
            credentials: this.credentials,
            tokens: this.tokens,
            account: this.accountState,
            orders: this.orders,
            notifications: this.notifications,
            trading: () => this.tradingListings(),
            migrate: (listingId) => this.migrate(listingId),
            mountPath: `/${this.name}`,
        });
    }
    /** Every access token issued so far expires now: the next API call answers 403/1100. */
    expireTokens() {
        this.tokens.expireAll();
    }
    /** Requests checked against eBay's contract, and how many it refused. */
    contractStats() {
        return { checked: this.behaviour.stats.byEndpoint[CHECKED] ?? 0, failed: this.behaviour.stats.byEndpoint[FAILED] ?? 0 };
    }
    /** Requests of any eBay API answered with a refusal (4xx other than 404 and 429). */
    refusals() {
        return this.behaviour.stats.byEndpoint[REFUSED] ?? 0;
    }
    /** The header eBay would sign this body with (tests forge and verify with it). */
    signatureOf(body) {
        return this.notifications.signatureOf(body);
    }
    reset() {
        this.store.clear();
        this.hub = [];
        this.behaviour.reset();
        this.accountState.reset();
        this.orders.clear();
        this.notifications.clear();
    }
    configureAccount(body) {
        const parsed = accountPatchSchema.safeParse(body);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            return { ok: false, message: `${issue.path.join('.') || 'body'}: ${issue.message}` };
        }
        this.accountState.apply(parsed.data);
        return { ok: true, account: this.accountState.view() };
    }
    account() {
        return this.accountState.view();
    }
    replace(listings) {
        this.store.clear();
        this.hub = [];
        return this.add(listings);
    }
    add(listings) {
        return listings.map((listing) => {
            // A listing without a SKU can only have been made outside the Inventory API.
            if (listing.sellerHub || !listing.sku) {
                const made = { listingId: this.store.nextListingId(), listing: { ...listing } };
                this.hub.push(made);
                return this.hubControl(made);
            }
            const { item, offer } = toWire(listing);
            this.store.restore(item, { ...offer, listingStatus: LISTING_STATUS[listing.status] });
            return this.control(listing.sku);
        });
    }
    patch(sku, fields) {
        const current = this.control(sku);
        if (!current)
            return null;
        const merged = canonicalListingSchema.parse({ ...current, ...fields });
        const { item, offer } = toWire({ ...merged, sku });
        const { status: _status, ...offerFields } = offer;
        // A hand edit in Seller Hub changes what it names and nothing else: the item's condition
        // words, the offer's own quantity cap and price stay as they were unless edited.
        const was = this.store.item(sku);
        if (fields.condition === undefined && was) {
            delete item.condition;
            delete item.conditionDescription;
            if (was.condition !== undefined)
                item.condition = was.condition;
            if (was.conditionDescription !== undefined)
                item.conditionDescription = was.conditionDescription;
        }
        const kept = { ...offerFields };
        if (fields.quantity === undefined && fields.status === undefined)
            delete kept.availableQuantity;
        if (fields.price === undefined)
            delete kept.pricingSummary;
        if (fields.platformCategory === undefined)
            delete kept.categoryId;
        if (fields.description === undefined)
            delete kept.listingDescription;
        this.store.edit(sku, item, kept, merged.status);
        return this.control(sku);
    }
    list() {
        const items = this.store.allItems().map((item) => toControl(item, this.store.offersOf(item.sku)[0]));
        return [...items, ...this.hub.map((h) => this.hubControl(h))];
    }
    async sell(sku, quantity) {
        const sold = this.store.sell(sku, quantity);
        if (!sold)
            return null;
        const price = sold.offer.pricingSummary?.price;
        const order = this.orders.add({
            sku,
            title: sold.item.product?.title ?? sku,
            quantity,
            unitPrice: { value: price?.value ?? '0.00', currency: price?.currency ?? 'USD' },
            listingId: sold.offer.listing.listingId,
            marketplaceId: sold.offer.marketplaceId,
        });
        // The behaviour's webhookUrl stands for a destination subscribed to ORDER_CONFIRMATION.
        const extra = this.behaviour.config.webhookUrl ? [this.behaviour.config.webhookUrl] : [];
        await this.notifications.publish('ORDER_CONFIRMATION', { orderId: order.orderId }, extra);
        return this.control(sku);
    }
    control(sku) {
        const item = this.store.item(sku);
        return item ? toControl(item, this.store.offersOf(sku)[0]) : null;
    }
    hubControl(h) {
        return { ...h.listing, id: h.listingId };
    }
    /** What `GetMyeBaySelling` lists as active: Seller Hub listings and live Inventory API ones alike. */
    tradingListings() {
        const hub = this.hub
            .filter((h) => h.listing.status === 'active')
            .map((h) => ({ itemId: h.listingId, sku: h.listing.sku, title: h.listing.title, quantity: h.listing.quantity, price: h.listing.price.amount, currency: h.listing.price.currency }));
        const api = this.store.allItems().flatMap((item) => {
            const offer = this.store.offersOf(item.sku).find((o) => o.status === 'PUBLISHED' && o.listing?.listingStatus === 'ACTIVE');
            if (!offer?.listing)
                return [];
            const c = toControl(item, offer);
            return [{ itemId: offer.listing.listingId, sku: item.sku, title: c.title, quantity: c.quantity, price: c.price.amount, currency: c.price.currency }];
        });
        return [...api, ...hub];
    }
    /**
     * `bulk_migrate_listing` for one listing: a Seller Hub listing with a SKU becomes an
     * inventory item and a published offer keeping its listing id. Without a SKU it cannot move.
     */
    migrate(listingId) {
        const at = this.hub.findIndex((h) => h.listingId === listingId);
        if (at < 0) {
            const live = this.store.offerByListingId(listingId);
            return { ok: false, reason: live ? `Listing ${listingId} is already an Inventory API listing.` : `Listing ${listingId} was not found.` };
        }
        const h = this.hub[at];
        if (!h.listing.sku)
            return { ok: false, reason: `Listing ${listingId} has no SKU. Give the listing a SKU in Seller Hub, then migrate it.` };
        if (this.store.item(h.listing.sku))
            return { ok: false, reason: `SKU ${h.listing.sku} already exists in the inventory.` };
        if (h.listing.status !== 'active')
            return { ok: false, reason: `Listing ${listingId} is not active.` };
        const { item, offer } = toWire(h.listing);
        const location = this.accountState.knownLocations()?.[0] ?? 'default';
        const saved = this.store.restore(item, {
            ...offer,
            merchantLocationKey: location,
            listingPolicies: { fulfillmentPolicyId: 'migrated-fulfillment', paymentPolicyId: 'migrated-payment', returnPolicyId: 'migrated-return' },
            listingStatus: 'ACTIVE',
            listingId,
        });
        this.hub.splice(at, 1);
        return { ok: true, sku: h.listing.sku, offerId: saved.offerId, marketplaceId: marketplaceOf(h.listing.price.currency), locale: item.locale };
    }
}
//# sourceMappingURL=emulation.js.map