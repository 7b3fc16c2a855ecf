import { amountToCents, centsToAmount, type CanonicalListing, type ListingPatch } from '../canonical.js';
import type { ControlListing } from '../emulation.js';

/** One V&R item in the site's own terms: no title, no condition, no quantity (one item is one unit). */
export interface VrItem {
  productId: number;
  /** The dealer's own reference (our SKU); empty on items made by hand. */
  externalId: string;
  brand: string;
  /** Up to four category levels, e.g. ["Guitars", "Electric solid body"]. */
  categories: string[];
  model: string;
  priceCents: number;
  currency: string;
  description: string;
  /** Free text on the site: "" or "1965". */
  year: string;
  decade: string;
  finish: string;
  sold: boolean;
  /** "product in inventory": shown for sale. An unsold item out of inventory is withdrawn. */
  inInventory: boolean;
  processingDays: number;
  images: string[];
  videoUrl: string;
  externalLink: string;
  freeShipping: boolean;
  showVat: boolean;
  localPickup: boolean;
}

export const TOP_CATEGORIES = ['Guitars', 'Basses', 'Amps', 'Effects', 'Keyboards', 'Drums', 'Studio', 'Accessories', 'Other'] as const;

const SEED_BRANDS = ['Fender', 'Gibson', 'Gretsch', 'Martin', 'Rickenbacker', 'Epiphone', 'Guild', 'Vox', 'Marshall', 'Ibanez'];
const FIRST_PRODUCT_ID = 410001;
const DEFAULT_PROCESSING_DAYS = 3;

export function decadeOf(year: string): string {
  return /^\d{4}$/.test(year) ? `${year.slice(0, 3)}0s` : '';
}

/** Items and brands of one dealer account. Ids only ever grow, as the site's do. */
export class VrStore {
  private items = new Map<number, VrItem>();
  private brands = new Map<string, { id: number; name: string }>();
  private nextId = FIRST_PRODUCT_ID;
  private nextBrandId = 1;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.items.clear();
    this.brands.clear();
    this.nextId = FIRST_PRODUCT_ID;
    this.nextBrandId = 1;
    for (const b of SEED_BRANDS) this.brandId(b, true);
  }

  all(): VrItem[] {
    return [...this.items.values()].sort((a, b) => a.productId - b.productId);
  }

  get(id: number): VrItem | undefined {
    return this.items.get(id);
  }

  bySku(sku: string): VrItem | undefined {
    return this.all().find((i) => i.externalId === sku);
  }

  create(fields: Omit<VrItem, 'productId'>): VrItem {
    const item: VrItem = { ...fields, productId: this.nextId++ };
    this.items.set(item.productId, item);
    this.brandId(item.brand, true);
    return item;
  }

  update(id: number, fields: Partial<Omit<VrItem, 'productId'>>): VrItem | undefined {
    const item = this.items.get(id);
    if (!item) return undefined;
    Object.assign(item, fields);
    this.brandId(item.brand, true);
    return item;
  }

  delete(id: number): boolean {
    return this.items.delete(id);
  }

  clear(): void {
    this.items.clear();
  }

  /** The site's brand id for a name (any case), 0 when unknown; `register` adds it. */
  brandId(name: string, register = false): number {
    const key = name.trim().toLowerCase();
    if (!key) return 0;
    const known = this.brands.get(key);
    if (known) return known.id;
    if (!register) return 0;
    const id = this.nextBrandId++;
    this.brands.set(key, { id, name: name.trim() });
    return id;
  }
}

export function newItemDefaults(): Omit<VrItem, 'productId'> {
  return {
    externalId: '',
    brand: '',
    categories: [],
    model: '',
    priceCents: 0,
    currency: 'USD',
    description: '',
    year: '',
    decade: '',
    finish: '',
    sold: false,
    inInventory: true,
    processingDays: DEFAULT_PROCESSING_DAYS,
    images: [],
    videoUrl: '',
    externalLink: '',
    freeShipping: false,
    showVat: false,
    localPickup: false,
  };
}

/** V&R has no title: the site shows brand and model. */
export function titleOf(item: Pick<VrItem, 'brand' | 'model'>): string {
  return [item.brand, item.model].filter((s) => s.trim() !== '').join(' ');
}

function modelFromTitle(title: string, brand: string): string {
  return brand && title.toLowerCase().startsWith(`${brand.toLowerCase()} `) ? title.slice(brand.length + 1) : title;
}

function stateFields(status: CanonicalListing['status'], quantity: number): Pick<VrItem, 'sold' | 'inInventory'> {
  return { sold: status === 'sold', inInventory: status === 'active' && quantity > 0 };
}

export function itemFromCanonical(listing: CanonicalListing): Omit<VrItem, 'productId'> {
  const brand = listing.brand ?? '';
  const year = listing.year == null ? '' : String(listing.year);
  return {
    ...newItemDefaults(),
    externalId: listing.sku,
    brand,
    model: listing.model ?? modelFromTitle(listing.title, brand),
    categories: listing.category ? listing.category.split('>').map((c) => c.trim()).slice(0, 4) : [],
    priceCents: amountToCents(listing.price.amount),
    currency: listing.price.currency,
    description: listing.description,
    year,
    decade: decadeOf(year),
    finish: listing.finish ?? '',
    images: [...listing.images],
    ...stateFields(listing.status, listing.quantity),
  };
}

export function patchFields(item: VrItem, patch: ListingPatch): Partial<VrItem> {
  const out: Partial<VrItem> = {};
  if (patch.sku !== undefined) out.externalId = patch.sku;
  if (patch.brand !== undefined) out.brand = patch.brand ?? '';
  if (patch.model !== undefined) out.model = patch.model ?? '';
  else if (patch.title !== undefined) out.model = modelFromTitle(patch.title, out.brand ?? item.brand);
  if (patch.description !== undefined) out.description = patch.description;
  if (patch.price !== undefined) {
    out.priceCents = amountToCents(patch.price.amount);
    out.currency = patch.price.currency;
  }
  if (patch.images !== undefined) out.images = [...patch.images];
  if (patch.year !== undefined) {
    out.year = patch.year == null ? '' : String(patch.year);
    out.decade = decadeOf(out.year);
  }
  if (patch.finish !== undefined) out.finish = patch.finish ?? '';
  if (patch.category !== undefined) out.categories = patch.category ? patch.category.split('>').map((c) => c.trim()).slice(0, 4) : [];
  if (patch.status !== undefined || patch.quantity !== undefined) {
    const status = patch.status ?? (item.sold ? 'sold' : item.inInventory ? 'active' : 'ended');
    Object.assign(out, stateFields(status, patch.quantity ?? (status === 'active' ? 1 : 0)));
  }
  return out;
}

export function itemToControl(item: VrItem): ControlListing {
  const year = /^\d{4}$/.test(item.year) ? Number(item.year) : null;
  return {
    id: String(item.productId),
    sku: item.externalId,
    title: titleOf(item),
    description: item.description,
    price: { amount: centsToAmount(item.priceCents), currency: item.currency },
    quantity: !item.sold && item.inInventory ? 1 : 0,
    condition: null,
    images: [...item.images],
    status: item.sold ? 'sold' : item.inInventory ? 'active' : 'ended',
    brand: item.brand || null,
    model: item.model || null,
    year,
    finish: item.finish || null,
    category: item.categories.length ? item.categories.join('>') : null,
  };
}
