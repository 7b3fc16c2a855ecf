import type { FlowJob } from 'bullmq';
import type { ActionKind, Platform } from '@gearsync/core';
import { actions, runs, type actions as actionsRepo } from '@gearsync/db';
import { CALL_SHAPES } from '@gearsync/platforms/producer';
import { MAIN_ROUND, QUEUES, jobId, jobPriority, type BulkJob } from '@gearsync/queue';
import type { ProducerContext } from './context.js';

type ActionRow = actionsRepo.SyncActionRow;

/** Links make no platform call: many can share one job. */
const LINKS_PER_JOB = 500;
/** Children are attached to the report parent in chunks this big (one Redis round trip each). */
const ATTACH_CHUNK = 1000;

export interface ExecuteGroup {
  platform: Platform;
  priority: number;
  actionIds: number[];
}

/**
 * One group per platform API call: as many actions as that call may carry, kinds kept apart
 * unless the platform mixes them in one call (WooCommerce's batch), priorities kept apart so
 * a sale's end never waits in a batch of content updates.
 */
export function groupActions(rows: ActionRow[], batchSize: (platform: Platform, kind: ActionKind) => number, mixKinds: (platform: Platform) => boolean): ExecuteGroup[] {
  const buckets = new Map<string, ActionRow[]>();
  for (const row of rows) {
    const kindKey = row.kind === 'link' ? 'link' : mixKinds(row.platform) ? 'mixed' : row.kind;
    const key = `${row.platform}|${row.priority}|${kindKey}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(row);
    else buckets.set(key, [row]);
  }
  const groups: ExecuteGroup[] = [];
  for (const bucket of buckets.values()) {
    const first = bucket[0]!;
    const size = first.kind === 'link' ? LINKS_PER_JOB : Math.max(1, Math.min(...bucket.map((r) => batchSize(r.platform, r.kind))));
    for (let i = 0; i < bucket.length; i += size) {
      groups.push({ platform: first.platform, priority: first.priority, actionIds: bucket.slice(i, i + size).map((r) => r.id) });
    }
  }
  return groups.sort((a, b) => a.priority - b.priority || a.actionIds[0]! - b.actionIds[0]!);
}

/**
 * Adds the execute jobs of a run under one report parent (a BullMQ flow). The parent is made
 * first with a single delayed "gate" child that holds it back; the execute jobs are attached
 * in chunks; then the gate is promoted and the report runs once the last child is done.
 * Children ignore their own failure as a dependency, so the report runs however they end.
 * Every id is deterministic, so running this again after a crash adds nothing twice.
 */
export async function enqueueExecution(ctx: ProducerContext, runId: string, options: { actionIds?: number[]; round?: string } = {}): Promise<void> {
  const db = ctx.database.db;
  const run = await runs.get(db, runId);
  if (!run) throw new Error(`run ${runId} not found`);
  const rows = options.actionIds
    ? await actions.byIds(db, options.actionIds)
    : (await actions.listForRun(db, runId)).filter((a) => a.status === 'planned' || a.status === 'in_flight');
  const round = options.round ?? MAIN_ROUND;
  const prefix = ctx.config.QUEUE_PREFIX;
  const reportId = jobId.report(runId, round);
  const gateId = jobId.gate(runId, round);

  const existing = await ctx.queues.report.getJob(reportId);
  if (!existing) {
    const flow: FlowJob = {
      name: 'report',
      queueName: QUEUES.report,
      data: { runId },
      opts: { jobId: reportId, priority: jobPriority.stage(run.skus !== null) },
      children: [{ name: 'gate', queueName: QUEUES.plan, data: { runId }, opts: { jobId: gateId, delay: 24 * 3600_000, ignoreDependencyOnFailure: true } }],
    };
    await ctx.queues.flows.add(flow);
  }

  const targeted = run.skus !== null;
  const groups = groupActions(
    rows,
    (platform, kind) => CALL_SHAPES[platform].batchSize[kind] ?? 1,
    (platform) => CALL_SHAPES[platform].mixKinds,
  );
  const byPlatform = new Map<Platform, BulkJob<'execute'>[]>();
  groups.forEach((group, index) => {
    const list = byPlatform.get(group.platform) ?? [];
    list.push({
      name: 'execute',
      data: { runId, platform: group.platform, actionIds: group.actionIds },
      opts: {
        jobId: jobId.execute(runId, round, group.platform, index),
        priority: jobPriority.execute(targeted, group.priority),
        parent: { id: reportId, queue: `${prefix}:${QUEUES.report}` },
        ignoreDependencyOnFailure: true,
      },
    });
    byPlatform.set(group.platform, list);
  });
  for (const [platform, jobs] of byPlatform) {
    const queue = ctx.queues.execute[platform];
    for (let i = 0; i < jobs.length; i += ATTACH_CHUNK) await queue.addBulk(jobs.slice(i, i + ATTACH_CHUNK));
  }
  const gate = await ctx.queues.plan.getJob(gateId);
  if (gate && (await gate.isDelayed())) await gate.promote();
}
