import type { Router } from 'express';
import { PlatformBehaviour } from '../behaviour.js';
import type { CanonicalListing, ListingPatch } from '../canonical.js';
import type { ControlListing, Emulation } from '../emulation.js';
import { vrRouter } from './routes.js';
import { Sessions } from './sessions.js';
import { VrStore, itemFromCanonical, itemToControl, patchFields } from './store.js';

/**
 * Vintage & Rare: no API, a dealer website. One item is one unit; there is no condition and
 * no "ended" (a withdrawn item is out of inventory); V&R sends no webhooks.
 */
export class VrEmulation implements Emulation {
  readonly name = 'vr' as const;
  readonly behaviour = new PlatformBehaviour();
  private readonly store = new VrStore();
  private readonly sessions: Sessions;

  constructor(
    private readonly credentials: { username: string; password: string },
    options: { sessionTtlMs?: number } = {},
  ) {
    this.sessions = new Sessions(options.sessionTtlMs);
  }

  router(): Router {
    return vrRouter({ store: this.store, sessions: this.sessions, behaviour: this.behaviour, credentials: this.credentials });
  }

  /** Ends every login at once, as PHP's session garbage collector does. */
  expireSessions(): void {
    this.sessions.expireAll();
  }

  reset(): void {
    this.store.reset();
    this.sessions.expireAll();
    this.behaviour.reset();
  }

  replace(listings: CanonicalListing[]): ControlListing[] {
    this.store.clear();
    return this.add(listings);
  }

  add(listings: CanonicalListing[]): ControlListing[] {
    return listings.map((l) => itemToControl(this.store.create(itemFromCanonical(l))));
  }

  patch(sku: string, fields: ListingPatch): ControlListing | null {
    const item = this.store.bySku(sku);
    if (!item) return null;
    return itemToControl(this.store.update(item.productId, patchFields(item, fields))!);
  }

  list(): ControlListing[] {
    return this.store.all().map(itemToControl);
  }

  async sell(sku: string, quantity: number): Promise<ControlListing | null> {
    const item = this.store.all().find((i) => i.externalId === sku && !i.sold && i.inInventory);
    if (!item || quantity !== 1) return null;
    return itemToControl(this.store.update(item.productId, { sold: true })!);
  }
}
