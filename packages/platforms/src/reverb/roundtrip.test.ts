import { plan, type Baseline, type ListingContext, type PlanInput, type PlannedAction, type Product } from '@gearsync/core';
import { startReverbSandbox } from '../../../../apps/sandbox/src/reverb/testing.js';
import type { ActionOutcome, PlatformAdapter } from '../adapter.js';
import { createReverbAdapter } from './adapter.js';

/**
 * The planner and the Reverb adapter against the emulation, run after run, with the baseline
 * written as the executor writes it (the outcome's listing). No database: what is checked is
 * that a rehosting platform compares equal to what we sent on the next run.
 */
const TOKEN = 'roundtrip-token';
const SOLID_BODY = 'e57deb7a-382b-4e18-a008-67d4fbcb2879';
const PEDALS = '9bee8b39-c5f1-4fa7-90af-38740fc21a73';
const context: ListingContext = {
  settings: { reverb: { currency: 'USD', shippingProfileId: '61256' } },
  categories: { 'Electric Guitars': { reverb: { categoryUuids: [SOLID_BODY] } }, Pedals: { reverb: { categoryUuids: [PEDALS] } } },
  requirements: {},
};

let sandbox: Awaited<ReturnType<typeof startReverbSandbox>>;
let adapter: PlatformAdapter;
beforeAll(async () => {
  sandbox = await startReverbSandbox(TOKEN);
});
afterAll(() => sandbox.close());
let importMs = 0;
beforeEach(async () => {
  await control('POST', '/reset');
  await control('PUT', '/reverb/account', { shippingProfiles: ['61256'] });
  await control('PUT', '/reverb/config', { photoImportMs: importMs });
  adapter = createReverbAdapter({ baseUrl: `${sandbox.url}/reverb`, token: TOKEN, timeoutMs: 2_000, photoWaitMs: [50, 100, 200, 400] });
});
afterEach(() => adapter.close());

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

function product(id: number, extra: Partial<Product> = {}): Product {
  const sku = `RT-${id}`;
  return {
    id,
    sku,
    brand: 'Fender',
    model: `Model ${id}`,
    title: `Fender Model ${id}`,
    description: 'Played, loved, set up.',
    year: 1960 + id,
    finish: 'Sunburst',
    category: 'Electric Guitars',
    condition: 'excellent',
    price: { cents: 100_000 + id * 100, currency: 'USD' },
    quantity: 1,
    images: [1, 2, 3].map((n) => `https://img.example/${sku}-${n}.jpg`),
    status: 'active',
    platforms: ['reverb'],
    attributes: {},
    ...extra,
  };
}

type World = { products: Product[]; baselines: Map<number, Baseline> };

async function snapshot() {
  const listings = [];
  for await (const page of adapter.fetchListings()) listings.push(...page.listings);
  return listings;
}

async function runPlan(world: World) {
  const input: PlanInput = {
    platforms: ['reverb'],
    enabledPlatforms: ['reverb'],
    snapshot: { reverb: { complete: true, listings: await snapshot() } },
    products: world.products.map((p) => ({ product: p, baselines: world.baselines.has(p.id) ? { reverb: world.baselines.get(p.id)! } : {} })),
    listing: context,
    skus: null,
    maxDestructivePct: 100,
    orphanPolicy: 'report',
  };
  return plan(input);
}

/** Executes each action and keeps the outcome's listing as the new baseline, as the executor does. */
async function execute(world: World, actions: PlannedAction[]): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  for (const [i, a] of actions.entries()) {
    if (a.error) continue;
    const [outcome] = await adapter.execute([{ actionId: i + 1, kind: a.kind, sku: a.sku, payload: a.payload }]);
    outcomes.push(outcome!);
    if (outcome!.ok && outcome!.listing && a.productId) {
      world.baselines.set(a.productId, { platform: 'reverb', externalId: outcome!.externalId, listing: outcome!.listing });
    }
  }
  return outcomes;
}

/** Actions that would reach Reverb (a product that cannot render there fails at plan time). */
const sent = (actions: PlannedAction[]) => actions.filter((a) => !a.error);
const kinds = (actions: PlannedAction[]) => sent(actions).map((a) => `${a.kind} ${a.sku}`);

