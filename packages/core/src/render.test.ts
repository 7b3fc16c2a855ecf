import { contentDiff, sameListing } from './compare.js';
import { canonicalJson, fnv1a64, listingHash } from './hash.js';
import { applyPriceRule, EBAY_TITLE_MAX, renderListing, truncateAtWord } from './render.js';
import { readyContext } from './fixtures.js';
import type { ListingContext } from './settings.js';
import type { Listing, Product } from './types.js';

const CTX = readyContext();
const withRule = (platform: 'ebay' | 'reverb', rule: { markupPct: number; endingCents: number | null }): ListingContext => ({
  ...CTX,
  settings: { ...CTX.settings, [platform]: { ...CTX.settings[platform], priceRule: rule } },
});

const product = (over: Partial<Product> = {}): Product => ({
  id: 1,
  sku: 'GTR-001',
  brand: 'Fender',
  model: 'Stratocaster',
  title: '1965 Fender Stratocaster Sunburst',
  description: 'All original, refret in 1990.',
  year: 1965,
  finish: 'Sunburst',
  category: 'Electric Guitars',
  condition: 'excellent',
  price: { cents: 1_299_900, currency: 'USD' },
  quantity: 1,
  images: ['https://img.example/1.jpg', 'https://img.example/2.jpg'],
  status: 'active',
  platforms: null,
  attributes: {},
  ...over,
});

const ok = (r: ReturnType<typeof renderListing>): Listing => {
  if (!r.ok) throw new Error(`expected a listing, got: ${r.reason}`);
  return r.listing;
};
const reason = (r: ReturnType<typeof renderListing>): string => {
  if (r.ok) throw new Error('expected a failure');
  return r.reason;
};

describe('eBay title', () => {
  it('keeps a title of 80 characters as it is', () => {
    const t = 'x'.repeat(70) + ' abcdefghi';
    expect(t).toHaveLength(80);
    expect(ok(renderListing(product({ title: t }), 'ebay', CTX)).title).toBe(t);
  });

  it('cuts a longer title at the last word boundary within 80 characters', () => {
    const t = 'Gibson Les Paul Standard 1959 Reissue Historic Collection Custom Shop VOS Iced Tea Burst Flame Top';
    const title = ok(renderListing(product({ title: t }), 'ebay', CTX)).title;
    expect(title.length).toBeLessThanOrEqual(EBAY_TITLE_MAX);
    expect(title).toBe('Gibson Les Paul Standard 1959 Reissue Historic Collection Custom Shop VOS Iced');
    expect(t.startsWith(title + ' ')).toBe(true);
  });

  it('keeps a word that ends exactly at the limit', () => {
    expect(truncateAtWord('aaaa bbbb cccc', 9)).toBe('aaaa bbbb');
  });

  it('cuts one endless word hard', () => {
    expect(truncateAtWord('y'.repeat(100), 80)).toBe('y'.repeat(80));
  });

  it('leaves titles on other platforms whole', () => {
    const t = 'word '.repeat(30).trim();
    expect(ok(renderListing(product({ title: t }), 'reverb', CTX)).title).toBe(t);
    expect(ok(renderListing(product({ title: t }), 'website', CTX)).title).toBe(t);
  });
});

describe('condition per platform', () => {
  it('fails a grade the eBay category cannot express, never a neighbouring grade', () => {
    const newOnly: ListingContext = { ...CTX, requirements: { ebay: { '33034': { name: 'Electric Guitars', conditionIds: ['1000', '1500'], requiredAspects: [] } } } };
    expect(reason(renderListing(product({ condition: 'mint' }), 'ebay', newOnly))).toBe('ebay: Electric Guitars (33034) accepts no eBay condition for "mint" (it takes 1000, 1500)');
    expect(reason(renderListing(product({ condition: 'non_functioning' }), 'ebay', { ...CTX, requirements: { ebay: { '33034': { conditionIds: ['1000', '3000'], requiredAspects: [] } } } }))).toMatch(
      /accepts no eBay condition for "non_functioning"/,
    );
  });

  it('sends a Mint, Excellent or Good guitar in 33034 as Used (3000), with the grade in the description', () => {
    for (const [grade, words] of [['mint', 'Mint'], ['excellent', 'Excellent'], ['good', 'Good'], ['fair', 'Fair']] as const) {
      const l = ok(renderListing(product({ condition: grade }), 'ebay', CTX));
      expect([l.platformCondition, l.conditionDescription, l.condition]).toEqual(['USED_EXCELLENT', words, grade]);
    }
    const n = ok(renderListing(product({ condition: 'new' }), 'ebay', CTX));
    expect([n.platformCondition, n.conditionDescription]).toEqual(['NEW', undefined]);
  });

  it('uses the finer used grades where the category takes them (microphones)', () => {
    const mics: ListingContext = {
      ...CTX,
      categories: { Microphones: { ...CTX.categories['Electric Guitars'], ebay: { categoryId: '176984' } } },
      requirements: { ebay: { '176984': { name: 'Microphones', conditionIds: ['1000', '1500', '3000', '4000', '5000', '6000', '7000'], requiredAspects: ['Brand'] } } },
    };
    const grade = (condition: Product['condition']) => ok(renderListing(product({ category: 'Microphones', condition }), 'ebay', mics)).platformCondition;
    expect([grade('mint'), grade('excellent'), grade('very_good'), grade('good'), grade('fair'), grade('non_functioning')]).toEqual([
      'USED_EXCELLENT',
      'USED_EXCELLENT',
      'USED_VERY_GOOD',
      'USED_GOOD',
      'USED_ACCEPTABLE',
      'FOR_PARTS_OR_NOT_WORKING',
    ]);
    // Poor shares Acceptable with fair: its words go beside it, so it reads back as poor.
    const poor = ok(renderListing(product({ category: 'Microphones', condition: 'poor' }), 'ebay', mics));
    expect([poor.platformCondition, poor.conditionDescription]).toEqual(['USED_ACCEPTABLE', 'Poor']);
  });

  it('keeps our grade where the platform has one', () => {
    expect(ok(renderListing(product({ condition: 'mint' }), 'reverb', CTX)).condition).toBe('mint');
    expect(ok(renderListing(product({ condition: 'fair' }), 'ebay', CTX)).condition).toBe('fair');
    expect(ok(renderListing(product({ condition: 'poor' }), 'website', CTX)).condition).toBe('poor');
  });

  it('gives Vintage & Rare no condition at all', () => {
    expect(ok(renderListing(product({ condition: 'mint' }), 'vr', CTX)).condition).toBeNull();
  });
});

