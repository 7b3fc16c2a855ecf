import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ActionStatus, Platform, PlannedAction } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { syncActions } from '../schema.js';

export type SyncActionRow = typeof syncActions.$inferSelect;

const CHUNK = 2000;

/** Writes a plan, one statement per chunk. Actions the planner already failed (unrenderable) land as failed. */
export async function insertPlanned(db: DbOrTx, runId: string, planned: (PlannedAction & { error?: string })[]): Promise<SyncActionRow[]> {
  const out: SyncActionRow[] = [];
  for (let i = 0; i < planned.length; i += CHUNK) {
    const rows = planned.slice(i, i + CHUNK).map((a) => ({
      runId,
      platform: a.platform,
      productId: a.productId,
      sku: a.sku,
      kind: a.kind,
      priority: a.priority,
      reason: a.reason,
      payload: a.payload,
      status: (a.error ? 'failed' : 'planned') as ActionStatus,
      error: a.error ?? null,
      finishedAt: a.error ? new Date() : null,
    }));
    out.push(...(await db.insert(syncActions).values(rows).returning()));
  }
  return out;
}

export async function listForRun(
  db: DbOrTx,
  runId: string,
  filter: { status?: ActionStatus; platform?: Platform; limit?: number; offset?: number } = {},
): Promise<SyncActionRow[]> {
  const where = [eq(syncActions.runId, runId)];
  if (filter.status) where.push(eq(syncActions.status, filter.status));
  if (filter.platform) where.push(eq(syncActions.platform, filter.platform));
  return db
    .select()
    .from(syncActions)
    .where(and(...where))
    .orderBy(asc(syncActions.id))
    .limit(filter.limit ?? 100_000)
    .offset(filter.offset ?? 0);
}

export async function byIds(db: DbOrTx, ids: number[]): Promise<SyncActionRow[]> {
  if (!ids.length) return [];
  return db.select().from(syncActions).where(inArray(syncActions.id, ids)).orderBy(asc(syncActions.id));
}

/**
 * Takes the actions of a call for one job before the call is made, and answers the ids it
 * got. An action in flight under another job is left alone unless that job's lease has
 * lapsed (its worker died), so two jobs never send the same action at once. An action still
 * in flight when its own job runs again had an unknown outcome: a create must be looked up first.
 */
export async function claim(db: DbOrTx, ids: number[], jobId: string | null, leaseMs: number): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .update(syncActions)
    .set({ status: 'in_flight', attempts: sql`${syncActions.attempts} + 1`, jobId, updatedAt: new Date() })
    .where(
      and(
        inArray(syncActions.id, ids),
        sql`(${syncActions.status} in ('planned', 'failed') or (${syncActions.status} = 'in_flight' and (
          ${syncActions.jobId} is null or ${syncActions.jobId} = ${jobId} or ${syncActions.updatedAt} < now() - make_interval(secs => ${leaseMs / 1000}))))`,
      ),
    )
    .returning({ id: syncActions.id });
  return new Set(rows.map((r) => r.id));
}

/** Actions carried out without a platform call (links): one attempt, succeeded. */
export async function completeWithoutCall(db: DbOrTx, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db
    .update(syncActions)
    .set({ status: 'succeeded', attempts: sql`${syncActions.attempts} + 1`, error: null, updatedAt: new Date(), finishedAt: new Date() })
    .where(inArray(syncActions.id, ids));
}

export interface ActionResult {
  id: number;
  status: Extract<ActionStatus, 'succeeded' | 'failed' | 'skipped' | 'planned'>;
  error: string | null;
}

/** One statement for a whole call's outcomes. */
export async function recordResults(db: DbOrTx, results: ActionResult[]): Promise<void> {
  if (!results.length) return;
  const values = sql.join(
    results.map((r) => sql`(${r.id}::bigint, ${r.status}::action_status, ${r.error}::text)`),
    sql`, `,
  );
  await db.execute(sql`
    update sync_actions a set status = v.status, error = v.error, updated_at = now(),
      finished_at = case when v.status in ('succeeded','failed','skipped') then now() else null end
    from (values ${values}) as v(id, status, error)
    where a.id = v.id and a.status <> 'succeeded'`);
}

/** Puts failed actions of a run back to planned; answers them so they can be enqueued again. */
export async function resetFailed(db: DbOrTx, runId: string): Promise<SyncActionRow[]> {
  return db
    .update(syncActions)
    .set({ status: 'planned', error: null, finishedAt: null, updatedAt: new Date() })
    .where(and(eq(syncActions.runId, runId), eq(syncActions.status, 'failed')))
    .returning();
}

export interface ActionCount {
  platform: Platform;
  kind: SyncActionRow['kind'];
  status: ActionStatus;
  n: number;
}

export async function counts(db: DbOrTx, runId: string): Promise<ActionCount[]> {
  return db
    .select({ platform: syncActions.platform, kind: syncActions.kind, status: syncActions.status, n: sql<number>`count(*)::int` })
    .from(syncActions)
    .where(eq(syncActions.runId, runId))
    .groupBy(syncActions.platform, syncActions.kind, syncActions.status);
}

/**
 * SKUs that a newer targeted run has already handled on a platform: a full run skips its own
 * actions on them rather than overwrite fresher work with a plan made from an older snapshot.
 */
export async function handledByNewerRun(db: DbOrTx, runId: string, platform: Platform, skus: string[]): Promise<Set<string>> {
  if (!skus.length) return new Set();
  const rows = await db.execute<{ sku: string }>(sql`
    select distinct a.sku from sync_actions a
    join sync_runs r on r.id = a.run_id
    join sync_runs me on me.id = ${runId}
    where r.skus is not null and r.created_at > me.created_at and a.platform = ${platform}
      and a.status = 'succeeded' and a.sku in (${sql.join(skus.map((s) => sql`${s}`), sql`, `)})`);
  return new Set(rows.rows.map((r) => r.sku));
}

/** Platforms on which an end or a stock change for `sku` has succeeded since `since` (the oversell window). */
export async function offSaleSince(db: DbOrTx, sku: string, since: Date): Promise<Platform[]> {
  const rows = await db
    .selectDistinct({ platform: syncActions.platform })
    .from(syncActions)
    .where(and(eq(syncActions.sku, sku), eq(syncActions.status, 'succeeded'), inArray(syncActions.kind, ['end', 'stock']), sql`${syncActions.finishedAt} >= ${since}`));
  return rows.map((r) => r.platform);
}

/** Platform ids deleted on `platform` by a succeeded delete action since `since` (an orphan the dealer had deleted). */
export async function deletedSince(db: DbOrTx, platform: Platform, since: Date): Promise<Set<string>> {
  const rows = await db.execute<{ external_id: string }>(sql`
    select payload->>'externalId' as external_id from sync_actions
    where platform = ${platform}::platform and kind = 'delete' and status = 'succeeded' and created_at >= ${since.toISOString()}::timestamptz`);
  return new Set(rows.rows.map((r) => r.external_id));
}
