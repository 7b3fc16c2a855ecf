import type { Condition } from '@gearsync/core';
import type { products } from '@gearsync/db';

/**
 * A deterministic catalogue of instruments a vintage dealer might hold: the demo, the
 * benchmark and the tests seed from it, so the same seed always gives the same shop.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

interface Line {
  brand: string;
  models: string[];
  category: string;
  years: [number, number];
  finishes: string[];
  priceRange: [number, number];
  /** Item specifics every product of the line carries (eBay aspects beyond brand, model, year, finish). */
  attributes?: Record<string, string>;
  conditions?: Condition[];
}

const LINES: Line[] = [
  { brand: 'Fender', models: ['Stratocaster', 'Telecaster', 'Jazzmaster', 'Jaguar', 'Precision Bass', 'Jazz Bass', 'Esquire', 'Mustang'], category: 'Guitars>Electric solid body', years: [1954, 2023], finishes: ['Sunburst', 'Olympic White', 'Fiesta Red', 'Lake Placid Blue', 'Black', 'Sonic Blue', 'Candy Apple Red', 'Butterscotch Blonde'], priceRange: [900, 38000] },
  { brand: 'Gibson', models: ['Les Paul Standard', 'Les Paul Junior', 'SG Standard', 'ES-335', 'ES-175', 'Flying V', 'Explorer', 'J-45', 'Firebird III'], category: 'Guitars>Electric solid body', years: [1952, 2022], finishes: ['Heritage Cherry Sunburst', 'Goldtop', 'Cherry', 'Ebony', 'Tobacco Burst', 'TV Yellow', 'Natural'], priceRange: [1500, 120000] },
  { brand: 'Gretsch', models: ['6120 Chet Atkins', 'Duo Jet', 'White Falcon', 'Country Gentleman', 'Tennessean'], category: 'Guitars>Electric hollow body', years: [1955, 2021], finishes: ['Western Orange', 'Black', 'White', 'Walnut'], priceRange: [1800, 25000] },
  { brand: 'Martin', models: ['D-28', 'D-18', '000-18', 'OM-28', 'D-45', '00-17'], category: 'Guitars>Acoustic', years: [1934, 2023], finishes: ['Natural', 'Sunburst', 'Mahogany'], priceRange: [1400, 90000] },
  { brand: 'Rickenbacker', models: ['330', '360/12', '4001', '325', '620'], category: 'Guitars>Electric semi hollow', years: [1962, 2020], finishes: ['Fireglo', 'Jetglo', 'Mapleglo', 'Azureglo'], priceRange: [1600, 14000] },
  { brand: 'Guild', models: ['Starfire IV', 'D-55', 'F-50', 'X-175'], category: 'Guitars>Electric hollow body', years: [1960, 2019], finishes: ['Cherry Red', 'Natural', 'Antique Burst'], priceRange: [1100, 7000] },
  { brand: 'Vox', models: ['AC30', 'AC15', 'Phantom VI', 'Continental'], category: 'Amps>Guitar combos', years: [1960, 2015], finishes: ['Black Tolex', 'Fawn', 'Red'], priceRange: [700, 9000] },
  { brand: 'Marshall', models: ['JTM45', 'Super Lead 1959', 'JCM800 2203', 'Bluesbreaker 1962'], category: 'Amps>Guitar heads', years: [1963, 1990], finishes: ['Black Levant', 'White'], priceRange: [1500, 22000] },
  { brand: 'Ludwig', models: ['Super Classic kit', 'Supraphonic 402 snare', 'Black Beauty snare', 'Vistalite kit'], category: 'Drums>Kits', years: [1960, 1985], finishes: ['Black Oyster Pearl', 'Silver Sparkle', 'Blue Vistalite'], priceRange: [600, 12000] },
  { brand: 'Moog', models: ['Minimoog Model D', 'Prodigy', 'Taurus', 'Polymoog'], category: 'Keyboards>Synthesizers', years: [1970, 1985], finishes: ['Walnut'], priceRange: [1200, 16000] },
  { brand: 'Roland', models: ['Juno-60', 'Jupiter-8', 'TR-808', 'SH-101', 'Space Echo RE-201'], category: 'Keyboards>Synthesizers', years: [1978, 1988], finishes: ['Black', 'Grey'], priceRange: [800, 40000] },
  { brand: 'Hofner', models: ['500/1 Violin Bass', 'Club 40', 'Committee'], category: 'Basses>Electric', years: [1958, 1975], finishes: ['Sunburst', 'Natural'], priceRange: [900, 9000], attributes: { 'String Configuration': '4 String' } },
  { brand: 'Ibanez', models: ['TS808 Tube Screamer', 'TS9 Tube Screamer'], category: 'Effects>Overdrive', years: [1979, 1985], finishes: ['Green'], priceRange: [150, 900], attributes: { Type: 'Overdrive' } },
  { brand: 'Electro-Harmonix', models: ['Big Muff Pi', 'Russian Big Muff'], category: 'Effects>Fuzz', years: [1971, 2000], finishes: ['Silver', 'Green'], priceRange: [100, 1200] },
  { brand: 'Neumann', models: ['U 87', 'U 47 fet', 'KM 84'], category: 'Pro Audio>Microphones', years: [1967, 1990], finishes: ['Nickel'], priceRange: [1500, 9000], attributes: { 'Form Factor': 'Large-Diaphragm Condenser' } },
  { brand: 'Backbeat Books', models: ['The Fender Book', 'The Gibson Les Paul Book', 'The Guitar Handbook'], category: 'Books>Guitar history', years: [1992, 2010], finishes: ['Hardback'], priceRange: [15, 80], conditions: ['very_good', 'good'] },
];

