import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Baseline, Listing, Platform } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { ebayListings, platformCommon, reverbListings, vrListings, websiteListings } from '../schema.js';

export type PlatformCommonRow = typeof platformCommon.$inferSelect;

/** What an executed action leaves behind on one product × platform. */
export interface ListingWrite {
  productId: number;
  platform: Platform;
  /** null: the platform holds nothing for it any more (deleted), or we do not know its id yet. */
  externalId: string | null;
  /** The listing as the platform now holds it: the new baseline (null only when deleted or failed). */
  listing: Listing | null;
  hash: string | null;
  error: string | null;
  deleted?: boolean;
}

const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes `platform_common` and the platform's listing table for a call's outcomes. */
export async function write(db: DbOrTx, writes: ListingWrite[]): Promise<void> {
  const ok = writes.filter((w) => !w.error);
  const failed = writes.filter((w) => w.error);
  const now = new Date();
  for (const part of chunks(ok)) {
    await db
      .insert(platformCommon)
      .values(
        part.map((w) => ({
          productId: w.productId,
          platform: w.platform,
          externalId: w.deleted ? null : w.externalId,
          status: w.deleted ? null : (w.listing?.state ?? null),
          syncStatus: 'synced' as const,
          lastSyncedAt: now,
          lastError: null,
          lastWrittenHash: w.deleted ? null : w.hash,
          baseline: w.deleted ? null : w.listing,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [platformCommon.productId, platformCommon.platform],
        set: {
          // V&R may not tell a new item's id at once: keep the one we know until it does.
          externalId: sql`case when excluded.baseline is null then null else coalesce(excluded.external_id, ${platformCommon.externalId}) end`,
          status: sql`excluded.status`,
          syncStatus: sql`excluded.sync_status`,
          lastSyncedAt: sql`excluded.last_synced_at`,
          lastError: sql`null`,
          lastWrittenHash: sql`excluded.last_written_hash`,
          baseline: sql`excluded.baseline`,
          baselineVersion: sql`${platformCommon.baselineVersion} + 1`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
  for (const part of chunks(failed)) {
    await db
      .insert(platformCommon)
      .values(part.map((w) => ({ productId: w.productId, platform: w.platform, syncStatus: 'error' as const, lastError: w.error, updatedAt: now })))
      .onConflictDoUpdate({
        target: [platformCommon.productId, platformCommon.platform],
        set: { syncStatus: sql`excluded.sync_status`, lastError: sql`excluded.last_error`, updatedAt: sql`excluded.updated_at` },
      });
  }
  const byPlatform = new Map<Platform, ListingWrite[]>();
  for (const w of ok) byPlatform.set(w.platform, [...(byPlatform.get(w.platform) ?? []), w]);
  for (const [platform, list] of byPlatform) {
    const gone = list.filter((w) => w.deleted).map((w) => w.productId);
    const kept = list.filter((w) => !w.deleted && w.listing && w.externalId);
    await deletePlatformRows(db, platform, gone);
    for (const part of chunks(kept)) await upsertPlatformRows(db, platform, part);
  }
}

/**
 * Adopts baselines without a platform call: a sale seen on a platform, or a listing linked
 * to its product. Same effect on the rows as a successful write.
 */
export async function adopt(db: DbOrTx, updates: { productId: number; platform: Platform; externalId: string; listing: Listing; hash: string }[]): Promise<void> {
  await write(db, updates.map((u) => ({ ...u, error: null })));
}

async function deletePlatformRows(db: DbOrTx, platform: Platform, productIds: number[]): Promise<void> {
  if (!productIds.length) return;
  const table = { ebay: ebayListings, reverb: reverbListings, vr: vrListings, website: websiteListings }[platform];
  await db.delete(table).where(inArray(table.productId, productIds));
}

async function upsertPlatformRows(db: DbOrTx, platform: Platform, writes: ListingWrite[]): Promise<void> {
  const now = new Date();
  const common = (w: ListingWrite) => ({
    productId: w.productId,
    title: w.listing!.title,
    priceCents: w.listing!.price.cents,
    currency: w.listing!.price.currency,
    quantity: w.listing!.quantity,
    state: w.listing!.state,
    updatedAt: now,
  });
  const commonSet = {
    title: sql`excluded.title`,
    priceCents: sql`excluded.price_cents`,
    currency: sql`excluded.currency`,
    quantity: sql`excluded.quantity`,
    state: sql`excluded.state`,
    updatedAt: sql`excluded.updated_at`,
  };
  const ref = (w: ListingWrite, key: string) => w.listing!.refs?.[key] ?? null;
  switch (platform) {
    case 'ebay':
      await db
        .insert(ebayListings)
        .values(writes.map((w) => ({ ...common(w), sku: w.externalId!, offerId: ref(w, 'offerId'), listingId: ref(w, 'listingId'), marketplaceId: ref(w, 'marketplaceId') ?? 'EBAY_US', conditionEnum: ref(w, 'condition') })))
        .onConflictDoUpdate({
          target: ebayListings.productId,
          set: { ...commonSet, sku: sql`excluded.sku`, offerId: sql`coalesce(excluded.offer_id, ${ebayListings.offerId})`, listingId: sql`coalesce(excluded.listing_id, ${ebayListings.listingId})`, conditionEnum: sql`excluded.condition_enum` },
        });
      return;
    case 'reverb':
      await db
        .insert(reverbListings)
        .values(writes.map((w) => ({ ...common(w), listingId: w.externalId!, conditionUuid: ref(w, 'conditionUuid') })))
        .onConflictDoUpdate({ target: reverbListings.productId, set: { ...commonSet, listingId: sql`excluded.listing_id`, conditionUuid: sql`excluded.condition_uuid` } });
      return;
    case 'vr':
      await db
        .insert(vrListings)
        .values(writes.map((w) => ({ ...common(w), vrProductId: w.externalId, category: w.listing!.category ?? null })))
        .onConflictDoUpdate({ target: vrListings.productId, set: { ...commonSet, vrProductId: sql`excluded.vr_product_id`, category: sql`excluded.category` } });
      return;
    case 'website':
      await db
        .insert(websiteListings)
        .values(writes.map((w) => ({ ...common(w), wooId: w.externalId!, wooStatus: ref(w, 'status') ?? (w.listing!.state === 'active' || w.listing!.state === 'sold' ? 'publish' : 'draft') })))
        .onConflictDoUpdate({ target: websiteListings.productId, set: { ...commonSet, wooId: sql`excluded.woo_id`, wooStatus: sql`excluded.woo_status` } });
      return;
  }
}

/** Every product's baselines, keyed by product id: the "what we think is listed" view. */
export async function baselines(db: DbOrTx, productIds: number[] | null, platforms: Platform[]): Promise<Map<number, Partial<Record<Platform, Baseline>>>> {
  const where = [inArray(platformCommon.platform, platforms)];
  if (productIds) where.push(inArray(platformCommon.productId, productIds.length ? productIds : [-1]));
  const rows = await db.select().from(platformCommon).where(and(...where));
  const out = new Map<number, Partial<Record<Platform, Baseline>>>();
  for (const r of rows) {
    if (!r.externalId && !r.baseline) continue;
    const entry = out.get(r.productId) ?? {};
    entry[r.platform] = { platform: r.platform, externalId: r.externalId, listing: r.baseline ?? null, refs: r.baseline?.refs, version: String(r.baselineVersion) };
    out.set(r.productId, entry);
  }
  return out;
}

export async function forProducts(db: DbOrTx, productIds: number[]): Promise<PlatformCommonRow[]> {
  if (!productIds.length) return [];
  return db.select().from(platformCommon).where(inArray(platformCommon.productId, productIds));
}

/** Which product each known external id belongs to, per platform: the light half of `baselines`. */
export async function externalKeys(db: DbOrTx, platforms: Platform[]): Promise<{ productId: number; platform: Platform; externalId: string }[]> {
  const rows = await db
    .select({ productId: platformCommon.productId, platform: platformCommon.platform, externalId: platformCommon.externalId })
    .from(platformCommon)
    .where(and(inArray(platformCommon.platform, platforms), sql`${platformCommon.externalId} is not null`));
  return rows as { productId: number; platform: Platform; externalId: string }[];
}

/** What the eBay adapter needs to skip offer reads: each SKU's last written ids, state and price, without descriptions. */
export async function primingKeys(db: DbOrTx, platform: Platform): Promise<Listing[]> {
  const rows = await db.execute<{ listing: Listing }>(sql`
    select jsonb_build_object('externalId', external_id, 'sku', baseline->>'sku', 'state', baseline->>'state', 'price', baseline->'price', 'refs', baseline->'refs') as listing
    from platform_common where platform = ${platform}::platform and baseline is not null`);
  return rows.rows.map((r) => r.listing);
}

/** Each product's listing on `platform` that we last left on sale, with its SKU: what a sale watch compares against. */
export async function onSale(db: DbOrTx, platform: Platform): Promise<{ sku: string; externalId: string; quantity: number }[]> {
  const rows = await db.execute<{ sku: string; external_id: string; quantity: number }>(sql`
    select p.sku, c.external_id, (c.baseline->>'quantity')::int as quantity
    from platform_common c join products p on p.id = c.product_id
    where c.platform = ${platform}::platform and c.external_id is not null and c.baseline->>'state' = 'active'`);
  return rows.rows.map((r) => ({ sku: r.sku, externalId: r.external_id, quantity: r.quantity }));
}
