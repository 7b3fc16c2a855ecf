import { formatAmount, fromReverbCondition, parseAmount, REVERB_CONDITIONS, reverbAllowsMultipleUnits, type Listing, type ListingState, type Photo } from '@gearsync/core';
import { z } from 'zod';

const href = z.object({ href: z.string() }).partial();
const links = z.record(z.string(), href.nullish());

/** The part of Reverb's listing body we read; everything else (shipping, stats…) is ignored. */
export const reverbListingSchema = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  sku: z.string().nullish(),
  make: z.string().nullish(),
  model: z.string().nullish(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  finish: z.string().nullish(),
  year: z.union([z.string(), z.number()]).nullish(),
  condition: z.object({ uuid: z.string().nullish() }).nullish(),
  price: z.object({ amount: z.string().nullish(), amount_cents: z.number().int().nullish(), currency: z.string() }),
  inventory: z.number().int().nullish(),
  has_inventory: z.boolean().nullish(),
  state: z.object({ slug: z.string() }),
  categories: z.array(z.object({ uuid: z.string(), full_name: z.string().nullish() })).nullish(),
  photos: z.array(z.union([z.string(), z.object({ _links: links.optional() })])).nullish(),
});
export type ReverbListing = z.output<typeof reverbListingSchema>;

export const reverbPageSchema = z.object({
  total: z.number().int().nullish(),
  current_page: z.number().int().nullish(),
  total_pages: z.number().int().nullish(),
  listings: z.array(z.unknown()),
  _links: z.object({ next: href.nullish(), prev: href.nullish() }).nullish(),
});
export type ReverbPage = z.output<typeof reverbPageSchema>;

/** `GET /listings/{id}/images`: each photo with the id that deletes it. */
export const reverbImagesSchema = z.object({
  images: z.array(z.object({ id: z.union([z.number().int(), z.string()]).transform(String), _links: links.optional() })),
});
export type ReverbImage = z.output<typeof reverbImagesSchema>['images'][number];

const money = z.object({ amount: z.string().nullish(), amount_cents: z.number().int().nullish(), currency: z.string() });
export const reverbOrderSchema = z.object({
  order_number: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  sku: z.string().nullish(),
  product_id: z.union([z.string(), z.number()]).nullish(),
  quantity: z.number().int().positive().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  paid_at: z.string().nullish(),
  amount_product: money.nullish(),
});
export type ReverbOrder = z.output<typeof reverbOrderSchema>;

export const reverbOrdersPageSchema = z.object({
  orders: z.array(z.unknown()),
  _links: z.object({ next: href.nullish() }).nullish(),
});

export const reverbRegistrationSchema = z.object({ id: z.union([z.number(), z.string()]).transform(String), url: z.string(), topic: z.string() });
export const reverbRegistrationsPageSchema = z.object({ registrations: z.array(reverbRegistrationSchema), _links: z.object({ next: href.nullish() }).nullish() });

/**
 * Reverb's states on real accounts. `sold_out` is sold and `ordered` is sold awaiting payment:
 * both are sales. Ended, suspended, seller_unavailable and anything Reverb adds later are off sale.
 */
const STATES: Record<string, ListingState> = { live: 'active', draft: 'draft', sold_out: 'sold', ordered: 'sold', sold: 'sold' };

/** Order statuses that are a sale; `unpaid` (and `payment_pending`) is not one yet. */
export const SALE_STATUSES: ReadonlySet<string> = new Set(['paid', 'shipped', 'picked_up', 'received']);

type WirePhoto = NonNullable<ReverbListing['photos']>[number];

/** Reverb serves each photo in several sizes; `full` is the closest to what was uploaded. */
export function photoUrl(photo: WirePhoto | ReverbImage): string | undefined {
  if (typeof photo === 'string') return photo;
  const l = photo._links ?? {};
  return l.full?.href ?? l.large_crop?.href ?? Object.values(l).find((x) => x?.href)?.href ?? undefined;
}

/** Every URL a photo is served at (any size names it). */
export function photoUrls(photo: ReverbImage): string[] {
  return Object.values(photo._links ?? {}).flatMap((l) => (l?.href ? [l.href] : []));
}

