import { ebayConditionFor, reverbAllowsMultipleUnits, toPlatformCondition } from './conditions.js';
import { formatMoney } from './money.js';
import { EBAY_MARKETPLACES, brandKey, type ListingContext, type PlatformSettings, type PriceRule } from './settings.js';
import type { Listing, Money, Platform, Product } from './types.js';

/**
 * Why a product cannot go to a platform. `scope` groups it for the readiness panel: a missing
 * setting stops every product there, an unmapped category every product in it, the rest one.
 */
export type RenderScope = 'settings' | 'category' | 'product';
export type Rendered = { ok: true; listing: Listing } | { ok: false; reason: string; scope: RenderScope; category?: string };

/** eBay allows at most this many photos on a listing; V&R 20. */
export const EBAY_MAX_IMAGES = 24;
export const VR_MAX_IMAGES = 20;

export const EBAY_TITLE_MAX = 80;

const PLATFORM_NAMES: Record<Platform, string> = { ebay: 'eBay', reverb: 'Reverb', vr: 'Vintage & Rare', website: 'the web shop' };

/** Cut to `max` characters at the last word boundary; a single word longer than `max` is cut hard. */
export function truncateAtWord(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  // Looking at max+1 characters keeps a word that ends exactly at `max`.
  const head = t.slice(0, max + 1);
  const cut = head.lastIndexOf(' ');
  return cut > 0 ? head.slice(0, cut).trimEnd() : t.slice(0, max);
}

/**
 * Markup first (in basis points, so 7.5 % stays integer arithmetic), then round *up* to the next
 * price ending in `endingCents`: a rounding rule never sells below the marked-up price.
 */
export function applyPriceRule(price: Money, rule?: PriceRule): { ok: true; price: Money } | { ok: false; reason: string } {
  if (!rule) return { ok: true, price };
  if (!Number.isFinite(rule.markupPct) || rule.markupPct <= -100) {
    return { ok: false, reason: `price rule markup ${rule.markupPct}% is not usable` };
  }
  const r = rule.endingCents ?? null;
  if (r !== null && (!Number.isInteger(r) || r < 0 || r > 99)) {
    return { ok: false, reason: `price rule endingCents ${r} is not 0..99` };
  }
  const bp = Math.round(rule.markupPct * 100);
  let cents = Math.round((price.cents * (10_000 + bp)) / 10_000);
  if (r !== null) {
    const candidate = Math.floor(cents / 100) * 100 + r;
    cents = candidate < cents ? candidate + 100 : candidate;
  }
  return { ok: true, price: { cents, currency: price.currency } };
}

function cleanImages(images: string[]): string[] {
  for (const u of images) {
    if (u.length === 0 || u.trim() !== u) return images.map((x) => x.trim()).filter((x) => x.length > 0);
  }
  return images;
}

const fail = (platform: Platform, scope: RenderScope, message: string, category?: string): Rendered => ({
  ok: false,
  reason: `${platform}: ${message}`,
  scope,
  ...(category !== undefined ? { category } : {}),
});

/** What a platform's settings lack before anything can be listed there (CONTRACT.md listing defaults). */
export function settingsProblems(platform: Platform, settings: PlatformSettings | undefined): string[] {
  const s = settings ?? {};
  const out: string[] = [];
  if (!s.currency) out.push('no currency set in its listing defaults');
  if (platform === 'ebay') {
    if (!s.marketplaceId) out.push('no marketplaceId set');
    else if (!EBAY_MARKETPLACES[s.marketplaceId]) out.push(`marketplace ${s.marketplaceId} is not one gearsync knows`);
    else if (s.currency && EBAY_MARKETPLACES[s.marketplaceId]!.currency !== s.currency) {
      out.push(`marketplace ${s.marketplaceId} sells in ${EBAY_MARKETPLACES[s.marketplaceId]!.currency}, not ${s.currency}`);
    }
    if (!s.merchantLocationKey) out.push('no merchantLocationKey (inventory location) set');
    if (!s.fulfillmentPolicyId) out.push('no fulfillmentPolicyId (business policy) set');
    if (!s.paymentPolicyId) out.push('no paymentPolicyId (business policy) set');
    if (!s.returnPolicyId) out.push('no returnPolicyId (business policy) set');
  }
  if (platform === 'reverb' && !s.shippingProfileId) out.push('no shippingProfileId set (Reverb refuses to publish without shipping)');
  return out;
}

