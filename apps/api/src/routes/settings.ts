import { Router } from 'express';
import { z } from 'zod';
import { EBAY_MARKETPLACES, PLATFORMS, readiness, type CategoryMapping, type Platform, type PlatformSettings } from '@gearsync/core';
import { products, settings } from '@gearsync/db';
import type { ProducerContext } from '@gearsync/sync/producer';
import { ApiError, parse } from '../errors.js';

const id = z.string().trim().min(1, 'must not be empty').max(100);
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code like "GBP"');
const priceRule = z.strictObject({
  markupPct: z.number().gt(-100, 'must be above -100').max(1000),
  endingCents: z.number().int().min(0).max(99).nullable().default(null),
});
const common = { currency, priceRule };

/** Each platform's listing defaults (CONTRACT.md). A patch names what it changes; `null` removes a value. */
const SHAPES: Record<Platform, Record<string, z.ZodType>> = {
  ebay: { ...common, marketplaceId: z.enum(Object.keys(EBAY_MARKETPLACES) as [string, ...string[]]), merchantLocationKey: id, fulfillmentPolicyId: id, paymentPolicyId: id, returnPolicyId: id },
  reverb: { ...common, shippingProfileId: id },
  vr: common,
  website: common,
};
const patchOf = (platform: Platform) => z.strictObject(Object.fromEntries(Object.entries(SHAPES[platform]).map(([k, v]) => [k, v.nullable().optional()])));

const mappingSchemas = {
  ebay: z.strictObject({
    categoryId: z.string().regex(/^\d+$/, 'must be an eBay category id like "33034"'),
    aspects: z.record(z.string().trim().min(1).max(65), z.array(z.string().trim().min(1).max(65)).min(1, 'needs at least one value')).optional(),
  }),
  reverb: z.strictObject({ categoryUuids: z.array(z.uuid('must be a Reverb category uuid')).min(1, 'needs at least one uuid') }),
  vr: z.strictObject({ categoryIds: z.array(z.string().regex(/^\d+$/, 'must be a V&R numeric id like "51"')).min(1, 'needs the top level id first').max(4) }),
  website: z.strictObject({ categoryIds: z.array(z.number().int().positive('must be a product category term id')).min(1) }),
};
const categoryPatch = z.record(
  z.string().trim().min(1, 'a category needs a name').max(200),
  z.strictObject({
    ebay: mappingSchemas.ebay.nullable(),
    reverb: mappingSchemas.reverb.nullable(),
    vr: mappingSchemas.vr.nullable(),
    website: mappingSchemas.website.nullable(),
  }).partial(),
);

const platformParam = z.enum(PLATFORMS, { message: `must be one of ${PLATFORMS.join(', ')}` });

/**
 * `/api/settings` and `/api/readiness`: what listings render from (listing defaults per platform,
 * the category map) and everything that would stop one, found before any platform call. Each
 * change marks the products it touches pending, so the next run renders them again.
 */
export function settingsRoutes(ctx: ProducerContext): { settings: Router; readiness: Router } {
  const db = ctx.database.db;
  const enabled = ctx.config.PLATFORMS as Platform[];

  const current = async () => {
    const [platforms, categories, usage] = await Promise.all([settings.platformDefaults(db), settings.categories(db), settings.categoryCounts(db)]);
    // Categories in use with how many products each holds, unmapped ones first.
    const inUse = usage.map((u) => {
      const mapping = u.category ? categories[u.category] : undefined;
      const unmapped = enabled.filter((p) => p !== 'website' && !mapping?.[p]);
      return { category: u.category, products: u.products, unmapped };
    });
    inUse.sort((a, b) => Number(b.unmapped.length > 0) - Number(a.unmapped.length > 0) || b.products - a.products);
    return { platforms, categories, inUse };
  };

  const s = Router();
  s.get('/', async (_req, res) => {
    res.json(await current());
  });

  s.put('/platforms/:platform', async (req, res) => {
    const platform = parse(platformParam, req.params.platform, ['platform']);
    const patch = parse(patchOf(platform), req.body ?? {}) as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...(await settings.platformDefaults(db))[platform] };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete merged[k];
      else if (v !== undefined) merged[k] = v;
    }
    const next = merged as PlatformSettings;
    const market = next.marketplaceId ? EBAY_MARKETPLACES[next.marketplaceId] : undefined;
    if (market && next.currency && market.currency !== next.currency) {
      throw new ApiError(400, 'invalid_request', `currency: ${next.marketplaceId} sells in ${market.currency}, not ${next.currency}`);
    }
    await db.transaction(async (tx) => {
      await settings.setPlatformDefaults(tx, platform, next);
      await products.markPending(tx, null);
    });
    res.json(await current());
  });

  s.put('/categories', async (req, res) => {
    const patch = parse(categoryPatch, req.body ?? {});
    if (!Object.keys(patch).length) throw new ApiError(400, 'invalid_request', 'body: name at least one category');
    const existing = await settings.categories(db);
    const next: Record<string, CategoryMapping> = {};
    for (const [category, entries] of Object.entries(patch)) {
      const mapping: Record<string, unknown> = { ...existing[category] };
      for (const [p, entry] of Object.entries(entries)) {
        if (entry === null) delete mapping[p];
        else if (entry !== undefined) mapping[p] = entry;
      }
      next[category] = mapping as CategoryMapping;
    }
    await db.transaction(async (tx) => {
      await settings.setCategories(tx, next);
      await products.markPending(tx, Object.keys(next));
    });
    res.json(await current());
  });

  const r = Router();
  r.get('/', async (_req, res) => {
    const [context, forSale] = await Promise.all([settings.listingContext(db), products.forSale(db)]);
    res.json(readiness(forSale, enabled, context));
  });
  return { settings: s, readiness: r };
}
