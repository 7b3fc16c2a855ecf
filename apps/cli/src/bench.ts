import { parseArgs } from 'node:util';
import { formatAmount, listingHash, type Platform } from '@gearsync/core';
import { actions, dropDatabase, listings, migrate, openDatabase, products, runs, type Database } from '@gearsync/db';
import { noGate } from '@gearsync/platforms';
import { childEnv, createLogger, loadConfig, redactText } from '@gearsync/runtime';
import { createAdapter, openContext, requestRun } from '@gearsync/sync';
import { catalogue, rng } from './catalogue.js';
import { asListing, listable } from './divergence.js';
import { peakRssMb, processList, supervise, waitForHttp } from './processes.js';

/**
 * `npm run bench -- --products N [--change-pct P]`: a shop of N instruments already in sync
 * on every platform, then a realistic mix of changes (local price changes, sales on the
 * platforms, new stock, strangers listed by hand), and one full sync through the real
 * processes under the platforms' rate limits. The last line printed is one JSON object.
 */
const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '1000' },
    'change-pct': { type: 'string', default: '2' },
    platforms: { type: 'string' },
    keep: { type: 'boolean', default: false },
    sales: { type: 'string', default: '20' },
  },
});
const n = Number(values.products);
const changePct = Number(values['change-pct']);
const logger = createLogger('bench');
const say = (msg: string, meta: object = {}) => logger.info(msg, meta);

