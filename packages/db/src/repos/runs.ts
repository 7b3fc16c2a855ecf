import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { ACTIVE_RUN_STATUSES, FINAL_RUN_STATUSES, movesFrom, type Listing, type Platform, type RunMove, type RunMoveTarget, type RunStatus, type RunTrigger } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { syncActions, syncRuns, type PlatformSnapshotInfo, type RunOrder, type RunSummary, type StageTiming } from '../schema.js';

export type SyncRunRow = typeof syncRuns.$inferSelect;

export interface NewRun {
  trigger: RunTrigger;
  platforms: Platform[];
  skus: string[] | null;
  dryRun: boolean;
  /** What a sale watch saw where a platform's only lookup is a whole read (V&R). */
  observed?: Partial<Record<Platform, Listing[]>>;
  /** The orders a sale notification or the sale watch named. */
  orders?: Partial<Record<Platform, RunOrder[]>>;
}

const ACTIVE = [...ACTIVE_RUN_STATUSES];

/**
 * Records a run, or joins the full run already queued or running (at most one at a time,
 * enforced by a partial unique index, so two API processes racing cannot both create one).
 */
export async function createOrJoin(db: DbOrTx, run: NewRun): Promise<{ run: SyncRunRow; deduplicated: boolean }> {
  const coalesces = run.skus === null && !run.dryRun;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (coalesces) {
      const [active] = await db
        .select()
        .from(syncRuns)
        .where(and(isNull(syncRuns.skus), eq(syncRuns.dryRun, false), inArray(syncRuns.status, ACTIVE)))
        .limit(1);
      if (active) return { run: active, deduplicated: true };
    }
    try {
      const [created] = await db.insert(syncRuns).values(run).returning();
      return { run: created!, deduplicated: false };
    } catch (err) {
      if (!coalesces || (err as { code?: string }).code !== '23505') throw err;
      // Another process created the full run between our select and insert: join it.
    }
  }
  throw new Error('could not create or join a full run');
}

export async function get(db: DbOrTx, id: string): Promise<SyncRunRow | null> {
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, id));
  return row ?? null;
}

export async function list(db: DbOrTx, limit: number): Promise<SyncRunRow[]> {
  return db.select().from(syncRuns).orderBy(desc(syncRuns.createdAt)).limit(limit);
}

export async function listActive(db: DbOrTx): Promise<SyncRunRow[]> {
  return db.select().from(syncRuns).where(inArray(syncRuns.status, ACTIVE)).orderBy(desc(syncRuns.createdAt));
}

/**
 * Moves a run to `status` by one of the legal moves (`RUN_MOVES` in core), only from a status
 * that move starts from (so a late or repeated job cannot move it back). False when it was not there.
 */
export async function transition<M extends RunMove>(
  db: DbOrTx,
  id: string,
  move: M,
  status: RunMoveTarget<M>,
  patch: Partial<Pick<SyncRunRow, 'startedAt' | 'snapshotAt' | 'plannedAt' | 'approvedAt' | 'finishedAt' | 'error'>> = {},
): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set({ status, ...patch })
    .where(and(eq(syncRuns.id, id), inArray(syncRuns.status, movesFrom(move))))
    .returning({ id: syncRuns.id });
  return rows.length > 0;
}

export async function recordStage(db: DbOrTx, id: string, stage: string, timing: StageTiming): Promise<void> {
  await db
    .update(syncRuns)
    .set({ stages: sql`${syncRuns.stages} || jsonb_build_object(${stage}::text, ${JSON.stringify(timing)}::jsonb)` })
    .where(eq(syncRuns.id, id));
}

export async function recordSnapshot(db: DbOrTx, id: string, platform: Platform, info: PlatformSnapshotInfo): Promise<void> {
  await db
    .update(syncRuns)
    .set({ snapshot: sql`${syncRuns.snapshot} || jsonb_build_object(${platform}::text, ${JSON.stringify(info)}::jsonb)` })
    .where(eq(syncRuns.id, id));
}

export async function setSummary(db: DbOrTx, id: string, summary: RunSummary): Promise<void> {
  await db.update(syncRuns).set({ summary }).where(eq(syncRuns.id, id));
}

export interface RunProgress {
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
  skipped: number;
  byPlatform: Partial<Record<Platform, { total: number; done: number; failed: number }>>;
}

