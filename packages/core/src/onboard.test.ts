import { dealerCategory, linkedBaseline, planImport, priceBeforeRule, productFromListing, type ImportCandidate, type ImportDecision } from './onboard.js';
import { applyPriceRule } from './render.js';
import type { CategoryMap } from './settings.js';
import type { Listing } from './types.js';

const listing = (externalId: string, over: Partial<Listing> = {}): Listing => ({
  externalId,
  sku: null,
  title: '1965 Fender Stratocaster',
  description: 'All original.',
  price: { cents: 250_000, currency: 'USD' },
  quantity: 1,
  condition: 'excellent',
  images: [`https://cdn.example/${externalId}.jpg`],
  state: 'active',
  brand: 'Fender',
  model: 'Stratocaster',
  year: 1965,
  ...over,
});

const candidate = (id: number, over: Partial<ImportCandidate> = {}): ImportCandidate => ({
  id,
  sku: `GS-${id}`,
  brand: 'Fender',
  model: 'Stratocaster',
  year: 1965,
  priceCents: 250_000,
  description: 'All original.',
  category: 'Guitars>Electric solid body',
  images: [`https://img.example/${id}.jpg`],
  platforms: ['reverb'],
  externalId: null,
  ...over,
});

const CATEGORIES: CategoryMap = {
  'Guitars>Electric solid body': { ebay: { categoryId: '33034' }, reverb: { categoryUuids: ['solid'] }, vr: { categoryIds: ['51', '83'] } },
  'Guitars>Electric hollow body': { ebay: { categoryId: '33034' }, reverb: { categoryUuids: ['hollow'] }, vr: { categoryIds: ['51', '702'] } },
};

const summary = (d: ImportDecision) => (d.kind === 'link' ? `link ${d.sku}` : d.kind === 'create' ? `create ${d.product.sku}` : `skip: ${d.reason}`);

describe('planImport', () => {
  it('makes a product listed only on the platform it was found on', () => {
    const [made] = planImport('reverb', [listing('R1', { sku: 'RV-1' })], []);
    expect(made).toMatchObject({ kind: 'create', product: { sku: 'RV-1', platforms: ['reverb'] } });
  });

  it('adds the platform to a product listed only where named, and leaves one listed everywhere as it is', () => {
    const decisions = planImport('vr', [listing('V1', { sku: 'GS-1' }), listing('V2', { sku: 'GS-2' })], [candidate(1), candidate(2, { platforms: null })]);
    expect(decisions.map((d) => d.kind === 'link' && [d.sku, d.addsPlatform, d.reason])).toEqual([
      ['GS-1', true, 'matched by SKU; vr added to its platforms'],
      ['GS-2', false, 'matched by SKU'],
    ]);
  });

  it('makes every SKU match before any by brand + model + year, whatever order the platform lists them in', () => {
    // A consignment of the same model, listed by hand without a SKU, comes first.
    const hand = listing('E1', { description: 'Consignment.' });
    const own = listing('E2', { sku: 'GS-1' });
    expect(planImport('ebay', [hand, own], [candidate(1)]).map(summary)).toEqual(['create EBAY-E1', 'link GS-1']);
  });

  it('tells two alike products apart by price, then by description, and skips what neither settles', () => {
    const twins = [candidate(1, { priceCents: 15_000, description: 'Player grade.' }), candidate(2, { priceCents: 15_000, description: 'Worn and loved.' })];
    const byText = planImport('vr', [listing('V1', { price: { cents: 15_000, currency: 'USD' }, description: 'Worn  and loved.' })], twins);
    expect(byText.map((d) => d.reason)).toEqual(['matched by brand + model + year and description; vr added to its platforms']);
    expect(byText.map(summary)).toEqual(['link GS-2']);
    const byPrice = planImport('vr', [listing('V1', { price: { cents: 16_000, currency: 'USD' } })], [candidate(1, { priceCents: 15_000 }), candidate(2, { priceCents: 16_000 })]);
    expect(byPrice.map(summary)).toEqual(['link GS-2']);
    const neither = planImport('vr', [listing('V1', { description: 'Something else.' })], [candidate(1), candidate(2)]);
    expect(neither.map(summary)).toEqual(['skip: could match several products (GS-1, GS-2); link it by hand']);
  });

  it("fills a product's missing category from the listing it links, never one it has", () => {
    const vr = (id: string, sku: string, category: string, ids: string[]) => listing(id, { sku, category, platformCategory: ids });
    const decisions = planImport(
      'vr',
      [vr('V1', 'GS-1', 'Hollow', ['51', '702']), vr('V2', 'GS-2', 'Hollow', ['51', '702']), vr('V3', 'GS-3', 'Drums>Kits', ['216', '217'])],
      [candidate(1, { category: null }), candidate(2), candidate(3, { category: null })],
      { categories: CATEGORIES },
    );
    // The dealer's by the map's V&R ids; a category it has is kept; one the map lacks by the platform's name, to be mapped.
    expect(decisions.map((d) => d.kind === 'link' && d.category)).toEqual(['Guitars>Electric hollow body', null, 'Drums>Kits']);
  });
});

