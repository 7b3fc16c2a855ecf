import type { CategoryMapping, CategoryRequirements, ListingContext, PlatformSettingsMap } from './settings.js';

/**
 * A shop ready to list, for tests and the benchmark: every platform's defaults set, and each
 * of these dealer categories mapped everywhere (as an electric guitar, eBay 33034).
 */
export const READY_CATEGORY = 'Electric Guitars';

/** eBay's Electric Guitars (33034): New, New other, Seller refurbished, Used, For parts; Brand required. */
export const ELECTRIC_GUITARS_33034: CategoryRequirements = {
  name: 'Electric Guitars',
  conditionIds: ['1000', '1500', '2500', '3000', '7000'],
  requiredAspects: ['Brand'],
};

export function readySettings(currency = 'USD'): PlatformSettingsMap {
  const marketplaceId = currency === 'GBP' ? 'EBAY_GB' : currency === 'EUR' ? 'EBAY_DE' : 'EBAY_US';
  return {
    ebay: { currency, marketplaceId, merchantLocationKey: 'warehouse-1', fulfillmentPolicyId: 'FUL-1', paymentPolicyId: 'PAY-1', returnPolicyId: 'RET-1' },
    reverb: { currency, shippingProfileId: '101' },
    vr: { currency },
    website: { currency },
  };
}

export const ELECTRIC_GUITAR_MAPPING: CategoryMapping = {
  ebay: { categoryId: '33034' },
  reverb: { categoryUuids: ['e57deb7a-382b-4e18-a008-67d4fbcb2879'] },
  vr: { categoryIds: ['51', '83'] },
  website: { categoryIds: [15] },
};

export function readyContext(options: { currency?: string; categories?: string[] } = {}): ListingContext {
  const categories = options.categories ?? [READY_CATEGORY];
  return {
    settings: readySettings(options.currency),
    categories: Object.fromEntries(categories.map((c) => [c, ELECTRIC_GUITAR_MAPPING])),
    requirements: { ebay: { '33034': ELECTRIC_GUITARS_33034 } },
  };
}
