import { inArray, sql } from 'drizzle-orm';
import type { CategoryMap, CategoryMapping, CategoryRequirements, ListingContext, Platform, PlatformSettings, PlatformSettingsMap, RequirementsMap } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { categoryMap, categoryRequirements, platformSettings } from '../schema.js';

export async function platformDefaults(db: DbOrTx): Promise<PlatformSettingsMap> {
  const rows = await db.select().from(platformSettings);
  return Object.fromEntries(rows.map((r) => [r.platform, r.defaults]));
}

/** Replaces one platform's listing defaults (the caller merged and validated them). */
export async function setPlatformDefaults(db: DbOrTx, platform: Platform, defaults: PlatformSettings): Promise<void> {
  await db
    .insert(platformSettings)
    .values({ platform, defaults })
    .onConflictDoUpdate({ target: platformSettings.platform, set: { defaults, updatedAt: new Date() } });
}

export async function categories(db: DbOrTx): Promise<CategoryMap> {
  const rows = await db.select().from(categoryMap);
  return Object.fromEntries(rows.map((r) => [r.category, r.mapping]));
}

/** Writes these categories' mappings whole; a mapping with no platform left is removed. */
export async function setCategories(db: DbOrTx, entries: Record<string, CategoryMapping>): Promise<void> {
  const keep = Object.entries(entries).filter(([, m]) => Object.keys(m).length > 0);
  const drop = Object.entries(entries).filter(([, m]) => Object.keys(m).length === 0).map(([c]) => c);
  if (drop.length) await db.delete(categoryMap).where(inArray(categoryMap.category, drop));
  if (keep.length) {
    await db
      .insert(categoryMap)
      .values(keep.map(([category, mapping]) => ({ category, mapping })))
      .onConflictDoUpdate({ target: categoryMap.category, set: { mapping: sql`excluded.mapping`, updatedAt: sql`now()` } });
  }
}

export async function requirements(db: DbOrTx): Promise<RequirementsMap & { fetchedAt: Partial<Record<Platform, Record<string, Date>>> }> {
  const rows = await db.select().from(categoryRequirements);
  const out: RequirementsMap & { fetchedAt: Partial<Record<Platform, Record<string, Date>>> } = { fetchedAt: {} };
  for (const r of rows) {
    (out[r.platform] ??= {})[r.categoryId] = r.requirements;
    (out.fetchedAt[r.platform] ??= {})[r.categoryId] = r.fetchedAt;
  }
  return out;
}

export async function setRequirements(db: DbOrTx, platform: Platform, entries: Record<string, CategoryRequirements>): Promise<void> {
  const values = Object.entries(entries).map(([categoryId, requirements]) => ({ platform, categoryId, requirements, fetchedAt: new Date() }));
  if (!values.length) return;
  await db
    .insert(categoryRequirements)
    .values(values)
    .onConflictDoUpdate({
      target: [categoryRequirements.platform, categoryRequirements.categoryId],
      set: { requirements: sql`excluded.requirements`, fetchedAt: sql`excluded.fetched_at` },
    });
}

/** Everything a product renders from beside itself. */
export async function listingContext(db: DbOrTx): Promise<ListingContext> {
  const [settings, categoryEntries, reqs] = await Promise.all([platformDefaults(db), categories(db), requirements(db)]);
  const { fetchedAt: _f, ...requirementMap } = reqs;
  return { settings, categories: categoryEntries, requirements: requirementMap };
}

/** Products per dealer category (null: none), for the settings page. */
export async function categoryCounts(db: DbOrTx): Promise<{ category: string | null; products: number }[]> {
  const rows = await db.execute<{ category: string | null; products: number }>(
    sql`select category, count(*)::int as products from products where status <> 'archived' group by category order by count(*) desc, category`,
  );
  return rows.rows;
}
