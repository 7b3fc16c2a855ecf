import { z } from 'zod';

/**
 * WooCommerce REST v3 product, the fields gearsync reads. Lenient where real shops differ
 * (plugins add fields; prices may be empty; stock_quantity is null when stock is unmanaged).
 */
export const wooProductSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().default(''),
  sku: z.string().default(''),
  status: z.string(),
  description: z.string().default(''),
  price: z.string().default(''),
  regular_price: z.string().default(''),
  manage_stock: z.union([z.boolean(), z.literal('parent')]).default(false),
  stock_quantity: z.number().nullable().default(null),
  stock_status: z.string().default('instock'),
  images: z.array(z.object({ id: z.number().optional(), src: z.string() })).default([]),
  categories: z.array(z.object({ id: z.number().optional(), name: z.string() })).default([]),
  attributes: z.array(z.object({ name: z.string().default(''), options: z.array(z.string()).default([]) })).default([]),
  // Plugins write meta of every shape: one we cannot read is no reason to refuse the product.
  meta_data: z.array(z.object({ key: z.unknown(), value: z.unknown() }).partial()).catch([]),
  date_modified: z.string().nullable().optional(),
});
export type WooProduct = z.output<typeof wooProductSchema>;

export const wooErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: z.object({ status: z.number().int().optional() }).loose().nullable().optional(),
});
export type WooError = z.output<typeof wooErrorSchema>;

/** One answer of a batch: the product, or `{id, error}` for an entry that failed on its own. */
export const batchEntrySchema = z.union([z.object({ id: z.number().optional(), error: wooErrorSchema }), wooProductSchema]);
export type BatchEntry = z.output<typeof batchEntrySchema>;

export const batchAnswerSchema = z.object({
  create: z.array(z.unknown()).optional(),
  update: z.array(z.unknown()).optional(),
  delete: z.array(z.unknown()).optional(),
});

/** An image entry of a write: `{id}` keeps a media item the shop holds, `{src}` has it download a new one. */
export type WooImageInput = { id: number } | { src: string };

/** The body fields gearsync writes; `id` only on updates. */
export interface WooProductInput {
  id?: number;
  name?: string;
  sku?: string;
  status?: 'publish' | 'draft';
  description?: string;
  regular_price?: string;
  manage_stock?: boolean;
  stock_quantity?: number;
  /** Always sent with a quantity: with store-wide stock management off it is the only stock that counts. */
  stock_status?: 'instock' | 'outofstock';
  /** Upserted by key; carries the quantity we last wrote, for a shop that does not manage stock. */
  meta_data?: { key: string; value: string }[];
  images?: WooImageInput[];
  categories?: { id: number }[];
  attributes?: WooAttributeInput[];
}

/** A custom product attribute as written: free text under a name, shown on the product page. */
export interface WooAttributeInput {
  name: string;
  options: string[];
  position: number;
  visible: boolean;
  variation: boolean;
}

/** An order, the fields the sale watch reads. */
export const wooOrderSchema = z.object({
  id: z.number().int(),
  status: z.string(),
  currency: z.string().default(''),
  date_created_gmt: z.string().nullable().optional(),
  date_modified_gmt: z.string().nullable().optional(),
  line_items: z
    .array(
      z.object({
        id: z.number().int().optional(),
        product_id: z.number().int().nullable().optional(),
        quantity: z.number(),
        sku: z.string().nullable().optional(),
        total: z.union([z.string(), z.number()]).optional(),
      }),
    )
    .default([]),
});
export type WooOrder = z.output<typeof wooOrderSchema>;

export const wooWebhookSchema = z.object({
  id: z.number().int(),
  status: z.string(),
  topic: z.string(),
  delivery_url: z.string(),
  secret: z.string().optional(),
});
export type WooWebhook = z.output<typeof wooWebhookSchema>;

export interface BatchRequest {
  create?: WooProductInput[];
  update?: WooProductInput[];
  delete?: number[];
}
