import { reverbAllowsMultipleUnits, toPlatformCondition } from './conditions.js';
import { formatMoney } from './money.js';
import type { Listing, Money, Platform, Product } from './types.js';

/** A platform's price rule from settings: markup in percent, then the cents every price ends in. */
export interface PriceRule {
  markupPct: number;
  roundToCents: number | null;
}

export type Rendered = { ok: true; listing: Listing } | { ok: false; reason: string };

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
 * price ending in `roundToCents`: a rounding rule never sells below the marked-up price.
 */
export function applyPriceRule(price: Money, rule?: PriceRule): { ok: true; price: Money } | { ok: false; reason: string } {
  if (!rule) return { ok: true, price };
  if (!Number.isFinite(rule.markupPct) || rule.markupPct <= -100) {
    return { ok: false, reason: `price rule markup ${rule.markupPct}% is not usable` };
  }
  const r = rule.roundToCents;
  if (r !== null && (!Number.isInteger(r) || r < 0 || r > 99)) {
    return { ok: false, reason: `price rule roundToCents ${r} is not 0..99` };
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

/**
 * The product as it should stand on one platform. Fails with a reason where the platform cannot
 * take it as it is: a silent fallback (another grade, a dropped photo) would misdescribe the item.
 */
export function renderListing(product: Product, platform: Platform, rule?: PriceRule, base?: { externalId?: string }): Rendered {
  const rawTitle = product.title.trim();
  if (!rawTitle) return { ok: false, reason: 'title is empty' };
  const description = product.description.trim();
  const images = cleanImages(product.images);
  if (!Number.isInteger(product.quantity) || product.quantity < 0) return { ok: false, reason: `quantity ${product.quantity} is not a whole number ≥ 0` };
  if (!Number.isInteger(product.price.cents) || product.price.cents <= 0) return { ok: false, reason: `price ${formatMoney(product.price)} is not positive` };

  const condition = toPlatformCondition(platform, product.condition);
  if (!condition.ok) return { ok: false, reason: condition.reason };

  let title = rawTitle;
  switch (platform) {
    case 'ebay':
      title = truncateAtWord(rawTitle, EBAY_TITLE_MAX);
      if (images.length === 0) return { ok: false, reason: 'eBay needs at least one image' };
      if (!description) return { ok: false, reason: 'eBay needs a description' };
      break;
    case 'reverb':
      if (!product.brand.trim() || !product.model.trim()) return { ok: false, reason: 'Reverb needs a make (brand) and a model' };
      if (product.quantity > 1 && !reverbAllowsMultipleUnits(product.condition)) {
        return { ok: false, reason: `Reverb allows more than one unit only for new or mint items (quantity ${product.quantity}, condition ${product.condition})` };
      }
      break;
    case 'vr':
      if (!product.brand.trim() || !product.model.trim()) return { ok: false, reason: 'Vintage & Rare needs a brand and a model' };
      break;
    case 'website':
      break;
  }

  const price = applyPriceRule(product.price, rule);
  if (!price.ok) return { ok: false, reason: `${PLATFORM_NAMES[platform]}: ${price.reason}` };

  return {
    ok: true,
    listing: {
      externalId: base?.externalId ?? '',
      sku: product.sku,
      title,
      description,
      price: price.price,
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
    },
  };
}
