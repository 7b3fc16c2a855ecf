import { z } from 'zod';

/** One entry of eBay's error envelope; the same shape inside bulk response entries. */
export const ebayErrorSchema = z.object({
  errorId: z.number().int(),
  domain: z.string().optional(),
  category: z.string().optional(),
  message: z.string().optional(),
  longMessage: z.string().optional(),
  parameters: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
});
export type EbayError = z.output<typeof ebayErrorSchema>;

export const errorEnvelopeSchema = z.object({ errors: z.array(ebayErrorSchema).min(1) });

export const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});

/** An inventory item, the fields gearsync reads. Aspects are checked value by value in mapping. */
export const inventoryItemSchema = z.object({
  sku: z.string(),
  product: z
    .object({
      title: z.string().optional(),
      description: z.string().optional(),
      imageUrls: z.array(z.string()).optional(),
      aspects: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  condition: z.string().optional(),
  availability: z
    .object({ shipToLocationAvailability: z.object({ quantity: z.number().int().optional() }).optional() })
    .optional(),
});
export type InventoryItem = z.output<typeof inventoryItemSchema>;

export const inventoryPageSchema = z.object({
  total: z.number().int().optional(),
  limit: z.number().int().optional(),
  next: z.string().optional(),
  inventoryItems: z.array(inventoryItemSchema).optional(),
});

export const amountSchema = z.object({ value: z.string(), currency: z.string() });

export const offerSchema = z.object({
  offerId: z.string(),
  sku: z.string(),
  marketplaceId: z.string().optional(),
  format: z.string().optional(),
  status: z.string().optional(),
  availableQuantity: z.number().int().optional(),
  pricingSummary: z.object({ price: amountSchema.optional() }).optional(),
  listing: z.object({ listingId: z.string().optional(), listingStatus: z.string().optional() }).optional(),
});
export type Offer = z.output<typeof offerSchema>;

export const offersPageSchema = z.object({ offers: z.array(offerSchema).optional(), total: z.number().int().optional() });

/** One entry of a bulk answer: keyed by sku (items, price/quantity) or offerId (offers). */
export const bulkEntrySchema = z.object({
  sku: z.string().optional(),
  offerId: z.string().optional(),
  listingId: z.string().optional(),
  statusCode: z.number().int(),
  errors: z.array(ebayErrorSchema).optional(),
  warnings: z.array(ebayErrorSchema).optional(),
});
export type BulkEntry = z.output<typeof bulkEntrySchema>;

export const bulkAnswerSchema = z.object({ responses: z.array(bulkEntrySchema) });

/** What gearsync writes: an inventory item of a bulk create-or-replace (the whole record). */
export interface InventoryItemRequest {
  sku: string;
  locale: string;
  product: { title: string; description: string; imageUrls: string[]; aspects: Record<string, string[]> };
  condition: string;
  availability: { shipToLocationAvailability: { quantity: number } };
}

export interface OfferRequest {
  sku: string;
  marketplaceId: string;
  format: 'FIXED_PRICE';
  pricingSummary: { price: { value: string; currency: string } };
  categoryId?: string;
  merchantLocationKey?: string;
  listingPolicies?: { fulfillmentPolicyId?: string; paymentPolicyId?: string; returnPolicyId?: string };
}

export interface PriceQuantityRequest {
  sku: string;
  shipToLocationAvailability?: { quantity: number };
  offers?: { offerId: string; availableQuantity?: number; price?: { value: string; currency: string } }[];
}

/** A body as JSON, or undefined when it is empty or not JSON at all. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
