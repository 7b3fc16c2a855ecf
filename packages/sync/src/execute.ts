import { listingHash, type Listing, type Platform } from '@gearsync/core';
import { actions, audit, listings, runs, type actions as actionsRepo, type Tx } from '@gearsync/db';
import { CallYielded, isPlatformError, type ActionOutcome, type CallAction, type PlatformError } from '@gearsync/platforms';
import type { ExecuteJob } from '@gearsync/queue';
import { PRIORITY } from '@gearsync/core';
import type { SyncContext } from './context.js';
import { describeError } from './errors.js';
import { awayReason, MAINTENANCE_WAIT_MS } from './away.js';
import { notify, refusedNotice } from './notify.js';
import { failureOf } from './retry.js';

type ActionRow = actionsRepo.SyncActionRow;

export interface JobInfo {
  id: string | null;
  /** 1 on the first run of the job. */
  attempt: number;
  /** The last automatic attempt: a transient failure now is final. */
  finalAttempt: boolean;
}

export type ExecuteResult =
  | { kind: 'done'; succeeded: number; failed: number; skipped: number; failures: string[] }
  | { kind: 'rate_limited'; retryAfterMs: number | undefined }
  /** The platform is away (maintenance): nothing failed, the call waits and is made again later. */
  | { kind: 'away'; retryAfterMs: number | undefined; error: string }
  /** Given up before anything was written, because a sale's job waits on the same queue: it goes back in line. */
  | { kind: 'yielded' }
  | { kind: 'retry'; error: string; actionIds?: number[] };

interface Resolved {
  row: ActionRow;
  outcome: ActionOutcome;
  /** Resolved without a call (a link, a create found already made). */
  withoutCall?: string;
}

/**
 * Stage 4, one job = one platform API call. Carries out exactly the persisted actions it was
 * given (never re-decides), skipping those already succeeded, so a job that runs again — a
 * retry, a stalled job after a crash, a retry from Bull Board — repeats nothing that worked.
 * A create whose earlier outcome is unknown (still in flight) is looked up on the platform
 * before it is sent again. Every outcome, the platform rows and the audit trail are written in
 * one transaction per call.
 */
