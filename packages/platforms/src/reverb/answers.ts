import type { Listing } from '@gearsync/core';
import { garbage } from './classify.js';
import type { ReverbResponse } from './client.js';
import { reverbListingSchema, reverbPageSchema, toListing, type ReverbPage } from './mapping.js';

/** Reverb's answers, read: a listing, a page of them, or the reason the seller's data was refused. */
export const isOk = (res: ReverbResponse): boolean => res.status >= 200 && res.status < 300;
export const listingPath = (id: string): string => `/listings/${encodeURIComponent(id)}`;

/** The listing a write answers with (`wrapped`: under `listing`, as PUT and POST answer). */
export function readListing(res: ReverbResponse, wrapped: boolean): Listing {
  const raw = wrapped && res.body && typeof res.body === 'object' && 'listing' in res.body ? (res.body as { listing: unknown }).listing : res.body;
  return parseListing(raw, res.what);
}


export function parsePage(res: ReverbResponse): ReverbPage {
  const parsed = reverbPageSchema.safeParse(res.body);
  if (!parsed.success) throw garbage(res.what, `not a page of listings (${issue(parsed.error)})`, res.status);
  return parsed.data;
}

export function parseListing(raw: unknown, what: string): Listing {
  const parsed = reverbListingSchema.safeParse(raw);
  if (!parsed.success) throw garbage(what, `not a Reverb listing (${issue(parsed.error)})`);
  try {
    return toListing(parsed.data);
  } catch (err) {
    throw garbage(what, (err as Error).message);
  }
}

export function issue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  return first ? `${first.path.map(String).join('.') || 'body'}: ${first.message}` : 'unexpected shape';
}
