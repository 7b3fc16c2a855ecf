/**
 * Times plan() on 50,000 products × 4 platforms with a realistic mix of changes:
 * 2 % local price changes, 1 % sales, 1 % new products, 0.5 % hand edits on a platform,
 * 0.5 % orphans with unknown SKUs and 0.5 % SKU-less V&R items made by hand.
 *   npx tsx packages/core/bench/plan-timing.ts [--products N]
 */
import { PLATFORMS, plan, readyContext, renderListing, type Condition, type Listing, type PlanInput, type PlanProduct, type Platform, type Product } from '../src/index.js';

const CTX = readyContext();

const arg = process.argv.indexOf('--products');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 50_000;

/** xorshift32: the same world on every run, so timings compare. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

function world(n: number): { input: PlanInput; mix: Record<string, number> } {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const brands = ['Fender', 'Gibson', 'Gretsch', 'Rickenbacker', 'Martin', 'Taylor', 'Ibanez', 'PRS'];
  const models = ['Stratocaster', 'Telecaster', 'Les Paul', 'SG', 'ES-335', 'Jazzmaster', 'D-28', '330', 'Custom 24'];
  const conditions: Condition[] = ['excellent', 'very_good', 'good', 'new', 'fair'];
  const snapshot: PlanInput['snapshot'] = {};
  for (const p of PLATFORMS) snapshot[p] = { complete: true, listings: [] };
  const mix = { priceChanges: 0, sales: 0, newProducts: 0, handEdits: 0, orphans: 0, handMadeVr: 0 };

  const products: PlanProduct[] = [];
  for (let id = 1; id <= n; id++) {
    const brand = pick(brands);
    const model = pick(models);
    const year = 1950 + Math.floor(rand() * 70);
    const product: Product = {
      id,
      sku: `GS-${String(id).padStart(6, '0')}`,
      brand,
      model,
      title: `${year} ${brand} ${model} ${pick(['Sunburst', 'Black', 'Olympic White', 'Natural', 'Cherry'])} with original hard case and paperwork`,
      description: `A ${year} ${brand} ${model} in lovely played-in condition. Frets have plenty of life left.`,
      year,
      finish: 'Sunburst',
      category: 'Electric Guitars',
      condition: pick(conditions),
      price: { cents: 50_000 + Math.floor(rand() * 2_000_000), currency: 'USD' },
      quantity: 1,
      images: [`https://img.example/${id}/1.jpg`, `https://img.example/${id}/2.jpg`],
      status: 'active',
      platforms: null,
    };
    const roll = rand();
    const baselines: PlanProduct['baselines'] = {};
    if (roll < 0.01) {
      mix.newProducts++;
    } else {
      for (const platform of PLATFORMS) {
        const r = renderListing(product, platform, CTX, { externalId: `${platform}-${id}` });
        if (!r.ok) continue;
        baselines[platform] = { platform, externalId: r.listing.externalId, listing: r.listing, version: 'v1' };
        snapshot[platform]!.listings.push({ ...r.listing });
      }
      const listings = (p: Platform): Listing[] => snapshot[p]!.listings;
      const last = (p: Platform): number => listings(p).length - 1;
      if (roll < 0.02) {
        mix.sales++;
        const p = pick(PLATFORMS);
        listings(p)[last(p)] = { ...listings(p)[last(p)]!, state: 'sold', quantity: 0 };
      } else if (roll < 0.04) {
        mix.priceChanges++;
        product.price = { cents: product.price.cents - 5_000, currency: 'USD' };
      } else if (roll < 0.045) {
        mix.handEdits++;
        const p = pick(PLATFORMS);
        listings(p)[last(p)] = { ...listings(p)[last(p)]!, description: 'Edited on the platform by hand.' };
      }
    }
    products.push({ product, baselines });
  }

  for (let i = 0; i < Math.round(n * 0.005); i++) {
    mix.orphans++;
    const platform = pick(PLATFORMS);
    snapshot[platform]!.listings.push({
      externalId: `orphan-${i}`,
      sku: `OLD-${i}`,
      title: 'Listed by hand years ago',
      description: '',
      price: { cents: 99_900, currency: 'USD' },
      quantity: 1,
      condition: null,
      images: [],
      state: 'active',
    });
  }
  // Hand-made V&R items of new products: matched by brand + model + year, not created twice.
  for (const pp of products) {
    if (Object.keys(pp.baselines).length > 0 || rand() > 0.5) continue;
    mix.handMadeVr++;
    const p = pp.product;
    snapshot.vr!.listings.push({
      externalId: `vr-hand-${p.id}`,
      sku: null,
      title: `${p.brand} ${p.model}`,
      description: p.description,
      price: p.price,
      quantity: 1,
      condition: null,
      images: p.images,
      state: 'active',
      brand: p.brand,
      model: p.model,
      year: p.year,
    });
  }

  return {
    input: {
      platforms: [...PLATFORMS],
      enabledPlatforms: [...PLATFORMS],
      snapshot,
      products,
      listing: CTX,
      skus: null,
      maxDestructivePct: 10,
      orphanPolicy: 'report',
    },
    mix,
  };
}

const { input, mix } = world(N);
const listings = PLATFORMS.reduce((n, p) => n + (input.snapshot[p]?.listings.length ?? 0), 0);
const times: number[] = [];
const cpuTimes: number[] = [];
let result = plan(input);
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  result = plan(input);
  const c = process.cpuUsage(c0);
  times.push(performance.now() - t0);
  cpuTimes.push((c.user + c.system) / 1000);
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const byKind: Record<string, number> = {};
for (const a of result.actions) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
console.log(
  `plan(): ${N} products × ${PLATFORMS.length} platforms, ${listings} remote listings → ${result.actions.length} actions, ` +
    `${result.sales.length} sales, ${result.orphans.length} orphans, ${result.drift.length} drift; median of 3: ${times[1]!.toFixed(0)} ms (CPU ${cpuTimes[1]!.toFixed(0)} ms)`,
);
console.log(JSON.stringify({ products: N, platforms: PLATFORMS.length, listings, mix, actions: byKind, sales: result.sales.length, orphans: result.orphans.length, drift: result.drift.length, held: result.held, runsMs: times.map((t) => Math.round(t)), medianMs: Math.round(times[1]!), medianCpuMs: Math.round(cpuTimes[1]!) }));