export async function executeCall(ctx: SyncContext, job: ExecuteJob, info: JobInfo): Promise<ExecuteResult> {
  const db = ctx.database.db;
  const { runId, platform } = job;
  const log = ctx.logger.child({ runId, jobId: info.id, platform });
  const adapter = ctx.adapter(platform);
  const run = await runs.get(db, runId);
  if (!run) return { kind: 'done', succeeded: 0, failed: 0, skipped: 0, failures: [] };

  let todo = (await actions.byIds(db, job.actionIds)).filter((a) => a.status !== 'succeeded' && a.status !== 'skipped');
  if (!todo.length) return { kind: 'done', succeeded: 0, failed: 0, skipped: 0, failures: [] };
  const away = awayReason(ctx, platform);
  if (away) return { kind: 'away', retryAfterMs: MAINTENANCE_WAIT_MS, error: away };

  const resolved: Resolved[] = [];
  const skipped: ActionRow[] = [];
  if (run.skus === null) {
    const newer = await actions.handledByNewerRun(db, runId, platform, todo.flatMap((a) => (a.sku ? [a.sku] : [])));
    for (const a of todo) if (a.sku && newer.has(a.sku) && a.kind !== 'link') skipped.push(a);
    todo = todo.filter((a) => !skipped.includes(a));
  }
  // Every attempt counts, links and look-ups included: one audit row per attempt.
  const claimed = await actions.claim(db, todo.map((a) => a.id), info.id, ctx.config.LOCK_DURATION_MS * 2);
  todo = todo.filter((a) => claimed.has(a.id));
  for (const a of todo.filter((a) => a.kind === 'link')) {
    resolved.push({ row: a, outcome: { actionId: a.id, ok: true, externalId: a.payload.externalId ?? null, listing: a.payload.listing }, withoutCall: 'link' });
  }
  todo = todo.filter((a) => a.kind !== 'link');

  const callsBefore = adapter.calls();
  try {
    for (const a of todo.filter((a) => a.kind === 'create' && a.status === 'in_flight' && a.sku)) {
      const found = await adapter.findBySku(a.sku!, a.payload.listing);
      if (found) {
        resolved.push({ row: a, outcome: { actionId: a.id, ok: true, externalId: found.externalId, listing: found }, withoutCall: 'create already made; found by SKU' });
        todo = todo.filter((t) => t !== a);
      }
    }
    if (todo.length) {
      const calls: CallAction[] = todo.map((a) => ({ actionId: a.id, kind: a.kind, sku: a.sku, payload: a.payload }));
      // A full run's call gives way to a sale's: on V&R, one action at a time, an item form takes seconds.
      const mayYield = run.skus === null && todo.every((a) => a.priority > PRIORITY.saleDriven);
      // A sale's end goes ahead of every other call to the platform (a sale watch's read, a full run's).
      const forSale = todo.some((a) => a.priority <= PRIORITY.saleDriven);
      const send = () => adapter.execute(calls, mayYield ? { yieldTo: saleWaiting(ctx, platform) } : {});
      const outcomes = await (forSale ? ctx.urgently(platform, send) : send());
      const byId = new Map(outcomes.map((o) => [o.actionId, o]));
      for (const a of todo) {
        resolved.push({ row: a, outcome: byId.get(a.id) ?? { actionId: a.id, ok: false, error: `${platform} answered nothing for this action` } });
      }
    }
  } catch (err) {
    await runs.addApiCalls(db, runId, platform, adapter.calls() - callsBefore);
    if (err instanceof CallYielded) return giveWay(ctx, runId, platform, todo, resolved, skipped);
    return handleCallFailure(ctx, { runId, platform, todo, resolved, skipped, info, err, log });
  }
  await runs.addApiCalls(db, runId, platform, adapter.calls() - callsBefore);
  // An entry the platform failed for a passing reason (a 5xx on one entry of a bulk call) is
  // retried like a failed call, alone: its batch-mates' outcomes are final and kept.
  const again = info.finalAttempt ? [] : resolved.filter((r) => !r.withoutCall && !r.outcome.ok && r.outcome.retryable);
  const result = await commit(ctx, runId, platform, resolved.filter((r) => !again.includes(r)), skipped, again);
  if (!again.length) return result;
  const error = again.map((r) => (r.outcome.ok ? '' : r.outcome.error)).find(Boolean) ?? 'a passing failure';
  log.warn('platform failed some entries for a passing reason; sending them again', { actions: again.length, error });
  return { kind: 'retry', error: `${again.length} action(s) to send again: ${error}`, actionIds: again.map((r) => r.row.id) };
}

/** Whether a sale's job waits on this platform's queue. */
function saleWaiting(ctx: SyncContext, platform: Platform): () => Promise<boolean> {
  const queue = ctx.queues.execute[platform];
  return async () => ((await queue.getCountsPerPriority([PRIORITY.saleDriven]))[String(PRIORITY.saleDriven)] ?? 0) > 0;
}

/** The yielded call wrote nothing: its actions are planned again (a create included: it was not sent). */
async function giveWay(ctx: SyncContext, runId: string, platform: Platform, todo: ActionRow[], resolved: Resolved[], skipped: ActionRow[]): Promise<ExecuteResult> {
  const db = ctx.database.db;
  if (resolved.length || skipped.length) await commit(ctx, runId, platform, resolved.filter((r) => r.withoutCall), skipped);
  await db.transaction(async (tx: Tx) => {
    await audit.append(tx, todo.map((a) => auditRow(runId, platform, a, a.attempts + 1, 'failed', null, null, 'gave way to a sale before writing; will be sent again')));
    await actions.recordResults(tx, todo.map((a) => ({ id: a.id, status: 'planned', error: null })));
  });
  return { kind: 'yielded' };
}

