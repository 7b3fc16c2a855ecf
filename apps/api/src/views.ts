import { formatAmount, type Platform } from '@gearsync/core';
import type { actions, listings, products, runs } from '@gearsync/db';

/** The answer shapes of the HTTP API (CONTRACT.md), built from repository rows. */

type RunRow = runs.SyncRunRow;
type RunProgress = runs.RunProgress;

const EMPTY_PROGRESS: RunProgress = { total: 0, succeeded: 0, failed: 0, pending: 0, skipped: 0, byPlatform: {} };

export function runListItem(run: RunRow, progress: RunProgress | undefined) {
  return {
    runId: run.id,
    status: run.status,
    trigger: run.trigger,
    dryRun: run.dryRun,
    platforms: run.platforms,
    skus: run.skus,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    progress: progress ?? EMPTY_PROGRESS,
    error: run.error,
  };
}

export function runView(run: RunRow, progress: RunProgress | undefined) {
  return {
    ...runListItem(run, progress),
    startedAt: run.startedAt,
    snapshotAt: run.snapshotAt,
    plannedAt: run.plannedAt,
    approvedAt: run.approvedAt,
    stages: run.stages,
    snapshot: run.snapshot,
    summary: run.summary,
    apiCalls: run.apiCalls,
  };
}

export function actionView(action: actions.SyncActionRow) {
  return {
    id: action.id,
    platform: action.platform,
    sku: action.sku,
    kind: action.kind,
    status: action.status,
    reason: action.reason,
    error: action.error,
    attempts: action.attempts,
    priority: action.priority,
    finishedAt: action.finishedAt,
  };
}

export interface PlatformStatus {
  /** The listing's state on the platform as we last knew it (active, draft, ended, sold), null if none. */
  status: string | null;
  /** pending (a change is waiting for the next run), synced, or error. */
  syncStatus: 'pending' | 'synced' | 'error';
  externalId: string | null;
  lastSyncedAt: Date | null;
  error: string | null;
}

/**
 * A product as the API answers it. `platforms` is the per-platform status the contract names;
 * `listedOn` is the list of platforms it should be listed on (the input's `platforms`).
 */
export function productView(row: products.ProductRow, common: listings.PlatformCommonRow[], enabled: readonly Platform[]) {
  const listedOn = row.platforms ?? [...enabled];
  const platforms: Partial<Record<Platform, PlatformStatus>> = {};
  for (const p of listedOn) {
    platforms[p] = { status: null, syncStatus: 'pending', externalId: null, lastSyncedAt: null, error: null };
  }
  for (const c of common) {
    platforms[c.platform] = {
      status: c.status,
      // A product edited since its last sync is pending everywhere until the next run writes it.
      syncStatus: c.syncStatus === 'synced' && row.syncPending ? 'pending' : c.syncStatus,
      externalId: c.externalId,
      lastSyncedAt: c.lastSyncedAt,
      error: c.lastError,
    };
  }
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
    price: { amount: formatAmount(row.priceCents), currency: row.currency },
    quantity: row.quantity,
    images: row.images,
    status: row.status,
    attributes: row.attributes,
    listedOn,
    platforms,
    syncPending: row.syncPending,
    lastSyncedAt: row.lastSyncedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
