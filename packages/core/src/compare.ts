import type { Listing, Platform } from './types.js';

export const CONTENT_FIELDS = ['title', 'description', 'price', 'images', 'condition', 'brand', 'model', 'year', 'finish'] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

/**
 * The content each platform holds and we therefore compare. Vintage & Rare keeps no condition
 * and no title (its item is named by brand, model and year), so a title there can neither drift
 * nor be pushed; those fields are compared instead.
 */
export const COMPARED_FIELDS: Record<Platform, readonly ContentField[]> = {
  ebay: ['title', 'description', 'price', 'images', 'condition'],
  reverb: ['title', 'description', 'price', 'images', 'condition'],
  website: ['title', 'description', 'price', 'images', 'condition'],
  vr: ['description', 'price', 'images', 'brand', 'model', 'year', 'finish'],
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
      return (a.condition ?? null) === (b.condition ?? null);
    case 'images': {
      // Order matters: the first photo is the one buyers see in search results.
      if (a.images.length !== b.images.length) return false;
      for (let i = 0; i < a.images.length; i++) if (!sameText(a.images[i], b.images[i])) return false;
      return true;
    }
  }
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
