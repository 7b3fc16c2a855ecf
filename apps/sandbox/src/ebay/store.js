import { CONDITION_IDS } from './account.js';
import { E, refusal } from './errors.js';
/** eBay's ConditionEnum, as the Inventory API accepts it. */
export const EBAY_CONDITION_ENUM = [
    'NEW',
    'LIKE_NEW',
    'NEW_OTHER',
    'NEW_WITH_DEFECTS',
    'CERTIFIED_REFURBISHED',
    'EXCELLENT_REFURBISHED',
    'VERY_GOOD_REFURBISHED',
    'GOOD_REFURBISHED',
    'SELLER_REFURBISHED',
    'USED_EXCELLENT',
    'USED_VERY_GOOD',
    'USED_GOOD',
    'USED_ACCEPTABLE',
    'FOR_PARTS_OR_NOT_WORKING',
    'PRE_OWNED_EXCELLENT',
    'PRE_OWNED_FAIR',
];
/** The currency each marketplace lists in. */
export const MARKETPLACE_CURRENCY = {
    EBAY_US: 'USD',
    EBAY_MOTORS: 'USD',
    EBAY_CA: 'CAD',
    EBAY_GB: 'GBP',
    EBAY_AU: 'AUD',
    EBAY_DE: 'EUR',
    EBAY_FR: 'EUR',
    EBAY_IT: 'EUR',
    EBAY_ES: 'EUR',
    EBAY_NL: 'EUR',
    EBAY_IE: 'EUR',
    EBAY_AT: 'EUR',
    EBAY_BE: 'EUR',
    EBAY_CH: 'CHF',
    EBAY_PL: 'PLN',
};
/** The language each marketplace's listings are written in (`Content-Language`, item `locale`). */
export const MARKETPLACE_LANGUAGE = {
    EBAY_US: 'en-US',
    EBAY_MOTORS: 'en-US',
    EBAY_CA: 'en-CA',
    EBAY_GB: 'en-GB',
    EBAY_AU: 'en-AU',
    EBAY_DE: 'de-DE',
    EBAY_FR: 'fr-FR',
    EBAY_IT: 'it-IT',
    EBAY_ES: 'es-ES',
    EBAY_NL: 'nl-NL',
    EBAY_IE: 'en-IE',
    EBAY_AT: 'de-AT',
    EBAY_BE: 'nl-BE',
    EBAY_CH: 'de-CH',
    EBAY_PL: 'pl-PL',
};
/** `en-GB` → `en_GB`: the header's tag as an item's locale. */
export function localeOf(language) {
    return language.replace('-', '_');
}
const MAX_TITLE = 80;
const MAX_IMAGES = 24;
const MAX_SKU = 50;
/** Offer fields a seller sets; the rest (ids, status, listing) are eBay's. */
const SYSTEM_OFFER_FIELDS = ['offerId', 'sku', 'marketplaceId', 'format', 'status', 'listing'];
function isBody(x) {
    return typeof x === 'object' && x !== null && !Array.isArray(x);
}
export function quantityOf(item) {
    return item.availability?.shipToLocationAvailability?.quantity ?? 0;
}
/**
 * eBay takes picture URLs over https only. The one allowance: the sandbox's own image host on a
 * loopback address (plain http), which tests need for V&R's downloads; a dealer's photos are never
 * there, so no real listing can pass through it.
 */
