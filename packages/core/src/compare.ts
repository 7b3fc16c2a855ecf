import type { Listing, Photo, Platform } from './types.js';

export const CONTENT_FIELDS = ['title', 'description', 'price', 'images', 'condition', 'category', 'attributes', 'brand', 'model', 'year', 'finish'] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

/**
 * The content each platform holds and we therefore compare. Vintage & Rare keeps no condition
 * and no title (its item is named by brand, model and year), so a title there can neither drift
 * nor be pushed; those fields are compared instead.
 */
export const COMPARED_FIELDS: Record<Platform, readonly ContentField[]> = {
  ebay: ['title', 'description', 'price', 'images', 'condition', 'category', 'attributes'],
  reverb: ['title', 'description', 'price', 'images', 'condition', 'category'],
  website: ['title', 'description', 'price', 'images', 'condition', 'category'],
  vr: ['description', 'price', 'images', 'category', 'brand', 'model', 'year', 'finish'],
};

function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  // Equal strings are the common case; trim only when they differ.
  return a === b || (a ?? '').trim() === (b ?? '').trim();
}

export function fieldEqual(field: ContentField, a: Listing, b: Listing): boolean {
  switch (field) {
    case 'title':
    case 'description':
    case 'brand':
    case 'model':
    case 'finish':
      return sameText(a[field], b[field]);
    case 'year':
      return (a.year ?? null) === (b.year ?? null);
    case 'price':
      return (
        a.price.cents === b.price.cents &&
        (a.price.currency === b.price.currency || a.price.currency.trim().toUpperCase() === b.price.currency.trim().toUpperCase())
      );
    case 'condition':
      // Where the platform has its own code (eBay), the code and its words are what it holds.
      if (a.platformCondition !== undefined && b.platformCondition !== undefined) {
        return a.platformCondition === b.platformCondition && sameText(a.conditionDescription, b.conditionDescription);
      }
      return (a.condition ?? null) === (b.condition ?? null);
    case 'category':
      // A platform that does not tell its category (undefined) cannot disagree about it.
      if (a.platformCategory === undefined || b.platformCategory === undefined) return true;
      return sameList(a.platformCategory, b.platformCategory);
    case 'attributes': {
      if (a.attributes === undefined || b.attributes === undefined) return true;
      const ka = Object.keys(a.attributes).sort();
      const kb = Object.keys(b.attributes).sort();
      return sameList(ka, kb) && ka.every((k) => sameList(a.attributes![k]!, b.attributes![k]!));
    }
    case 'images':
      // Order matters: the first photo is the one buyers see in search results.
      return sameList(a.images, b.images);
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => sameText(x, b[i]));
}

/** Content fields (for this platform) where the two listings differ; quantity and state are compared apart. */
export function contentDiff(platform: Platform, a: Listing, b: Listing): ContentField[] {
  let out: ContentField[] | null = null;
  for (const f of COMPARED_FIELDS[platform]) if (!fieldEqual(f, a, b)) (out ??= []).push(f);
  return out ?? [];
}

/** Same content, quantity and state on this platform. */
export function sameListing(platform: Platform, a: Listing, b: Listing): boolean {
  return a.quantity === b.quantity && a.state === b.state && contentDiff(platform, a, b).length === 0;
}

/** A buyer can buy it now. */
export function isOffered(l: Listing): boolean {
  return l.state === 'active' && l.quantity > 0;
}

/**
 * A listing's photos in the URLs we sent: each URL a platform serves is read back, through what
 * we sent it (`photos`, kept with the baseline), to our source; a photo we never sent (added by
 * hand) stays as served, and so shows as a difference. Rehosting platforms then compare equal.
 */
export function withSourcePhotos(listing: Listing, photos: Photo[] | undefined): Listing {
  if (!photos?.length) return listing;
  const sourceOf = new Map(photos.map((p) => [p.url, p.source]));
  let changed = false;
  const images = listing.images.map((url) => {
    const source = sourceOf.get(url);
    if (source === undefined || source === url) return url;
    changed = true;
    return source;
  });
  return changed || listing.photos !== photos ? { ...listing, images, photos } : listing;
}
