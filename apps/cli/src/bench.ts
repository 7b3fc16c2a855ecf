import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { formatAmount, linkedBaseline, listingHash, renderListing, type Platform } from '@gearsync/core';
import { actions, dropDatabase, listings, migrate, openDatabase, oversells, products, runs, settings, type Database } from '@gearsync/db';
import { noGate } from '@gearsync/platforms';
import { childEnv, createLogger, loadConfig, redactText } from '@gearsync/runtime';
import { createAdapter, openContext, requestRun } from '@gearsync/sync';
import { configureSandboxAccounts, seedShopSettings } from './shop.js';
import { catalogue, rng } from './catalogue.js';
import { asWritten, listable as listableByProduct, type ControlListing } from './divergence.js';
import { peakRssMb, processList, supervise, waitForHttp } from './processes.js';

/**
 * `npm run bench -- --products N [--change-pct P] [--replicas R] [--compiled]`: a shop of N
 * instruments already in sync on every platform, then a realistic mix of changes (local price
 * changes, sales on the platforms, new stock, strangers listed by hand), and one full sync through
 * the real processes under the platforms' rate limits (R replicas of every executor and of the
 * snapshot worker). The last line printed is one JSON object. Any failure stops the processes and
 * exits non-zero within a minute.
 */
const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '1000' },
    'change-pct': { type: 'string', default: '2' },
    platforms: { type: 'string' },
    keep: { type: 'boolean', default: false },
    sales: { type: 'string', default: '20' },
    'poll-sales': { type: 'string', default: '10' },
    replicas: { type: 'string', default: '1' },
    compiled: { type: 'boolean', default: false },
    'timeout-s': { type: 'string', default: '3600' },
  },
});
const n = Number(values.products);
/** Listings a seeding request carries: a 50,000-listing body is more than a request should. */
const SEED_PART = 1000;
const changePct = Number(values['change-pct']);
const replicas = Number(values.replicas);
const pollSales = Number(values['poll-sales']);
const logger = createLogger('bench');
const say = (msg: string, meta: object = {}) => logger.info(msg, meta);
const usage = (problem: string) => {
  logger.error(`${problem}; usage: npm run bench -- --products N (N >= 100) [--change-pct P] [--replicas R] [--sales S] [--poll-sales S] [--platforms a,b]`);
  process.exit(2);
};
if (!Number.isInteger(n) || n < 100) usage('--products must be a whole number from 100');
if (!Number.isInteger(replicas) || replicas < 1 || replicas > 8) usage('--replicas must be 1 to 8');
if (!(changePct > 0 && changePct <= 50)) usage('--change-pct must be above 0 and at most 50');
if (!Number.isInteger(pollSales) || pollSales < 0) usage('--poll-sales must be a whole number (0 skips the sale watch\'s figures)');

// The bench's own database beside the configured one (dropped at the end), its own queue prefix.
const base = loadConfig(childEnv({ GEARSYNC_MODE: 'demo' }));
const benchDb = new URL(base.DATABASE_URL);
benchDb.pathname = `${benchDb.pathname.replace(/^\//, '') || 'gearsync'}_bench`;
const env = childEnv({
  GEARSYNC_MODE: 'demo',
  DATABASE_URL: benchDb.toString(),
  QUEUE_PREFIX: `bench${Date.now().toString(36)}`,
  LOG_LEVEL: 'warn',
  LOG_FORMAT: 'json',
  API_TOKEN: `bench-${Date.now().toString(36)}-token`,
  // The bench's own run is the only full one: a cron tick in the middle would hold V&R's sale watch back.
  SYNC_CRON: '0 0 1 1 *',
  ...(values.platforms ? { PLATFORMS: values.platforms } : {}),
});
const config = loadConfig(env);
const platforms = config.PLATFORMS as Platform[];
const sandbox = config.sandboxUrl;

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sandbox}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
};

