import { listingHash, planImport, type ImportContext, type ImportDecision, type Listing, type Platform } from '@gearsync/core';
import { imports, listings, products, settings, type DbOrTx } from '@gearsync/db';
import { jobId, jobPriority } from '@gearsync/queue';
import type { ProducerContext, SyncContext } from './context.js';
import { describeError } from './errors.js';

/** Decisions kept on the import row for the page and a dry run's answer. */
const DECISIONS_KEPT = 2000;

/**
 * Onboarding a shop that already sells: reads every listing a platform holds (the snapshot's own
 * path, under the same call budget), and makes each one that matches no product into a product,
 * linked to it and listed on that platform only, so no run creates it there or anywhere else.
 * Listings that match (by SKU, then brand + model + year with price as tie-break) are linked, and
 * a product listed only where named is listed here too. eBay listings outside the Inventory API
 * are migrated first. A dry run records what it would do and changes nothing. Run again, it
 * continues: what is linked is skipped, and a made product is found again under the same SKU.
 */
export async function runImport(ctx: SyncContext, importId: string): Promise<imports.ImportRow | null> {
  const db = ctx.database.db;
  const row = await imports.get(db, importId);
  if (!row || row.status === 'completed') return row;
  const platform = row.platform as Platform;
  const adapter = ctx.adapter(platform);
  await imports.update(db, importId, { status: 'running', error: null });
  try {
    if (adapter.migrateListings && !row.dryRun) {
      const migrated = await adapter.migrateListings();
      ctx.logger.info('migrated listings into the API before importing', { platform, migrated: migrated.migrated.length, failed: migrated.failed.length });
    }
    const all: Listing[] = [];
    for await (const page of adapter.fetchListings()) {
      all.push(...page.listings);
      await imports.update(db, importId, { read: all.length });
    }
    const decisions = planImport(platform, all, await products.importCandidates(db, platform), await importContext(db, platform));
    const created = decisions.filter((d): d is Extract<ImportDecision, { kind: 'create' }> => d.kind === 'create');
    const linked = decisions.filter((d): d is Extract<ImportDecision, { kind: 'link' }> => d.kind === 'link');
    if (!row.dryRun) {
      await db.transaction(async (tx) => {
        const made = await products.upsertMany(tx, created.map((d) => ({ ...d.product, status: 'active' as const })));
        const idOf = new Map(made.map((p) => [p.sku, p.id]));
        const links = [
          ...linked.map((d) => ({ productId: d.productId, listing: d.listing })),
          ...created.map((d) => ({ productId: idOf.get(d.product.sku)!, listing: { ...d.listing, sku: d.listing.sku || d.product.sku } })),
        ];
        await listings.adopt(tx, links.map((l) => ({ productId: l.productId, platform, externalId: l.listing.externalId, listing: l.listing, hash: listingHash(l.listing) })));
        await products.addPlatform(tx, linked.filter((d) => d.addsPlatform).map((d) => d.productId), platform);
        await products.fillCategories(tx, linked.flatMap((d) => (d.category ? [{ id: d.productId, category: d.category }] : [])));
      });
    }
    const skipped = decisions.filter((d) => d.kind === 'skip').map((d) => ({ externalId: d.listing.externalId, reason: d.reason }));
    await imports.update(db, importId, {
      status: 'completed',
      created: created.length,
      linked: linked.length,
      skipped,
      decisions: decisions.slice(0, DECISIONS_KEPT).map((d) => ({ externalId: d.listing.externalId, kind: d.kind, sku: d.kind === 'create' ? d.product.sku : d.kind === 'link' ? d.sku : d.listing.sku, reason: d.reason })),
      finishedAt: new Date(),
    });
    ctx.logger.info('import finished', { importId, platform, dryRun: row.dryRun, read: all.length, created: created.length, linked: linked.length, skipped: skipped.length });
  } catch (err) {
    // Nothing is half-written (one transaction): run it again and it continues.
    await imports.update(db, importId, { status: 'failed', error: describeError(err), finishedAt: new Date() });
    ctx.logger.warn('import failed', { importId, platform, error: describeError(err) });
  }
  return imports.get(db, importId);
}

/** The category map and the platform's price rule, which an import reads listings through. */
export async function importContext(db: DbOrTx, platform: Platform): Promise<ImportContext> {
  return { categories: await settings.categories(db), priceRule: (await settings.platformDefaults(db))[platform]?.priceRule };
}

export async function requestImport(ctx: ProducerContext, platform: Platform, dryRun: boolean): Promise<imports.ImportRow> {
  const row = await imports.create(ctx.database.db, platform, dryRun);
  await ctx.queues.sync.add('import', { importId: row.id }, { jobId: jobId.import(row.id), priority: jobPriority.import, attempts: 1 });
  return row;
}
