import type { Money } from '@gearsync/core';

/** What gearsync knows of a SKU's offer: the ids, whether it is live, and its price. */
export interface KnownOffer {
  offerId: string;
  listingId?: string;
  status: 'PUBLISHED' | 'UNPUBLISHED';
  price: Money | null;
  /** The offer's category, where known (it is the listing's `platformCategory`). */
  categoryId?: string;
  /** The offer's own cap on what the listing sells, where set (Seller Hub and migrated listings). */
  availableQuantity?: number;
}

/**
 * Offers per SKU, remembered between snapshots. eBay serves offers one SKU a call (no list-all),
 * so a snapshot reads only the SKUs this cache does not know; our own writes keep it current.
 * `null` records "this SKU has no offer". Entries older than `ttlMs` are read again, which is
 * the slow sweep that notices price edits made by hand on eBay. Prime it from what the
 * database holds (`ebay_listings`) with `remember` so a fresh process does not read every SKU.
 */
export class OfferCache {
  private entries = new Map<string, { offer: KnownOffer | null; at: number }>();

  constructor(private readonly options: { ttlMs?: number; now?: () => number } = {}) {}

  /** The SKU's offer, null when it has none, undefined when unknown (or too old to trust). */
  get(sku: string): KnownOffer | null | undefined {
    const hit = this.entries.get(sku);
    if (!hit) return undefined;
    if (this.options.ttlMs !== undefined && this.now() - hit.at > this.options.ttlMs) return undefined;
    return hit.offer;
  }

  set(sku: string, offer: KnownOffer | null): void {
    this.entries.set(sku, { offer, at: this.now() });
  }

  forget(sku: string): void {
    this.entries.delete(sku);
  }

  remember(entries: Iterable<[sku: string, offer: KnownOffer | null]>): void {
    for (const [sku, offer] of entries) this.set(sku, offer);
  }

  get size(): number {
    return this.entries.size;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
