import { amountToCents, centsToAmount, type CanonicalListing } from '../canonical.js';
import type { ControlListing } from '../emulation.js';
import { MARKETPLACE_CURRENCY, type OfferDraft, quantityOf, type WireItem, type WireOffer } from './store.js';

type Condition = NonNullable<CanonicalListing['condition']>;

/**
 * The sandbox's own reading of eBay's grades (platforms.md), kept apart from the adapter's.
 * Mint and poor have no eBay twin: such a hand-made listing carries no condition at all.
 */
const TO_EBAY: Partial<Record<Condition, string>> = {
  new: 'NEW',
  excellent: 'USED_EXCELLENT',
  very_good: 'USED_VERY_GOOD',
  good: 'USED_GOOD',
  fair: 'USED_ACCEPTABLE',
  non_functioning: 'FOR_PARTS_OR_NOT_WORKING',
};
const FROM_EBAY = new Map(Object.entries(TO_EBAY).map(([ours, theirs]) => [theirs, ours as Condition]));

export const CONTROL_MARKETPLACE = 'EBAY_US';
export const CONTROL_LOCALE = 'en_US';

const ASPECTS = { brand: 'Brand', model: 'Model', year: 'Year', finish: 'Finish' } as const;

function aspectOf(item: WireItem, name: string): string | null {
  return item.product?.aspects?.[name]?.[0] ?? null;
}

/** Canonical status from eBay's: live with stock is active, live without is sold out, else ended. */
function statusOf(item: WireItem, offer: WireOffer | undefined): ControlListing['status'] {
  if (offer?.status !== 'PUBLISHED') return 'ended';
  return quantityOf(item) > 0 ? 'active' : 'sold';
}

export function toControl(item: WireItem, offer: WireOffer | undefined): ControlListing {
  const price = offer?.pricingSummary?.price;
  const year = aspectOf(item, ASPECTS.year);
  return {
    id: item.sku,
    sku: item.sku,
    title: item.product?.title ?? '',
    description: item.product?.description ?? '',
    price: {
      amount: price?.value ? centsToAmount(amountToCents(price.value)) : '0.00',
      currency: price?.currency ?? MARKETPLACE_CURRENCY[CONTROL_MARKETPLACE]!,
    },
    quantity: quantityOf(item),
    condition: (item.condition ? FROM_EBAY.get(item.condition) : undefined) ?? null,
    images: [...(item.product?.imageUrls ?? [])],
    status: statusOf(item, offer),
    brand: aspectOf(item, ASPECTS.brand),
    model: aspectOf(item, ASPECTS.model),
    year: year !== null && /^\d{4}$/.test(year) ? Number(year) : null,
    finish: aspectOf(item, ASPECTS.finish),
  };
}

/** A canonical listing as the seller's inventory item and its fixed-price offer. */
export function toWire(listing: CanonicalListing): { item: WireItem; offer: OfferDraft } {
  const quantity = listing.status === 'sold' ? 0 : listing.quantity;
  const aspects: Record<string, string[]> = {};
  for (const [field, name] of Object.entries(ASPECTS) as [keyof typeof ASPECTS, string][]) {
    const value = listing[field];
    if (value !== null && value !== undefined && value !== '') aspects[name] = [String(value)];
  }
  const condition = listing.condition ? TO_EBAY[listing.condition] : undefined;
  const item: WireItem = {
    sku: listing.sku,
    locale: CONTROL_LOCALE,
    product: { title: listing.title, description: listing.description, imageUrls: [...listing.images], aspects },
    ...(condition ? { condition } : {}),
    availability: { shipToLocationAvailability: { quantity } },
  };
  const offer = {
    sku: listing.sku,
    marketplaceId: CONTROL_MARKETPLACE,
    format: 'FIXED_PRICE',
    availableQuantity: quantity,
    pricingSummary: { price: { value: centsToAmount(amountToCents(listing.price.amount)), currency: listing.price.currency } },
    listingDescription: listing.description,
    status: listing.status === 'ended' ? ('UNPUBLISHED' as const) : ('PUBLISHED' as const),
  };
  return { item, offer };
}
