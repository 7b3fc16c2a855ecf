import type { Platform } from '@gearsync/core';
import { settings, type Database } from '@gearsync/db';

/**
 * The account setup a shop has before its first sync, for the bench's platforms: listing
 * defaults (currency, eBay's policies and location, Reverb's shipping profile), the dealer's
 * categories mapped to each platform's, and eBay's requirements of its category as eBay's
 * Metadata API states them for guitars. The sandbox accepts any well-formed policy, location
 * and profile until an account sets its own.
 */
export async function seedListingSetup(db: Database['db'], platforms: Platform[], categories: string[]): Promise<void> {
  const defaults = {
    ebay: { currency: 'USD', marketplaceId: 'EBAY_US', merchantLocationKey: 'warehouse-1', fulfillmentPolicyId: '6196932000', paymentPolicyId: '6196933000', returnPolicyId: '6196934000' },
    reverb: { currency: 'USD', shippingProfileId: '11311' },
    vr: { currency: 'USD' },
    website: { currency: 'USD' },
  } as const;
  for (const p of platforms) await settings.setPlatformDefaults(db, p, { ...defaults[p] });
  // Electric Guitars (eBay 33034), Reverb's electric solid body, V&R's guitars > electric, the shop's "Guitars".
  await settings.setCategories(
    db,
    Object.fromEntries(
      categories.map((c) => [
        c,
        {
          ebay: { categoryId: '33034' },
          reverb: { categoryUuids: ['dfd39027-d134-4353-b9e4-57dc6be791b9'] },
          vr: { categoryIds: ['51', '83'] },
          website: { categoryIds: [15] },
        },
      ]),
    ),
  );
  if (platforms.includes('ebay')) {
    await settings.setRequirements(db, 'ebay', { '33034': { name: 'Electric Guitars', conditionIds: ['1000', '1500', '2750', '3000', '4000', '5000', '6000', '7000'], requiredAspects: ['Brand'] } });
  }
}