describe('price rules', () => {
  it('leaves the price alone without a rule', () => {
    expect(ok(renderListing(product(), 'reverb', CTX)).price).toEqual({ cents: 1_299_900, currency: 'USD' });
  });

  it('adds the markup, rounded to the cent', () => {
    expect(applyPriceRule({ cents: 129_900, currency: 'USD' }, { markupPct: 5, endingCents: null })).toEqual({ ok: true, price: { cents: 136_395, currency: 'USD' } });
    expect(applyPriceRule({ cents: 1_000, currency: 'EUR' }, { markupPct: 7.5, endingCents: null })).toEqual({ ok: true, price: { cents: 1_075, currency: 'EUR' } });
  });

  it('rounds up to the next price ending in the given cents', () => {
    const rule = { markupPct: 5, endingCents: 99 };
    expect(applyPriceRule({ cents: 129_900, currency: 'USD' }, rule)).toEqual({ ok: true, price: { cents: 136_399, currency: 'USD' } });
    expect(applyPriceRule({ cents: 129_900, currency: 'USD' }, { markupPct: 0, endingCents: 99 })).toEqual({ ok: true, price: { cents: 129_999, currency: 'USD' } });
    expect(applyPriceRule({ cents: 129_999, currency: 'USD' }, { markupPct: 0, endingCents: 99 })).toEqual({ ok: true, price: { cents: 129_999, currency: 'USD' } });
    expect(applyPriceRule({ cents: 129_950, currency: 'USD' }, { markupPct: 0, endingCents: 0 })).toEqual({ ok: true, price: { cents: 130_000, currency: 'USD' } });
  });

  it('applies the platform rule when rendering', () => {
    expect(ok(renderListing(product(), 'ebay', withRule('ebay', { markupPct: 10, endingCents: 99 }))).price.cents).toBe(1_429_899);
  });

  it('refuses a rule that cannot be applied', () => {
    expect(reason(renderListing(product(), 'ebay', withRule('ebay', { markupPct: 0, endingCents: 150 })))).toMatch(/endingCents 150/);
    expect(reason(renderListing(product(), 'ebay', withRule('ebay', { markupPct: -100, endingCents: null })))).toMatch(/markup/);
  });
});

describe('required fields', () => {
  it('fails an empty title on every platform', () => {
    for (const p of ['ebay', 'reverb', 'vr', 'website'] as const) {
      expect(reason(renderListing(product({ title: '   ' }), p, CTX))).toBe(`${p}: title is empty`);
    }
  });

  it('fails eBay without images or description', () => {
    expect(reason(renderListing(product({ images: [] }), 'ebay', CTX))).toBe('ebay: eBay needs at least one image');
    expect(reason(renderListing(product({ images: ['  '] }), 'ebay', CTX))).toBe('ebay: eBay needs at least one image');
    expect(reason(renderListing(product({ description: '' }), 'ebay', CTX))).toBe('ebay: eBay needs a description');
    expect(ok(renderListing(product({ images: [] }), 'website', CTX)).images).toEqual([]);
  });

  it('fails Reverb and V&R without brand or model', () => {
    expect(reason(renderListing(product({ brand: '' }), 'reverb', CTX))).toMatch(/make/);
    expect(reason(renderListing(product({ model: ' ' }), 'vr', CTX))).toMatch(/model/);
  });

  it('fails several units of a used item on Reverb', () => {
    expect(reason(renderListing(product({ quantity: 3, condition: 'good' }), 'reverb', CTX))).toMatch(/only for new or mint/);
    expect(ok(renderListing(product({ quantity: 3, condition: 'new' }), 'reverb', CTX)).quantity).toBe(3);
  });

  it('fails a price that is not positive', () => {
    expect(reason(renderListing(product({ price: { cents: 0, currency: 'USD' } }), 'website', CTX))).toMatch(/not positive/);
  });
});

