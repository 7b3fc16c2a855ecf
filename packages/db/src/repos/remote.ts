import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Listing, Platform } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { remoteListings } from '../schema.js';

/** One page of a platform's listings, as the snapshot saw it. Idempotent: a re-run snapshot overwrites. */
export async function insertPage(db: DbOrTx, runId: string, platform: Platform, listings: Listing[]): Promise<void> {
  const unique = new Map(listings.map((l) => [l.externalId, l]));
  const rows = [...unique.values()].map((l) => ({ runId, platform, externalId: l.externalId, sku: l.sku, listing: l }));
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(remoteListings)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [remoteListings.runId, remoteListings.platform, remoteListings.externalId],
        set: { listing: sql`excluded.listing`, sku: sql`excluded.sku` },
      });
  }
}

export async function clear(db: DbOrTx, runId: string, platform: Platform): Promise<void> {
  await db.delete(remoteListings).where(and(eq(remoteListings.runId, runId), eq(remoteListings.platform, platform)));
}

export async function forRun(db: DbOrTx, runId: string, platform: Platform): Promise<Listing[]> {
  const rows = await db.select({ listing: remoteListings.listing }).from(remoteListings).where(and(eq(remoteListings.runId, runId), eq(remoteListings.platform, platform)));
  return rows.map((r) => r.listing);
}

/** The few fields that place a remote listing in a shard of a big plan (no descriptions, no photos). */
export async function keysForRun(db: DbOrTx, runId: string, platform: Platform) {
  const rows = await db
    .select({
      rowId: remoteListings.id,
      externalId: remoteListings.externalId,
      sku: remoteListings.sku,
      brand: sql<string | null>`${remoteListings.listing}->>'brand'`,
      model: sql<string | null>`${remoteListings.listing}->>'model'`,
      year: sql<number | null>`(${remoteListings.listing}->>'year')::int`,
    })
    .from(remoteListings)
    .where(and(eq(remoteListings.runId, runId), eq(remoteListings.platform, platform)));
  return rows.map((r) => ({ ...r, platform }));
}

export async function byRowIds(db: DbOrTx, rowIds: number[]): Promise<{ platform: Platform; listing: Listing }[]> {
  if (!rowIds.length) return [];
  return db.select({ platform: remoteListings.platform, listing: remoteListings.listing }).from(remoteListings).where(inArray(remoteListings.id, rowIds));
}

/** Listings of one run's snapshot by their platform ids (an orphan's details). */
export async function byExternalIds(db: DbOrTx, runId: string, platform: Platform, externalIds: string[]): Promise<Listing[]> {
  if (!externalIds.length) return [];
  const rows = await db
    .select({ listing: remoteListings.listing })
    .from(remoteListings)
    .where(and(eq(remoteListings.runId, runId), eq(remoteListings.platform, platform), inArray(remoteListings.externalId, externalIds)));
  return rows.map((r) => r.listing);
}
