import { EBAY_MARKETPLACES, formatAmount, fromEbayConditionWithDescription, type Listing, type ListingState, type Money, parseAmount } from '@gearsync/core';
import type { KnownOffer } from './offer-cache.js';
import type { InventoryItem, InventoryItemRequest, Offer, OfferRequest } from './wire.js';

export const EBAY_LOCALE = 'en_US';

/** Item specifics gearsync keeps, by eBay's aspect names. */
const ASPECTS = { brand: 'Brand', model: 'Model', year: 'Year', finish: 'Finish' } as const;

/** Offer fields a seller's eBay account needs before an offer may publish (policy ids, location). */
export interface ListingDefaults {
  categoryId?: string;
  merchantLocationKey?: string;
  fulfillmentPolicyId?: string;
  paymentPolicyId?: string;
  returnPolicyId?: string;
}

export function toAmount(money: Money): { value: string; currency: string } {
  return { value: formatAmount(money.cents), currency: money.currency };
}

/** The listing's marketplace and language, from the account values rendered into it at plan time. */
export function marketOf(listing: Listing, fallbackMarketplace: string): { marketplaceId: string; language: string; locale: string } {
  const marketplaceId = listing.platformFields?.marketplaceId ?? fallbackMarketplace;
  const language = listing.platformFields?.contentLanguage ?? EBAY_MARKETPLACES[marketplaceId]?.language ?? 'en-US';
  return { marketplaceId, language, locale: language.replace('-', '_') };
}

/** Aspects to send: the rendered ones (attributes, product fields, category defaults), else the product's own fields. */
function aspectsOf(listing: Listing): Record<string, string[]> {
  if (listing.attributes) {
    return Object.fromEntries(Object.entries(listing.attributes).filter(([, v]) => v.length).map(([k, v]) => [k, [...v]]));
  }
  const aspects: Record<string, string[]> = {};
  for (const [field, name] of Object.entries(ASPECTS) as [keyof typeof ASPECTS, string][]) {
    const value = listing[field];
    if (value !== null && value !== undefined && String(value).trim() !== '') aspects[name] = [String(value)];
  }
  return aspects;
}

/**
 * The whole inventory item for a listing. `PUT inventory_item` replaces the record: a field
 * left out (quantity included) is wiped, so every write carries all of it. The condition is
 * the one chosen for the listing's category at plan time (from eBay's Metadata API), never a
 * static table's: a grade a category cannot express has already failed with its reason.
 */
export function toInventoryItem(sku: string, listing: Listing, fallbackMarketplace = 'EBAY_US'): { ok: true; item: InventoryItemRequest } | { ok: false; reason: string } {
  if (!listing.platformCondition) {
    return { ok: false, reason: "no eBay condition was chosen for this listing (its category's accepted conditions were not read)" };
  }
  return {
    ok: true,
    item: {
      sku,
      locale: marketOf(listing, fallbackMarketplace).locale,
      product: { title: listing.title, description: listing.description, imageUrls: [...listing.images], aspects: aspectsOf(listing) },
      condition: listing.platformCondition,
      ...(listing.conditionDescription ? { conditionDescription: listing.conditionDescription } : {}),
      availability: { shipToLocationAvailability: { quantity: listing.quantity } },
    },
  };
}

/** What an offer needs before eBay will publish it, named for a dealer; empty when it has it all. */
export function offerGaps(listing: Listing): string[] {
  const f = listing.platformFields ?? {};
  const gaps: string[] = [];
  if (!listing.platformCategory?.[0]) gaps.push('an eBay category (map its category to an eBay categoryId)');
  if (!f.merchantLocationKey) gaps.push('an inventory location (merchantLocationKey in the eBay settings)');
  if (!f.fulfillmentPolicyId) gaps.push('a fulfillment policy (fulfillmentPolicyId in the eBay settings)');
  if (!f.paymentPolicyId) gaps.push('a payment policy (paymentPolicyId in the eBay settings)');
  if (!f.returnPolicyId) gaps.push('a return policy (returnPolicyId in the eBay settings)');
  return gaps;
}

/**
 * A fixed-price offer with what publishing needs: the category, the account's three business
 * policies and its inventory location. No `availableQuantity` or `listingDescription`: left
 * unset, the item's quantity and description govern the listing.
 */
export function toOfferRequest(sku: string, listing: Listing, fallbackMarketplace: string, defaults: ListingDefaults = {}): OfferRequest {
  const f = listing.platformFields ?? {};
  const fulfillmentPolicyId = f.fulfillmentPolicyId ?? defaults.fulfillmentPolicyId;
  const paymentPolicyId = f.paymentPolicyId ?? defaults.paymentPolicyId;
  const returnPolicyId = f.returnPolicyId ?? defaults.returnPolicyId;
  const policies = {
    ...(fulfillmentPolicyId ? { fulfillmentPolicyId } : {}),
    ...(paymentPolicyId ? { paymentPolicyId } : {}),
    ...(returnPolicyId ? { returnPolicyId } : {}),
  };
  const categoryId = listing.platformCategory?.[0] ?? defaults.categoryId;
  const merchantLocationKey = f.merchantLocationKey ?? defaults.merchantLocationKey;
  return {
    sku,
    marketplaceId: marketOf(listing, fallbackMarketplace).marketplaceId,
    format: 'FIXED_PRICE',
    pricingSummary: { price: toAmount(listing.price) },
    ...(categoryId ? { categoryId } : {}),
    ...(merchantLocationKey ? { merchantLocationKey } : {}),
    ...(Object.keys(policies).length ? { listingPolicies: policies } : {}),
  };
}

