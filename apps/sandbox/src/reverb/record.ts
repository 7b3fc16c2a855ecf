import { amountToCents, centsToAmount, type CanonicalListing, type ListingPatch } from '../canonical.js';
import type { ControlListing } from '../emulation.js';
import { conditionByGrade, conditionByUuid } from './conditions.js';

export const LISTING_STATES = ['draft', 'live', 'sold', 'ended', 'suspended'] as const;
export type ListingState = (typeof LISTING_STATES)[number];

/** One Reverb listing as the emulation keeps it, in Reverb's own terms. */
export interface ReverbRecord {
  id: number;
  sku: string;
  make: string;
  model: string;
  title: string;
  description: string;
  finish: string;
  /** Reverb keeps the year as free text ("1965", "1960s"). */
  year: string;
  conditionUuid: string | null;
  priceCents: number;
  currency: string;
  inventory: number;
  hasInventory: boolean;
  state: ListingState;
  photos: string[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface ReverbOrder {
  order_number: string;
  sku: string;
  quantity: number;
  product_id: string;
  title: string;
  status: string;
  created_at: string;
  updated_at: string;
}

const STATE_DESCRIPTIONS: Record<ListingState, string> = {
  draft: 'Draft',
  live: 'Live',
  sold: 'Sold',
  ended: 'Ended',
  suspended: 'Suspended',
};

const SYMBOLS: Record<string, string> = { USD: '$', CAD: '$', AUD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** The HAL+JSON body Reverb answers for a listing; `apiRoot` is the absolute `/api` URL. */
export function renderListing(r: ReverbRecord, apiRoot: string, webRoot: string) {
  const condition = conditionByUuid(r.conditionUuid);
  const amount = centsToAmount(r.priceCents);
  const symbol = SYMBOLS[r.currency] ?? '';
  const self = `${apiRoot}/listings/${r.id}`;
  return {
    id: r.id,
    sku: r.sku,
    make: r.make,
    model: r.model,
    title: r.title,
    description: r.description,
    finish: r.finish,
    year: r.year,
    condition: condition ? { uuid: condition.uuid, display_name: condition.display_name, slug: condition.slug } : null,
    price: { amount, amount_cents: r.priceCents, currency: r.currency, symbol, display: `${symbol}${amount}` },
    inventory: r.inventory,
    has_inventory: r.hasInventory,
    state: { slug: r.state, description: STATE_DESCRIPTIONS[r.state] },
    // The emulation cannot rehost photos, so every size points at the URL it was given.
    photos: r.photos.map((href) => ({
      _links: { large_crop: { href }, small_crop: { href }, full: { href }, thumbnail: { href } },
    })),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    published_at: r.publishedAt,
    _links: {
      self: { href: self },
      update: { method: 'PUT', href: self },
      end: { method: 'PUT', href: `${apiRoot}/my/listings/${r.id}/state/end` },
      web: { href: `${webRoot}/item/${r.id}` },
    },
  };
}

export function toControl(r: ReverbRecord): ControlListing {
  const year = /^\d{4}$/.test(r.year) ? Number(r.year) : null;
  return {
    id: String(r.id),
    sku: r.sku,
    title: r.title,
    description: r.description,
    price: { amount: centsToAmount(r.priceCents), currency: r.currency },
    quantity: r.inventory,
    condition: conditionByUuid(r.conditionUuid)?.grade ?? null,
    images: [...r.photos],
    status: r.state === 'live' ? 'active' : r.state === 'sold' ? 'sold' : 'ended',
    brand: r.make,
    model: r.model,
    year,
    finish: r.finish || null,
  };
}

const STATUS_TO_STATE = { active: 'live', ended: 'ended', sold: 'sold' } as const;

export function fromControl(c: CanonicalListing, id: number, now: string): ReverbRecord {
  return {
    id,
    sku: c.sku,
    make: c.brand ?? '',
    model: c.model ?? '',
    title: c.title,
    description: c.description,
    finish: c.finish ?? '',
    year: c.year == null ? '' : String(c.year),
    conditionUuid: conditionByGrade(c.condition)?.uuid ?? null,
    priceCents: amountToCents(c.price.amount),
    currency: c.price.currency,
    inventory: c.quantity,
    hasInventory: c.quantity > 1,
    state: STATUS_TO_STATE[c.status],
    photos: [...c.images],
    createdAt: now,
    updatedAt: now,
    publishedAt: c.status === 'active' ? now : null,
  };
}

/** A hand edit in Reverb's web UI, expressed in control terms. */
export function applyControlPatch(r: ReverbRecord, p: ListingPatch, now: string): void {
  if (p.sku !== undefined) r.sku = p.sku;
  if (p.title !== undefined) r.title = p.title;
  if (p.description !== undefined) r.description = p.description;
  if (p.price !== undefined) {
    r.priceCents = amountToCents(p.price.amount);
    r.currency = p.price.currency;
  }
  if (p.quantity !== undefined) r.inventory = p.quantity;
  if (p.condition !== undefined) r.conditionUuid = conditionByGrade(p.condition)?.uuid ?? null;
  if (p.images !== undefined) r.photos = [...p.images];
  if (p.status !== undefined) r.state = STATUS_TO_STATE[p.status];
  if (p.brand !== undefined) r.make = p.brand ?? '';
  if (p.model !== undefined) r.model = p.model ?? '';
  if (p.year !== undefined) r.year = p.year == null ? '' : String(p.year);
  if (p.finish !== undefined) r.finish = p.finish ?? '';
  r.updatedAt = now;
}
