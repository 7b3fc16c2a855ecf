import { amountToCents, centsToAmount } from '../canonical.js';
import { localeOf, MARKETPLACE_CURRENCY, MARKETPLACE_LANGUAGE, quantityOf } from './store.js';
/**
 * The sandbox's own reading of eBay's grades (platforms.md), kept apart from the adapter's.
 * Mint and poor have no eBay twin: such a hand-made listing carries no condition at all.
 */
const TO_EBAY = {
    new: 'NEW',
    excellent: 'USED_EXCELLENT',
    very_good: 'USED_VERY_GOOD',
    good: 'USED_GOOD',
    fair: 'USED_ACCEPTABLE',
    non_functioning: 'FOR_PARTS_OR_NOT_WORKING',
};
/** Reading back, eBay's "Like New" (2750) is the trade's mint. */
const FROM_EBAY = new Map([...Object.entries(TO_EBAY).map(([ours, theirs]) => [theirs, ours]), ['LIKE_NEW', 'mint']]);
export const CONTROL_MARKETPLACE = 'EBAY_US';
export const CONTROL_LOCALE = 'en_US';
/** A hand-made listing lives on the marketplace of its currency: GBP on EBAY_GB, EUR on EBAY_DE. */
const MARKETPLACE_OF_CURRENCY = { USD: 'EBAY_US', GBP: 'EBAY_GB', EUR: 'EBAY_DE', CAD: 'EBAY_CA', AUD: 'EBAY_AU', CHF: 'EBAY_CH', PLN: 'EBAY_PL' };
export function marketplaceOf(currency) {
    return MARKETPLACE_OF_CURRENCY[currency] ?? CONTROL_MARKETPLACE;
}
/**
 * Where a Seller Hub listing of an instrument keeps these: Brand and Model everywhere; the year
 * and the colour under the names the category's item specifics use (a guitar's colour is its
 * "Body Colour" on eBay UK, "Body Color" on eBay US), or a seller's own custom specific.
 */
const ASPECTS = {
    brand: ['Brand'],
    model: ['Model'],
    year: ['Year', 'Model Year', 'Year Manufactured'],
    finish: ['Body Colour', 'Body Color', 'Colour', 'Color', 'Finish'],
};
function aspectOf(item, names) {
    const aspects = item.product?.aspects ?? {};
    for (const name of names) {
        const key = Object.keys(aspects).find((k) => k.toLowerCase() === name.toLowerCase());
        const value = key ? aspects[key]?.[0] : undefined;
        if (value)
            return value;
    }
    return null;
}
/** Canonical status from eBay's: live with stock is active, live without is sold out, else ended. */
function statusOf(item, offer) {
    if (offer?.status !== 'PUBLISHED')
        return 'ended';
    return quantityOf(item) > 0 ? 'active' : 'sold';
}
const GRADE_WORDS = { mint: 'mint', excellent: 'excellent', 'very good': 'very_good', good: 'good', fair: 'fair', poor: 'poor' };
/** eBay's code, refined by the seller's words on a used item (a category with only plain "Used" takes 3000 with "Mint"). */
function conditionOf(item) {
    const words = typeof item.conditionDescription === 'string' ? GRADE_WORDS[item.conditionDescription.trim().toLowerCase()] : undefined;
    if (words && item.condition?.startsWith('USED_'))
        return words;
    return (item.condition ? FROM_EBAY.get(item.condition) : undefined) ?? null;
}
export function toControl(item, offer) {
    const price = offer?.pricingSummary?.price;
    const year = aspectOf(item, ASPECTS.year);
    return {
        id: item.sku,
        sku: item.sku,
        title: item.product?.title ?? '',
        description: item.product?.description ?? '',
        price: {
            amount: price?.value ? centsToAmount(amountToCents(price.value)) : '0.00',
            currency: price?.currency ?? MARKETPLACE_CURRENCY[CONTROL_MARKETPLACE],
        },
        // What the listing sells: the lower of the item's quantity and the offer's own cap.
        quantity: Math.min(quantityOf(item), offer?.availableQuantity ?? Infinity),
        condition: conditionOf(item),
        images: [...(item.product?.imageUrls ?? [])],
        status: statusOf(item, offer),
        brand: aspectOf(item, ASPECTS.brand),
        model: aspectOf(item, ASPECTS.model),
        year: year !== null && /^\d{4}$/.test(year) ? Number(year) : null,
        finish: aspectOf(item, ASPECTS.finish),
        ...(typeof offer?.categoryId === 'string' ? { platformCategory: [offer.categoryId] } : {}),
        attributes: structuredClone(item.product?.aspects ?? {}),
    };
}
/** A canonical listing as the seller's inventory item and its fixed-price offer. */
export function toWire(listing) {
    const quantity = listing.status === 'sold' ? 0 : listing.quantity;
    const aspects = {};
    const marketplaceId = marketplaceOf(listing.price.currency);
    const colour = marketplaceId === 'EBAY_US' ? 'Body Color' : 'Body Colour';
    const names = { brand: 'Brand', model: 'Model', year: 'Year', finish: colour };
    for (const [field, name] of Object.entries(names)) {
        const value = listing[field];
        if (value !== null && value !== undefined && value !== '')
            aspects[name] = [String(value)];
    }
    for (const [name, values] of Object.entries(listing.attributes ?? {}))
        if (values.length)
            aspects[name] = [...values];
    // A mint guitar is plain "Used" with the grade in words, as a seller lists it in 33034.
    const condition = listing.condition === 'mint' ? 'USED_EXCELLENT' : listing.condition ? TO_EBAY[listing.condition] : undefined;
    const item = {
        sku: listing.sku,
        locale: localeOf(MARKETPLACE_LANGUAGE[marketplaceId] ?? 'en-US'),
        product: { title: listing.title, description: listing.description, imageUrls: [...listing.images], aspects },
        ...(condition ? { condition } : {}),
        ...(listing.condition === 'mint' ? { conditionDescription: 'Mint' } : {}),
        availability: { shipToLocationAvailability: { quantity } },
    };
    const offer = {
        sku: listing.sku,
        marketplaceId,
        format: 'FIXED_PRICE',
        ...(listing.platformCategory?.[0] ? { categoryId: listing.platformCategory[0] } : {}),
        availableQuantity: quantity,
        pricingSummary: { price: { value: centsToAmount(amountToCents(listing.price.amount)), currency: listing.price.currency } },
        listingDescription: listing.description,
        status: listing.status === 'ended' ? 'UNPUBLISHED' : 'PUBLISHED',
    };
    return { item, offer };
}
//# sourceMappingURL=control-mapping.js.map