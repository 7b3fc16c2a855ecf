import { amountToCents, centsToAmount, type CanonicalListing, type ListingPatch } from '../canonical.js';
import type { ControlListing } from '../emulation.js';
import { UNCATEGORIZED, type ProductInput, type ProductStore, type WooProduct } from './store.js';

/**
 * WooCommerce has no column for a guitar's brand, model, year, finish or condition: a shop
 * shows them as custom product attributes ("Additional information" on the product page),
 * under the names a buyer reads.
 */
export const ATTRIBUTE = { brand: 'Brand', model: 'Model', year: 'Year', finish: 'Finish', condition: 'Condition' } as const;

type Condition = NonNullable<CanonicalListing['condition']>;

/** The grades as a gear shop words them (the trade's own scale, as Reverb names it). */
const CONDITION_WORDS: Record<Condition, string> = {
  new: 'Brand New',
  mint: 'Mint',
  excellent: 'Excellent',
  very_good: 'Very Good',
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
  non_functioning: 'Non Functioning',
};

function conditionNamed(words: string | null): Condition | null {
  if (!words) return null;
  const text = words.trim().toLowerCase();
  if (text === 'new') return 'new';
  const hit = (Object.entries(CONDITION_WORDS) as [Condition, string][]).find(([, w]) => w.toLowerCase() === text);
  return hit ? hit[0] : null;
}

function attribute(p: WooProduct, name: string): string | null {
  const value = p.attributes.find((a) => a.name.toLowerCase() === name.toLowerCase())?.options.join(' | ');
  return value ? value : null;
}

export function quantityOf(p: WooProduct): number {
  if (p.manage_stock) return Math.max(0, p.stock_quantity ?? 0);
  return p.stock_status === 'instock' ? 1 : 0;
}

/**
 * publish with stock → active; publish without → sold; draft, pending, private → ended. A product
 * has no currency of its own: its price is in the store's (Settings → General).
 */
export function toControl(p: WooProduct, currency: string): ControlListing {
  const quantity = quantityOf(p);
  const year = Number(attribute(p, ATTRIBUTE.year));
  return {
    id: String(p.id),
    sku: p.sku,
    title: p.name,
    description: p.description,
    price: { amount: centsToAmount(amountToCents(p.regular_price || p.price || '0')), currency },
    quantity,
    condition: conditionNamed(attribute(p, ATTRIBUTE.condition)),
    images: p.images.map((i) => i.src),
    status: p.status !== 'publish' ? 'ended' : quantity > 0 && p.stock_status !== 'outofstock' ? 'active' : 'sold',
    brand: attribute(p, ATTRIBUTE.brand),
    model: attribute(p, ATTRIBUTE.model),
    year: Number.isInteger(year) && year > 0 ? year : null,
    finish: attribute(p, ATTRIBUTE.finish),
    // The shop's default category is WordPress's "none": a product filed nowhere lands there.
    category: p.categories.find((c) => c.id !== UNCATEGORIZED.id)?.name ?? null,
    platformCategory: p.categories.map((c) => String(c.id)),
  };
}

/** The product fields a canonical (partial) listing sets, as a shop manager would in wp-admin. */
export function toInput(c: Partial<CanonicalListing> | ListingPatch, store: ProductStore, current?: WooProduct): ProductInput {
  const input: ProductInput = {};
  if (c.title !== undefined) input.name = c.title;
  if (c.sku !== undefined) input.sku = c.sku;
  if (c.description !== undefined) input.description = c.description;
  if (c.price !== undefined) input.regular_price = centsToAmount(amountToCents(c.price.amount));
  if (c.quantity !== undefined) {
    input.manage_stock = true;
    input.stock_quantity = c.quantity;
  }
  if (c.status !== undefined) {
    input.status = c.status === 'ended' ? 'draft' : 'publish';
    if (c.status === 'sold') {
      input.manage_stock = true;
      input.stock_quantity = 0;
    }
  }
  if (c.images !== undefined) input.images = c.images.map((src) => ({ src }));
  if (c.category !== undefined) input.categories = c.category ? [{ id: store.categoryNamed(c.category).id }] : [];
  if (c.platformCategory !== undefined) input.categories = c.platformCategory.map((id) => ({ id: Number(id) }));
  if ((['condition', 'brand', 'model', 'year', 'finish'] as const).some((f) => c[f] !== undefined)) {
    input.attributes = attributesFor(c, current);
  }
  return input;
}

/**
 * `attributes` replaces the whole set, so a patch of one field carries the others as they are;
 * a field set to null is dropped.
 */
function attributesFor(c: Partial<CanonicalListing> | ListingPatch, current: WooProduct | undefined): ProductInput[] {
  const fields = ['brand', 'model', 'year', 'finish', 'condition'] as const;
  const out: ProductInput[] = [];
  for (const [position, field] of fields.entries()) {
    const given = c[field];
    const text =
      given === undefined
        ? current && attribute(current, ATTRIBUTE[field])
        : given === null
          ? null
          : field === 'condition'
            ? CONDITION_WORDS[given as Condition]
            : String(given);
    if (text) out.push({ name: ATTRIBUTE[field], options: [text], position, visible: true, variation: false });
  }
  return out;
}
