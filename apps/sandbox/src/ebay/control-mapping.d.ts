import { type CanonicalListing } from '../canonical.js';
import type { ControlListing } from '../emulation.js';
import { type OfferDraft, type WireItem, type WireOffer } from './store.js';
export declare const CONTROL_MARKETPLACE = "EBAY_US";
export declare const CONTROL_LOCALE = "en_US";
export declare function marketplaceOf(currency: string): string;
export declare function toControl(item: WireItem, offer: WireOffer | undefined): ControlListing;
/** A canonical listing as the seller's inventory item and its fixed-price offer. */
export declare function toWire(listing: CanonicalListing): {
    item: WireItem;
    offer: OfferDraft;
};
