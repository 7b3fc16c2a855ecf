import type { CategoryMap, CategoryRequirements, Platform, PlatformSettingsMap } from '@gearsync/core';
import { settings, type DbOrTx } from '@gearsync/db';

/**
 * The demo dealer's shop: listing defaults per platform, the category map for the catalogue's
 * categories, and the platform accounts that go with them (policies, locations, shipping
 * profiles, categories, brands), as the sandbox's control API sets them up. The demo, the
 * benchmark and the process tests all seed from here, so the catalogue always lists.
 *
 * eBay category ids and their conditions/aspects are eBay's real ones where platforms.md gives
 * them (33034, 33021, 4713, 38072, 176984); Reverb's uuids are Reverb's own (the books one is
 * this shop's, added through the control API); V&R's top-level ids are the site's, its lower
 * levels and the shop's category ids this shop's own (from 16: 15 is WordPress's "Uncategorized",
 * where a product filed nowhere lands).
 */
export interface ShopCategory {
  name: string;
  ebay?: { categoryId: string; requirements: CategoryRequirements; aspects?: Record<string, string[]> };
  reverb?: { uuid: string; fullName: string };
  /** Top level first, with names and parents for the V&R account tree. */
  vr?: { id: string; name: string }[];
  website?: { id: number; name: string };
}

const GUITAR_CONDITIONS = ['1000', '1500', '2500', '3000', '7000'];

