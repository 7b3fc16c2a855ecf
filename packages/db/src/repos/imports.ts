import { and, desc, eq, sql } from 'drizzle-orm';
import type { Platform } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { imports, orphanIgnores } from '../schema.js';

export type ImportRow = typeof imports.$inferSelect;

export async function create(db: DbOrTx, platform: Platform, dryRun: boolean): Promise<ImportRow> {
  const [row] = await db.insert(imports).values({ platform, dryRun }).returning();
  return row!;
}

export async function get(db: DbOrTx, id: string): Promise<ImportRow | null> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}

export async function list(db: DbOrTx, limit: number): Promise<ImportRow[]> {
  return db.select().from(imports).orderBy(desc(imports.createdAt)).limit(limit);
}

export async function update(db: DbOrTx, id: string, patch: Partial<Omit<ImportRow, 'id' | 'platform' | 'createdAt'>>): Promise<void> {
  await db.update(imports).set(patch).where(eq(imports.id, id));
}

export async function ignoreOrphan(db: DbOrTx, platform: Platform, externalId: string): Promise<void> {
  await db.insert(orphanIgnores).values({ platform, externalId }).onConflictDoNothing();
}

export async function ignoredOrphans(db: DbOrTx): Promise<Set<string>> {
  const rows = await db.select().from(orphanIgnores);
  return new Set(rows.map((r) => `${r.platform}:${r.externalId}`));
}

export async function isIgnored(db: DbOrTx, platform: Platform, externalId: string): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`1` }).from(orphanIgnores).where(and(eq(orphanIgnores.platform, platform), eq(orphanIgnores.externalId, externalId)));
  return Boolean(row);
}
