import { contentDiff, withSourcePhotos } from './compare.js';
import { ELECTRIC_GUITAR_MAPPING, readyContext } from './fixtures.js';
import { plan, type PlanInput } from './plan.js';
import { readiness } from './readiness.js';
import { renderListing, type Rendered } from './render.js';
import { brandKey, type ListingContext } from './settings.js';
import { PLATFORMS, type Listing, type Photo, type Platform, type Product } from './types.js';

const product = (over: Partial<Product> = {}): Product => ({
  id: 1,
  sku: 'BASS-1',
  brand: 'Fender',
  model: 'Precision Bass',
  title: '1962 Fender Precision Bass',
  description: 'Original finish.',
  year: 1962,
  finish: 'Sunburst',
  category: 'Bass Guitars',
  condition: 'excellent',
  price: { cents: 850_000, currency: 'GBP' },
  quantity: 1,
  images: ['https://photos.example/p1.jpg', 'https://photos.example/p2.jpg'],
  status: 'active',
  platforms: null,
  attributes: { Type: 'Electric Bass', 'String Configuration': '4 String' },
  ...over,
});

/** A UK shop: GBP everywhere, basses mapped with eBay's 4713 (Brand and Type required). */
const shop = (): ListingContext => {
  const ctx = readyContext({ currency: 'GBP', categories: ['Electric Guitars'] });
  ctx.categories['Bass Guitars'] = {
    ebay: { categoryId: '4713' },
    reverb: { categoryUuids: ['53a9c7d7-d73d-4e7f-905c-553503e50a90'] },
    vr: { categoryIds: ['52', '280'] },
    website: { categoryIds: [16] },
  };
  ctx.requirements.ebay!['4713'] = { name: 'Bass Guitars', conditionIds: ['1000', '1500', '3000', '7000'], requiredAspects: ['Brand', 'Type'] };
  return ctx;
};

const ok = (r: Rendered): Listing => {
  if (!r.ok) throw new Error(r.reason);
  return r.listing;
};
const fails = (r: Rendered) => {
  if (r.ok) throw new Error('expected a failure');
  return { reason: r.reason, scope: r.scope, category: r.category };
};

