import { type EbayAccount } from './account.js';
import { type EbayError, type Refusal } from './errors.js';
/** eBay's ConditionEnum, as the Inventory API accepts it. */
export declare const EBAY_CONDITION_ENUM: readonly ["NEW", "LIKE_NEW", "NEW_OTHER", "NEW_WITH_DEFECTS", "CERTIFIED_REFURBISHED", "EXCELLENT_REFURBISHED", "VERY_GOOD_REFURBISHED", "GOOD_REFURBISHED", "SELLER_REFURBISHED", "USED_EXCELLENT", "USED_VERY_GOOD", "USED_GOOD", "USED_ACCEPTABLE", "FOR_PARTS_OR_NOT_WORKING", "PRE_OWNED_EXCELLENT", "PRE_OWNED_FAIR"];
/** The currency each marketplace lists in. */
export declare const MARKETPLACE_CURRENCY: Record<string, string>;
/** The language each marketplace's listings are written in (`Content-Language`, item `locale`). */
export declare const MARKETPLACE_LANGUAGE: Record<string, string>;
/** `en-GB` → `en_GB`: the header's tag as an item's locale. */
export declare function localeOf(language: string): string;
export interface WireProduct {
    title?: string;
    description?: string;
    imageUrls?: string[];
    aspects?: Record<string, string[]>;
    [field: string]: unknown;
}
/** An inventory item exactly as last written: `PUT` replaces the whole record. */
export interface WireItem {
    sku: string;
    locale: string;
    product?: WireProduct;
    condition?: string;
    availability?: {
        shipToLocationAvailability?: {
            quantity?: number;
            [field: string]: unknown;
        };
        [field: string]: unknown;
    };
    [field: string]: unknown;
}
export interface WireListing {
    listingId: string;
    listingStatus: 'ACTIVE' | 'OUT_OF_STOCK' | 'ENDED';
    soldQuantity: number;
}
/** An offer as the seller describes it, before eBay gives it ids and a listing. */
export interface OfferDraft {
    sku: string;
    marketplaceId: string;
    format: string;
    availableQuantity?: number;
    pricingSummary?: {
        price?: {
            value?: string;
            currency?: string;
        };
        [field: string]: unknown;
    };
    status: 'PUBLISHED' | 'UNPUBLISHED';
    [field: string]: unknown;
}
export interface WireOffer extends OfferDraft {
    offerId: string;
    listing?: WireListing;
}
type Body = Record<string, unknown>;
export declare function quantityOf(item: WireItem): number;
/** The seller's inventory: items keyed by SKU, offers keyed by offerId, in creation order. */
export declare class InventoryStore {
    private items;
    private offers;
    /** Offer ids per SKU: offers are looked up by SKU on every write, and a scan is quadratic in a big shop. */
    private offerIdsBySku;
    private offerSeq;
    private listingSeq;
    clear(): void;
    private setOffer;
    private deleteOffer;
    allItems(): WireItem[];
    item(sku: string): WireItem | undefined;
    offer(offerId: string): WireOffer | undefined;
    offersOf(sku: string): WireOffer[];
    /** createOrReplaceInventoryItem: the body becomes the whole record; omitted fields are gone. */
    putItem(sku: string, locale: string, body: Body): {
        created: boolean;
    } | Refusal;
    deleteItem(sku: string): boolean;
    createOffer(body: Body, language?: string): WireOffer | Refusal;
    /** updateOffer replaces the seller's fields of the offer; a published offer revises its listing. */
    updateOffer(offerId: string, body: Body, language: string | undefined, account: EbayAccount): WireOffer | Refusal;
    publish(offerId: string, account: EbayAccount): {
        listingId: string;
    } | Refusal;
    /**
     * Everything that stops an offer from becoming a listing, all of it at once as eBay lists
     * it: the fields that are optional on create but required to publish, checked against the
     * seller's account (policies, locations) and the category's own rules.
     */
    private publishProblems;
    withdraw(offerId: string): {
        listingId: string;
    } | Refusal;
    /**
     * One entry of bulkUpdatePriceQuantity: the item's ship-to quantity and/or price and quantity
     * of its published offers. Checked whole before anything changes.
     */
    priceQuantity(entry: Body): {
        sku?: string;
        offerId?: string;
        statusCode: number;
        errors?: EbayError[];
    }[];
    /** A buyer buys `n` of a live listing: the item and its offer lose `n`. Null when not for sale. */
    sell(sku: string, n: number): {
        offer: WireOffer;
        item: WireItem;
    } | null;
    /** The control API's direct write: a record as the seller left it by hand, no checks. */
    restore(item: WireItem, offer: (OfferDraft & {
        listingStatus?: WireListing['listingStatus'];
        listingId?: string;
    }) | null): WireOffer | null;
    /** The live listing with this id, if an offer of the Inventory API holds it. */
    offerByListingId(listingId: string): WireOffer | undefined;
    /** A listing id eBay has not handed out yet (for listings made outside the Inventory API). */
    nextListingId(): string;
    /** The control API's hand edit: keeps the offer and listing ids. */
    edit(sku: string, item: WireItem, offerFields: Partial<OfferDraft>, status: 'active' | 'ended' | 'sold'): void;
    private setQuantity;
    /**
     * A new item quantity changes what its live offers can sell. An offer's own
     * `availableQuantity`, where set, is kept apart: the listing sells the lower of the two.
     */
    private syncOffers;
    private refreshListingStatus;
    private checkItem;
    private checkOfferFields;
    private sellerFields;
}
export {};
