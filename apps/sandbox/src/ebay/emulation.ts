import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { PlatformBehaviour } from '../behaviour.js';
import { type CanonicalListing, canonicalListingSchema, type ListingPatch } from '../canonical.js';
import type { ControlListing, Emulation } from '../emulation.js';
import { CHECKED, FAILED } from './contract.js';
import { toControl, toWire } from './control-mapping.js';
import { type EbayCredentials, TokenRegistry } from './oauth.js';
import { ebayRouter } from './routes.js';
import { InventoryStore, type WireListing } from './store.js';

const LISTING_STATUS: Record<CanonicalListing['status'], WireListing['listingStatus']> = {
  active: 'ACTIVE',
  sold: 'OUT_OF_STOCK',
  ended: 'ENDED',
};

/**
 * eBay's Sell Inventory API: inventory items by SKU, one fixed-price offer per SKU, bulk
 * calls of 25, OAuth refresh-token grant. Requests are checked against eBay's own contract.
 * Listings made outside the Inventory API (no SKU) are kept for the control API only: the
 * Inventory API cannot see them, as on eBay.
 */
export class EbayEmulation implements Emulation {
  readonly name = 'ebay' as const;
  readonly behaviour = new PlatformBehaviour();
  private readonly store = new InventoryStore();
  private readonly tokens = new TokenRegistry();
  private legacy: ControlListing[] = [];
  private orderSeq = 0;

  constructor(private readonly credentials: EbayCredentials) {}

  router(): Router {
    return ebayRouter({ store: this.store, behaviour: this.behaviour, credentials: this.credentials, tokens: this.tokens, mountPath: `/${this.name}` });
  }

  /** Every access token issued so far expires now: the next API call answers 403/1100. */
  expireTokens(): void {
    this.tokens.expireAll();
  }

  /** Requests checked against eBay's contract, and how many it refused. */
  contractStats(): { checked: number; failed: number } {
    return { checked: this.behaviour.stats.byEndpoint[CHECKED] ?? 0, failed: this.behaviour.stats.byEndpoint[FAILED] ?? 0 };
  }

  reset(): void {
    this.store.clear();
    this.legacy = [];
    this.behaviour.reset();
    this.orderSeq = 0;
  }

  replace(listings: CanonicalListing[]): ControlListing[] {
    this.store.clear();
    this.legacy = [];
    return this.add(listings);
  }

  add(listings: CanonicalListing[]): ControlListing[] {
    return listings.map((listing) => {
      if (!listing.sku) {
        const made = { ...listing, id: String(300_000_000_000 + this.legacy.length + 1) };
        this.legacy.push(made);
        return made;
      }
      const { item, offer } = toWire(listing);
      this.store.restore(item, { ...offer, listingStatus: LISTING_STATUS[listing.status] });
      return this.control(listing.sku)!;
    });
  }

  patch(sku: string, fields: ListingPatch): ControlListing | null {
    const current = this.control(sku);
    if (!current) return null;
    const merged = canonicalListingSchema.parse({ ...current, ...fields });
    const { item, offer } = toWire({ ...merged, sku });
    const { status: _status, ...offerFields } = offer;
    this.store.edit(sku, item, offerFields, merged.status);
    return this.control(sku);
  }

  list(): ControlListing[] {
    const items = this.store.allItems().map((item) => toControl(item, this.store.offersOf(item.sku)[0]));
    return [...items, ...this.legacy];
  }

  async sell(sku: string, quantity: number): Promise<ControlListing | null> {
    const sold = this.store.sell(sku, quantity);
    if (!sold) return null;
    const url = this.behaviour.config.webhookUrl;
    if (url) await this.notify(url, { sku, quantity, orderId: this.nextOrderId(), listingId: sold.offer.listing?.listingId ?? null });
    return this.control(sku);
  }

  private control(sku: string): ControlListing | null {
    const item = this.store.item(sku);
    return item ? toControl(item, this.store.offersOf(sku)[0]) : null;
  }

  private nextOrderId(): string {
    this.orderSeq += 1;
    return `27-${String(10_000 + this.orderSeq).padStart(5, '0')}-${String(20_000 + this.orderSeq).padStart(5, '0')}`;
  }

  /**
   * A sale notification in the shape of eBay's notification API. eBay signs these with its
   * own key; the app's webhook URL carries a secret token instead, so no signature is sent.
   */
  private async notify(url: string, data: { sku: string; quantity: number; orderId: string; listingId: string | null }): Promise<void> {
    const now = new Date().toISOString();
    const body = {
      metadata: { topic: 'ITEM_SOLD', schemaVersion: '1.0', deprecated: false },
      notification: { notificationId: randomUUID(), eventDate: now, publishDate: now, publishAttemptCount: 1, data },
    };
    try {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
    } catch {
      // eBay retries failed deliveries later on its own schedule; a sale stands regardless.
    }
  }
}