describe('rendering from settings and the category map', () => {
  it('carries each platform its own category, in its currency, with eBay aspects, policies and language', () => {
    const ctx = shop();
    const ebay = ok(renderListing(product(), 'ebay', ctx));
    expect(ebay.platformCategory).toEqual(['4713']);
    expect(ebay.price).toEqual({ cents: 850_000, currency: 'GBP' });
    expect(ebay.attributes).toEqual({ Type: ['Electric Bass'], 'String Configuration': ['4 String'], Brand: ['Fender'], Model: ['Precision Bass'], Year: ['1962'], Finish: ['Sunburst'] });
    expect(ebay.platformFields).toEqual({
      marketplaceId: 'EBAY_GB',
      contentLanguage: 'en-GB',
      merchantLocationKey: 'warehouse-1',
      fulfillmentPolicyId: 'FUL-1',
      paymentPolicyId: 'PAY-1',
      returnPolicyId: 'RET-1',
    });
    expect(ok(renderListing(product(), 'reverb', ctx)).platformCategory).toEqual(['53a9c7d7-d73d-4e7f-905c-553503e50a90']);
    expect(ok(renderListing(product(), 'reverb', ctx)).platformFields).toEqual({ shippingProfileId: '101' });
    expect(ok(renderListing(product(), 'vr', ctx)).platformCategory).toEqual(['52', '280']);
    expect(ok(renderListing(product(), 'website', ctx)).platformCategory).toEqual(['16']);
  });

  it("fills a required aspect from the category's defaults, and the product's own value wins", () => {
    const ctx = shop();
    ctx.categories['Bass Guitars']!.ebay = { categoryId: '4713', aspects: { Type: ['Bass Guitar'], 'Body Type': ['Solid'] } };
    const l = ok(renderListing(product({ attributes: {} }), 'ebay', ctx));
    expect(l.attributes!['Type']).toEqual(['Bass Guitar']);
    expect(l.attributes!['Body Type']).toEqual(['Solid']);
    expect(ok(renderListing(product(), 'ebay', ctx)).attributes!['Type']).toEqual(['Electric Bass']);
  });

  it('fails a missing required aspect before any call, naming it', () => {
    expect(fails(renderListing(product({ attributes: {} }), 'ebay', shop()))).toEqual({ reason: "ebay: Bass Guitars need aspect 'Type'", scope: 'product', category: 'Bass Guitars' });
  });

  it('fails an unmapped category per platform, naming the category', () => {
    const ctx = shop();
    delete ctx.categories['Bass Guitars']!.reverb;
    expect(fails(renderListing(product(), 'reverb', ctx))).toEqual({ reason: "reverb: category 'Bass Guitars' has no Reverb category", scope: 'category', category: 'Bass Guitars' });
    expect(fails(renderListing(product({ category: 'Amps / Guitar Heads' }), 'vr', ctx)).reason).toBe("vr: category 'Amps / Guitar Heads' has no Vintage & Rare category ids");
    expect(fails(renderListing(product({ category: null }), 'ebay', ctx)).reason).toBe('ebay: the product has no category, and eBay needs one');
  });

  it('lets the shop file an unmapped product under its default category', () => {
    const l = ok(renderListing(product({ category: 'Books' }), 'website', shop()));
    expect(l.platformCategory).toBeUndefined();
  });

  it('never converts a price: another currency fails with the reason', () => {
    expect(fails(renderListing(product({ price: { cents: 100_00, currency: 'USD' } }), 'vr', shop())).reason).toBe(
      'vr: price is in USD but Vintage & Rare sells in GBP (no conversion)',
    );
  });

  it('fails every product of a platform whose settings lack something, naming each thing', () => {
    const ctx = shop();
    ctx.settings.ebay = { currency: 'GBP', marketplaceId: 'EBAY_US' };
    const f = fails(renderListing(product(), 'ebay', ctx));
    expect(f.scope).toBe('settings');
    expect(f.reason).toBe(
      'ebay: marketplace EBAY_US sells in USD, not GBP; no merchantLocationKey (inventory location) set; no fulfillmentPolicyId (business policy) set; no paymentPolicyId (business policy) set; no returnPolicyId (business policy) set',
    );
    ctx.settings.reverb = { currency: 'GBP' };
    expect(fails(renderListing(product(), 'reverb', ctx)).reason).toMatch(/no shippingProfileId set/);
    delete ctx.settings.website;
    expect(fails(renderListing(product(), 'website', ctx)).reason).toBe('website: no currency set in its listing defaults');
  });

  it("waits for an eBay category's requirements rather than guessing them", () => {
    const ctx = shop();
    delete ctx.requirements.ebay!['4713'];
    expect(fails(renderListing(product(), 'ebay', ctx)).reason).toMatch(/eBay category 4713 has not been read from eBay yet/);
  });

  it('refuses more photos than eBay (24) or V&R (20) take', () => {
    const many = Array.from({ length: 25 }, (_, i) => `https://photos.example/${i}.jpg`);
    expect(fails(renderListing(product({ images: many }), 'ebay', shop())).reason).toBe('ebay: eBay takes at most 24 images, the product has 25');
    expect(fails(renderListing(product({ images: many.slice(0, 21) }), 'vr', shop())).reason).toBe('vr: Vintage & Rare takes at most 20 photos, the product has 21');
  });
});

describe('readiness', () => {
  it('lists missing settings once per platform, unmapped categories once with their products, then products', () => {
    const ctx = shop();
    ctx.settings.reverb = { currency: 'GBP' };
    delete ctx.categories['Bass Guitars']!.vr;
    const products = [
      product({ id: 1, sku: 'B1' }),
      product({ id: 2, sku: 'B2' }),
      product({ id: 3, sku: 'B3', attributes: {} }),
      product({ id: 4, sku: 'G1', category: 'Electric Guitars' }),
      product({ id: 5, sku: 'SOLD', status: 'sold', category: 'Amps' }),
    ];
    const r = readiness(products, [...PLATFORMS], ctx);
    expect(r.ready).toBe(false);
    expect(r.problems).toEqual([
      { platform: 'reverb', message: 'reverb: no shippingProfileId set (Reverb refuses to publish without shipping)', products: 4 },
      { platform: 'vr', category: 'Bass Guitars', message: "vr: category 'Bass Guitars' has no Vintage & Rare category ids", products: 3 },
      { platform: 'ebay', sku: 'B3', category: 'Bass Guitars', message: "ebay: Bass Guitars need aspect 'Type'", products: 1 },
    ]);
  });

  it('lists a product whose brand V&R said it does not know (asked by the last full run); a known one passes', () => {
    const ctx = shop();
    ctx.requirements.vr = { [brandKey(' nobody guitars ')]: { conditionIds: [], requiredAspects: [], name: 'Nobody Guitars', known: false }, [brandKey('Fender')]: { conditionIds: [], requiredAspects: [], name: 'Fender', known: true } };
    const r = readiness([product({ id: 1, sku: 'N1', brand: 'Nobody Guitars' }), product({ id: 2, sku: 'F1', brand: 'Fender' })], ['vr'], ctx);
    expect(r.problems).toEqual([
      { platform: 'vr', sku: 'N1', category: 'Bass Guitars', message: "vr: Vintage & Rare does not know the brand 'Nobody Guitars': its form takes only brands in its list (ask V&R to add it, or use their spelling)", products: 1 },
    ]);
    expect(readiness([product({ brand: 'Nobody Guitars' })], ['reverb'], ctx).ready).toBe(true);
  });

  it('is ready when every product renders everywhere it should be listed', () => {
    expect(readiness([product()], [...PLATFORMS], shop())).toEqual({ ready: true, problems: [] });
  });
});