/** Live with stock is active; live with none left has sold out; withdrawn or never offered is ended. */
export function stateOf(quantity: number, offer: KnownOffer | null | undefined): ListingState {
  if (offer?.status !== 'PUBLISHED') return 'ended';
  return quantity > 0 ? 'active' : 'sold';
}

export function knownOffer(offer: Offer): KnownOffer {
  const price = offer.pricingSummary?.price;
  let money: Money | null = null;
  if (price) {
    try {
      money = { cents: parseAmount(price.value), currency: price.currency };
    } catch {
      money = null;
    }
  }
  return {
    offerId: offer.offerId,
    ...(offer.listing?.listingId ? { listingId: offer.listing.listingId } : {}),
    status: offer.status === 'PUBLISHED' ? 'PUBLISHED' : 'UNPUBLISHED',
    price: money,
    ...(offer.categoryId ? { categoryId: offer.categoryId } : {}),
    ...(offer.availableQuantity !== undefined ? { availableQuantity: offer.availableQuantity } : {}),
  };
}

export function refsOf(offer: KnownOffer | null | undefined): Record<string, string> | undefined {
  if (!offer) return undefined;
  return { offerId: offer.offerId, ...(offer.listingId ? { listingId: offer.listingId } : {}) };
}

/**
 * Where a listing made in Seller Hub keeps what we write as Year and Finish: the category's own
 * item specifics ("Model Year", a guitar's "Body Colour"/"Body Color"), looked up in that order.
 */
const READ_AS: Record<string, string[]> = {
  [ASPECTS.year]: [ASPECTS.year, 'Model Year', 'Year Manufactured'],
  [ASPECTS.finish]: [ASPECTS.finish, 'Body Colour', 'Body Color', 'Colour', 'Color'],
};

function aspect(item: InventoryItem, name: string): string | null {
  const aspects = item.product?.aspects ?? {};
  for (const candidate of READ_AS[name] ?? [name]) {
    const key = Object.keys(aspects).find((k) => k.toLowerCase() === candidate.toLowerCase());
    const values = key ? aspects[key] : undefined;
    const first = Array.isArray(values) ? values[0] : undefined;
    if (typeof first === 'string' && first !== '') return first;
  }
  return null;
}

/**
 * An inventory item and its offer as a canonical listing. An item without an offer has no
 * price on eBay: it reads as an ended listing at 0 in the marketplace's currency.
 */
export function toListing(item: InventoryItem, offer: KnownOffer | null | undefined, currency: string): Listing {
  const own = item.availability?.shipToLocationAvailability?.quantity ?? 0;
  // The listing sells the lower of the item's quantity and the offer's own cap, where it has one.
  const quantity = offer?.availableQuantity !== undefined ? Math.min(own, offer.availableQuantity) : own;
  const attributes: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(item.product?.aspects ?? {})) {
    if (Array.isArray(values)) attributes[name] = values.filter((v): v is string => typeof v === 'string');
  }
  const year = aspect(item, ASPECTS.year);
  // The category travels in the refs too, so an update planned from this read knows where the offer sits now.
  const refs = offer ? { ...refsOf(offer)!, ...(offer.categoryId ? { categoryId: offer.categoryId } : {}) } : undefined;
  return {
    externalId: item.sku,
    sku: item.sku,
    title: item.product?.title ?? '',
    description: item.product?.description ?? '',
    price: offer?.price ?? { cents: 0, currency },
    quantity,
    condition: fromEbayConditionWithDescription(item.condition, item.conditionDescription),
    images: [...(item.product?.imageUrls ?? [])],
    state: stateOf(quantity, offer),
    attributes,
    ...(item.condition ? { platformCondition: item.condition } : {}),
    ...(item.conditionDescription ? { conditionDescription: item.conditionDescription } : {}),
    ...(offer?.categoryId ? { platformCategory: [offer.categoryId] } : {}),
    brand: aspect(item, ASPECTS.brand),
    model: aspect(item, ASPECTS.model),
    year: year !== null && /^\d{4}$/.test(year) ? Number(year) : null,
    finish: aspect(item, ASPECTS.finish),
    ...(refs ? { refs } : {}),
  };
}

/**
 * What a listing we recorded (the `ebay_listings` baseline) says of its offer, to prime an
 * OfferCache: a snapshot then reads offers only for SKUs the database does not know.
 */
export function knownOfferOf(listing: Listing): KnownOffer | null {
  const offerId = listing.refs?.offerId;
  if (!offerId) return null;
  return {
    offerId,
    status: listing.state === 'ended' ? 'UNPUBLISHED' : 'PUBLISHED',
    price: listing.price,
    ...(listing.refs?.listingId ? { listingId: listing.refs.listingId } : {}),
    ...(listing.platformCategory?.[0] ? { categoryId: listing.platformCategory[0] } : {}),
  };
}
