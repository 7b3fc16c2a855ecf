import { createWorld } from './test/harness.js';
import { catalogue } from './apps/cli/src/catalogue.js';
import { divergedListings } from './apps/cli/src/divergence.js';
import { products, runs, actions } from '@gearsync/db';
import { openContext, requestRun } from '@gearsync/sync';
import { loadConfig } from '@gearsync/runtime';

const P = ['website','reverb','vr','ebay'] as const;
const world = await createWorld({ platforms: [...P] });
try {
  await Promise.all([world.startSandbox(), world.startWorker('snapshot'), world.startWorker('plan'), world.startWorker('report'), ...P.map(p => world.startWorker('execute', p))]);
  const items = catalogue(60, { platforms: [...P] });
  await products.upsertMany(world.database.db, items);
  for (const p of P) { const listings = divergedListings(items, p, { missing: 0.2, wrongPrice: 0.1, strangers: 3, noSku: p === 'vr' ? 0.5 : 0 });
  console.log('put', (await world.control('PUT', `/${p}/listings`, listings)).status); }
  const ctx = openContext('smoke', { role: 'producer', config: loadConfig(world.env) });
  const t0 = Date.now();
  const ticket = await requestRun(ctx, { trigger: 'cli' });
  console.log(ticket);
  for (;;) {
    const run = (await runs.get(world.database.db, ticket.runId))!;
    if (['completed', 'completed_with_errors', 'failed'].includes(run.status)) { console.log(run.status, Date.now() - t0, 'ms', JSON.stringify(run.summary).slice(0, 600), run.stages, run.apiCalls); break; }
    await new Promise((r) => setTimeout(r, 200));
    if (Date.now() - t0 > 40000) { console.log('timeout', run.status); for (const p of world.processes) console.log(p.name, p.output.slice(-10).join('')); break; }
  }
  const failed = (await actions.listForRun(world.database.db, ticket.runId)).filter(a => a.status !== 'succeeded');
  console.log('not succeeded', failed.length, failed.slice(0, 3));
  const t2 = await requestRun(ctx, { trigger: 'cli' });
  for (;;) {
    const run = (await runs.get(world.database.db, t2.runId))!;
    if (['completed', 'completed_with_errors', 'failed'].includes(run.status)) { console.log('second', run.status, JSON.stringify(run.summary?.platforms)); break; }
    await new Promise((r) => setTimeout(r, 200));
  }
  const second = await actions.listForRun(world.database.db, t2.runId);
  console.log('second run actions', second.length, JSON.stringify(second.map(a => [a.platform, a.kind, a.reason])));
  await ctx.close();
} finally {
  for (const p of world.processes) if (p.output.join('').includes('error')) console.log('---', p.name, p.output.slice(-5).join('').slice(0, 1500));
  await world.close();
}