describe('photos compared by what we sent', () => {
  const served = (source: string, platform: Platform, n: number): Photo => ({ source, url: `https://${platform}.img.example/${n}-${source.split('/').pop()}`, id: String(100 + n) });

  it('reads served URLs back to our sources; a photo added by hand stays a difference', () => {
    const sources = product().images;
    const photos = sources.map((s, i) => served(s, 'reverb', i));
    const desired = ok(renderListing(product(), 'reverb', shop(), { externalId: 'R1' }));
    const remote: Listing = { ...desired, images: photos.map((p) => p.url) };
    expect(contentDiff('reverb', desired, remote)).toEqual(['images']);
    expect(contentDiff('reverb', desired, withSourcePhotos(remote, photos))).toEqual([]);
    const handAdded = { ...remote, images: [...remote.images, 'https://reverb.img.example/by-hand.jpg'] };
    expect(contentDiff('reverb', desired, withSourcePhotos(handAdded, photos))).toEqual(['images']);
  });

  it('plans nothing on a second run although every photo came back renamed, and sends photos only when they changed', () => {
    const ctx = shop();
    const p = product();
    const input = (baselines: Listing[], remote: Listing[], prod = p): PlanInput => ({
      platforms: ['reverb', 'website'],
      enabledPlatforms: [...PLATFORMS],
      snapshot: { reverb: { complete: true, listings: remote.filter((l) => l.externalId.startsWith('R')) }, website: { complete: true, listings: remote.filter((l) => l.externalId.startsWith('W')) } },
      products: [{ product: prod, baselines: Object.fromEntries(baselines.map((b) => [b.externalId.startsWith('R') ? 'reverb' : 'website', { platform: b.externalId.startsWith('R') ? 'reverb' : 'website', externalId: b.externalId, listing: b, version: '1' }])) }],
      listing: ctx,
      skus: null,
      maxDestructivePct: 100,
      orphanPolicy: 'report',
    });
    // What the platforms hold after our create: their own URLs; our baseline keeps what we sent beside them.
    const held = (['reverb', 'website'] as const).map((platform) => {
      const desired = ok(renderListing(p, platform, ctx, { externalId: platform === 'reverb' ? 'R1' : 'W1' }));
      const photos = desired.images.map((s, i) => served(s, platform, i));
      return { remote: { ...desired, images: photos.map((x) => x.url) }, baseline: { ...desired, images: photos.map((x) => x.url), photos } };
    });
    const second = plan(input(held.map((h) => h.baseline), held.map((h) => h.remote)));
    expect(second.actions).toEqual([]);
    expect(second.drift).toEqual([]);
    expect(second.baselineUpdates).toEqual([]);

    const changed = { ...p, images: [p.images[0]!, 'https://photos.example/p3.jpg'], title: p.title };
    const third = plan(input(held.map((h) => h.baseline), held.map((h) => h.remote), changed));
    expect(third.actions.map((a) => [a.platform, a.kind, a.payload.photosChanged, a.payload.photos?.map((x) => x.id)])).toEqual([
      ['reverb', 'update', true, ['100', '101']],
      ['website', 'update', true, ['100', '101']],
    ]);
    const priceOnly = plan(input(held.map((h) => h.baseline), held.map((h) => h.remote), { ...p, price: { cents: 900_000, currency: 'GBP' } }));
    expect(priceOnly.actions.map((a) => [a.platform, a.kind, a.payload.photosChanged])).toEqual([
      ['reverb', 'update', false],
      ['website', 'update', false],
    ]);
  });

  it('keeps the electric guitar mapping usable as a fixture', () => {
    expect(Object.keys(ELECTRIC_GUITAR_MAPPING).sort()).toEqual(['ebay', 'reverb', 'vr', 'website']);
  });
});