await dropDatabase(config.DATABASE_URL);
await migrate(config.DATABASE_URL);
const database = openDatabase(config.DATABASE_URL, { max: 4 });
const all = processList(platforms, true, replicas);
const groups: { stop(): Promise<void> }[] = [];
const stopAll = () => Promise.all(groups.map((g) => g.stop()));
/** The bench's queues and gate keys, gone with it. */
const dropQueues = async () => {
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.QUEUE_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
};
// Whatever happens next, the bench is gone within a minute of failing.
const fail = (why: string) => {
  logger.error('bench failed', { error: redactText(why) });
  setTimeout(() => process.exit(1), 45_000).unref();
  void stopAll().finally(async () => {
    await database.close().catch(() => undefined);
    if (!values.keep) await dropDatabase(config.DATABASE_URL).catch(() => undefined);
    if (!values.keep) await dropQueues().catch(() => undefined);
    process.exit(1);
  });
};
process.once('SIGINT', () => fail('interrupted'));
process.once('SIGTERM', () => fail('terminated'));
const supervision = { quiet: true, compiled: values.compiled, maxHeapMb: values.compiled ? config.MAX_HEAP_MB : undefined, onGiveUp: (name: string) => fail(`${name} kept dying`) };
// The sandbox stands in for the platforms: it is not ours to cap (it holds every platform's listings).
const first = supervise(all.slice(0, 1), env, logger, { ...supervision, maxHeapMb: undefined });
groups.push(first);
const children = [...first.children];
try {
  await waitForHttp(`${sandbox}/_health`, 180_000);
  await control('POST', '/reset');

  // The shop as it was at the last sync: every platform holds exactly our listings.
  // Photos on the sandbox's image host: V&R downloads every photo it is sent.
  const items = catalogue(n, { seed: 5, imageBase: `${sandbox}/_images` });
  const seedStart = Date.now();
  // The shop's listing defaults and category map, and the platform accounts that go with them.
  await seedShopSettings(database.db, { currency: 'USD' });
  await configureSandboxAccounts(sandbox, platforms);
  await products.upsertMany(database.db, items);
  const { unlisted, listed } = await seedInSync(database, sandbox, platforms, items.length);
  say('listings the renderer refuses, left off the platforms (readiness gaps)', unlisted);
  const listable = (p: { sku: string }, platform: Platform) => listed[platform]?.has(p.sku) ?? false;
  await products.markAllSynced(database.db);
  say('seeded a shop in sync', { products: n, ms: Date.now() - seedStart });

  // The platforms' own budgets, as the sandbox enforces them (a sliding window), and their
  // sale webhooks pointed at the API.
  const hooks: Partial<Record<Platform, { webhookUrl: string; webhookSecret?: string }>> = {
    website: { webhookUrl: `${config.apiUrl}/webhooks/website`, webhookSecret: config.WEBSITE_WEBHOOK_SECRET },
    reverb: { webhookUrl: `${config.apiUrl}/webhooks/reverb/${config.REVERB_WEBHOOK_TOKEN}` },
    ebay: { webhookUrl: `${config.apiUrl}/webhooks/ebay/${config.EBAY_WEBHOOK_TOKEN}` },
  };
  const webhooks = async (on: boolean) => {
    for (const p of platforms) await control('PUT', `/${p}/config`, { rateLimit: config.rate[p], webhookUrl: on ? (hooks[p]?.webhookUrl ?? null) : null, webhookSecret: hooks[p]?.webhookSecret ?? null });
  };
  await webhooks(true);
  const rest = supervise(all.slice(1), env, logger, supervision);
  groups.push(rest);
  children.push(...rest.children);
  await waitForHttp(`${config.apiUrl}/health`, 180_000);
  // Idle means ready: every queue has its worker, and the executors have had a moment to open
  // their sessions (V&R's browser and login), as they have long done on a shop that runs for days.
  const ctx = openContext('bench', { role: 'producer', config });
  const connected = Date.now() + 180_000;
  while ((await Promise.all(ctx.queues.all().map((q) => q.getWorkersCount()))).some((n) => n === 0)) {
    if (Date.now() > connected) throw new Error('the workers did not all connect within 180 s');
    await new Promise((res) => setTimeout(res, 250));
  }
  await new Promise((res) => setTimeout(res, 5000));

  // The changes since the last sync are chosen now and made after the idle phase; the items sold
  // to time the oversell window are ones no change touches, listed on every platform.
  const r = rng(17);
  const changes = Math.max(4, Math.round((n * changePct) / 100));
  const mix = { price: Math.round(changes * 0.7), sales: Math.max(1, Math.round(changes * 0.1)), fresh: Math.round(changes * 0.15), strangers: Math.max(1, Math.round(changes * 0.05)) };
  const shuffled = [...items].sort(() => r() - 0.5);
  const priced = shuffled.slice(0, mix.price);
  const changeSales: { sku: string; where: Platform }[] = [];
  for (const p of shuffled.slice(mix.price)) {
    if (changeSales.length >= mix.sales) break;
    const where = platforms[changeSales.length % platforms.length]!;
    if (p.status === 'active' && p.quantity > 0 && listable(p, where)) changeSales.push({ sku: p.sku, where });
  }
  const touched = new Set([...priced.map((p) => p.sku), ...changeSales.map((c) => c.sku)]);
  const candidates = items
    .filter((i) => i.quantity === 1 && !i.platforms && i.status === 'active' && !touched.has(i.sku) && platforms.every((p) => listable(i, p)))
    .map((i) => i.sku)
    .reverse();
  // The sale watch's items are set aside first (the webhook phases take theirs from the other end).
  const pollPlatforms = platforms.length > 1 ? platforms.filter((p) => config.salePollMs[p] > 0) : [];
  const pollPer = pollPlatforms.length ? Math.min(pollSales, Math.floor(candidates.length / 3 / pollPlatforms.length)) : 0;
  const pollSkus = candidates.splice(0, pollPer * pollPlatforms.length);
  const salePlatforms = platforms.filter((p) => hooks[p]);
  const salesPerPhase = salePlatforms.length && platforms.length > 1 ? Math.min(Number(values.sales), Math.floor(candidates.length / 2)) : 0;

  // The oversell window: a sale on one platform until the item is off sale on every other.
  const salesFrom = new Date();
  const idle = await measureOversell(database, salesPerPhase, candidates, salePlatforms, platforms);
  say('oversell window, idle', idle);
  // The changes below happened while nobody was listening (their sales come to light in the snapshot).
  await webhooks(false);
  for (const p of priced) await products.update(database.db, p.sku, { priceCents: Math.round((p.priceCents * 0.93) / 100) * 100 });
  for (const { sku, where } of changeSales) await control('POST', `/${where}/sales`, { sku, quantity: 1 });
  const sold = changeSales.length;
  await products.upsertMany(database.db, catalogue(mix.fresh, { seed: 777, skuPrefix: 'NEW', imageBase: `${sandbox}/_images` }));
  for (const p of platforms) {
    await control('POST', `/${p}/listings`, Array.from({ length: mix.strangers }, (_, i) => ({ sku: `HAND-${i}`, title: `Consignment Harmony Stratotone ${1955 + i}`, description: 'by hand', price: { amount: formatAmount(30000 + i * 100), currency: 'USD' }, quantity: 1, condition: p === 'vr' ? null : 'good', images: [], status: 'active', brand: 'Harmony', model: 'Stratotone', year: 1955 + i })));
  }
  say('changed the world', { ...mix, sold });
  await webhooks(true);

  // One full sync through the real processes.
  // Every call each platform takes while the run goes on, the sales' targeted runs' included.
  const statsOf = async () => Object.fromEntries(await Promise.all(platforms.map(async (p) => [p, (await control('GET', `/${p}/stats`)) as { calls: number; throttled: number }] as const)));
  const statsBefore = await statsOf();
  const t0 = Date.now();
  const ticket = await requestRun(ctx, { trigger: 'bench' });
  let run = (await runs.get(database.db, ticket.runId))!;
  let lastLog = 0;
  let busy: { p50: number | null; p95: number | null; n: number } | null = null;
  const deadline = t0 + Number(values['timeout-s']) * 1000;
  let lastChange = { at: Date.now(), key: '' };
  while (!['completed', 'completed_with_errors', 'failed', 'awaiting_approval'].includes(run.status)) {
    await new Promise((res) => setTimeout(res, 250));
    run = (await runs.get(database.db, ticket.runId))!;
    if (Date.now() > deadline) throw new Error(`the run did not finish within ${values['timeout-s']} s (status ${run.status})`);
    // A run that shows no progress for three minutes is stuck: fail rather than wait for good.
    const pending = (await runs.progress(database.db, [run.id])).get(run.id)?.pending ?? -1;
    const key = `${run.status}:${pending}`;
    if (key !== lastChange.key) lastChange = { at: Date.now(), key };
    else if (Date.now() - lastChange.at > 180_000) throw new Error(`the run made no progress for 180 s (status ${run.status}, ${pending} actions pending)`);
    if (!busy && run.status === 'executing') {
      busy = await measureOversell(database, salesPerPhase, candidates, salePlatforms, platforms);
      say('oversell window, during the full run', busy);
      run = (await runs.get(database.db, ticket.runId))!;
    }
    if (Date.now() - lastLog > 5000) {
      const p = (await runs.progress(database.db, [run.id])).get(run.id)!;
      say('progress', { status: run.status, done: p.total - p.pending, total: p.total, s: Math.round((Date.now() - t0) / 1000) });
      lastLog = Date.now();
    }
  }
  const wallMs = Date.now() - t0;
  const statsAfter = await statsOf();
  const progress = (await runs.progress(database.db, [run.id])).get(run.id)!;

  const apiCalls = run.apiCalls as Record<Platform, number>;
  let snapshotBound = 0;
  let executeBound = 0;
  let throttled = 0;
  const throttledBy: Partial<Record<Platform, number>> = {};
  const besideRun: Partial<Record<Platform, number>> = {};
  for (const p of platforms) {
    const snap = run.snapshot[p]?.calls ?? 0;
    // The oversell sales during the run start targeted runs whose calls share the budget: the
    // bound counts them too, or a V&R-bound run could never come near it.
    const during = statsAfter[p]!.calls - statsBefore[p]!.calls - (statsAfter[p]!.throttled - statsBefore[p]!.throttled);
    besideRun[p] = Math.max(0, during - (apiCalls[p] ?? 0));
    const exec = (apiCalls[p] ?? 0) - snap + besideRun[p]!;
    const { max, perMs } = config.rate[p];
    snapshotBound = Math.max(snapshotBound, (snap / max) * perMs);
    executeBound = Math.max(executeBound, (exec / max) * perMs);
    throttledBy[p] = (await control('GET', `/${p}/stats`)).throttled as number;
    throttled += throttledBy[p]!;
  }
  const lowerBoundMs = Math.round(snapshotBound + executeBound);

  // The sale watch alone: no webhook tells us of these sales.
  await webhooks(false);
  const poll = await measurePoll(database, pollPer, pollSkus, pollPlatforms, platforms);
  say('oversell window, sale watch alone', poll);
  const peakRss: Record<string, number> = { bench: Math.round(process.memoryUsage().rss / 1048576) };
  const browserRss: Record<string, number> = {};
  for (const c of children) {
    if (!c.child.pid) continue;
    const rss = await peakRssMb(c.child.pid);
    peakRss[c.name] = rss.self;
    if (rss.children) browserRss[c.name] = rss.children;
  }
  await ctx.close();

  const result = {
    products: n,
    platforms,
    replicas,
    compiled: values.compiled,
    status: run.status,
    actions: { total: progress.total, succeeded: progress.succeeded, failed: progress.failed },
    wallMs,
    stageMs: { snapshot: run.stages.snapshot?.ms ?? null, plan: run.stages.plan?.ms ?? null, execute: run.stages.execute?.ms ?? null, report: run.stages.report?.ms ?? null },
    apiCalls,
    callsBesideRun: besideRun,
    lowerBoundMs,
    ratioToBound: lowerBoundMs ? Math.round((wallMs / lowerBoundMs) * 100) / 100 : null,
    throttled,
    throttledBy,
    peakRssMb: peakRss,
    browserPeakRssMb: browserRss,
    oversellMs: {
      idle: { p50: idle.p50, p95: idle.p95 },
      busy: busy ? { p50: busy.p50, p95: busy.p95 } : null,
      poll: Object.fromEntries(Object.entries(poll).map(([p, w]) => [p, { p50: w.p50, p95: w.p95 }])),
    },
    // Oversells the measured sales produced (each item is sold once, so the target is 0).
    oversells: (await oversells.since(database.db, salesFrom)).length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await stopAll();
  await database.close();
  if (!values.keep) await dropDatabase(config.DATABASE_URL);
  if (!values.keep) await dropQueues();
  process.exit(run.status === 'completed' || run.status === 'completed_with_errors' ? 0 : 1);
} catch (err) {
  fail((err as Error).message);
}

/**
 * Sells `count` items one after another, each on a platform that sends sale webhooks, and
 * times from the sale until our end (or stock 0) has succeeded on every other platform.
 */
async function measureOversell(db: Database, count: number, skus: string[], salePlatforms: Platform[], platforms: Platform[]) {
  const windows: number[] = [];
  const sales: { sku: string; where: Platform; at: Date; ms: number }[] = [];
  let missedInARow = 0;
  // Three sales in a row never taken off sale elsewhere: the pipeline is not keeping up; stop timing.
  for (let i = 0; i < count && skus.length && missedInARow < 3; i++) {
    const before = windows.length;
    const sku = skus.pop()!;
    const where = salePlatforms[i % salePlatforms.length]!;
    const others = platforms.filter((p) => p !== where);
    const t0 = Date.now();
    await control('POST', `/${where}/sales`, { sku, quantity: 1 });
    const deadline = t0 + 30_000;
    while (Date.now() < deadline) {
      const done = await actions.offSaleSince(db.db, sku, new Date(t0 - 1000));
      if (others.every((p) => done.includes(p))) {
        windows.push(Date.now() - t0);
        sales.push({ sku, where, at: new Date(t0), ms: Date.now() - t0 });
        break;
      }
      await new Promise((res) => setTimeout(res, 20));
    }
    missedInARow = windows.length > before ? 0 : missedInARow + 1;
  }
  return { ...quantiles(windows), missed: count - windows.length, slowest: await whereTimeWent(db, sales.sort((a, b) => b.ms - a.ms).slice(0, 2)) };
}

/** For the slowest sales, when the run each started reached each stage and each platform's end succeeded (ms after the sale). */
async function whereTimeWent(db: Database, sales: { sku: string; where: Platform; at: Date; ms: number }[]) {
  const after = (at: Date, d: Date | null) => (d ? d.getTime() - at.getTime() : null);
  return Promise.all(
    sales.map(async ({ sku, where, at, ms }) => {
      const rows = await db.db.execute<{ id: string; created_at: Date; started_at: Date | null; snapshot_at: Date | null; planned_at: Date | null; finished_at: Date | null }>(
        sql`select id, created_at, started_at, snapshot_at, planned_at, finished_at from sync_runs where ${sku} = any(skus) and created_at >= ${new Date(at.getTime() - 1000).toISOString()}::timestamptz order by created_at limit 1`,
      );
      const run = rows.rows[0];
      const ends = run
        ? await db.db.execute<{ platform: string; created_at: Date; finished_at: Date | null }>(sql`select platform, created_at, finished_at from sync_actions where run_id = ${run.id} and sku = ${sku}`)
        : { rows: [] };
      return {
        sku,
        where,
        ms,
        run: run && { queued: after(at, new Date(run.created_at)), started: after(at, run.started_at && new Date(run.started_at)), read: after(at, run.snapshot_at && new Date(run.snapshot_at)), planned: after(at, run.planned_at && new Date(run.planned_at)) },
        ends: Object.fromEntries(ends.rows.map((e) => [e.platform, after(at, e.finished_at && new Date(e.finished_at))])),
      };
    }),
  );
}

/**
 * With webhooks off, sells `count` items on each platform the sale watch reads, every platform at
 * once, and times each from the sale until our end (or stock 0) has succeeded on every other
 * platform. A platform's sales are spread over one of its poll intervals, so they fall at every
 * point of its tick rather than all just before (or after) one.
 */
async function measurePoll(db: Database, count: number, skus: string[], pollPlatforms: Platform[], platforms: Platform[]) {
  const byPlatform = await Promise.all(
    pollPlatforms.map(async (where, k) => {
      const interval = config.salePollMs[where];
      const mine = skus.slice(k * count, (k + 1) * count);
      const others = platforms.filter((p) => p !== where);
      const windows = await Promise.all(
        mine.map(async (sku, i) => {
          await new Promise((res) => setTimeout(res, Math.round((i * interval) / count)));
          const t0 = Date.now();
          await control('POST', `/${where}/sales`, { sku, quantity: 1 });
          // Two ticks and the targeted run's own work; past that the watch missed it.
          const deadline = t0 + 2 * interval + 60_000;
          while (Date.now() < deadline) {
            const done = await actions.offSaleSince(db.db, sku, new Date(t0 - 1000));
            if (others.every((p) => done.includes(p))) return { sku, where, at: new Date(t0), ms: Date.now() - t0 };
            await new Promise((res) => setTimeout(res, 250));
          }
          return null;
        }),
      );
      const timed = windows.filter((w) => w !== null);
      const slowest = await whereTimeWent(db, timed.sort((a, b) => b.ms - a.ms).slice(0, 1));
      return [where, { ...quantiles(timed.map((w) => w.ms)), missed: mine.length - timed.length, slowest }] as const;
    }),
  );
  return Object.fromEntries(byPlatform) as Partial<Record<Platform, ReturnType<typeof quantiles> & { missed: number }>>;
}

function quantiles(windows: number[]) {
  const sorted = [...windows].sort((a, b) => a - b);
  const q = (f: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(f * sorted.length) - 1)]! : null);
  return { p50: q(0.5), p95: q(0.95), n: sorted.length };
}

