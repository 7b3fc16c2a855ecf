import type { Platform } from './types.js';

/** A platform's price rule: markup in percent, then round up to a price ending in `endingCents` (null: no rounding). */
export interface PriceRule {
  markupPct: number;
  endingCents: number | null;
}

/** Listing defaults every platform takes (CONTRACT.md, `PUT /api/settings/platforms/:platform`). */
export interface CommonSettings {
  /** ISO 4217: the currency of this platform's prices. Products in another currency are not sent (no silent conversion). */
  currency?: string;
  priceRule?: PriceRule;
}

export interface EbaySettings extends CommonSettings {
  marketplaceId?: string;
  merchantLocationKey?: string;
  fulfillmentPolicyId?: string;
  paymentPolicyId?: string;
  returnPolicyId?: string;
}

export interface ReverbSettings extends CommonSettings {
  shippingProfileId?: string;
}

export interface PlatformSettingsMap {
  ebay?: EbaySettings;
  reverb?: ReverbSettings;
  vr?: CommonSettings;
  website?: CommonSettings;
}
export type PlatformSettings = EbaySettings & ReverbSettings;

/** One dealer category's place on each platform (CONTRACT.md, `PUT /api/settings/categories`). */
export interface CategoryMapping {
  /** A leaf category id, and aspects this category needs that the product lacks (defaults). */
  ebay?: { categoryId: string; aspects?: Record<string, string[]> };
  reverb?: { categoryUuids: string[] };
  /** V&R's numeric ids, top level first. */
  vr?: { categoryIds: string[] };
  /** The shop's product category term ids; optional on the shop (it files under its default). */
  website?: { categoryIds: number[] };
}
/** The dealer's own category text → its mapping. */
export type CategoryMap = Record<string, CategoryMapping>;

/**
 * What a platform requires of one of its categories, read from its metadata APIs by the
 * adapter and cached in Postgres (eBay: Metadata API conditions, Taxonomy API required aspects).
 * V&R's one requirement is of brands: its form takes only brands in its list. Whether it knows
 * a brand is kept the same way, under `brandKey(brand)`, with `known` set.
 */
export interface CategoryRequirements {
  /** eBay condition ids the category accepts, e.g. ["1000", "1500", "3000", "7000"]. */
  conditionIds: string[];
  /** Aspect names the category requires, e.g. ["Brand", "Type"]. */
  requiredAspects: string[];
  /** The category's name (a brand entry: the brand's), for messages. */
  name?: string;
  /** A `brandKey` entry only: whether the platform knows the brand. */
  known?: boolean;
}

/** Where a platform's answer about a brand is kept among its requirements (any case, trimmed). */
export function brandKey(brand: string): string {
  return `brand:${brand.trim().toLowerCase()}`;
}
/** Per platform, per platform category id. */
export type RequirementsMap = Partial<Record<Platform, Record<string, CategoryRequirements>>>;

/** Everything a product renders from beside itself, all from Postgres. */
export interface ListingContext {
  settings: PlatformSettingsMap;
  categories: CategoryMap;
  requirements: RequirementsMap;
}

export const EMPTY_LISTING_CONTEXT: ListingContext = { settings: {}, categories: {}, requirements: {} };

/** eBay's marketplaces, with the currency and Content-Language that go with each (platforms.md). */
export const EBAY_MARKETPLACES: Record<string, { currency: string; language: string }> = {
  EBAY_US: { currency: 'USD', language: 'en-US' },
  EBAY_GB: { currency: 'GBP', language: 'en-GB' },
  EBAY_DE: { currency: 'EUR', language: 'de-DE' },
  EBAY_FR: { currency: 'EUR', language: 'fr-FR' },
  EBAY_IT: { currency: 'EUR', language: 'it-IT' },
  EBAY_ES: { currency: 'EUR', language: 'es-ES' },
  EBAY_AU: { currency: 'AUD', language: 'en-AU' },
  EBAY_CA: { currency: 'CAD', language: 'en-CA' },
};

/** eBay's condition enums and the numeric ids its Metadata API answers (platforms.md). */
export const EBAY_CONDITION_IDS: Record<string, string> = {
  NEW: '1000',
  LIKE_NEW: '2750',
  NEW_OTHER: '1500',
  NEW_WITH_DEFECTS: '1750',
  SELLER_REFURBISHED: '2500',
  USED_EXCELLENT: '3000',
  USED_VERY_GOOD: '4000',
  USED_GOOD: '5000',
  USED_ACCEPTABLE: '6000',
  FOR_PARTS_OR_NOT_WORKING: '7000',
};
