import { linkedBaseline, linkedCategory, listingHash, matchScore, PRIORITY, productFromListing, type Listing, type Orphan, type Platform } from '@gearsync/core';
import { actions, imports, listings, products, remote, runs, settings } from '@gearsync/db';
import type { ProducerContext } from './context.js';
import { importContext } from './onboard.js';
import { enqueueExecution } from './flow.js';
import { RequestError } from './trigger.js';

export interface OrphanView {
  platform: Platform;
  externalId: string;
  sku: string | null;
  title: string;
  price: string | null;
  reason?: string;
  suggestions: { sku: string; score: number }[];
}

/**
 * The listings the newest full run found that match no product, less those the dealer ignored
 * or linked since, each with the products it most resembles (brand, model, year, price).
 */
export async function listOrphans(ctx: ProducerContext): Promise<OrphanView[]> {
  const db = ctx.database.db;
  const run = await runs.latestFullPlanned(db);
  const found = ((run?.summary?.orphanList as Orphan[] | undefined) ?? []).slice();
  if (!run || !found.length) return [];
  const ignored = await imports.ignoredOrphans(db);
  const out: OrphanView[] = [];
  for (const platform of [...new Set(found.map((o) => o.platform))]) {
    const mine = found.filter((o) => o.platform === platform && !ignored.has(`${platform}:${o.externalId}`));
    const all = await products.importCandidates(db, platform);
    const candidates = all.filter((c) => !c.externalId);
    const linkedNow = new Set(all.flatMap((c) => (c.externalId ? [c.externalId] : [])));
    const deleted = await actions.deletedSince(db, platform, run.createdAt);
    const details = new Map((await remote.byExternalIds(db, run.id, platform, mine.map((o) => o.externalId))).map((l) => [l.externalId, l]));
    for (const o of mine) {
      if (linkedNow.has(o.externalId) || deleted.has(o.externalId)) continue;
      const l = details.get(o.externalId);
      const suggestions = l
        ? candidates
            .map((c) => ({ sku: c.sku, score: matchScore(l, c) }))
            .filter((s) => s.score >= 0.5)
            .sort((a, b) => b.score - a.score)
            .slice(0, 3)
        : [];
      out.push({ platform, externalId: o.externalId, sku: o.sku, title: o.title, price: l ? `${(l.price.cents / 100).toFixed(2)} ${l.price.currency}` : null, ...(o.reason ? { reason: o.reason } : {}), suggestions });
    }
  }
  return out;
}

export type OrphanAction = { action: 'adopt' } | { action: 'link'; sku: string } | { action: 'ignore' } | { action: 'delete' };

/**
 * What the dealer decided for an orphan: adopt it as a new product, link it to a product, leave it
 * out of later reports, or delete it on the platform — through the normal executor (audit row,
 * call budget), as a run of its own.
 */
export async function resolveOrphan(ctx: ProducerContext, platform: Platform, externalId: string, decision: OrphanAction): Promise<{ result: string; sku?: string; runId?: string }> {
  const db = ctx.database.db;
  if (decision.action === 'ignore') {
    await imports.ignoreOrphan(db, platform, externalId);
    return { result: 'ignored' };
  }
  const run = await runs.latestFullPlanned(db);
  const [listing] = run ? await remote.byExternalIds(db, run.id, platform, [externalId]) : [];
  if (!listing) throw new RequestError('not_found', `no orphan ${platform} ${externalId} in the newest run's snapshot; run a sync first`, 404);
  const linkedTo = (await products.importCandidates(db, platform)).find((c) => c.externalId === externalId);
  if (linkedTo && decision.action !== 'delete') throw new RequestError('conflict', `${platform} ${externalId} is already linked to ${linkedTo.sku}`, 409);
  switch (decision.action) {
    case 'adopt': {
      const draft = productFromListing(platform, listing, await importContext(db, platform));
      if (await products.bySku(db, draft.sku)) throw new RequestError('conflict', `SKU ${draft.sku} is taken; link the listing to it instead`, 409);
      const sku = await db.transaction(async (tx) => {
        const [made] = await products.upsertMany(tx, [{ ...draft, status: 'active' }]);
        await link(tx, made!.id, platform, { ...listing, sku: listing.sku || draft.sku });
        return made!.sku;
      });
      return { result: 'adopted', sku };
    }
    case 'link': {
      const product = await products.bySku(db, decision.sku);
      if (!product) throw new RequestError('not_found', `no product with SKU ${decision.sku}`, 404);
      const has = (await listings.forProducts(db, [product.id])).find((c) => c.platform === platform && c.externalId);
      if (has) throw new RequestError('conflict', `${decision.sku} already has ${platform} listing ${has.externalId}`, 409);
      // As an import links: listed here too if it is listed only where named, and its category filled if it had none.
      const category = linkedCategory(platform, listing, product.category, await settings.categories(db));
      await db.transaction(async (tx) => {
        await link(tx, product.id, platform, linkedBaseline(listing, product.images));
        await products.addPlatform(tx, [product.id], platform);
        if (category) await products.fillCategories(tx, [{ id: product.id, category }]);
      });
      return { result: 'linked', sku: product.sku };
    }
    case 'delete': {
      const created = await runs.createOrJoin(db, { trigger: 'manual', platforms: [platform], skus: [], dryRun: false });
      await db.transaction(async (tx) => {
        await actions.insertPlanned(tx, created.run.id, [
          { platform, productId: null, sku: listing.sku, kind: 'delete', priority: PRIORITY.delete, reason: 'orphan: deleted by the dealer', payload: { externalId, ...(listing.refs ? { refs: listing.refs } : {}) } },
        ]);
        await runs.transition(tx, created.run.id, 'execute', 'executing', { startedAt: new Date(), plannedAt: new Date() });
      });
      await enqueueExecution(ctx, created.run.id);
      return { result: 'deleting', runId: created.run.id };
    }
  }
}

function link(db: Parameters<typeof listings.adopt>[0], productId: number, platform: Platform, listing: Listing) {
  return listings.adopt(db, [{ productId, platform, externalId: listing.externalId, listing, hash: listingHash(listing) }]);
}
