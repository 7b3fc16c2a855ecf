import fc from 'fast-check';
import { isOffered, sameListing, withSourcePhotos } from './compare.js';
import { plan, PRIORITY, type PlanInput, type PlanProduct, type PlanResult } from './plan.js';
import { renderListing } from './render.js';
import type { PriceRule } from './settings.js';
import type { Baseline, Listing, Platform, Product } from './types.js';
import { CONDITIONS, PLATFORMS } from './types.js';
import { readyContext } from './fixtures.js';

const CTX = readyContext();

// --- a tiny platform: carries out a plan the way the executors and adapters would --------------

/** The executor keeps what we sent beside a baseline it rewrites (packages/sync execute). */
const keepPhotos = (next: Listing, before: Listing | null | undefined): Listing => (before?.photos && !next.photos ? { ...next, photos: before.photos } : next);

function applyPlan(input: PlanInput, result: PlanResult, only: 'all' | 'baselines' = 'all'): PlanInput {
  let version = 0;
  const snapshot: PlanInput['snapshot'] = {};
  for (const p of PLATFORMS) {
    const s = input.snapshot[p];
    if (s) snapshot[p] = { complete: s.complete, listings: s.listings.map((l) => ({ ...l })) };
  }
  const products = new Map<number, PlanProduct>(
    input.products.map((pp) => [pp.product.id, { product: { ...pp.product }, baselines: { ...pp.baselines } }]),
  );
  const setBaseline = (productId: number | null, platform: Platform, listing: Listing): void => {
    if (productId === null) return;
    const pp = products.get(productId)!;
    pp.baselines[platform] = { platform, externalId: listing.externalId, listing: { ...listing }, version: `after-${++version}` };
  };
  // Reverb and the shop rehost every photo they are sent and answer their own URLs.
  let served = 0;
  const rehost = (platform: Platform, listing: Listing): Listing => {
    if (platform !== 'reverb' && platform !== 'website') return listing;
    const photos = listing.images.map((source) => ({ source, url: `https://${platform}.cdn.example/${++served}.jpg`, id: String(served) }));
    return { ...listing, images: photos.map((p) => p.url), photos };
  };
  // As the shell does: each sale recorded lowers the stock, never below 0.
  for (const s of result.sales) {
    const p = products.get(s.productId)!.product;
    p.quantity = Math.max(0, p.quantity - s.quantity);
  }
  for (const u of result.baselineUpdates) setBaseline(u.productId, u.platform, u.listing);

  if (only === 'all') {
    // A link makes no platform call: it is recorded when the plan is stored, before any call runs,
    // so the outcome of a stock/end on the same listing is the baseline that survives.
    const links = result.actions.filter((a) => a.kind === 'link');
    for (const a of [...links, ...result.actions.filter((a) => a.kind !== 'link')]) {
      if (a.error) continue;
      const listings = (snapshot[a.platform] ??= { complete: true, listings: [] }).listings;
      const at = listings.findIndex((l) => l.externalId === a.payload.externalId);
      const here = at >= 0 ? listings[at]! : undefined;
      switch (a.kind) {
        case 'create': {
          const made: Listing = rehost(a.platform, { ...a.payload.listing!, externalId: `new-${a.platform}-${a.sku}` });
          const { photos: _p, ...held } = made;
          listings.push(held);
          setBaseline(a.productId, a.platform, made);
          break;
        }
        case 'update': {
          const sent: Listing = { ...a.payload.listing!, externalId: here!.externalId, ...(here!.refs ? { refs: here!.refs } : {}) };
          // Photos unchanged are not sent: the platform keeps the ones it holds.
          const next = a.payload.photosChanged === false ? { ...sent, images: here!.images, ...(a.payload.photos ? { photos: a.payload.photos } : {}) } : rehost(a.platform, sent);
          const { photos: _p, ...held } = next;
          listings[at] = held;
          setBaseline(a.productId, a.platform, next);
          break;
        }
        case 'stock':
          listings[at] = { ...here!, quantity: a.payload.quantity! };
          setBaseline(a.productId, a.platform, keepPhotos(listings[at]!, products.get(a.productId!)?.baselines[a.platform]?.listing));
          break;
        case 'end':
          // V&R has no end: the item is marked sold.
          listings[at] = { ...here!, state: a.platform === 'vr' ? 'sold' : 'ended' };
          setBaseline(a.productId, a.platform, keepPhotos(listings[at]!, products.get(a.productId!)?.baselines[a.platform]?.listing));
          break;
        case 'delete':
          listings.splice(at, 1);
          break;
        case 'link':
          setBaseline(a.productId, a.platform, { ...a.payload.listing!, externalId: a.payload.externalId! });
          break;
      }
    }
  }
  return { ...input, snapshot, products: [...products.values()] };
}