describe('the rendered listing', () => {
  it('carries the product and the known external id, or none for a create', () => {
    const l = ok(renderListing(product({ title: '  Strat  ' }), 'reverb', CTX, { externalId: 'R-9' }));
    expect(l).toEqual({
      externalId: 'R-9',
      sku: 'GTR-001',
      title: 'Strat',
      description: 'All original, refret in 1990.',
      price: { cents: 1_299_900, currency: 'USD' },
      quantity: 1,
      condition: 'excellent',
      images: ['https://img.example/1.jpg', 'https://img.example/2.jpg'],
      state: 'active',
      brand: 'Fender',
      model: 'Stratocaster',
      year: 1965,
      finish: 'Sunburst',
      category: 'Electric Guitars',
      platformCategory: ['e57deb7a-382b-4e18-a008-67d4fbcb2879'],
      platformFields: { shippingProfileId: '101' },
    });
    expect(ok(renderListing(product(), 'reverb', CTX)).externalId).toBe('');
  });
});

describe('normalised comparison', () => {
  const a = ok(renderListing(product(), 'ebay', CTX, { externalId: 'E1' }));

  it('ignores surrounding whitespace', () => {
    expect(contentDiff('ebay', a, { ...a, title: ` ${a.title} `, description: `${a.description}\n` })).toEqual([]);
  });

  it('sees image order, price and currency', () => {
    expect(contentDiff('ebay', a, { ...a, images: [...a.images].reverse() })).toEqual(['images']);
    expect(contentDiff('ebay', a, { ...a, price: { cents: a.price.cents, currency: 'EUR' } })).toEqual(['price']);
    expect(contentDiff('ebay', a, { ...a, platformCondition: 'USED_GOOD', title: 'Other' })).toEqual(['title', 'condition']);
    expect(contentDiff('ebay', a, { ...a, conditionDescription: 'Good' })).toEqual(['condition']);
    const r = ok(renderListing(product(), 'reverb', CTX, { externalId: 'R1' }));
    expect(contentDiff('reverb', r, { ...r, condition: 'good' })).toEqual(['condition']);
  });

  it('ignores condition and title on V&R, which keeps neither, but sees brand, model, year', () => {
    const v = ok(renderListing(product(), 'vr', CTX, { externalId: 'V1' }));
    expect(contentDiff('vr', v, { ...v, condition: 'good', title: 'Fender Stratocaster' })).toEqual([]);
    expect(contentDiff('vr', v, { ...v, year: 1966, model: 'Telecaster' })).toEqual(['model', 'year']);
  });

  it('treats quantity and state apart from content', () => {
    expect(sameListing('ebay', a, { ...a, quantity: 2 })).toBe(false);
    expect(sameListing('ebay', a, { ...a, state: 'ended' })).toBe(false);
    expect(sameListing('ebay', a, { ...a })).toBe(true);
  });
});

describe('listingHash', () => {
  const l = ok(renderListing(product(), 'website', CTX, { externalId: 'W1' }));

  it('is FNV-1a 64 over canonical JSON', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }], e: undefined })).toBe('{"a":[2,{"c":"x"}],"b":1}');
  });

  it('does not depend on key order and changes with content', () => {
    const reordered = Object.fromEntries(Object.entries(l).reverse()) as unknown as Listing;
    expect(listingHash(reordered)).toBe(listingHash(l));
    expect(listingHash({ ...l, price: { cents: l.price.cents + 1, currency: 'USD' } })).not.toBe(listingHash(l));
    expect(listingHash(l)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('Vintage & Rare quantity', () => {
  it('lists one unit per item, whatever the stock', () => {
    const base = renderListing(
      { id: 1, sku: 'S', brand: 'Boss', model: 'DS-1', title: 'Boss DS-1', description: 'd', year: 1980, finish: null, category: 'Electric Guitars', condition: 'new', price: { cents: 9900, currency: 'USD' }, quantity: 3, images: [], status: 'active', platforms: null, attributes: {} },
      'vr',
      CTX,
    );
    expect(base.ok && base.listing.quantity).toBe(1);
    const website = renderListing(
      { id: 1, sku: 'S', brand: 'Boss', model: 'DS-1', title: 'Boss DS-1', description: 'd', year: 1980, finish: null, category: 'Electric Guitars', condition: 'new', price: { cents: 9900, currency: 'USD' }, quantity: 3, images: [], status: 'active', platforms: null, attributes: {} },
      'website',
      CTX,
    );
    expect(website.ok && website.listing.quantity).toBe(3);
  });
});