export const SHOP_CATEGORIES: ShopCategory[] = [
  {
    name: 'Guitars>Electric solid body',
    ebay: { categoryId: '33034', requirements: { name: 'Electric Guitars', conditionIds: GUITAR_CONDITIONS, requiredAspects: ['Brand'] }, aspects: { 'Body Type': ['Solid'] } },
    reverb: { uuid: 'e57deb7a-382b-4e18-a008-67d4fbcb2879', fullName: 'Electric Guitars / Solid Body' },
    vr: [{ id: '51', name: 'Guitars' }, { id: '83', name: 'Electric solid body' }],
    website: { id: 16, name: 'Electric Guitars' },
  },
  {
    name: 'Guitars>Electric hollow body',
    ebay: { categoryId: '33034', requirements: { name: 'Electric Guitars', conditionIds: GUITAR_CONDITIONS, requiredAspects: ['Brand'] }, aspects: { 'Body Type': ['Hollowbody'] } },
    reverb: { uuid: '5db35d7e-2b7e-4dcf-a73b-6a144c710956', fullName: 'Electric Guitars / Hollow Body' },
    vr: [{ id: '51', name: 'Guitars' }, { id: '702', name: 'Electric hollow body' }],
    website: { id: 16, name: 'Electric Guitars' },
  },
  {
    name: 'Guitars>Electric semi hollow',
    ebay: { categoryId: '33034', requirements: { name: 'Electric Guitars', conditionIds: GUITAR_CONDITIONS, requiredAspects: ['Brand'] }, aspects: { 'Body Type': ['Semi-Hollow'] } },
    reverb: { uuid: '6a63ac2e-f2a5-4064-b6ea-0393f42ee497', fullName: 'Electric Guitars / Semi-Hollow' },
    vr: [{ id: '51', name: 'Guitars' }, { id: '701', name: 'Electric semi-hollow body' }],
    website: { id: 16, name: 'Electric Guitars' },
  },
  {
    name: 'Guitars>Acoustic',
    ebay: { categoryId: '33021', requirements: { name: 'Acoustic Guitars', conditionIds: GUITAR_CONDITIONS, requiredAspects: ['Brand'] } },
    reverb: { uuid: '630dc140-45e2-4371-b569-19405de321cc', fullName: 'Acoustic Guitars / Dreadnought' },
    vr: [{ id: '51', name: 'Guitars' }, { id: '703', name: 'Acoustic' }],
    website: { id: 17, name: 'Acoustic Guitars' },
  },
  {
    name: 'Basses>Electric',
    ebay: { categoryId: '4713', requirements: { name: 'Bass Guitars', conditionIds: ['1000', '1500', '3000', '7000'], requiredAspects: ['Brand', 'Type'] }, aspects: { Type: ['Electric Bass'] } },
    reverb: { uuid: 'ac571749-28c7-4eec-a1d9-09dca3cf3e5f', fullName: 'Bass Guitars / 4-String' },
    vr: [{ id: '52', name: 'Basses' }, { id: '711', name: 'Electric basses' }],
    website: { id: 18, name: 'Basses' },
  },
  {
    name: 'Amps>Guitar combos',
    ebay: { categoryId: '38072', requirements: { name: 'Guitar Amplifiers', conditionIds: GUITAR_CONDITIONS, requiredAspects: ['Brand', 'Amplifier Type'] }, aspects: { 'Amplifier Type': ['Combo'] } },
    reverb: { uuid: '10335451-31e5-418a-8ed8-f48cd738f17d', fullName: 'Amps / Guitar Amps / Guitar Combos' },
    vr: [{ id: '53', name: 'Amps' }, { id: '731', name: 'Guitar amps' }],
    website: { id: 19, name: 'Amplifiers' },
  },
  {
    name: 'Amps>Guitar heads',
    ebay: { categoryId: '38072', requirements: { name: 'Guitar Amplifiers', conditionIds: GUITAR_CONDITIONS, requiredAspects: ['Brand', 'Amplifier Type'] }, aspects: { 'Amplifier Type': ['Head'] } },
    reverb: { uuid: '19d53222-297e-410c-ba4f-b48678e917f9', fullName: 'Amps / Guitar Amps / Guitar Heads' },
    vr: [{ id: '53', name: 'Amps' }, { id: '731', name: 'Guitar amps' }],
    website: { id: 19, name: 'Amplifiers' },
  },
  {
    name: 'Effects>Overdrive',
    ebay: { categoryId: '41415', requirements: { name: 'Distortion & Overdrive', conditionIds: ['1000', '1500', '3000', '7000'], requiredAspects: ['Brand', 'Type'] }, aspects: { Type: ['Overdrive'] } },
    reverb: { uuid: '9bee8b39-c5f1-4fa7-90af-38740fc21a73', fullName: 'Effects and Pedals / Overdrive and Boost' },
    vr: [{ id: '90', name: 'Effects' }, { id: '721', name: 'Overdrive' }],
    website: { id: 20, name: 'Pedals' },
  },
  {
    name: 'Effects>Fuzz',
    ebay: { categoryId: '41415', requirements: { name: 'Distortion & Overdrive', conditionIds: ['1000', '1500', '3000', '7000'], requiredAspects: ['Brand', 'Type'] }, aspects: { Type: ['Fuzz'] } },
    reverb: { uuid: '305e09a1-f9cb-4171-8a70-6428ad1b55a8', fullName: 'Effects and Pedals / Fuzz' },
    vr: [{ id: '90', name: 'Effects' }, { id: '93', name: 'Fuzz' }],
    website: { id: 20, name: 'Pedals' },
  },
  {
    name: 'Pro Audio>Microphones',
    ebay: {
      categoryId: '176984',
      requirements: { name: 'Microphones', conditionIds: ['1000', '1500', '2500', '3000', '4000', '5000', '6000', '7000'], requiredAspects: ['Brand', 'Form Factor'] },
    },
    reverb: { uuid: '0f2bbf76-3225-44d5-8a5b-c540cc1fd058', fullName: 'Pro Audio / Microphones' },
    vr: [{ id: '188', name: 'Stringed' }, { id: '402', name: 'Studio & microphones' }],
    website: { id: 21, name: 'Microphones' },
  },
  {
    name: 'Keyboards>Synthesizers',
    ebay: { categoryId: '38071', requirements: { name: 'Synthesizers', conditionIds: ['1000', '1500', '2500', '3000', '7000'], requiredAspects: ['Brand'] } },
    reverb: { uuid: 'c577b406-a405-45ec-a8eb-56fbe628fa19', fullName: 'Keyboards and Synths / Synths / Analog Synths' },
    vr: [{ id: '57', name: 'Pianos' }, { id: '330', name: 'Synthesizers' }],
    website: { id: 22, name: 'Keyboards' },
  },
  {
    name: 'Books>Guitar history',
    ebay: { categoryId: '261186', requirements: { name: 'Books', conditionIds: ['1000', '2750', '4000', '5000', '6000'], requiredAspects: ['Book Title', 'Author', 'Language'] }, aspects: { Language: ['English'] } },
    reverb: { uuid: 'fa7b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', fullName: 'Accessories / Books' },
    vr: [{ id: '422', name: 'Books' }, { id: '423', name: 'Guitar books' }],
    website: { id: 23, name: 'Books' },
  },
  {
    name: 'Drums>Kits',
    ebay: { categoryId: '38097', requirements: { name: 'Drum Sets & Kits', conditionIds: GUITAR_CONDITIONS, requiredAspects: ['Brand'] } },
    reverb: { uuid: 'b905874b-ecdd-43f0-99e5-5c4d6857ff99', fullName: 'Drums and Percussion / Acoustic Drums / Full Acoustic Kits' },
    vr: [{ id: '216', name: 'Drums' }, { id: '217', name: 'Kits' }],
    website: { id: 24, name: 'Drums' },
  },
];