describe("an imported listing's price under the platform's price rule", () => {
  const usd = (cents: number) => ({ cents, currency: 'USD' });

  it('reads back the product price the rule makes the listing price of, so the first sync changes no price', () => {
    expect(priceBeforeRule(usd(110_000), { markupPct: 10, endingCents: null })).toEqual(usd(100_000));
    for (const listed of [109_999, 2_499, 1_234_599]) {
      const rule = { markupPct: 7.5, endingCents: 99 };
      const before = priceBeforeRule(usd(listed), rule);
      expect(applyPriceRule(before, rule)).toEqual({ ok: true, price: usd(listed) });
      // The highest such: a cent more would make a higher listing price.
      expect(applyPriceRule(usd(before.cents + 1), rule)).not.toEqual({ ok: true, price: usd(listed) });
    }
    expect(productFromListing('ebay', listing('E1', { price: usd(110_000) }), { priceRule: { markupPct: 10, endingCents: null } }).priceCents).toBe(100_000);
    expect(priceBeforeRule(usd(110_000), undefined)).toEqual(usd(110_000));
  });

  it('compares a twin by the price the rule makes of it', () => {
    const twins = [candidate(1, { priceCents: 100_000 }), candidate(2, { priceCents: 110_000 })];
    const decisions = planImport('ebay', [listing('E1', { price: usd(121_000), description: 'Another.' })], twins, { priceRule: { markupPct: 10, endingCents: null } });
    expect(decisions.map(summary)).toEqual(['link GS-2']);
  });
});

describe("an imported listing's category and photos", () => {
  it("names the dealer's category: by its own name, else the one category the map sends there", () => {
    expect(dealerCategory('vr', { category: 'Guitars>Electric solid body', platformCategory: ['1'] }, CATEGORIES)).toBe('Guitars>Electric solid body');
    expect(dealerCategory('reverb', { category: 'Electric Guitars / Hollow Body', platformCategory: ['hollow'] }, CATEGORIES)).toBe('Guitars>Electric hollow body');
    // eBay files solid and hollow bodies under one id: not a guess either way.
    expect(dealerCategory('ebay', { platformCategory: ['33034'] }, CATEGORIES)).toBeNull();
    expect(productFromListing('ebay', listing('E1', { platformCategory: ['33034'] }), { categories: CATEGORIES }).category).toBe('ebay:33034');
    expect(productFromListing('reverb', listing('R1', { category: 'Electric Guitars / Solid Body', platformCategory: ['solid'] }), { categories: CATEGORIES }).category).toBe('Guitars>Electric solid body');
  });

  it("reads a linked listing's photos as the product's, one for one, only when it holds as many", () => {
    const held = listing('W1', { images: ['https://shop.example/a.jpg', 'https://shop.example/b.jpg'] });
    expect(linkedBaseline(held, ['https://img.example/1.jpg', 'https://img.example/2.jpg']).photos).toEqual([
      { source: 'https://img.example/1.jpg', url: 'https://shop.example/a.jpg' },
      { source: 'https://img.example/2.jpg', url: 'https://shop.example/b.jpg' },
    ]);
    expect(linkedBaseline(held, ['https://img.example/1.jpg']).photos).toBeUndefined();
  });
});
