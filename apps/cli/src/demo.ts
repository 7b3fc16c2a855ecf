import { randomBytes } from 'node:crypto';
import type { Platform } from '@gearsync/core';
import { formatAmount } from '@gearsync/core';
import { migrate, openDatabase, products } from '@gearsync/db';
import { parseArgs } from 'node:util';
import { childEnv, createLogger, loadConfig, loadConfigWith, redactText } from '@gearsync/runtime';
import { catalogue, rng } from './catalogue.js';
import { configureSandboxAccounts, DEMO_UNMAPPED_CATEGORY, seedShopSettings, shopCategoryMap } from './shop.js';
import { divergedListings } from './divergence.js';
import { processList, supervise, waitForHttp } from './processes.js';

/**
 * `npm run demo`: a dealer's shop a few weeks after connecting gearsync. Seeds a catalogue,
 * starts the sandbox, API and workers, brings the platforms in line once, then lets the world
 * drift (sales on the platforms, prices edited by hand, new stock, local price changes) so
 * that the next Sync Now has real work to show.
 */
const logger = createLogger('demo');
// --seed-only: the processes run elsewhere (docker compose); only seed them.
const { values: flags } = parseArgs({ options: { 'seed-only': { type: 'boolean', default: false } } });

try {
  const base = loadConfigWith({ GEARSYNC_MODE: 'demo' });
  const token = base.API_TOKEN ?? `demo-${randomBytes(12).toString('hex')}`;
  // The demo dealer is in the UK: eBay's marketplace is EBAY_GB and the shop sells in GBP, as the shop's settings say.
  const env = childEnv({ GEARSYNC_MODE: 'demo', API_TOKEN: token, EBAY_MARKETPLACE_ID: 'EBAY_GB', WEBSITE_CURRENCY: 'GBP', VR_CURRENCY: 'GBP' });
  const config = loadConfig(env);
  const platforms = config.PLATFORMS as Platform[];
  await migrate(config.DATABASE_URL);
  const database = openDatabase(config.DATABASE_URL, { max: 2 });
  // A UK dealer: prices in GBP, every platform set up for it.
  const items = catalogue(config.DEMO_PRODUCTS, { currency: 'GBP', imageBase: `${config.sandboxUrl}/_images` });
  const existing = await products.count(database.db);
  if (!flags['seed-only']) {
    const { stop } = supervise(processList(platforms, true), env, logger);
    process.once('SIGINT', () => void stop().then(() => process.exit(0)));
    process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  }

  const api = config.apiUrl;
  const sandbox = config.sandboxUrl;
  await waitForHttp(`${sandbox}/_health`);
  await waitForHttp(`${api}/health`);
  // The platform accounts as the dealer set them up (policies, locations, profiles, categories, brands).
  await configureSandboxAccounts(sandbox, platforms, [...new Set(items.map((p) => p.brand))], 'GBP');
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
  const waitRun = async (runId: string) => {
    for (;;) {
      const run = await call(api, 'GET', `/api/sync/runs/${runId}`);
      if (['completed', 'completed_with_errors', 'failed', 'planned', 'awaiting_approval'].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  if (existing === 0) {
    await products.upsertMany(database.db, items);
    // Listing defaults and the category map, with one category left unmapped for the readiness panel to show.
    await seedShopSettings(database.db, { currency: 'GBP', unmapped: [DEMO_UNMAPPED_CATEGORY] });
    logger.info('seeded the catalogue and the shop settings', { products: items.length, unmapped: DEMO_UNMAPPED_CATEGORY });
    // Each item sits where the dealer filed it by hand, the drum kits too (only gearsync's map lacks them).
    const filed = shopCategoryMap();
    for (const p of platforms) {
      const listings = divergedListings(items, p, { missing: 0.1, wrongPrice: 0.05, strangers: 3, noSku: p === 'vr' ? 0.6 : 0, categories: filed });
      await call(sandbox, 'PUT', `/_control/${p}/listings`, listings);
    }
    logger.info('the platforms hold the shop as it was before gearsync; bringing them in line once');
    const first = await call(api, 'POST', '/api/sync', {});
    const done = await waitRun(first.runId);
    logger.info('first sync finished', { status: done.status, progress: done.progress });

    // Weeks later: sales on the platforms, hand edits, new stock and price changes at the shop.
    const r = rng(99);
    const listed = items.filter((p) => p.quantity === 1 && p.category !== DEMO_UNMAPPED_CATEGORY);
    for (let i = 0; i < 6; i++) {
      const p = listed[Math.floor(r() * listed.length)]!;
      const where = platforms[i % platforms.length]!;
      await fetch(`${sandbox}/_control/${where}/sales`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: p.sku }) });
    }
    for (let i = 0; i < 5; i++) {
      const p = listed[Math.floor(r() * listed.length)]!;
      const where = platforms.filter((x) => x !== 'vr')[i % Math.max(1, platforms.length - 1)] ?? platforms[0]!;
      await fetch(`${sandbox}/_control/${where}/listings/${encodeURIComponent(p.sku)}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ price: { amount: formatAmount(p.priceCents + 10000), currency: p.currency } }) });
    }
    for (let i = 0; i < 10; i++) {
      const p = items[Math.floor(r() * items.length)]!;
      await call(api, 'PATCH', `/api/products/${encodeURIComponent(p.sku)}`, { price: { amount: formatAmount(Math.round(p.priceCents * 0.95)), currency: p.currency } });
    }
    const fresh = catalogue(15, { seed: 4242, skuPrefix: 'NEW', currency: 'GBP', imageBase: `${config.sandboxUrl}/_images` });
    await products.upsertMany(database.db, fresh);
    logger.info('the shop has drifted: 6 sales on the platforms, 5 hand edits, 10 price changes, 15 new instruments');
  }
  await database.close();
  if (flags['seed-only']) process.exit(0);
  process.stdout.write(
    `\n  gearsync demo is running\n\n    open      ${api}/login\n    API token ${token}\n    sandbox   ${sandbox}/_control/website/listings\n    queues    ${api}/admin/queues\n\n  Press Sync Now to bring every platform in line. Ctrl-C stops everything.\n\n`,
  );
} catch (err) {
  logger.error(redactText((err as Error).message));
  process.exit(1);
}