async function commit(ctx: SyncContext, runId: string, platform: Platform, resolved: Resolved[], skipped: ActionRow[], again: Resolved[] = []): Promise<ExecuteResult> {
  const db = ctx.database.db;
  const productIds = resolved.flatMap((r) => (r.row.productId ? [r.row.productId] : []));
  const failures: string[] = [];
  await db.transaction(async (tx) => {
    const baselines = await listings.baselines(tx, productIds, [platform]);
    const writes: listings.ListingWrite[] = [];
    const results: actions.ActionResult[] = [];
    const auditRows: audit.AuditRow[] = [];
    for (const { row, outcome, withoutCall } of resolved) {
      const attempt = row.attempts + 1;
      if (outcome.ok) {
        results.push({ id: row.id, status: 'succeeded', error: null });
        if (row.productId) {
          const base = baselines.get(row.productId)?.[platform]?.listing ?? null;
          const listing = row.kind === 'delete' ? null : resultingListing(row, outcome, base, platform);
          writes.push({
            productId: row.productId,
            platform,
            externalId: row.kind === 'delete' ? null : (outcome.externalId ?? listing?.externalId ?? row.payload.externalId ?? null),
            listing,
            hash: listing ? listingHash(listing) : null,
            error: null,
            deleted: row.kind === 'delete',
          });
        }
      } else {
        results.push({ id: row.id, status: 'failed', error: outcome.error });
        failures.push(`${row.kind} ${row.sku ?? row.payload.externalId ?? row.id}: ${outcome.error}`);
        if (row.productId) writes.push({ productId: row.productId, platform, externalId: null, listing: null, hash: null, error: outcome.error });
      }
      auditRows.push(auditRow(runId, platform, row, attempt, outcome.ok ? 'succeeded' : 'failed', outcome.status ?? null, outcome.ok ? null : outcome.error, withoutCall));
    }
    for (const { row, outcome } of again) {
      const error = outcome.ok ? null : outcome.error;
      auditRows.push(auditRow(runId, platform, row, row.attempts + 1, 'failed', outcome.status ?? null, error, 'passing failure; will be sent again'));
      // A create that failed this way may still have happened: it stays in flight, to be looked up first.
      if (row.kind !== 'create') results.push({ id: row.id, status: 'planned', error });
    }
    for (const row of skipped) {
      results.push({ id: row.id, status: 'skipped', error: 'handled by a newer targeted run' });
      auditRows.push(auditRow(runId, platform, row, row.attempts, 'skipped', null, null, 'handled by a newer targeted run'));
    }
    await actions.recordResults(tx, results);
    await listings.write(tx, writes);
    await audit.append(tx, auditRows);
  });
  const succeeded = resolved.filter((r) => r.outcome.ok).length;
  return { kind: 'done', succeeded, failed: resolved.length - succeeded, skipped: skipped.length, failures };
}

/** What the platform holds after the action: its own answer if it gave one, else what we sent. */
function resultingListing(row: ActionRow, outcome: Extract<ActionOutcome, { ok: true }>, base: Listing | null, platform: Platform): Listing | null {
  const externalId = outcome.externalId ?? row.payload.externalId ?? base?.externalId ?? '';
  const refs = { ...base?.refs, ...row.payload.refs, ...outcome.listing?.refs, ...outcome.refs };
  // What we sent beside what the platform serves (rehosted photos) survives every write that sent no photos.
  const photosSent = row.kind === 'create' || (row.kind === 'update' && row.payload.photosChanged !== false);
  const keptPhotos = photosSent ? undefined : (base?.photos ?? row.payload.photos);
  if (outcome.listing) {
    const photos = outcome.listing.photos ?? keptPhotos;
    return { ...outcome.listing, externalId: outcome.listing.externalId || externalId, refs, ...(photos ? { photos } : {}) };
  }
  const from = row.payload.listing ?? base;
  if (!from) return null;
  switch (row.kind) {
    case 'stock': {
      const quantity = row.payload.quantity ?? from.quantity;
      return { ...from, externalId, quantity, state: quantity > 0 ? 'active' : platform === 'vr' ? 'sold' : 'ended', refs };
    }
    case 'end':
      // V&R has no end: we mark the item sold there, and the next snapshot must not read that as a sale.
      return { ...from, externalId, state: platform === 'vr' ? 'sold' : 'ended', refs };
    default: {
      // An update that sent no photos leaves the platform's as they were.
      const kept = row.kind === 'update' && row.payload.photosChanged === false && base ? { images: base.images, ...(keptPhotos ? { photos: keptPhotos } : {}) } : {};
      return { ...from, ...kept, externalId, refs };
    }
  }
}

