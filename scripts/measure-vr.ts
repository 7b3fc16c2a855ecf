/**
 * `npx tsx scripts/measure-vr.ts [items]`: the V&R figures the README quotes —
 * a snapshot of an N-item shop (default 500), a create with three photos, and the requests one
 * create makes — against the emulation in one process, real Chromium between them.
 */
import { startSandbox } from '../apps/sandbox/src/server.js';
import { testCredentials } from '../apps/sandbox/src/test-credentials.js';
import { createVrAdapter } from '../packages/platforms/src/vr/adapter.js';

const items = Number(process.argv[2] ?? 500);
// `--budget 2/1000`: the call budget the executor would hold the adapter to (VR_RATE_MAX / VR_RATE_MS).
const budgetArg = process.argv.indexOf('--budget');
const [max, perMs] = budgetArg > 0 ? process.argv[budgetArg + 1]!.split('/').map(Number) : [0, 0];
const recent: number[] = [];
const gate = {
  acquire: async () => {
    if (!max) return;
    for (;;) {
      const now = Date.now();
      while (recent.length && recent[0]! <= now - perMs!) recent.shift();
      if (recent.length < max!) return void recent.push(now);
      await new Promise((r) => setTimeout(r, recent[0]! + perMs! - now));
    }
  },
};
const sandbox = await startSandbox({ port: 0, credentials: testCredentials });
const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sandbox.url}/_control/vr${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
const categories = [['51', '83'], ['51', '701'], ['52', '711'], ['90', '93'], ['90', '268'], ['53', '731']];
await control(
  'PUT',
  '/listings',
  Array.from({ length: items }, (_, i) => ({
    sku: i % 4 === 0 ? '' : `GS-${i}`,
    title: `Fender Model ${i}`,
    brand: 'Fender',
    model: `Model ${i}`,
    year: 1950 + (i % 70),
    platformCategory: categories[i % categories.length],
    description: `<p>Item ${i}: a description of a few lines, "quoted", with commas, as dealers write them.</p>`.repeat(4),
    price: { amount: `${1000 + i}.00`, currency: 'USD' },
    images: Array.from({ length: 6 }, (_, k) => `https://img.example/${i}/${k}.jpg`),
    status: i % 10 === 0 ? 'sold' : 'active',
  })),
);
const adapter = createVrAdapter({ baseUrl: `${sandbox.url}/vr`, username: testCredentials.vr.username, password: testCredentials.vr.password, timeoutMs: 15_000, gate });
const snapshot = async () => {
  const t = Date.now();
  let n = 0;
  for await (const page of adapter.fetchListings()) n += page.listings.length;
  return { listings: n, ms: Date.now() - t };
};
const cold = await snapshot();
const warm = await snapshot();
const before = (await control('GET', '/stats')).byEndpoint as Record<string, number>;
const calls = adapter.calls();
const t = Date.now();
const [outcome] = await adapter.execute([
  {
    actionId: 1,
    kind: 'create',
    sku: 'GS-NEW',
    payload: {
      listing: {
        externalId: '',
        sku: 'GS-NEW',
        title: 'Gibson ES-335',
        description: '<p>Plays <strong>great</strong></p>',
        price: { cents: 749900, currency: 'USD' },
        quantity: 1,
        condition: 'excellent',
        images: ['front.jpg', 'back.jpg', 'head.webp'].map((f) => `${sandbox.url}/_images/gear/${f}`),
        state: 'active',
        brand: 'Gibson',
        model: 'ES-335',
        year: 1964,
        platformCategory: ['51', '701'],
      },
    },
  },
]);
const createMs = Date.now() - t;
const after = (await control('GET', '/stats')).byEndpoint as Record<string, number>;
const requests = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
console.log(JSON.stringify({ items, budget: max ? `${max}/${perMs}ms` : 'none', snapshotMs: { cold: cold.ms, warm: warm.ms }, listings: warm.listings, createMs, createOk: outcome?.ok, createRequests: adapter.calls() - calls, byEndpoint: requests, peakRssMb: Math.round(process.memoryUsage().rss / 1e6) }));
await adapter.close();
await sandbox.close();
