import { Router } from 'express';
import { z } from 'zod';
import { CONDITIONS, PLATFORMS, PRODUCT_STATUSES, parseAmount, type Platform } from '@gearsync/core';
import { listings, products } from '@gearsync/db';
import type { ProducerContext } from '@gearsync/sync/producer';
import { ApiError, notFound, parse } from '../errors.js';
import { productView } from '../views.js';

export const MAX_PRODUCTS_PER_REQUEST = 1000;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable();

const price = z.strictObject({
  amount: z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a decimal string like "1299.00"'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code like "USD"'),
});

/** Every field a client may set; `platforms` is the list of platforms it should be listed on. */
const fields = {
  brand: text(200),
  model: text(200),
  title: text(500),
  description: z.string().max(100_000),
  year: z.number().int().min(1800).max(2100).nullable(),
  finish: optionalText(200),
  category: optionalText(200),
  condition: z.enum(CONDITIONS),
  price,
  quantity: z.number().int().min(0).max(1_000_000),
  images: z.array(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })).max(100),
  status: z.enum(PRODUCT_STATUSES),
  platforms: z.array(z.enum(PLATFORMS)).max(PLATFORMS.length).nullable(),
  /** Item specifics `{name: value}`, e.g. `{"Body Type": "Solid"}` (eBay aspects). */
  attributes: z.record(z.string().trim().min(1, 'an attribute needs a name').max(65), z.string().trim().min(1, 'must not be empty').max(65)).refine((a) => Object.keys(a).length <= 45, 'at most 45 attributes'),
};

export const newProduct = z.strictObject({
  sku: text(100),
  ...fields,
  description: fields.description.optional(),
  year: fields.year.optional(),
  finish: fields.finish.optional(),
  category: fields.category.optional(),
  quantity: fields.quantity.optional(),
  images: fields.images.optional(),
  status: fields.status.optional(),
  platforms: fields.platforms.optional(),
  attributes: fields.attributes.optional(),
});

const productPatch = z
  .strictObject({ sku: z.string().optional(), ...fields })
  .partial()
  .refine((p) => Object.keys(p).some((k) => k !== 'sku'), { message: 'nothing to change' });

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.coerce.number().int().min(0).optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
});

export type NewProduct = z.output<typeof newProduct>;
type ProductPatch = z.output<typeof productPatch>;

export function toInput(p: NewProduct): products.ProductInput {
  return {
    sku: p.sku,
    brand: p.brand,
    model: p.model,
    title: p.title,
    description: p.description ?? '',
    year: p.year ?? null,
    finish: p.finish ?? null,
    category: p.category ?? null,
    condition: p.condition,
    priceCents: parseAmount(p.price.amount),
    currency: p.price.currency,
    quantity: p.quantity ?? 1,
    images: p.images ?? [],
    status: p.status ?? 'active',
    platforms: p.platforms ? [...new Set(p.platforms)] : null,
    attributes: p.attributes ?? {},
  };
}

function toPatch(p: ProductPatch): Partial<products.ProductInput> {
  const { sku: _sku, price: money, platforms, ...rest } = p;
  return {
    ...rest,
    ...(money ? { priceCents: parseAmount(money.amount), currency: money.currency } : {}),
    ...(platforms !== undefined ? { platforms: platforms ? [...new Set(platforms)] : null } : {}),
  };
}

/** `/api/products`: the inventory, with each product's status on every platform. */
export function productRoutes(ctx: ProducerContext): Router {
  const db = ctx.database.db;
  const enabled = ctx.config.PLATFORMS as Platform[];
  const router = Router();

  const views = async (rows: products.ProductRow[]) => {
    const common = await listings.forProducts(db, rows.map((r) => r.id));
    return rows.map((r) => productView(r, common.filter((c) => c.productId === r.id), enabled));
  };

  router.get('/', async (req, res) => {
    const query = parse(listQuery, req.query);
    const rows = await products.list(db, { limit: query.limit, afterId: query.after, status: query.status });
    if (rows.length === query.limit) res.set('x-next-after', String(rows[rows.length - 1]!.id));
    res.json(await views(rows));
  });

  router.get('/:sku', async (req, res) => {
    const row = await products.bySku(db, req.params.sku);
    if (!row) throw notFound(`no product with SKU ${req.params.sku}`);
    res.json((await views([row]))[0]);
  });

  router.post('/', async (req, res) => {
    const body: unknown = req.body;
    const many = Array.isArray(body);
    const items: unknown[] = many ? body : [body];
    if (many && items.length === 0) throw new ApiError(400, 'invalid_request', 'body: an empty array has no products to save');
    if (items.length > MAX_PRODUCTS_PER_REQUEST) {
      throw new ApiError(400, 'invalid_request', `body: at most ${MAX_PRODUCTS_PER_REQUEST} products per request (got ${items.length})`);
    }
    const seen = new Map<string, number>();
    const inputs = items.map((item, i) => {
      const p = parse(newProduct, item, many ? [String(i)] : []);
      const first = seen.get(p.sku);
      if (first !== undefined) throw new ApiError(400, 'invalid_request', `${i}.sku: "${p.sku}" is also item ${first}`);
      seen.set(p.sku, i);
      return toInput(p);
    });
    const saved = await products.upsertMany(db, inputs);
    const answer = await views(saved);
    res.status(201).json(many ? answer : answer[0]);
  });

  router.patch('/:sku', async (req, res) => {
    const sku = req.params.sku;
    const patch = parse(productPatch, req.body ?? {});
    if (patch.sku !== undefined && patch.sku !== sku) throw new ApiError(400, 'invalid_request', 'sku: a product\'s SKU cannot be changed');
    const row = await products.update(db, sku, toPatch(patch));
    if (!row) throw notFound(`no product with SKU ${sku}`);
    res.json((await views([row]))[0]);
  });

  return router;
}
