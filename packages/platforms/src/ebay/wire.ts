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
  conditionDescription: z.string().optional(),
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
  categoryId: z.string().optional(),
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
  /** The grade in words beside a plain "Used" (3000): "Mint", "Excellent". */
  conditionDescription?: string;
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
  availableQuantity?: number;
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

/** Metadata API `get_item_condition_policies`. */
export const conditionPoliciesSchema = z.object({
  itemConditionPolicies: z
    .array(
      z.object({
        categoryId: z.string(),
        itemConditions: z.array(z.object({ conditionId: z.string(), conditionDescription: z.string().optional() })).optional(),
      }),
    )
    .optional(),
});

/** Taxonomy API `get_default_category_tree_id`. */
export const categoryTreeSchema = z.object({ categoryTreeId: z.string() });

/** Taxonomy API `get_item_aspects_for_category`. */
export const itemAspectsSchema = z.object({
  aspects: z
    .array(
      z.object({
        localizedAspectName: z.string(),
        aspectConstraint: z.object({ aspectRequired: z.boolean().optional() }).optional(),
      }),
    )
    .optional(),
});

const orderAmountSchema = z.object({ value: z.string(), currency: z.string() });

/** Fulfillment API order, the fields a sale needs. */
export const orderSchema = z.object({
  orderId: z.string(),
  creationDate: z.string(),
  lastModifiedDate: z.string().optional(),
  orderPaymentStatus: z.string().optional(),
  cancelStatus: z.object({ cancelState: z.string().optional() }).optional(),
  lineItems: z
    .array(
      z.object({
        lineItemId: z.string().optional(),
        legacyItemId: z.string().optional(),
        sku: z.string().optional(),
        quantity: z.number().int(),
        lineItemCost: orderAmountSchema.optional(),
      }),
    )
    .default([]),
});
export type Order = z.output<typeof orderSchema>;

export const ordersPageSchema = z.object({ orders: z.array(orderSchema).optional(), next: z.string().optional(), total: z.number().int().optional() });

export const migrateAnswerSchema = z.object({
  responses: z.array(
    z.object({
      listingId: z.string().optional(),
      statusCode: z.number().int(),
      inventoryItems: z.array(z.object({ sku: z.string().optional(), offerId: z.string().optional() })).optional(),
      errors: z.array(ebayErrorSchema).optional(),
    }),
  ),
});

export const destinationsSchema = z.object({
  destinations: z.array(z.object({ destinationId: z.string(), deliveryConfig: z.object({ endpoint: z.string().optional() }).optional() })).optional(),
});

export const subscriptionsSchema = z.object({
  subscriptions: z.array(z.object({ subscriptionId: z.string(), topicId: z.string(), destinationId: z.string().optional(), status: z.string().optional() })).optional(),
});