/**
 * The shop as gearsync left it after its last run: each platform holds what the renderer makes of
 * each product under the shop's settings (eBay's category requirements read first, as a run
 * does), and our baselines are what the platforms then show, with rehosted photos taken as ours.
 * Without this the measured run would redo the whole shop for differences the seed made up.
 */
async function seedInSync(database: Database, sandboxUrl: string, platforms: Platform[], count: number): Promise<{ unlisted: Record<string, number>; listed: Partial<Record<Platform, Set<string>>> }> {
  const db = database.db;
  const ebay = platforms.includes('ebay') ? createAdapter('ebay', config, noGate) : null;
  if (ebay?.categoryRequirements) {
    const ids = Object.values(await settings.categories(db)).flatMap((m) => (m.ebay?.categoryId ? [m.ebay.categoryId] : []));
    await settings.setRequirements(db, 'ebay', await ebay.categoryRequirements([...new Set(ids)]));
  }
  await ebay?.close();
  const context = await settings.listingContext(db);
  const rows = await products.list(db, { limit: count + 10 });
  const unlisted: Record<string, number> = {};
  const listed: Partial<Record<Platform, Set<string>>> = {};
  for (const p of platforms) {
    const written: ControlListing[] = [];
    listed[p] = new Set();
    for (const row of rows) {
      if (!listableByProduct(row, p)) continue;
      const rendered = renderListing(products.toProduct(row), p, context);
      if (rendered.ok) {
        written.push(asWritten(rendered.listing));
        listed[p].add(row.sku);
      } else unlisted[p] = (unlisted[p] ?? 0) + 1;
    }
    for (let i = 0; i === 0 || i < written.length; i += SEED_PART) {
      const res = await fetch(`${sandboxUrl}/_control/${p}/listings`, { method: i === 0 ? 'PUT' : 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(written.slice(i, i + SEED_PART)) });
      if (!res.ok) throw new Error(`seeding ${p}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
  }
  const byId = new Map(rows.map((r) => [r.sku, r]));
  for (const p of platforms) {
    const adapter = createAdapter(p, config, noGate);
    const batch: Parameters<typeof listings.adopt>[1] = [];
    for await (const page of adapter.fetchListings()) {
      for (const l of page.listings) {
        const row = l.sku ? byId.get(l.sku) : undefined;
        if (!row) continue;
        const baseline = linkedBaseline(l, row.images);
        batch.push({ productId: row.id, platform: p, externalId: l.externalId, listing: baseline, hash: listingHash(baseline) });
      }
    }
    await listings.adopt(db, batch);
    await adapter.close();
  }
  return { unlisted, listed };
}
