import { formatAmount, fromEbayCondition, type Listing, type ListingState, type Money, parseAmount, toPlatformCondition } from '@gearsync/core';
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

/**
 * The whole inventory item for a listing. `PUT inventory_item` replaces the record: a field
 * left out (quantity included) is wiped, so every write carries all of it.
 */
export function toInventoryItem(sku: string, listing: Listing): { ok: true; item: InventoryItemRequest } | { ok: false; reason: string } {
  if (!listing.condition) return { ok: false, reason: 'eBay needs a condition and this listing has none' };
  const condition = toPlatformCondition('ebay', listing.condition);
  if (!condition.ok) return { ok: false, reason: condition.reason };
  const aspects: Record<string, string[]> = {};
  for (const [field, name] of Object.entries(ASPECTS) as [keyof typeof ASPECTS, string][]) {
    const value = listing[field];
    if (value !== null && value !== undefined && String(value).trim() !== '') aspects[name] = [String(value)];
  }
  return {
    ok: true,
    item: {
      sku,
      locale: EBAY_LOCALE,
      product: { title: listing.title, description: listing.description, imageUrls: [...listing.images], aspects },
      condition: condition.code!,
      availability: { shipToLocationAvailability: { quantity: listing.quantity } },
    },
  };
}

/**
 * A fixed-price offer without `availableQuantity` or `listingDescription`: left unset, the
 * item's quantity and description govern the listing, so item writes alone keep them true.
 */
export function toOfferRequest(sku: string, listing: Listing, marketplaceId: string, defaults: ListingDefaults): OfferRequest {
  const policies = {
    ...(defaults.fulfillmentPolicyId ? { fulfillmentPolicyId: defaults.fulfillmentPolicyId } : {}),
    ...(defaults.paymentPolicyId ? { paymentPolicyId: defaults.paymentPolicyId } : {}),
    ...(defaults.returnPolicyId ? { returnPolicyId: defaults.returnPolicyId } : {}),
  };
  return {
    sku,
    marketplaceId,
    format: 'FIXED_PRICE',
    pricingSummary: { price: toAmount(listing.price) },
    ...(defaults.categoryId ? { categoryId: defaults.categoryId } : {}),
    ...(defaults.merchantLocationKey ? { merchantLocationKey: defaults.merchantLocationKey } : {}),
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
  };
}

export function refsOf(offer: KnownOffer | null | undefined): Record<string, string> | undefined {
  if (!offer) return undefined;
  return { offerId: offer.offerId, ...(offer.listingId ? { listingId: offer.listingId } : {}) };
}

function aspect(item: InventoryItem, name: string): string | null {
  const values = item.product?.aspects?.[name];
  const first = Array.isArray(values) ? values[0] : undefined;
  return typeof first === 'string' ? first : null;
}

/**
 * An inventory item and its offer as a canonical listing. An item without an offer has no
 * price on eBay: it reads as an ended listing at 0 in the marketplace's currency.
 */
export function toListing(item: InventoryItem, offer: KnownOffer | null | undefined, currency: string): Listing {
  const quantity = item.availability?.shipToLocationAvailability?.quantity ?? 0;
  const year = aspect(item, ASPECTS.year);
  const refs = refsOf(offer);
  return {
    externalId: item.sku,
    sku: item.sku,
    title: item.product?.title ?? '',
    description: item.product?.description ?? '',
    price: offer?.price ?? { cents: 0, currency },
    quantity,
    condition: fromEbayCondition(item.condition),
    images: [...(item.product?.imageUrls ?? [])],
    state: stateOf(quantity, offer),
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
  };
}