// --- generated worlds ----------------------------------------------------------------------------

const LONG_TITLE = 'Gibson Les Paul Standard 1959 Reissue Historic Collection Custom Shop VOS Iced Tea Burst Flame';

const productArb = fc.record({
  brand: fc.constantFrom('Fender', 'Gibson'),
  model: fc.constantFrom('Stratocaster', 'Les Paul'),
  year: fc.constantFrom(1965, 1972, null),
  title: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('Nice guitar', LONG_TITLE) }, { weight: 1, arbitrary: fc.constant('') }),
  description: fc.oneof({ weight: 6, arbitrary: fc.constant('Plays well.') }, { weight: 1, arbitrary: fc.constant('') }),
  condition: fc.constantFrom(...CONDITIONS),
  cents: fc.integer({ min: 1_000, max: 500_000 }),
  quantity: fc.integer({ min: 0, max: 3 }),
  images: fc.constantFrom([], ['https://i.example/1.jpg'], ['https://i.example/1.jpg', 'https://i.example/2.jpg']),
  status: fc.constantFrom('active', 'active', 'active', 'active', 'sold', 'archived', 'draft'),
  platforms: fc.option(fc.subarray([...PLATFORMS]), { nil: null, freq: 3 }),
});

const pairArb = fc.record({
  kind: fc.constantFrom('none', 'synced', 'synced', 'synced', 'unlinkedSku', 'unlinkedBare', 'baselineOnly', 'nullBaseline'),
  priceDelta: fc.constantFrom(0, 0, 5_000),
  titleChanged: fc.boolean(),
  prevQuantity: fc.integer({ min: 0, max: 3 }),
  prevState: fc.constantFrom('active', 'active', 'active', 'ended', 'sold'),
  edit: fc.constantFrom('none', 'none', 'none', 'sold', 'qtyDrop', 'qtyUp', 'title', 'price', 'ended', 'images', 'draft'),
});

const orphanArb = fc.record({
  platform: fc.constantFrom(...PLATFORMS),
  sku: fc.option(fc.constantFrom('ORPH-1', 'ORPH-2'), { nil: null }),
  brand: fc.constantFrom('Fender', 'Gibson', 'Gretsch'),
  model: fc.constantFrom('Stratocaster', 'Les Paul'),
  year: fc.constantFrom(1965, 1972, null),
  state: fc.constantFrom('active', 'active', 'sold'),
});

const ruleArb: fc.Arbitrary<PriceRule | null> = fc.option(
  fc.record({ markupPct: fc.constantFrom(0, 10), endingCents: fc.constantFrom(null, 99) }),
  { nil: null },
);

type Pair = typeof pairArb extends fc.Arbitrary<infer T> ? T : never;

function prevListing(p: Product, platform: Platform, pair: Pair, ext: string): Listing {
  const prev: Product = {
    ...p,
    price: { cents: p.price.cents + pair.priceDelta, currency: 'USD' },
    title: pair.titleChanged ? 'Older title' : p.title,
    quantity: pair.prevQuantity,
  };
  const r = renderListing(prev, platform, CTX, { externalId: ext });
  const base: Listing = r.ok
    ? r.listing
    : {
        externalId: ext,
        sku: p.sku,
        title: prev.title || 'Hand made',
        description: prev.description,
        price: prev.price,
        quantity: prev.quantity,
        condition: platform === 'vr' ? null : p.condition,
        images: p.images,
        state: 'active',
        brand: p.brand,
        model: p.model,
        year: p.year,
      };
  return { ...base, state: pair.prevState as Listing['state'], quantity: pair.prevState === 'sold' ? 0 : base.quantity, refs: { [`${platform}Ref`]: `r-${ext}` } };
}

function edited(l: Listing, edit: Pair['edit']): Listing {
  switch (edit) {
    case 'none':
      return { ...l };
    case 'sold':
      return { ...l, state: 'sold', quantity: 0 };
    case 'qtyDrop':
      return { ...l, quantity: Math.max(0, l.quantity - 1) };
    case 'qtyUp':
      return { ...l, quantity: l.quantity + 1 };
    case 'title':
      return { ...l, title: 'Edited by hand' };
    case 'price':
      return { ...l, price: { cents: l.price.cents + 100, currency: l.price.currency } };
    case 'ended':
      return { ...l, state: 'ended' };
    case 'images':
      return { ...l, images: [...l.images].reverse().concat(['https://i.example/extra.jpg']) };
    case 'draft':
      return { ...l, state: 'draft' };
  }
}

