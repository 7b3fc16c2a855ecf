import { amountToCents, centsToAmount, type CanonicalListing } from '../canonical.js';
import type { ControlListing } from '../emulation.js';
import { localeOf, MARKETPLACE_CURRENCY, MARKETPLACE_LANGUAGE, type OfferDraft, quantityOf, type WireItem, type WireOffer } from './store.js';

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
/** Reading back, eBay's "Like New" (2750) is the trade's mint. */
const FROM_EBAY = new Map<string, Condition>([...Object.entries(TO_EBAY).map(([ours, theirs]) => [theirs, ours as Condition] as const), ['LIKE_NEW', 'mint']]);

export const CONTROL_MARKETPLACE = 'EBAY_US';
export const CONTROL_LOCALE = 'en_US';

/** A hand-made listing lives on the marketplace of its currency: GBP on EBAY_GB, EUR on EBAY_DE. */
const MARKETPLACE_OF_CURRENCY: Record<string, string> = { USD: 'EBAY_US', GBP: 'EBAY_GB', EUR: 'EBAY_DE', CAD: 'EBAY_CA', AUD: 'EBAY_AU', CHF: 'EBAY_CH', PLN: 'EBAY_PL' };

export function marketplaceOf(currency: string): string {
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
} as const;

function aspectOf(item: WireItem, names: readonly string[]): string | null {
  const aspects = item.product?.aspects ?? {};
  for (const name of names) {
    const key = Object.keys(aspects).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key ? aspects[key]?.[0] : undefined;
    if (value) return value;
  }
  return null;
}

/** Canonical status from eBay's: live with stock is active, live without is sold out, else ended. */
function statusOf(item: WireItem, offer: WireOffer | undefined): ControlListing['status'] {
  if (offer?.status !== 'PUBLISHED') return 'ended';
  return quantityOf(item) > 0 ? 'active' : 'sold';
}

const GRADE_WORDS: Record<string, Condition> = { mint: 'mint', excellent: 'excellent', 'very good': 'very_good', good: 'good', fair: 'fair', poor: 'poor' };

/** eBay's code, refined by the seller's words on a used item (a category with only plain "Used" takes 3000 with "Mint"). */
function conditionOf(item: WireItem): Condition | null {
  const words = typeof item.conditionDescription === 'string' ? GRADE_WORDS[item.conditionDescription.trim().toLowerCase()] : undefined;
  if (words && item.condition?.startsWith('USED_')) return words;
  return (item.condition ? FROM_EBAY.get(item.condition) : undefined) ?? null;
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
export function toWire(listing: CanonicalListing): { item: WireItem; offer: OfferDraft } {
  const quantity = listing.status === 'sold' ? 0 : listing.quantity;
  const marketplaceId = marketplaceOf(listing.price.currency);
  // Item specifics as given are the whole set; else the seller filled in the usual ones.
  const aspects: Record<string, string[]> = {};
  if (listing.attributes) {
    for (const [name, values] of Object.entries(listing.attributes)) if (values.length) aspects[name] = [...values];
  } else {
    const colour = marketplaceId === 'EBAY_US' ? 'Body Color' : 'Body Colour';
    const names: Record<keyof typeof ASPECTS, string> = { brand: 'Brand', model: 'Model', year: 'Year', finish: colour };
    for (const [field, name] of Object.entries(names) as [keyof typeof ASPECTS, string][]) {
      const value = listing[field];
      if (value !== null && value !== undefined && value !== '') aspects[name] = [String(value)];
    }
  }
  // eBay's own condition where the seller picked one; else from the grade (a mint guitar is plain
  // "Used" with the grade in words, as a seller lists it in 33034).
  const condition = listing.platformCondition ?? (listing.condition === 'mint' ? 'USED_EXCELLENT' : listing.condition ? TO_EBAY[listing.condition] : undefined);
  const conditionDescription = listing.platformCondition ? listing.conditionDescription : listing.condition === 'mint' ? 'Mint' : undefined;
  const item: WireItem = {
    sku: listing.sku,
    locale: localeOf(MARKETPLACE_LANGUAGE[marketplaceId] ?? 'en-US'),
    product: { title: listing.title, description: listing.description, imageUrls: [...listing.images], aspects },
    ...(condition ? { condition } : {}),
    ...(conditionDescription ? { conditionDescription } : {}),
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
    status: listing.status === 'ended' ? ('UNPUBLISHED' as const) : ('PUBLISHED' as const),
  };
  return { item, offer };
}