function isHttpsUrl(s) {
    try {
        const url = new URL(s);
        return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.pathname.includes('/_images/'));
    }
    catch {
        return false;
    }
}
function validPrice(value) {
    return typeof value === 'string' && /^\d+(\.\d{1,2})?$/.test(value) && Number(value) > 0;
}
/** The seller's inventory: items keyed by SKU, offers keyed by offerId, in creation order. */
export class InventoryStore {
    items = new Map();
    offers = new Map();
    /** Offer ids per SKU: offers are looked up by SKU on every write, and a scan is quadratic in a big shop. */
    offerIdsBySku = new Map();
    offerSeq = 0;
    listingSeq = 0;
    clear() {
        this.items.clear();
        this.offers.clear();
        this.offerIdsBySku.clear();
    }
    setOffer(offer) {
        const previous = this.offers.get(offer.offerId);
        if (previous && previous.sku !== offer.sku)
            this.offerIdsBySku.get(previous.sku)?.delete(offer.offerId);
        this.offers.set(offer.offerId, offer);
        let ids = this.offerIdsBySku.get(offer.sku);
        if (!ids)
            this.offerIdsBySku.set(offer.sku, (ids = new Set()));
        ids.add(offer.offerId);
    }
    deleteOffer(offerId) {
        const offer = this.offers.get(offerId);
        if (offer)
            this.offerIdsBySku.get(offer.sku)?.delete(offerId);
        this.offers.delete(offerId);
    }
    allItems() {
        return [...this.items.values()];
    }
    item(sku) {
        return this.items.get(sku);
    }
    offer(offerId) {
        return this.offers.get(offerId);
    }
    offersOf(sku) {
        return [...(this.offerIdsBySku.get(sku) ?? [])].map((id) => this.offers.get(id));
    }
    /** createOrReplaceInventoryItem: the body becomes the whole record; omitted fields are gone. */
    putItem(sku, locale, body) {
        const problem = this.checkItem(sku, body);
        if (problem)
            return refusal(400, problem);
        const created = !this.items.has(sku);
        const { sku: _sku, locale: _locale, ...rest } = structuredClone(body);
        this.items.set(sku, { sku, locale, ...rest });
        this.syncOffers(sku);
        return { created };
    }
    deleteItem(sku) {
        if (!this.items.delete(sku))
            return false;
        // Deleting the item deletes its offers, which ends their listings.
        for (const o of this.offersOf(sku))
            this.deleteOffer(o.offerId);
        return true;
    }
    createOffer(body, language) {
        const { sku, marketplaceId, format } = body;
        if (typeof sku !== 'string' || typeof marketplaceId !== 'string' || typeof format !== 'string' || !sku || !marketplaceId || !format) {
            return refusal(400, E.invalidOfferKeys());
        }
        if (!this.items.has(sku))
            return refusal(400, E.skuNotFound(sku));
        const existing = this.offersOf(sku).find((o) => o.marketplaceId === marketplaceId && o.format === format);
        if (existing) {
            return refusal(400, E.userError('Offer entity already exists', [{ name: 'offerId', value: existing.offerId }]));
        }
        const problem = this.checkOfferFields(body, marketplaceId, language);
        if (problem)
            return refusal(400, problem);
        this.offerSeq += 1;
        const offer = {
            ...this.sellerFields(body),
            offerId: String(5_000_000_000 + this.offerSeq),
            sku,
            marketplaceId,
            format,
            status: 'UNPUBLISHED',
        };
        this.setOffer(offer);
        return offer;
    }
    /** updateOffer replaces the seller's fields of the offer; a published offer revises its listing. */
    updateOffer(offerId, body, language, account) {
        const offer = this.offers.get(offerId);
        if (!offer)
            return refusal(404, E.offerNotAvailable(`offer ${offerId} was not found`));
        const problem = this.checkOfferFields(body, offer.marketplaceId, language);
        if (problem)
            return refusal(400, problem);
        const kept = Object.fromEntries(SYSTEM_OFFER_FIELDS.filter((k) => offer[k] !== undefined).map((k) => [k, offer[k]]));
        const next = { ...this.sellerFields(body), ...kept };
        // A live offer's update revises its listing: the revision must meet what a publish needs.
        const item = this.items.get(offer.sku);
        if (offer.status === 'PUBLISHED' && item) {
            const problems = this.publishProblems(next, item, account);
            if (problems.length)
                return { status: 400, errors: problems };
        }
        this.setOffer(next);
        this.refreshListingStatus(next);
        return next;
    }
    publish(offerId, account) {
        const offer = this.offers.get(offerId);
        if (!offer)
            return refusal(404, E.offerNotAvailable(`offer ${offerId} was not found`));
        const item = this.items.get(offer.sku);
        if (!item)
            return refusal(400, E.skuNotFound(offer.sku));
        const problems = this.publishProblems(offer, item, account);
        if (problems.length)
            return { status: 400, errors: problems };
        // Publishing a live offer revises its listing; publishing an ended one lists it anew.
        if (offer.status !== 'PUBLISHED' || !offer.listing) {
            this.listingSeq += 1;
            offer.listing = { listingId: String(110_000_000_000 + this.listingSeq), listingStatus: 'ACTIVE', soldQuantity: 0 };
        }
        offer.status = 'PUBLISHED';
        offer.listing.listingStatus = 'ACTIVE';
        return { listingId: offer.listing.listingId };
    }
    /**
     * Everything that stops an offer from becoming a listing, all of it at once as eBay lists
     * it: the fields that are optional on create but required to publish, checked against the
     * seller's account (policies, locations) and the category's own rules.
     */
    publishProblems(offer, item, account) {
        const out = [];
        const product = item.product ?? {};
        if (!product.title)
            out.push(E.userError('A title is required to publish the offer.'));
        const description = typeof offer.listingDescription === 'string' && offer.listingDescription.trim() ? offer.listingDescription : product.description;
        if (!description?.trim())
            out.push(E.missingField('description', 'A description is required to publish the offer.'));
        const images = product.imageUrls ?? [];
        if (images.length === 0)
            out.push(E.invalidPictures('At least 1 picture is required to publish the offer.'));
        if (images.length > MAX_IMAGES)
            out.push(E.invalidPictures(`A listing may have at most ${MAX_IMAGES} pictures; this one has ${images.length}.`));
        if (!validPrice(offer.pricingSummary?.price?.value))
            out.push(E.invalidPrice('A price is required to publish the offer.'));
        const language = MARKETPLACE_LANGUAGE[offer.marketplaceId];
        if (language && item.locale !== localeOf(language)) {
            out.push(E.userError(`The inventory item was written in ${item.locale}, but ${offer.marketplaceId} lists in ${localeOf(language)}: write it with Content-Language ${language}.`));
        }
        const categoryId = typeof offer.categoryId === 'string' ? offer.categoryId : '';
        const category = categoryId ? account.categories[categoryId] : undefined;
        if (!categoryId)
            out.push(E.invalidCategory('A categoryId is required to publish the offer.'));
        else if (!category)
            out.push(E.invalidCategory(`${categoryId} is not a leaf category on ${offer.marketplaceId}.`));
        const policies = (typeof offer.listingPolicies === 'object' && offer.listingPolicies !== null ? offer.listingPolicies : {});
        const policy = (field, kind, missing) => {
            const id = policies[field];
            if (typeof id !== 'string' || !id)
                out.push(missing(`listingPolicies.${field} is required to publish the offer.`));
            else if (!account.hasPolicy(kind, id))
                out.push(E.policyNotFound(`${field} ${id}`));
        };
        policy('fulfillmentPolicyId', 'fulfillment', E.invalidFulfillmentPolicy);
        policy('paymentPolicyId', 'payment', E.invalidPaymentPolicy);
        policy('returnPolicyId', 'return', E.invalidReturnPolicy);
        const location = offer.merchantLocationKey;
        // Without a location eBay cannot tell where the item ships from, and says so in Trading API terms.
        if (typeof location !== 'string' || !location)
            out.push(E.userError('No <Item.Country> exists or <Item.Country> is specified as an empty tag in the request.'));
        else if (!account.hasLocation(location))
            out.push(E.invalidLocation(`No inventory location with merchantLocationKey ${location} exists.`));
        if (!item.condition)
            out.push(E.invalidCondition('A condition is required to publish the offer.'));
        else if (category) {
            const id = CONDITION_IDS[item.condition];
            if (!id || !category.conditions.includes(id)) {
                out.push(E.invalidCondition(`The item condition ${item.condition}${id ? ` (${id})` : ''} is not available for category ${category.name} (${categoryId}), which accepts ${category.conditions.join(', ')}.`));
            }
        }
        if (category) {
            const names = Object.entries(product.aspects ?? {})
                .filter(([, v]) => Array.isArray(v) && v.some((x) => typeof x === 'string' && x.trim()))
                .map(([k]) => k.toLowerCase());
            for (const name of category.requiredAspects) {
                if (!names.includes(name.toLowerCase())) {
                    out.push(E.userError(`The item specific ${name} is missing. Add ${name} to this listing, enter a valid value, and then try again.`, [{ name: 'aspect', value: name }]));
                }
            }
        }
        const available = Math.min(quantityOf(item), offer.availableQuantity ?? quantityOf(item));
        if (available <= 0)
            out.push(E.invalidQuantity('The available quantity must be greater than 0 to publish the offer.'));
        return out;
    }
    withdraw(offerId) {
        const offer = this.offers.get(offerId);
        if (!offer)
            return refusal(404, E.offerNotAvailable(`offer ${offerId} was not found`));
        if (offer.status !== 'PUBLISHED' || !offer.listing)
            return refusal(400, E.offerNotAvailable(`offer ${offerId} is not published`));
        offer.status = 'UNPUBLISHED';
        offer.listing.listingStatus = 'ENDED';
        return { listingId: offer.listing.listingId };
    }
    /**
     * One entry of bulkUpdatePriceQuantity: the item's ship-to quantity and/or price and quantity
     * of its published offers. Checked whole before anything changes.
     */
    priceQuantity(entry) {
        const sku = typeof entry.sku === 'string' ? entry.sku : undefined;
        const ship = isBody(entry.shipToLocationAvailability) ? entry.shipToLocationAvailability : undefined;
        const offers = Array.isArray(entry.offers) ? entry.offers.filter(isBody) : [];
        const answer = (errors, statusCode = 400) => offers.length
            ? offers.map((o) => ({ ...(sku ? { sku } : {}), offerId: String(o.offerId ?? ''), statusCode, ...(errors ? { errors } : {}) }))
            : [{ ...(sku ? { sku } : {}), statusCode, ...(errors ? { errors } : {}) }];
        if (ship && !sku)
            return answer([E.invalidValue('sku', 'A SKU is required to update shipToLocationAvailability.')]);
        if (!ship && !offers.length)
            return answer([E.invalidValue('requests', 'Give shipToLocationAvailability, offers or both.')]);
        if (sku && !this.items.has(sku))
            return answer([E.skuNotFound(sku)]);
        const quantity = ship?.quantity;
        if (ship && (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0)) {
            return answer([E.invalidValue('shipToLocationAvailability.quantity', 'The quantity must be 0 or more.')]);
        }
        for (const o of offers) {
            const offer = typeof o.offerId === 'string' ? this.offers.get(o.offerId) : undefined;
            if (!offer)
                return answer([E.offerNotAvailable(`offer ${String(o.offerId)} was not found`)]);
            if (sku && offer.sku !== sku)
                return answer([E.invalidValue('offerId', `Offer ${offer.offerId} belongs to another SKU.`)]);
            if (offer.status !== 'PUBLISHED')
                return answer([E.offerNotAvailable(`offer ${offer.offerId} is not published`)]);
            if (o.availableQuantity !== undefined && (typeof o.availableQuantity !== 'number' || o.availableQuantity < 0)) {
                return answer([E.invalidValue('availableQuantity', 'The quantity must be 0 or more.')]);
            }
            if (o.price !== undefined) {
                const price = isBody(o.price) ? o.price : {};
                if (!validPrice(price.value))
                    return answer([E.invalidValue('price.value', 'The price must be a positive decimal amount.')]);
                if (price.currency !== MARKETPLACE_CURRENCY[offer.marketplaceId]) {
                    return answer([E.invalidValue('price.currency', `${offer.marketplaceId} lists in ${MARKETPLACE_CURRENCY[offer.marketplaceId] ?? 'another currency'}.`)]);
                }
            }
        }
        if (sku && ship)
            this.setQuantity(sku, quantity);
        for (const o of offers) {
            const offer = this.offers.get(o.offerId);
            if (typeof o.availableQuantity === 'number')
                offer.availableQuantity = o.availableQuantity;
            if (isBody(o.price))
                offer.pricingSummary = { ...offer.pricingSummary, price: { value: o.price.value, currency: o.price.currency } };
            this.refreshListingStatus(offer);
        }
        return answer(undefined, 200);
    }
    /** A buyer buys `n` of a live listing: the item and its offer lose `n`. Null when not for sale. */
    sell(sku, n) {
        const item = this.items.get(sku);
        const offer = this.offersOf(sku).find((o) => o.status === 'PUBLISHED' && o.listing?.listingStatus === 'ACTIVE');
        if (!item || !offer?.listing || Math.min(quantityOf(item), offer.availableQuantity ?? Infinity) < n)
            return null;
        const left = quantityOf(item) - n;
        item.availability = { ...item.availability, shipToLocationAvailability: { ...item.availability?.shipToLocationAvailability, quantity: left } };
        if (offer.availableQuantity !== undefined)
            offer.availableQuantity = Math.max(0, offer.availableQuantity - n);
        offer.listing.soldQuantity += n;
        this.refreshListingStatus(offer);
        return { offer, item };
    }
    /** The control API's direct write: a record as the seller left it by hand, no checks. */
    restore(item, offer) {
        this.deleteItem(item.sku);
        this.items.set(item.sku, structuredClone(item));
        if (!offer)
            return null;
        this.offerSeq += 1;
        const { listingStatus, listingId, ...fields } = offer;
        const saved = { ...structuredClone(fields), offerId: String(5_000_000_000 + this.offerSeq) };
        if (listingStatus) {
            this.listingSeq += 1;
            saved.listing = { listingId: listingId ?? String(110_000_000_000 + this.listingSeq), listingStatus, soldQuantity: 0 };
        }
        this.setOffer(saved);
        return saved;
    }
    /** The live listing with this id, if an offer of the Inventory API holds it. */
    offerByListingId(listingId) {
        for (const offer of this.offers.values())
            if (offer.listing?.listingId === listingId)
                return offer;
        return undefined;
    }
    /** A listing id eBay has not handed out yet (for listings made outside the Inventory API). */
    nextListingId() {
        this.listingSeq += 1;
        return String(110_000_000_000 + this.listingSeq);
    }
    /** The control API's hand edit: keeps the offer and listing ids. */
    edit(sku, item, offerFields, status) {
        this.items.set(sku, structuredClone(item));
        let offer = this.offersOf(sku)[0];
        if (!offer) {
            this.restore(item, { sku, marketplaceId: 'EBAY_US', format: 'FIXED_PRICE', status: 'UNPUBLISHED' });
            offer = this.offersOf(sku)[0];
        }
        Object.assign(offer, structuredClone(offerFields));
        this.syncOffers(sku);
        if (status === 'ended') {
            offer.status = 'UNPUBLISHED';
            if (offer.listing)
                offer.listing.listingStatus = 'ENDED';
            return;
        }
        if (offer.status !== 'PUBLISHED' || !offer.listing) {
            this.listingSeq += 1;
            offer.listing = { listingId: String(110_000_000_000 + this.listingSeq), listingStatus: 'ACTIVE', soldQuantity: 0 };
        }
        offer.status = 'PUBLISHED';
        this.refreshListingStatus(offer);
    }
    setQuantity(sku, quantity) {
        const item = this.items.get(sku);
        item.availability = { ...item.availability, shipToLocationAvailability: { ...item.availability?.shipToLocationAvailability, quantity } };
        this.syncOffers(sku);
    }
    /**
     * A new item quantity changes what its live offers can sell. An offer's own
     * `availableQuantity`, where set, is kept apart: the listing sells the lower of the two.
     */
    syncOffers(sku) {
        if (!this.items.has(sku))
            return;
        for (const offer of this.offersOf(sku))
            this.refreshListingStatus(offer);
    }
    refreshListingStatus(offer) {
        if (offer.status !== 'PUBLISHED' || !offer.listing)
            return;
        const item = this.items.get(offer.sku);
        const available = Math.min(item ? quantityOf(item) : 0, offer.availableQuantity ?? Infinity);
        offer.listing.listingStatus = available > 0 ? 'ACTIVE' : 'OUT_OF_STOCK';
    }
    checkItem(sku, body) {
        if (!sku || sku.length > MAX_SKU)
            return E.invalidSku();
        const product = isBody(body.product) ? body.product : {};
        if (typeof product.title === 'string' && product.title.length > MAX_TITLE) {
            return E.invalidField('title', `The title may hold at most ${MAX_TITLE} characters; it has ${product.title.length}.`);
        }
        const urls = Array.isArray(product.imageUrls) ? product.imageUrls : [];
        const bad = urls.find((u) => typeof u !== 'string' || !isHttpsUrl(u));
        if (bad !== undefined)
            return E.invalidPictureUrl(`Picture URLs must use https: ${String(bad)}`);
        if (body.condition !== undefined && !EBAY_CONDITION_ENUM.includes(body.condition)) {
            return E.invalidCondition(`${String(body.condition)} is not a condition eBay knows.`);
        }
        const availability = isBody(body.availability) ? body.availability : {};
        const ship = isBody(availability.shipToLocationAvailability) ? availability.shipToLocationAvailability : {};
        if (typeof ship.quantity === 'number' && ship.quantity < 0)
            return E.invalidQuantity('The quantity must be 0 or more.');
        return null;
    }
    checkOfferFields(body, marketplaceId, language) {
        if (!MARKETPLACE_CURRENCY[marketplaceId])
            return E.invalidValue('marketplaceId', `${marketplaceId} is not a marketplace.`);
        if (language !== undefined && MARKETPLACE_LANGUAGE[marketplaceId] && language !== MARKETPLACE_LANGUAGE[marketplaceId]) {
            return E.inputError(`Content-Language ${language} does not match ${marketplaceId}, which lists in ${MARKETPLACE_LANGUAGE[marketplaceId]}.`);
        }
        const price = isBody(body.pricingSummary) && isBody(body.pricingSummary.price) ? body.pricingSummary.price : undefined;
        if (price) {
            if (!validPrice(price.value))
                return E.invalidPrice('The price must be a positive decimal amount like "1299.00".');
            if (price.currency !== MARKETPLACE_CURRENCY[marketplaceId]) {
                return E.invalidPrice(`${marketplaceId} lists in ${MARKETPLACE_CURRENCY[marketplaceId]}, not ${String(price.currency)}.`);
            }
        }
        if (body.availableQuantity !== undefined && (typeof body.availableQuantity !== 'number' || body.availableQuantity < 0)) {
            return E.invalidQuantity('availableQuantity must be 0 or more.');
        }
        return null;
    }
    sellerFields(body) {
        const fields = structuredClone(body);
        for (const k of SYSTEM_OFFER_FIELDS)
            delete fields[k];
        return fields;
    }
}
//# sourceMappingURL=store.js.map