const worldArb = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc
    .record({
      products: fc.array(productArb, { minLength: n, maxLength: n }),
      pairs: fc.array(fc.array(pairArb, { minLength: 4, maxLength: 4 }), { minLength: n, maxLength: n }),
      orphans: fc.array(orphanArb, { maxLength: 3 }),
      complete: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: 4, maxLength: 4 }),
      platforms: fc.oneof({ weight: 3, arbitrary: fc.constant([...PLATFORMS]) }, { weight: 1, arbitrary: fc.subarray([...PLATFORMS], { minLength: 1 }) }),
      rules: fc.array(ruleArb, { minLength: 4, maxLength: 4 }),
      targeted: fc.option(fc.subarray(Array.from({ length: n }, (_, i) => i)), { nil: null, freq: 3 }),
      maxDestructivePct: fc.constantFrom(0, 10, 50, 100),
      orphanPolicy: fc.constantFrom('report' as const, 'delete' as const),
    })
    .map((g): PlanInput => {
      const snapshot: PlanInput['snapshot'] = {};
      PLATFORMS.forEach((pl, i) => (snapshot[pl] = { complete: g.complete[i]!, listings: [] }));
      const products: PlanProduct[] = g.products.map((a, i) => {
        const id = i + 1;
        const product: Product = {
          id,
          sku: `SKU-${id}`,
          brand: a.brand,
          model: a.model,
          title: a.title,
          description: a.description,
          year: a.year,
          finish: null,
          category: 'Electric Guitars',
          attributes: {},
          condition: a.condition,
          price: { cents: a.cents, currency: 'USD' },
          quantity: a.quantity,
          images: [...a.images],
          status: a.status as Product['status'],
          platforms: a.platforms,
        };
        const baselines: Partial<Record<Platform, Baseline>> = {};
        PLATFORMS.forEach((pl, j) => {
          const pair = g.pairs[i]![j]!;
          const ext = `${pl}-${id}`;
          const prev = prevListing(product, pl, pair, ext);
          const remotes = snapshot[pl]!.listings;
          switch (pair.kind) {
            case 'synced':
              baselines[pl] = { platform: pl, externalId: ext, listing: prev, version: 'v1' };
              remotes.push(edited(prev, pair.edit));
              break;
            case 'unlinkedSku':
              remotes.push(edited(prev, pair.edit));
              break;
            case 'unlinkedBare':
              remotes.push({ ...edited(prev, pair.edit), sku: null });
              break;
            case 'baselineOnly':
              baselines[pl] = { platform: pl, externalId: ext, listing: prev, version: 'v1' };
              break;
            case 'nullBaseline':
              baselines[pl] = { platform: pl, externalId: ext, listing: null };
              remotes.push(edited(prev, pair.edit));
              break;
          }
        });
        return { product, baselines };
      });
      g.orphans.forEach((o, i) => {
        snapshot[o.platform]!.listings.push({
          externalId: `orph-${i}`,
          sku: o.sku,
          title: 'Found on the platform',
          description: '',
          price: { cents: 100_000, currency: 'USD' },
          quantity: o.state === 'sold' ? 0 : 1,
          condition: null,
          images: [],
          state: o.state as Listing['state'],
          brand: o.brand,
          model: o.model,
          year: o.year,
        });
      });
      const listing = readyContext();
      PLATFORMS.forEach((pl, i) => {
        const r = g.rules[i];
        if (r) listing.settings[pl] = { ...listing.settings[pl], priceRule: r };
      });
      return {
        platforms: [...g.platforms],
        enabledPlatforms: [...PLATFORMS],
        snapshot,
        products,
        listing,
        skus: g.targeted ? g.targeted.map((i) => `SKU-${i + 1}`) : null,
        maxDestructivePct: g.maxDestructivePct,
        orphanPolicy: g.orphanPolicy,
      };
    }),
);

const RUNS = { numRuns: 400 };
const inScope = (input: PlanInput, sku: string | null): boolean => input.skus === null || (sku !== null && input.skus.includes(sku));

