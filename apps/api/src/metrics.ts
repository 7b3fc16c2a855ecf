import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { RUN_STATUSES, type Platform } from '@gearsync/core';
import { oversells, runs } from '@gearsync/db';
import type { ProducerContext } from '@gearsync/sync/producer';
import { redisReady } from './availability.js';

const WINDOW_MS = 24 * 3600 * 1000;
const JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children', 'failed', 'completed'] as const;

/** The Redis hash the executors count refused (429) calls in, one field per platform. */
export const throttledKey = (prefix: string) => `${prefix}:metrics:throttled`;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}

/**
 * Prometheus gauges read from Postgres and Redis at scrape time, so every API replica answers
 * the same numbers and nothing is lost when one restarts.
 */
export function createMetrics(ctx: ProducerContext): { registry: Registry; scrape(): Promise<string> } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gearsync_api_' });
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });

  const up = gauge('gearsync_up', 'Whether the last scrape could read the component (1) or not (0)', ['component']);
  const runCount = gauge('gearsync_runs', 'Sync runs by status', ['status']);
  const actionCount = gauge('gearsync_actions', 'Actions of the runs of the last 24 h, by platform, kind and outcome', ['platform', 'kind', 'outcome']);
  const queueJobs = gauge('gearsync_queue_jobs', 'BullMQ jobs by queue and state', ['queue', 'state']);
  const apiCalls = gauge('gearsync_api_calls', 'Platform API calls made by the runs of the last 24 h', ['platform']);
  const throttled = gauge('gearsync_throttled_calls', 'Platform calls refused for exceeding the rate limit (429), since the counter was reset', ['platform']);
  const oversell = gauge('gearsync_oversell_window_seconds', 'Seconds from a sale notification to its targeted run finishing, last 24 h', ['quantile']);
  const oversellRuns = gauge('gearsync_oversell_window_runs', 'Webhook-triggered runs finished in the last 24 h', []);
  // A counter read from Postgres: every oversell ever recorded, the same on every API replica.
  const oversellsTotal = new Counter({ name: 'gearsync_oversells_total', help: 'Products sold more times than they had stock, ever recorded', registers: [registry] });
  const oversellsOpen = gauge('gearsync_oversells_open', 'Oversells not yet resolved by the dealer', []);

  const platforms = ctx.config.PLATFORMS as Platform[];
  const db = ctx.database.db;

  const readDatabase = async () => {
    const since = new Date(Date.now() - WINDOW_MS);
    const [byStatus, outcomes, calls, windows, oversold] = await Promise.all([
      runs.countByStatus(db),
      runs.actionOutcomesSince(db, since),
      runs.apiCallsSince(db, since),
      runs.webhookWindowsSince(db, since),
      oversells.counts(db),
    ]);
    runCount.reset();
    for (const s of RUN_STATUSES) runCount.set({ status: s }, 0);
    for (const r of byStatus) runCount.set({ status: r.status }, r.n);
    actionCount.reset();
    for (const a of outcomes) actionCount.set({ platform: a.platform, kind: a.kind, outcome: a.status }, a.n);
    apiCalls.reset();
    for (const p of platforms) apiCalls.set({ platform: p }, 0);
    for (const c of calls) apiCalls.set({ platform: c.platform }, c.calls);
    oversell.reset();
    if (windows.p50 !== null) oversell.set({ quantile: '0.5' }, windows.p50);
    if (windows.p95 !== null) oversell.set({ quantile: '0.95' }, windows.p95);
    if (windows.max !== null) oversell.set({ quantile: '1' }, windows.max);
    oversellRuns.set(windows.count);
    oversellsTotal.reset();
    oversellsTotal.inc(oversold.total);
    oversellsOpen.set(oversold.open);
  };

  const readRedis = async () => {
    if (!redisReady(ctx)) throw new Error('redis is not connected');
    const queues = ctx.queues.all();
    const [counts, refused] = await Promise.all([
      Promise.all(queues.map((q) => q.getJobCounts(...JOB_STATES))),
      ctx.redis.hgetall(throttledKey(ctx.config.QUEUE_PREFIX)),
    ]);
    queueJobs.reset();
    queues.forEach((q, i) => {
      for (const state of JOB_STATES) queueJobs.set({ queue: q.name, state }, counts[i]![state] ?? 0);
    });
    throttled.reset();
    for (const p of platforms) throttled.set({ platform: p }, 0);
    for (const [p, n] of Object.entries(refused)) throttled.set({ platform: p }, Number(n) || 0);
  };

  return {
    registry,
    async scrape() {
      const [dbOk, redisOk] = await Promise.allSettled([withTimeout(readDatabase(), 5000), withTimeout(readRedis(), 3000)]);
      up.set({ component: 'postgres' }, dbOk.status === 'fulfilled' ? 1 : 0);
      up.set({ component: 'redis' }, redisOk.status === 'fulfilled' ? 1 : 0);
      for (const r of [dbOk, redisOk]) {
        if (r.status === 'rejected') ctx.logger.warn('metrics source unavailable', { error: (r.reason as Error).message });
      }
      return registry.metrics();
    },
  };
}
