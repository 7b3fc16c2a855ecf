import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Condition, Platform, Product, ProductStatus } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { platformCommon, products } from '../schema.js';

export type ProductRow = typeof products.$inferSelect;

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    brand: row.brand,
    model: row.model,
    title: row.title,
    description: row.description,
    year: row.year,
    finish: row.finish,
    category: row.category,
    condition: row.condition,
    price: { cents: row.priceCents, currency: row.currency },
    quantity: row.quantity,
    images: row.images,
    status: row.status,
    platforms: row.platforms,
    attributes: row.attributes ?? {},
  };
}

export interface ProductInput {
  sku: string;
  brand: string;
  model: string;
  title: string;
  description?: string;
  year?: number | null;
  finish?: string | null;
  category?: string | null;
  condition: Condition;
  priceCents: number;
  currency: string;
  quantity: number;
  images: string[];
  status: ProductStatus;
  platforms?: Platform[] | null;
  attributes?: Record<string, string>;
}

const CHUNK = 1000;

/** Inserts or replaces products by SKU, one statement per chunk; a change marks them pending. */
export async function upsertMany(db: DbOrTx, inputs: ProductInput[]): Promise<ProductRow[]> {
  const out: ProductRow[] = [];
  for (let i = 0; i < inputs.length; i += CHUNK) {
    const rows = inputs.slice(i, i + CHUNK).map((p) => ({ ...p, syncPending: true, updatedAt: new Date() }));
    out.push(
      ...(await db
        .insert(products)
        .values(rows)
        .onConflictDoUpdate({
          target: products.sku,
          set: {
            brand: sql`excluded.brand`,
            model: sql`excluded.model`,
            title: sql`excluded.title`,
            description: sql`excluded.description`,
            year: sql`excluded.year`,
            finish: sql`excluded.finish`,
            category: sql`excluded.category`,
            condition: sql`excluded.condition`,
            priceCents: sql`excluded.price_cents`,
            currency: sql`excluded.currency`,
            quantity: sql`excluded.quantity`,
            images: sql`excluded.images`,
            status: sql`excluded.status`,
            platforms: sql`excluded.platforms`,
            attributes: sql`excluded.attributes`,
            syncPending: sql`true`,
            updatedAt: sql`now()`,
          },
        })
        .returning()),
    );
  }
  return out;
}

export async function bySku(db: DbOrTx, sku: string): Promise<ProductRow | null> {
  const [row] = await db.select().from(products).where(eq(products.sku, sku));
  return row ?? null;
}

export async function bySkus(db: DbOrTx, skus: string[]): Promise<ProductRow[]> {
  if (!skus.length) return [];
  return db.select().from(products).where(inArray(products.sku, skus));
}

export async function update(db: DbOrTx, sku: string, patch: Partial<ProductInput>): Promise<ProductRow | null> {
  const [row] = await db
    .update(products)
    .set({ ...patch, syncPending: true, updatedAt: new Date() })
    .where(eq(products.sku, sku))
    .returning();
  return row ?? null;
}

export async function list(db: DbOrTx, options: { limit: number; afterId?: number; status?: ProductStatus }): Promise<ProductRow[]> {
  const where = [gt(products.id, options.afterId ?? 0)];
  if (options.status) where.push(eq(products.status, options.status));
  return db.select().from(products).where(and(...where)).orderBy(asc(products.id)).limit(options.limit);
}

export async function count(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(products);
  return row?.n ?? 0;
}

/**
 * The local side of a snapshot. A full run reads every product that is or may be listed
 * somewhere; a targeted run only its SKUs. `needsSync` marks the ones the seed's rule
 * selects: pending changes, or not synced for `staleAfterMs`.
 */
export async function forPlanning(db: DbOrTx, scope: string[] | { ids: number[] } | null, staleBefore: Date): Promise<(Product & { needsSync: boolean })[]> {
  const where = scope === null ? undefined : Array.isArray(scope) ? inArray(products.sku, scope.length ? scope : ['']) : inArray(products.id, scope.ids.length ? scope.ids : [-1]);
  const rows = await db
    .select({ row: products, needsSync: sql<boolean>`(${products.syncPending} or ${products.lastSyncedAt} is null or ${products.lastSyncedAt} < ${staleBefore})` })
    .from(products)
    .where(where)
    .orderBy(asc(products.id));
  return rows.map((r) => ({ ...toProduct(r.row), needsSync: r.needsSync }));
}