describe('plan over generated worlds', () => {
  it('plans nothing more once its plan has been carried out', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const first = plan(world);
        const second = plan(applyPlan(world, first));
        expect(second.actions.filter((a) => !a.error)).toEqual([]);
        expect(second.sales).toEqual([]);
        expect(second.baselineUpdates).toEqual([]);
        expect(second.drift.filter((d) => d.fields.join() !== 'missing')).toEqual([]);
        // What remains are the same products that could not be rendered before.
        const failedBefore = new Set(first.actions.filter((a) => a.error).map((a) => `${a.platform}|${a.sku}|${a.kind}|${a.error}`));
        for (const a of second.actions) expect(failedBefore).toContain(`${a.platform}|${a.sku}|${a.kind}|${a.error}`);
      }),
      RUNS,
    );
  });

  it('brings every product in scope to its desired state on every complete platform', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        fc.pre(world.skus === null);
        const after = applyPlan(world, plan(world));
        for (const pp of after.products) {
          const p = pp.product;
          for (const platform of world.platforms) {
            if (!after.snapshot[platform]!.complete) continue;
            const b = pp.baselines[platform];
            const remote = b?.externalId ? after.snapshot[platform]!.listings.find((l) => l.externalId === b.externalId) : undefined;
            const listed = p.status === 'active' && p.quantity > 0 && (p.platforms ?? after.enabledPlatforms).includes(platform);
            if (!listed) {
              expect(remote !== undefined && isOffered(remote)).toBe(false);
              continue;
            }
            const desired = renderListing(p, platform, world.listing, { externalId: remote?.externalId ?? '' });
            // We wrote it, it is gone: reported as drift, never recreated blindly.
            const missing = b?.externalId && !remote;
            if (!desired.ok || missing) continue;
            expect(remote).toBeDefined();
            expect(sameListing(platform, withSourcePhotos(remote!, b?.listing?.photos), desired.listing)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('never creates a listing for a SKU the platform already holds', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        for (const a of plan(world).actions) {
          if (a.kind !== 'create' || a.error) continue;
          expect(world.snapshot[a.platform]!.listings.some((l) => l.sku === a.sku)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('never plans a create, end or delete on a platform whose snapshot is incomplete', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        for (const a of plan(world).actions) {
          if (world.snapshot[a.platform]!.complete) continue;
          expect(['create', 'end', 'delete']).not.toContain(a.kind);
        }
      }),
      RUNS,
    );
  });

  it('counts a sale once, however often it is seen', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const first = plan(world);
        expect(plan(world).sales).toEqual(first.sales);
        // The next run sees the baseline the first one wrote: the same remote is no sale any more.
        expect(plan(applyPlan(world, first, 'baselines')).sales).toEqual([]);
        expect(plan(applyPlan(world, first)).sales).toEqual([]);
        // A webhook-targeted run of the same SKU computes the same key: the DB's unique index dedupes.
        for (const s of first.sales) {
          expect(plan({ ...world, skus: [s.sku] }).sales.map((x) => x.saleKey)).toContain(s.saleKey);
        }
        expect(new Set(first.sales.map((s) => `${s.platform}|${s.saleKey}`)).size).toBe(first.sales.length);
      }),
      RUNS,
    );
  });

  it('touches nothing outside the run scope', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const r = plan(world);
        for (const a of r.actions) {
          expect(world.platforms).toContain(a.platform);
          expect(inScope(world, a.sku)).toBe(true);
        }
        for (const o of r.orphans) {
          expect(world.platforms).toContain(o.platform);
          expect(inScope(world, o.sku)).toBe(true);
        }
        for (const s of r.sales) expect(inScope(world, s.sku)).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps priorities by kind and returns the actions highest priority first', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { actions } = plan(world);
        for (const a of actions) {
          if (a.priority === PRIORITY.saleDriven) expect(['stock', 'end']).toContain(a.kind);
          else expect(a.priority).toBe(PRIORITY[a.kind]);
        }
        for (let i = 1; i < actions.length; i++) expect(actions[i - 1]!.priority).toBeLessThanOrEqual(actions[i]!.priority);
      }),
      RUNS,
    );
  });

  it('holds exactly the platforms whose non-sale ends and deletes exceed the limit', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const r = plan(world);
        for (const platform of world.platforms) {
          const destructive = r.actions.filter((a) => a.platform === platform && (a.kind === 'delete' || (a.kind === 'end' && a.priority !== PRIORITY.saleDriven))).length;
          const total = world.snapshot[platform]!.listings.filter((l) => l.state === 'active').length;
          const shouldHold = total >= 5 && destructive * 100 > world.maxDestructivePct * total;
          expect(r.held.some((h) => h.platform === platform)).toBe(shouldHold);
        }
      }),
      RUNS,
    );
  });
});