const env = childEnv({
  GEARSYNC_MODE: 'demo',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/gearsync_bench',
  QUEUE_PREFIX: `bench${Date.now().toString(36)}`,
  LOG_LEVEL: 'warn',
  API_TOKEN: `bench-${Date.now().toString(36)}-token`,
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
const all = processList(platforms, true);
const groups: { stop(): Promise<void> }[] = [];
const stopAll = () => Promise.all(groups.map((g) => g.stop()));
const onDeath = () => void stopAll().then(() => process.exit(1));
const first = supervise(all.slice(0, 1), env, logger, { quiet: true, onGiveUp: onDeath });
groups.push(first);
const children = [...first.children];
try {
  await waitForHttp(`${sandbox}/_health`);
  await control('POST', '/reset');

  // The shop as it was at the last sync: every platform holds exactly our listings.
  const items = catalogue(n, { platforms, seed: 5 });
  const seedStart = Date.now();
  await products.upsertMany(database.db, items);
  for (const p of platforms) await control('PUT', `/${p}/listings`, items.filter((i) => listable(i, p)).map((i) => asListing(i, p)));
  const ids = new Map((await products.list(database.db, { limit: n + 10 })).map((r) => [r.sku, r.id]));
  for (const p of platforms) {
    const adapter = createAdapter(p, config, noGate);
    const batch: Parameters<typeof listings.adopt>[1] = [];
    for await (const page of adapter.fetchListings()) {
      for (const l of page.listings) {
        const productId = l.sku ? ids.get(l.sku) : undefined;
        if (productId) batch.push({ productId, platform: p, externalId: l.externalId, listing: l, hash: listingHash(l) });
      }
    }
    await listings.adopt(database.db, batch);
    await adapter.close();
  }
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
  const rest = supervise(all.slice(1), env, logger, { quiet: true, onGiveUp: onDeath });
  groups.push(rest);
  children.push(...rest.children);
  await waitForHttp(`${config.apiUrl}/health`);
  await new Promise((res) => setTimeout(res, 2000)); // workers connect

  // The oversell window: a sale on one platform until the item is off sale on every other.
  const candidates = items.filter((i) => i.quantity === 1 && !i.platforms && i.status === 'active').map((i) => i.sku).reverse();
  const salePlatforms = platforms.filter((p) => hooks[p]);
  const salesPerPhase = Number(values.sales);
  const idle = await measureOversell(database, salesPerPhase, candidates, salePlatforms, platforms);
  say('oversell window, idle', idle);
  // The changes below happened while nobody was listening (their sales come to light in the snapshot).
  await webhooks(false);

  // The changes since: price changes at the shop, sales on the platforms, new stock, strangers.
  const r = rng(17);
  const changes = Math.max(4, Math.round((n * changePct) / 100));
  const mix = { price: Math.round(changes * 0.7), sales: Math.max(1, Math.round(changes * 0.1)), fresh: Math.round(changes * 0.15), strangers: Math.max(1, Math.round(changes * 0.05)) };
  const shuffled = [...items].sort(() => r() - 0.5);
  for (const p of shuffled.slice(0, mix.price)) await products.update(database.db, p.sku, { priceCents: Math.round(p.priceCents * 0.93 / 100) * 100 });
  let sold = 0;
  for (const p of shuffled.slice(mix.price, mix.price + mix.sales * 3)) {
    if (sold >= mix.sales || p.platforms) continue;
    const where = platforms[sold % platforms.length]!;
    await control('POST', `/${where}/sales`, { sku: p.sku, quantity: 1 });
    sold += 1;
  }
  await products.upsertMany(database.db, catalogue(mix.fresh, { platforms, seed: 777, skuPrefix: 'NEW' }));
  for (const p of platforms) {
    await control('POST', `/${p}/listings`, Array.from({ length: mix.strangers }, (_, i) => ({ sku: `HAND-${i}`, title: `Consignment Harmony Stratotone ${1955 + i}`, description: 'by hand', price: { amount: formatAmount(30000 + i * 100), currency: 'USD' }, quantity: 1, condition: p === 'vr' ? null : 'good', images: [], status: 'active', brand: 'Harmony', model: 'Stratotone', year: 1955 + i })));
  }
  say('changed the world', { ...mix, sold });
  await webhooks(true);

  // One full sync through the real processes.
  const ctx = openContext('bench', { role: 'producer', config });
  const t0 = Date.now();
  const ticket = await requestRun(ctx, { trigger: 'bench' });
  let run = (await runs.get(database.db, ticket.runId))!;
  let lastLog = 0;
  let busy: { p50: number | null; p95: number | null; n: number } | null = null;
  while (!['completed', 'completed_with_errors', 'failed', 'awaiting_approval'].includes(run.status)) {
    await new Promise((res) => setTimeout(res, 250));
    run = (await runs.get(database.db, ticket.runId))!;
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
  const progress = (await runs.progress(database.db, [run.id])).get(run.id)!;

  const apiCalls = run.apiCalls as Record<Platform, number>;
  let snapshotBound = 0;
  let executeBound = 0;
  let throttled = 0;
  const throttledBy: Partial<Record<Platform, number>> = {};
  for (const p of platforms) {
    const snap = run.snapshot[p]?.calls ?? 0;
    const exec = (apiCalls[p] ?? 0) - snap;
    const { max, perMs } = config.rate[p];
    snapshotBound = Math.max(snapshotBound, (snap / max) * perMs);
    executeBound = Math.max(executeBound, (exec / max) * perMs);
    throttledBy[p] = (await control('GET', `/${p}/stats`)).throttled as number;
    throttled += throttledBy[p]!;
  }
  const lowerBoundMs = Math.round(snapshotBound + executeBound);
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
    status: run.status,
    actions: { total: progress.total, succeeded: progress.succeeded, failed: progress.failed },
    wallMs,
    stageMs: { snapshot: run.stages.snapshot?.ms ?? null, plan: run.stages.plan?.ms ?? null, execute: run.stages.execute?.ms ?? null, report: run.stages.report?.ms ?? null },
    apiCalls,
    lowerBoundMs,
    ratioToBound: lowerBoundMs ? Math.round((wallMs / lowerBoundMs) * 100) / 100 : null,
    throttled,
    throttledBy,
    peakRssMb: peakRss,
    browserPeakRssMb: browserRss,
    oversellMs: { idle: { p50: idle.p50, p95: idle.p95 }, busy: busy ? { p50: busy.p50, p95: busy.p95 } : null },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (err) {
  logger.error('bench failed', { error: redactText((err as Error).message) });
  process.exitCode = 1;
} finally {
  await stopAll();
  await database.close();
  if (!values.keep) await dropDatabase(config.DATABASE_URL);
}

/**
 * Sells `count` items one after another, each on a platform that sends sale webhooks, and
 * times from the sale until our end (or stock 0) has succeeded on every other platform.
 */
async function measureOversell(db: Database, count: number, skus: string[], salePlatforms: Platform[], platforms: Platform[]) {
  const windows: number[] = [];
  for (let i = 0; i < count && skus.length; i++) {
    const sku = skus.pop()!;
    const where = salePlatforms[i % salePlatforms.length]!;
    const others = platforms.filter((p) => p !== where);
    const t0 = Date.now();
    await control('POST', `/${where}/sales`, { sku, quantity: 1 });
    const deadline = t0 + 60_000;
    while (Date.now() < deadline) {
      const done = await actions.offSaleSince(db.db, sku, new Date(t0 - 1000));
      if (others.every((p) => done.includes(p))) {
        windows.push(Date.now() - t0);
        break;
      }
      await new Promise((res) => setTimeout(res, 20));
    }
  }
  windows.sort((a, b) => a - b);
  const q = (f: number) => (windows.length ? windows[Math.min(windows.length - 1, Math.ceil(f * windows.length) - 1)]! : null);
  return { p50: q(0.5), p95: q(0.95), n: windows.length, missed: count - windows.length };
}
