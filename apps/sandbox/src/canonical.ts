import { z } from 'zod';

/**
 * The one listing shape the control API speaks for every platform (CONTRACT.md). Each
 * emulation keeps its own records in its own wire terms and converts at this boundary.
 */
export const conditionSchema = z.enum(['new', 'mint', 'excellent', 'very_good', 'good', 'fair', 'poor', 'non_functioning']);

export const moneySchema = z.object({
  amount: z.string().regex(/^\d+(\.\d{1,2})?$/, 'a decimal string like "1299.00"'),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

const fields = {
  sku: z.string(),
  title: z.string().min(1),
  description: z.string(),
  price: moneySchema,
  quantity: z.number().int().min(0),
  condition: conditionSchema.nullable(),
  images: z.array(z.string()),
  status: z.enum(['active', 'ended', 'sold']),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  year: z.number().int().nullable(),
  finish: z.string().nullable(),
  category: z.string().nullable(),
  /** The platform's own category as it holds it (eBay id, Reverb uuids, V&R ids, shop term ids); numbers are read as strings. */
  platformCategory: z.array(z.union([z.string(), z.number()]).transform(String)),
  /** Item specifics as the platform keeps them (eBay aspects). */
  attributes: z.record(z.string(), z.array(z.string())),
};

export const canonicalListingSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  ...fields,
  sku: fields.sku.default(''),
  description: fields.description.default(''),
  quantity: fields.quantity.default(1),
  condition: fields.condition.default('excellent'),
  images: fields.images.default([]),
  status: fields.status.default('active'),
  brand: fields.brand.optional(),
  model: fields.model.optional(),
  year: fields.year.optional(),
  finish: fields.finish.optional(),
  category: fields.category.optional(),
  platformCategory: fields.platformCategory.optional(),
  attributes: fields.attributes.optional(),
  /** eBay: the condition as eBay names it (`USED_EXCELLENT`) and the seller's words on it, where the seller picked them. */
  platformCondition: z.string().min(1).optional(),
  conditionDescription: z.string().optional(),
  /** eBay: made in Seller Hub (or the Trading API), so invisible to the Inventory API until migrated. */
  sellerHub: z.boolean().optional(),
});

export type CanonicalListingInput = z.input<typeof canonicalListingSchema>;
export type CanonicalListing = z.output<typeof canonicalListingSchema> & { id?: string };

/** A hand edit names only what it changes: no defaults here, or a patch would reset the rest. */
export const listingPatchSchema = z.object(fields).partial().strict();
export type ListingPatch = z.output<typeof listingPatchSchema>;

export const saleSchema = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().positive().default(1),
  /** false: the buyer has committed but not paid yet (Reverb shows the listing `ordered`, the order `unpaid`). */
  paid: z.boolean().default(true),
});
export type SaleRequest = z.output<typeof saleSchema>;

export function centsToAmount(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function amountToCents(amount: string): number {
  const [whole, frac = ''] = amount.split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
}
