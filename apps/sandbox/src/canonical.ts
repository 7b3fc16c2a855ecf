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

export const canonicalListingSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  sku: z.string().default(''),
  title: z.string().min(1),
  description: z.string().default(''),
  price: moneySchema,
  quantity: z.number().int().min(0).default(1),
  condition: conditionSchema.nullable().default('excellent'),
  images: z.array(z.string()).default([]),
  status: z.enum(['active', 'ended', 'sold']).default('active'),
  brand: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  year: z.number().int().nullable().optional(),
  finish: z.string().nullable().optional(),
  category: z.string().nullable().optional(),
});

export type CanonicalListingInput = z.input<typeof canonicalListingSchema>;
export type CanonicalListing = z.output<typeof canonicalListingSchema> & { id?: string };

export const listingPatchSchema = canonicalListingSchema.omit({ id: true }).partial().strict();
export type ListingPatch = z.output<typeof listingPatchSchema>;

export const saleSchema = z.object({ sku: z.string().min(1), quantity: z.number().int().positive().default(1) });
export type SaleRequest = z.output<typeof saleSchema>;

export function centsToAmount(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function amountToCents(amount: string): number {
  const [whole, frac = ''] = amount.split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
}
