import { formatAmount, fromReverbCondition, parseAmount, REVERB_CONDITIONS, reverbAllowsMultipleUnits, type Listing, type ListingState } from '@gearsync/core';
import { z } from 'zod';

const href = z.object({ href: z.string() }).partial();

/** The part of Reverb's listing body we read; everything else (categories, shipping…) is ignored. */
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
  photos: z.array(z.union([z.string(), z.object({ _links: z.record(z.string(), href).optional() })])).nullish(),
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

const STATES: Record<string, ListingState> = { live: 'active', draft: 'draft', sold: 'sold' };

/** Reverb serves each photo in several sizes; `full` is the closest to what was uploaded. */
function photoUrl(photo: NonNullable<ReverbListing['photos']>[number]): string | undefined {
  if (typeof photo === 'string') return photo;
  const links = photo._links ?? {};
  return links.full?.href ?? links.large_crop?.href ?? Object.values(links).find((l) => l?.href)?.href;
}

export function toListing(wire: ReverbListing): Listing {
  const year = wire.year == null ? null : String(wire.year);
  const cents = wire.price.amount_cents ?? (wire.price.amount ? parseAmount(wire.price.amount) : null);
  if (cents === null) throw new Error(`listing ${wire.id} has no price`);
  return {
    externalId: String(wire.id),
    sku: wire.sku || null,
    title: wire.title ?? '',
    description: wire.description ?? '',
    price: { cents, currency: wire.price.currency },
    quantity: wire.inventory ?? (wire.state.slug === 'live' ? 1 : 0),
    condition: fromReverbCondition(wire.condition?.uuid),
    images: (wire.photos ?? []).map(photoUrl).filter((u): u is string => Boolean(u)),
    // Ended, suspended and anything Reverb adds later are all "not on sale".
    state: STATES[wire.state.slug] ?? 'ended',
    brand: wire.make ?? null,
    model: wire.model ?? null,
    // Reverb's year is free text ("1960s"); only a plain year maps to ours.
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    finish: wire.finish || null,
  };
}

/** The write body for a listing's content and stock; Reverb changes only the fields sent. */
export function toReverbBody(listing: Listing): Record<string, unknown> {
  const body: Record<string, unknown> = {
    title: listing.title,
    description: listing.description,
    price: { amount: formatAmount(listing.price.cents), currency: listing.price.currency },
    photos: listing.images,
    inventory: listing.quantity,
    has_inventory: true,
  };
  if (listing.sku) body.sku = listing.sku;
  if (listing.brand) body.make = listing.brand;
  if (listing.model) body.model = listing.model;
  if (listing.finish) body.finish = listing.finish;
  if (listing.year != null) body.year = String(listing.year);
  if (listing.condition) body.condition = { uuid: REVERB_CONDITIONS[listing.condition].uuid };
  return body;
}

/** Reverb refuses more than one unit of a used item; say so before spending a call on it. */
export function unitsProblem(listing: Listing): string | null {
  if (listing.quantity > 1 && listing.condition && !reverbAllowsMultipleUnits(listing.condition)) {
    return `Reverb allows more than one unit only for new, mint and B-stock items; this one is "${listing.condition}" with quantity ${listing.quantity}`;
  }
  return null;
}