export function auditRow(runId: string, platform: Platform, row: ActionRow, attempt: number, outcome: 'succeeded' | 'failed' | 'skipped', status: number | null, error: string | null, note?: string): audit.AuditRow {
  return {
    runId,
    actionId: row.id,
    platform,
    sku: row.sku,
    kind: row.kind,
    attempt,
    outcome,
    requestSummary: {
      externalId: row.payload.externalId ?? null,
      quantity: row.payload.quantity ?? row.payload.listing?.quantity ?? null,
      price: row.payload.listing ? `${(row.payload.listing.price.cents / 100).toFixed(2)} ${row.payload.listing.price.currency}` : null,
      ...(note ? { note } : {}),
    },
    responseStatus: status,
    error,
  };
}

async function handleCallFailure(
  ctx: SyncContext,
  f: { runId: string; platform: Platform; todo: ActionRow[]; resolved: Resolved[]; skipped: ActionRow[]; info: JobInfo; err: unknown; log: SyncContext['logger'] },
): Promise<ExecuteResult> {
  const db = ctx.database.db;
  const error = describeError(f.err);
  const failure = failureOf(f.err);
  const { kind, status } = failure;
  // Whatever resolved without a call (links, creates found) is kept.
  if (f.resolved.length || f.skipped.length) await commit(ctx, f.runId, f.platform, f.resolved.filter((r) => r.withoutCall), f.skipped);

  if (failure.then === 'throttled') {
    // Refused before it did anything: nothing is unknown, the actions simply wait.
    await ctx.redis.hincrby(`${ctx.config.QUEUE_PREFIX}:metrics:throttled`, f.platform, 1).catch(() => undefined);
    await db.transaction(async (tx: Tx) => {
      await audit.append(tx, f.todo.map((a) => auditRow(f.runId, f.platform, a, a.attempts + 1, 'failed', status, error, 'throttled; will be sent again')));
      await actions.recordResults(tx, f.todo.map((a) => ({ id: a.id, status: 'planned', error: null })));
    });
    return { kind: 'rate_limited', retryAfterMs: failure.retryAfterMs };
  }
  if (failure.then === 'away') {
    await db.transaction(async (tx: Tx) => {
      await audit.append(tx, f.todo.map((a) => auditRow(f.runId, f.platform, a, a.attempts + 1, 'failed', status, error, 'platform away; will be sent again')));
      await actions.recordResults(tx, f.todo.map((a) => ({ id: a.id, status: 'planned', error: null })));
    });
    f.log.info('platform away, the call waits', { error });
    return { kind: 'away', retryAfterMs: failure.retryAfterMs, error };
  }
  // Retrying will not help: a person must renew a credential or pass a challenge.
  if (failure.tell) await notify(ctx, [refusedNotice(f.platform, kind, error)]);
  const final = failure.then === 'final' || f.info.finalAttempt;
  await db.transaction(async (tx: Tx) => {
    await audit.append(tx, f.todo.map((a) => auditRow(f.runId, f.platform, a, a.attempts + 1, 'failed', status, error)));
    if (final) {
      await actions.recordResults(tx, f.todo.map((a) => ({ id: a.id, status: 'failed', error })));
      await listings.write(tx, f.todo.flatMap((a) => (a.productId ? [{ productId: a.productId, platform: f.platform, externalId: null, listing: null, hash: null, error }] : [])));
    } else {
      // A create may have happened even though the call failed: it stays in flight, to be looked
      // up before it is sent again. Anything else is safe to repeat.
      await actions.recordResults(tx, f.todo.filter((a) => a.kind !== 'create').map((a) => ({ id: a.id, status: 'planned', error })));
    }
  });
  f.log.warn('platform call failed', { kind, error, final, actions: f.todo.length });
  if (final) return { kind: 'done', succeeded: 0, failed: f.todo.length, skipped: f.skipped.length, failures: f.todo.map((a) => `${a.kind} ${a.sku ?? a.id}: ${error}`) };
  return { kind: 'retry', error };
}