export async function progress(db: DbOrTx, runIds: string[]): Promise<Map<string, RunProgress>> {
  const out = new Map<string, RunProgress>();
  for (const id of runIds) out.set(id, { total: 0, succeeded: 0, failed: 0, pending: 0, skipped: 0, byPlatform: {} });
  if (!runIds.length) return out;
  const rows = await db
    .select({ runId: syncActions.runId, platform: syncActions.platform, status: syncActions.status, n: sql<number>`count(*)::int` })
    .from(syncActions)
    .where(inArray(syncActions.runId, runIds))
    .groupBy(syncActions.runId, syncActions.platform, syncActions.status);
  for (const r of rows) {
    const p = out.get(r.runId)!;
    const bp = (p.byPlatform[r.platform] ??= { total: 0, done: 0, failed: 0 });
    p.total += r.n;
    bp.total += r.n;
    if (r.status === 'succeeded') p.succeeded += r.n;
    else if (r.status === 'failed') p.failed += r.n;
    else if (r.status === 'skipped') p.skipped += r.n;
    else p.pending += r.n;
    if (r.status !== 'planned' && r.status !== 'in_flight') bp.done += r.n;
    if (r.status === 'failed') bp.failed += r.n;
  }
  return out;
}

/** Old runs' remote snapshots are bulky and only the planner reads them. */
export async function pruneSnapshots(db: DbOrTx, keepRunId: string): Promise<void> {
  const final = sql.join(FINAL_RUN_STATUSES.map((s) => sql`${s}::run_status`), sql`, `);
  await db.execute(sql`delete from remote_listings where run_id in (
    select id from sync_runs where id <> ${keepRunId} and status in (${final})
      and finished_at < now() - interval '10 minutes')`);
}

export async function addApiCalls(db: DbOrTx, id: string, platform: Platform, calls: number): Promise<void> {
  if (calls <= 0) return;
  await db
    .update(syncRuns)
    .set({
      apiCalls: sql`jsonb_set(${syncRuns.apiCalls}, ARRAY[${platform}::text], to_jsonb(coalesce((${syncRuns.apiCalls}->>${platform}::text)::int, 0) + ${calls}::int))`,
    })
    .where(eq(syncRuns.id, id));
}

/** How many runs are in each status (for /metrics). */
export async function countByStatus(db: DbOrTx): Promise<{ status: RunStatus; n: number }[]> {
  return db.select({ status: syncRuns.status, n: sql<number>`count(*)::int` }).from(syncRuns).groupBy(syncRuns.status);
}

/** Actions of the runs created since `since`, by platform × kind × status. */
export async function actionOutcomesSince(db: DbOrTx, since: Date): Promise<{ platform: Platform; kind: string; status: string; n: number }[]> {
  const rows = await db.execute<{ platform: Platform; kind: string; status: string; n: number }>(sql`
    select a.platform, a.kind, a.status, count(*)::int as n
    from sync_actions a join sync_runs r on r.id = a.run_id
    where r.created_at >= ${since}
    group by a.platform, a.kind, a.status`);
  return rows.rows;
}

/** Platform API calls made by the runs created since `since`, summed per platform. */
export async function apiCallsSince(db: DbOrTx, since: Date): Promise<{ platform: Platform; calls: number }[]> {
  const rows = await db.execute<{ platform: Platform; calls: number }>(sql`
    select c.key as platform, sum(c.value::bigint)::bigint as calls
    from sync_runs r, jsonb_each_text(r.api_calls) c
    where r.created_at >= ${since}
    group by c.key`);
  return rows.rows.map((r) => ({ platform: r.platform, calls: Number(r.calls) }));
}

/**
 * Seconds from a sale notification to its targeted run finishing (the window in which the
 * item was still for sale elsewhere), over webhook runs finished since `since`.
 */
export async function webhookWindowsSince(db: DbOrTx, since: Date): Promise<{ count: number; p50: number | null; p95: number | null; max: number | null }> {
  const rows = await db.execute<{ count: number; p50: number | null; p95: number | null; max: number | null }>(sql`
    select count(*)::int as count,
      percentile_cont(0.5) within group (order by extract(epoch from finished_at - created_at)) as p50,
      percentile_cont(0.95) within group (order by extract(epoch from finished_at - created_at)) as p95,
      max(extract(epoch from finished_at - created_at)) as max
    from sync_runs
    where trigger = 'webhook' and finished_at is not null and created_at >= ${since}`);
  const r = rows.rows[0];
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { count: r?.count ?? 0, p50: num(r?.p50), p95: num(r?.p95), max: num(r?.max) };
}

/** The newest full run that planned (its summary names the orphans it saw; its snapshot is still kept). */
export async function latestFullPlanned(db: DbOrTx): Promise<SyncRunRow | null> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(isNull(syncRuns.skus), eq(syncRuns.dryRun, false), inArray(syncRuns.status, ['executing', 'completed', 'completed_with_errors'])))
    .orderBy(desc(syncRuns.createdAt))
    .limit(1);
  return row ?? null;
}