const AUTHORS: Record<string, string> = { 'The Fender Book': 'Tony Bacon', 'The Gibson Les Paul Book': 'Tony Bacon', 'The Guitar Handbook': 'Ralph Denyer' };

const CONDITION_WEIGHTS: [Condition, number][] = [
  ['excellent', 30],
  ['very_good', 28],
  ['good', 16],
  ['mint', 8],
  ['new', 6],
  ['fair', 8],
  ['poor', 2],
  ['non_functioning', 2],
];

function weighted<T>(r: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x <= 0) return item;
  }
  return items[items.length - 1]![0];
}

export interface CatalogueOptions {
  seed?: number;
  skuPrefix?: string;
  /** The currency of every price (the demo shop sells in GBP). */
  currency?: string;
  /**
   * Where the photos are: V&R downloads each one, so a shop run against the sandbox uses its image
   * host (`<sandbox>/_images`); the default is a placeholder that nothing fetches.
   */
  imageBase?: string;
}

/** `n` instruments, as product rows ready for `products.upsertMany`. */
export function catalogue(n: number, options: CatalogueOptions = {}): products.ProductInput[] {
  const r = rng(options.seed ?? 1);
  const out: products.ProductInput[] = [];
  for (let i = 0; i < n; i++) {
    const line = pick(r, LINES);
    const model = pick(r, line.models);
    const year = line.years[0] + Math.floor(r() * (line.years[1] - line.years[0] + 1));
    const finish = pick(r, line.finishes);
    const graded = weighted(r, CONDITION_WEIGHTS);
    const condition = line.conditions && !line.conditions.includes(graded) ? line.conditions[0]! : graded;
    // Round to $50 where prices are high, to the dollar below that (a $15 book is not $0 or $50).
    const step = line.priceRange[1] >= 500 ? 50 : 1;
    const dollars = Math.max(step, Math.round((line.priceRange[0] + r() * r() * (line.priceRange[1] - line.priceRange[0])) / step) * step);
    const sku = `${options.skuPrefix ?? 'GS'}-${String(i + 1).padStart(6, '0')}`;
    const quantity = condition === 'new' ? 1 + Math.floor(r() * 3) : 1;
    out.push({
      sku,
      brand: line.brand,
      model,
      title: `${year} ${line.brand} ${model} ${finish}`,
      description: `${year} ${line.brand} ${model} in ${finish}. ${describe(r, condition)} Ships in a hard case, "as pictured".`,
      year,
      finish,
      category: line.category,
      condition,
      priceCents: dollars * 100,
      currency: options.currency ?? 'USD',
      quantity,
      images: [1, 2, 3].slice(0, 1 + Math.floor(r() * 3)).map((k) => `${options.imageBase ?? 'https://images.gearsync.example'}/${sku}/${k}.jpg`),
      status: 'active',
      platforms: null,
      attributes: { ...line.attributes, ...(line.category.startsWith('Books') ? { 'Book Title': model, Author: AUTHORS[model] ?? 'Various' } : {}) },
    });
  }
  return out;
}

function describe(r: () => number, condition: Condition): string {
  const notes: Record<Condition, string[]> = {
    new: ['Brand new, unopened, full warranty.'],
    mint: ['Looks and plays as new, no marks at all.', 'Played twice, mint, with all case candy.'],
    excellent: ['Light play wear, all original, frets at 90%.', 'Clean, original finish, a few tiny dings.'],
    very_good: ['Honest wear on the back, original pickups, refret in 2009.', 'Checking in the lacquer, plays great.'],
    good: ['Player grade: heavy wear, a replaced tuner, solid.', 'Worn and loved; neck reset done, sounds huge.'],
    fair: ['Needs a setup; cracks repaired, a non-original bridge.'],
    poor: ['Project instrument: missing parts, refinished.'],
    non_functioning: ['For parts or repair: electronics dead.'],
  };
  return pick(r, notes[condition]);
}