describe.each([
  ['at once', 0],
  ['after a while, as Reverb fetches them', 120],
])('photos fetched %s', (_name, ms) => {
  beforeAll(() => {
    importMs = ms;
  });
  afterAll(() => {
    importMs = 0;
  });

  it('a full sync then a second sync plans nothing although every photo came back renamed; one changed photo sends only that listing’s photos', async () => {
    const world: World = {
      products: [
        ...Array.from({ length: 6 }, (_, i) => product(i + 1)),
        product(7, { category: 'Pedals', condition: 'new', quantity: 3, title: 'Boss OD-1' }),
        product(8, { category: 'Banjos' }),
      ],
      baselines: new Map(),
    };
    const first = await runPlan(world);
    expect(kinds(first.actions)).toEqual(Array.from({ length: 7 }, (_, i) => `create RT-${i + 1}`));
    expect(first.actions.find((a) => a.sku === 'RT-8')?.error).toMatch(/Banjos/);
    const outcomes = await execute(world, first.actions);
    expect(outcomes.every((o) => o.ok)).toBe(true);

    const truth: { sku: string; images: string[]; quantity: number; status: string }[] = await control('GET', '/reverb/listings');
    expect(truth.map((l) => [l.status, l.images.length])).toEqual(Array.from({ length: 7 }, () => ['active', 3]));
    expect(truth.flatMap((l) => l.images).every((u) => u.startsWith('https://rvb-img.reverb.com/'))).toBe(true);
    expect(truth.find((l) => l.sku === 'RT-7')?.quantity).toBe(3);

    const second = await runPlan(world);
    expect(kinds(second.actions)).toEqual([]);

    // One photo of one product changes: one update, only that listing's photos touched.
    const changed = world.products[2]!;
    changed.images = [changed.images[0]!, 'https://img.example/RT-3-2-retouched.jpg', changed.images[2]!];
    const third = await runPlan(world);
    expect(kinds(third.actions)).toEqual(['update RT-3']);
    expect(sent(third.actions)[0]!.payload.photosChanged).toBe(true);
    const before: { byEndpoint: Record<string, number> } = await control('GET', '/reverb/stats');
    expect((await execute(world, third.actions))[0]).toMatchObject({ ok: true });
    const after: { byEndpoint: Record<string, number> } = await control('GET', '/reverb/stats');
    const delta = (key: string) => (after.byEndpoint[key] ?? 0) - (before.byEndpoint[key] ?? 0);
    expect([delta('GET /listings/:id/images'), delta('PUT /listings/:id'), delta('DELETE /listings/:id/images/:id')]).toEqual([1, 1, 1]);
    expect(kinds((await runPlan(world)).actions)).toEqual([]);
    const rt3 = (await control('GET', '/reverb/listings')).find((l: { sku: string }) => l.sku === 'RT-3');
    expect(rt3.images).toHaveLength(3);

    // A content change elsewhere sends no photos at all.
    world.products[0]!.price = { cents: 99_900, currency: 'USD' };
    const fourth = await runPlan(world);
    expect(kinds(fourth.actions)).toEqual(['update RT-1']);
    expect(sent(fourth.actions)[0]!.payload.photosChanged).toBe(false);
    await execute(world, fourth.actions);
    expect(kinds((await runPlan(world)).actions)).toEqual([]);
    const photos = (await control('GET', '/reverb/listings')).map((l: { images: string[] }) => l.images.length);
    expect(photos).toEqual([3, 3, 3, 3, 3, 3, 3]);
  });
});

it('sold_out and ordered are recorded as sales once', async () => {
  const world: World = { products: [product(1), product(2), product(3)], baselines: new Map() };
  await execute(world, (await runPlan(world)).actions);
  await control('POST', '/reverb/sales', { sku: 'RT-1' });
  await control('POST', '/reverb/sales', { sku: 'RT-2', paid: false });
  const result = await runPlan(world);
  expect(result.sales.map((s) => [s.sku, s.quantity]).sort()).toEqual([
    ['RT-1', 1],
    ['RT-2', 1],
  ]);
  // The shell applies the plan: each sale lowers the stock, and the sale platform's baseline.
  for (const s of result.sales) {
    const p = world.products.find((p) => p.id === s.productId)!;
    p.quantity = Math.max(0, p.quantity - s.quantity);
  }
  for (const u of result.baselineUpdates) world.baselines.set(u.productId, { platform: 'reverb', externalId: u.externalId, listing: u.listing });
  const again = await runPlan(world);
  expect(again.sales).toEqual([]);
  expect(again.actions).toEqual([]);
});