/** After a run: products whose every action succeeded are synced as of now. */
export async function markSynced(db: DbOrTx, runId: string, skus: string[] | null): Promise<void> {
  const scope = skus === null ? sql`true` : skus.length ? sql`p.sku in (${sql.join(skus.map((s) => sql`${s}`), sql`, `)})` : sql`false`;
  await db.execute(sql`
    update products p set sync_pending = false, last_synced_at = now()
    where ${scope}
      and p.updated_at <= (select coalesce(snapshot_at, created_at) from sync_runs where id = ${runId})
      and not exists (select 1 from sync_actions a where a.run_id = ${runId} and a.product_id = p.id and a.status <> 'succeeded')`);
}

/** Marks every product synced now: for seeding a shop that is already in line (bench, tests). */
export async function markAllSynced(db: DbOrTx): Promise<void> {
  await db.update(products).set({ syncPending: false, lastSyncedAt: new Date() });
}

/**
 * SKUs of the products listed on `platform` under these platform ids (a sale notification
 * that names the listing but not the SKU). eBay's listing and offer ids live beside its SKU id.
 */
export async function skusForExternalIds(db: DbOrTx, platform: Platform, externalIds: string[]): Promise<string[]> {
  if (!externalIds.length) return [];
  const ids = sql.join(externalIds.map((id) => sql`${id}`), sql`, `);
  const rows = await db.execute<{ sku: string }>(sql`
    select distinct p.sku from products p
    where exists (select 1 from platform_common c where c.product_id = p.id and c.platform = ${platform} and c.external_id in (${ids}))
       or (${platform} = 'ebay' and exists (select 1 from ebay_listings e where e.product_id = p.id and (e.listing_id in (${ids}) or e.offer_id in (${ids}))))`);
  return rows.rows.map((r) => r.sku);
}

/** The few fields that place a product in a shard of a big plan. */
export async function planningKeys(db: DbOrTx, skus: string[] | null) {
  return db
    .select({ id: products.id, sku: products.sku, brand: products.brand, model: products.model, year: products.year })
    .from(products)
    .where(skus ? inArray(products.sku, skus.length ? skus : ['']) : undefined);
}

/**
 * Marks products pending so the next run renders them again after a change of what they render
 * from: every product (null), or those in these dealer categories.
 */
export async function markPending(db: DbOrTx, categories: string[] | null): Promise<number> {
  if (categories !== null && !categories.length) return 0;
  const rows = await db
    .update(products)
    .set({ syncPending: true })
    .where(categories === null ? undefined : inArray(products.category, categories))
    .returning({ id: products.id });
  return rows.length;
}

/** Every product that is meant to be on sale somewhere, for the readiness check. */
export async function forSale(db: DbOrTx): Promise<Product[]> {
  const rows = await db.select().from(products).where(and(eq(products.status, 'active'), gt(products.quantity, 0))).orderBy(asc(products.id));
  return rows.map(toProduct);
}

/** Every product as onboarding matches against it, with its listing on `platform` if it has one. */
export async function importCandidates(db: DbOrTx, platform: Platform) {
  const rows = await db
    .select({
      id: products.id,
      sku: products.sku,
      brand: products.brand,
      model: products.model,
      year: products.year,
      priceCents: products.priceCents,
      description: products.description,
      category: products.category,
      images: products.images,
      platforms: products.platforms,
      externalId: platformCommon.externalId,
    })
    .from(products)
    .leftJoin(platformCommon, and(eq(platformCommon.productId, products.id), eq(platformCommon.platform, platform), isNotNull(platformCommon.externalId)));
  return rows.map((r) => ({ ...r, externalId: r.externalId ?? null }));
}

/** Gives these products the category a linked listing showed, where they have none yet. */
export async function fillCategories(db: DbOrTx, fills: { id: number; category: string }[]): Promise<void> {
  for (let i = 0; i < fills.length; i += CHUNK) {
    const values = sql.join(fills.slice(i, i + CHUNK).map((f) => sql`(${f.id}::int, ${f.category}::text)`), sql`, `);
    await db.execute(sql`
      update products p set category = v.category, sync_pending = true, updated_at = now()
      from (values ${values}) as v(id, category)
      where p.id = v.id and p.category is null`);
  }
}

/**
 * Adds `platform` to the platforms of these products that are listed only where named (a listing
 * there was just linked to them). A product listed everywhere (null) stays so.
 */
export async function addPlatform(db: DbOrTx, productIds: number[], platform: Platform): Promise<number> {
  if (!productIds.length) return 0;
  const rows = await db
    .update(products)
    .set({ platforms: sql`array_append(${products.platforms}, ${platform}::platform)`, syncPending: true, updatedAt: new Date() })
    .where(and(inArray(products.id, productIds), isNotNull(products.platforms), sql`not (${platform}::platform = any(${products.platforms}))`))
    .returning({ id: products.id });
  return rows.length;
}