/** The product's item specifics as eBay aspects: its attributes, then its own fields, then the category's defaults. */
export function ebayAspects(product: Product, defaults: Record<string, string[]> | undefined): Record<string, string[]> {
  const aspects: Record<string, string[]> = {};
  const has = (name: string) => Object.keys(aspects).some((k) => k.toLowerCase() === name.toLowerCase());
  for (const [name, value] of Object.entries(product.attributes ?? {})) {
    const v = String(value).trim();
    if (name.trim() && v) aspects[name.trim()] = [v];
  }
  const own: [string, string | number | null][] = [
    ['Brand', product.brand],
    ['Model', product.model],
    ['Year', product.year],
    ['Finish', product.finish],
  ];
  for (const [name, value] of own) if (value !== null && String(value).trim() && !has(name)) aspects[name] = [String(value).trim()];
  for (const [name, values] of Object.entries(defaults ?? {})) if (values.length && !has(name)) aspects[name] = [...values];
  return aspects;
}

/**
 * The product as it should stand on one platform, from the product, the platform's listing
 * defaults and the category map. Fails with a reason where the platform cannot take it as it
 * is: a silent fallback (another grade, a dropped photo, a converted price) would misdescribe it.
 */
export function renderListing(product: Product, platform: Platform, context: ListingContext, base?: { externalId?: string }): Rendered {
  const settings = context.settings[platform] as PlatformSettings | undefined;
  const rawTitle = product.title.trim();
  if (!rawTitle) return fail(platform, 'product', 'title is empty');
  const description = product.description.trim();
  const images = cleanImages(product.images);
  if (!Number.isInteger(product.quantity) || product.quantity < 0) return fail(platform, 'product', `quantity ${product.quantity} is not a whole number ≥ 0`);
  if (!Number.isInteger(product.price.cents) || product.price.cents <= 0) return fail(platform, 'product', `price ${formatMoney(product.price)} is not positive`);

  const missing = settingsProblems(platform, settings);
  if (missing.length) return fail(platform, 'settings', missing.join('; '));
  if (settings!.currency !== product.price.currency) {
    return fail(platform, 'product', `price is in ${product.price.currency} but ${PLATFORM_NAMES[platform]} sells in ${settings!.currency} (no conversion)`);
  }

  // eBay's condition depends on the category: chosen below from what the category accepts.
  const condition = platform === 'ebay' ? { ok: true as const, code: 'per-category' } : toPlatformCondition(platform, product.condition);
  if (!condition.ok) return fail(platform, 'product', condition.reason);

  const category = product.category?.trim() || null;
  const mapping = category ? context.categories[category] : undefined;
  const listing: Listing = {
    externalId: base?.externalId ?? '',
    sku: product.sku,
    title: rawTitle,
    description,
    price: product.price,
    // V&R holds one unit per item: a shop's three new pedals are one item there, restored after each sale.
    quantity: platform === 'vr' ? Math.min(product.quantity, 1) : product.quantity,
    condition: condition.code === null ? null : product.condition,
    images,
    state: 'active',
    brand: product.brand,
    model: product.model,
    year: product.year,
    finish: product.finish,
    category: product.category,
  };
  const unmapped = (what: string) =>
    category
      ? fail(platform, 'category', `category '${category}' has no ${PLATFORM_NAMES[platform]} ${what}`, category)
      : fail(platform, 'product', `the product has no category, and ${PLATFORM_NAMES[platform]} needs one`);

  switch (platform) {
    case 'ebay': {
      listing.title = truncateAtWord(rawTitle, EBAY_TITLE_MAX);
      if (images.length === 0) return fail(platform, 'product', 'eBay needs at least one image');
      if (images.length > EBAY_MAX_IMAGES) return fail(platform, 'product', `eBay takes at most ${EBAY_MAX_IMAGES} images, the product has ${images.length}`);
      if (!description) return fail(platform, 'product', 'eBay needs a description');
      const ebay = mapping?.ebay;
      if (!ebay?.categoryId) return unmapped('category');
      const req = context.requirements.ebay?.[ebay.categoryId];
      if (!req) return fail(platform, 'category', `eBay category ${ebay.categoryId} has not been read from eBay yet (its conditions and required aspects); the next run reads it`, category!);
      const chosen = ebayConditionFor(product.condition, req.conditionIds);
      if (!chosen.ok) return fail(platform, 'product', `${req.name ?? `category ${ebay.categoryId}`} (${ebay.categoryId}) ${chosen.reason}`);
      const aspects = ebayAspects(product, ebay.aspects);
      const lacking = req.requiredAspects.filter((name) => !Object.keys(aspects).some((k) => k.toLowerCase() === name.toLowerCase()));
      if (lacking.length) {
        return fail(platform, 'product', `${req.name ?? `category ${ebay.categoryId}`} need aspect${lacking.length > 1 ? 's' : ''} ${lacking.map((a) => `'${a}'`).join(', ')}`, category!);
      }
      const market = EBAY_MARKETPLACES[settings!.marketplaceId!]!;
      listing.platformCategory = [ebay.categoryId];
      listing.attributes = aspects;
      listing.platformCondition = chosen.code;
      if (chosen.description) listing.conditionDescription = chosen.description;
      listing.platformFields = {
        marketplaceId: settings!.marketplaceId!,
        contentLanguage: market.language,
        merchantLocationKey: settings!.merchantLocationKey!,
        fulfillmentPolicyId: settings!.fulfillmentPolicyId!,
        paymentPolicyId: settings!.paymentPolicyId!,
        returnPolicyId: settings!.returnPolicyId!,
      };
      break;
    }
    case 'reverb': {
      if (!product.brand.trim() || !product.model.trim()) return fail(platform, 'product', 'Reverb needs a make (brand) and a model');
      if (product.quantity > 1 && !reverbAllowsMultipleUnits(product.condition)) {
        return fail(platform, 'product', `Reverb allows more than one unit only for new or mint items (quantity ${product.quantity}, condition ${product.condition})`);
      }
      const uuids = mapping?.reverb?.categoryUuids ?? [];
      if (!uuids.length) return unmapped('category');
      listing.platformCategory = [...uuids];
      listing.platformFields = { shippingProfileId: settings!.shippingProfileId! };
      break;
    }
    case 'vr': {
      if (!product.brand.trim() || !product.model.trim()) return fail(platform, 'product', 'Vintage & Rare needs a brand and a model');
      // Asked of the site by the last full run: its form refuses a brand it does not know.
      if (context.requirements.vr?.[brandKey(product.brand)]?.known === false) {
        return fail(platform, 'product', `Vintage & Rare does not know the brand '${product.brand.trim()}': its form takes only brands in its list (ask V&R to add it, or use their spelling)`);
      }
      if (images.length > VR_MAX_IMAGES) return fail(platform, 'product', `Vintage & Rare takes at most ${VR_MAX_IMAGES} photos, the product has ${images.length}`);
      const ids = mapping?.vr?.categoryIds ?? [];
      if (!ids.length) return unmapped('category ids');
      listing.platformCategory = ids.map(String);
      break;
    }
    case 'website': {
      const ids = mapping?.website?.categoryIds ?? [];
      // Optional on the shop: without one it files the product under its default category.
      if (ids.length) listing.platformCategory = ids.map(String);
      break;
    }
  }

  const price = applyPriceRule(product.price, settings!.priceRule);
  if (!price.ok) return fail(platform, 'settings', price.reason);
  listing.price = price.price;
  return { ok: true, listing };
}