/** The category the demo leaves unmapped, so its readiness panel has something to show. */
export const DEMO_UNMAPPED_CATEGORY = 'Drums>Kits';

export function shopSettings(currency = 'GBP'): PlatformSettingsMap {
  const marketplaceId = currency === 'GBP' ? 'EBAY_GB' : currency === 'EUR' ? 'EBAY_DE' : 'EBAY_US';
  return {
    ebay: { currency, marketplaceId, merchantLocationKey: 'shop-london', fulfillmentPolicyId: '6196933000', paymentPolicyId: '6196940000', returnPolicyId: '6196945000' },
    reverb: { currency, shippingProfileId: '12745' },
    vr: { currency },
    website: { currency },
  };
}

export function shopCategoryMap(categories: ShopCategory[] = SHOP_CATEGORIES): CategoryMap {
  const map: CategoryMap = {};
  for (const c of categories) {
    if (!c.ebay && !c.reverb && !c.vr && !c.website) continue;
    map[c.name] = {
      ...(c.ebay ? { ebay: { categoryId: c.ebay.categoryId, ...(c.ebay.aspects && Object.keys(c.ebay.aspects).length ? { aspects: c.ebay.aspects } : {}) } } : {}),
      ...(c.reverb ? { reverb: { categoryUuids: [c.reverb.uuid] } } : {}),
      ...(c.vr ? { vr: { categoryIds: c.vr.map((v) => v.id) } } : {}),
      ...(c.website ? { website: { categoryIds: [c.website.id] } } : {}),
    };
  }
  return map;
}

/** The platform accounts that go with the shop, in the control API's shape (`PUT /_control/:platform/account`). */
export function shopAccounts(brands: string[] | undefined, currency = 'USD', categories: ShopCategory[] = SHOP_CATEGORIES): Record<string, unknown> {
  const s = shopSettings(currency);
  const ebayCategories: Record<string, { name: string; conditions: string[]; requiredAspects: string[] }> = {};
  const vr = new Map<string, { id: string; name: string; parentId: string | null }>();
  const website = new Map<number, { id: number; name: string }>();
  const reverb = new Map<string, { uuid: string; fullName: string }>();
  for (const c of categories) {
    if (c.ebay) ebayCategories[c.ebay.categoryId] = { name: c.ebay.requirements.name ?? c.name, conditions: c.ebay.requirements.conditionIds, requiredAspects: c.ebay.requirements.requiredAspects };
    if (c.reverb) reverb.set(c.reverb.uuid, c.reverb);
    c.vr?.forEach((level, i) => vr.set(level.id, { ...level, parentId: i === 0 ? null : c.vr![i - 1]!.id }));
    if (c.website) website.set(c.website.id, c.website);
  }
  return {
    ebay: {
      policies: { fulfillment: [s.ebay!.fulfillmentPolicyId], payment: [s.ebay!.paymentPolicyId], return: [s.ebay!.returnPolicyId] },
      locations: [s.ebay!.merchantLocationKey],
      categories: ebayCategories,
    },
    reverb: { shippingProfiles: [s.reverb!.shippingProfileId], categories: [...reverb.values()] },
    // V&R has no currency per item: the account's own (its `vr_currency`) is the shop's.
    vr: { ...(brands ? { brands } : {}), categories: [...vr.values()], currency },
    // A WooCommerce store has one currency for every product and order (Settings → General).
    website: { categories: [...website.values()], manageStock: true, currency },
  };
}

/** Writes the shop's listing defaults and category map (less `unmapped`) into Postgres. */
export async function seedShopSettings(db: DbOrTx, options: { currency?: string; unmapped?: string[] } = {}): Promise<void> {
  const defaults = shopSettings(options.currency);
  for (const [platform, value] of Object.entries(defaults) as [Platform, object][]) await settings.setPlatformDefaults(db, platform, value);
  const map = shopCategoryMap();
  for (const name of options.unmapped ?? []) delete map[name];
  await settings.setCategories(db, map);
}

/** Sets the sandbox's platform accounts up to match the shop (`PUT /_control/:platform/account`). */
export async function configureSandboxAccounts(sandboxUrl: string, platforms: readonly Platform[], brands?: string[], currency = 'USD'): Promise<void> {
  const accounts = shopAccounts(brands, currency);
  for (const platform of platforms) {
    const res = await fetch(`${sandboxUrl}/_control/${platform}/account`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(accounts[platform]),
    });
    if (!res.ok) throw new Error(`sandbox ${platform} account: ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
}