export function toListing(wire: ReverbListing): Listing {
  const year = wire.year == null ? null : String(wire.year);
  const cents = wire.price.amount_cents ?? (wire.price.amount ? parseAmount(wire.price.amount) : null);
  if (cents === null) throw new Error(`listing ${wire.id} has no price`);
  const listing: Listing = {
    externalId: String(wire.id),
    sku: wire.sku || null,
    title: wire.title ?? '',
    description: wire.description ?? '',
    price: { cents, currency: wire.price.currency },
    quantity: wire.inventory ?? (wire.state.slug === 'live' ? 1 : 0),
    condition: fromReverbCondition(wire.condition?.uuid),
    images: (wire.photos ?? []).map(photoUrl).filter((u): u is string => Boolean(u)),
    state: STATES[wire.state.slug] ?? 'ended',
    brand: wire.make ?? null,
    model: wire.model ?? null,
    // Reverb's year is free text ("1960s"); only a plain year maps to ours.
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    finish: wire.finish || null,
  };
  if (wire.categories) {
    listing.platformCategory = wire.categories.map((c) => c.uuid);
    // Reverb's own name for it: what an imported product's category starts as.
    const name = wire.categories.find((c) => c.full_name)?.full_name;
    if (name) listing.category = name;
  }
  return listing;
}

/**
 * The content of a write; Reverb changes only the fields sent. Category and shipping profile
 * travel on every write: a listing without them cannot be (re)published.
 */
export function contentBody(listing: Listing): Record<string, unknown> {
  const body: Record<string, unknown> = {
    title: listing.title,
    description: listing.description,
    price: { amount: formatAmount(listing.price.cents), currency: listing.price.currency },
  };
  if (listing.sku) body.sku = listing.sku;
  if (listing.brand) body.make = listing.brand;
  if (listing.model) body.model = listing.model;
  if (listing.finish) body.finish = listing.finish;
  if (listing.year != null) body.year = String(listing.year);
  if (listing.condition) body.condition = { uuid: REVERB_CONDITIONS[listing.condition].uuid };
  if (listing.platformCategory?.length) body.categories = listing.platformCategory.map((uuid) => ({ uuid }));
  const profile = listing.platformFields?.shippingProfileId;
  if (profile) body.shipping_profile_id = /^\d+$/.test(profile) ? Number(profile) : profile;
  return body;
}

/**
 * Stock fields. `has_inventory` is for items sold more than once (new, mint, B-stock); a
 * one-off is `has_inventory: false`, and Reverb then ignores its inventory.
 */
export function stockBody(quantity: number, create: boolean): Record<string, unknown> {
  if (quantity > 1) return { has_inventory: true, inventory: quantity };
  return create ? { has_inventory: false, inventory: quantity } : { inventory: quantity };
}

/** The create body: published at once, photos sent (Reverb fetches and rehosts each). */
export function createBody(listing: Listing): Record<string, unknown> {
  return { ...contentBody(listing), ...stockBody(listing.quantity, true), ...(listing.images.length ? { photos: listing.images } : {}), publish: true };
}

/** Each photo we sent beside the URL Reverb serves it at, by position; none when the counts differ. */
export function pairPhotos(sent: readonly string[], served: readonly string[]): Photo[] | undefined {
  if (sent.length !== served.length) return undefined;
  return sent.map((source, i) => ({ source, url: served[i]! }));
}

/** Reverb refuses more than one unit of a used item; say so before spending a call on it. */
export function unitsProblem(listing: Listing): string | null {
  if (listing.quantity > 1 && listing.condition && !reverbAllowsMultipleUnits(listing.condition)) {
    return `Reverb allows more than one unit only for new, mint and B-stock items; this one is "${listing.condition}" with quantity ${listing.quantity}`;
  }
  return null;
}

/** What Reverb needs before it publishes, checked before spending a call. */
export function publishProblem(listing: Listing): string | null {
  const missing: string[] = [];
  if (!listing.platformCategory?.length) missing.push('a Reverb category (the category map has no Reverb uuid for it)');
  if (!listing.platformFields?.shippingProfileId) missing.push('a shipping profile (Reverb settings: shippingProfileId)');
  return missing.length ? `Reverb publishes a listing only with ${missing.join(' and ')}` : null;
}
