import { parseArgs } from 'node:util';
import { formatAmount, listingHash, type Platform } from '@gearsync/core';
import { dropDatabase, listings, migrate, openDatabase, products, runs } from '@gearsync/db';
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
const { children, stop } = supervise(all.slice(0, 1), env, logger, { quiet: true });
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
    // The platforms' own budgets, as the sandbox enforces them (a sliding window).
    await control('PUT', `/${p}/config`, { rateLimit: config.rate[p] });
  }
  say('changed the world', { ...mix, sold });

  // One full sync through the real processes.
  const rest = supervise(all.slice(1), env, logger, { quiet: true });
  children.push(...rest.children);
  await waitForHttp(`${config.apiUrl}/health`);
  await new Promise((res) => setTimeout(res, 1500)); // workers connect
  const ctx = openContext('bench', { role: 'producer', config });
  const t0 = Date.now();
  const ticket = await requestRun(ctx, { trigger: 'bench' });
  let run = (await runs.get(database.db, ticket.runId))!;
  let lastLog = 0;
  while (!['completed', 'completed_with_errors', 'failed', 'awaiting_approval'].includes(run.status)) {
    await new Promise((res) => setTimeout(res, 250));
    run = (await runs.get(database.db, ticket.runId))!;
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
  for (const p of platforms) {
    const snap = run.snapshot[p]?.calls ?? 0;
    const exec = (apiCalls[p] ?? 0) - snap;
    const { max, perMs } = config.rate[p];
    snapshotBound = Math.max(snapshotBound, (snap / max) * perMs);
    executeBound = Math.max(executeBound, (exec / max) * perMs);
    throttled += (await control('GET', `/${p}/stats`)).throttled as number;
  }
  const lowerBoundMs = Math.round(snapshotBound + executeBound);
  const peakRss: Record<string, number> = {};
  for (const c of children) if (c.child.pid) peakRss[c.name] = await peakRssMb(c.child.pid);
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
    peakRssMb: peakRss,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (err) {
  logger.error('bench failed', { error: redactText((err as Error).message) });
  process.exitCode = 1;
} finally {
  await stop();
  await database.close();
  if (!values.keep) await dropDatabase(config.DATABASE_URL);
}
