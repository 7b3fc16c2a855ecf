import type { Router } from 'express';
import { PlatformBehaviour } from '../behaviour.js';
import { type CanonicalListing, type ListingPatch } from '../canonical.js';
import type { ControlListing, Emulation } from '../emulation.js';
import { type EbayCredentials } from './oauth.js';
/**
 * eBay as a seller's integration meets it: the Sell Inventory API (checked against eBay's own
 * contract), inventory locations, the Metadata and Taxonomy APIs answering from a category
 * table, the Fulfillment API's orders, the Notification API with signed messages, and a
 * Trading API `GetMyeBaySelling`. Listings made in Seller Hub stay invisible to the Inventory
 * API until `bulk_migrate_listing` moves them in.
 */
export declare class EbayEmulation implements Emulation {
    private readonly credentials;
    readonly name: "ebay";
    readonly behaviour: PlatformBehaviour;
    private readonly store;
    private readonly tokens;
    private readonly accountState;
    private readonly orders;
    private readonly notifications;
    private hub;
    constructor(credentials: EbayCredentials);
    router(): Router;
    /** Every access token issued so far expires now: the next API call answers 403/1100. */
    expireTokens(): void;
    /** Requests checked against eBay's contract, and how many it refused. */
    contractStats(): {
        checked: number;
        failed: number;
    };
    /** Requests of any eBay API answered with a refusal (4xx other than 404 and 429). */
    refusals(): number;
    /** The header eBay would sign this body with (tests forge and verify with it). */
    signatureOf(body: string): string;
    reset(): void;
    configureAccount(body: unknown): {
        ok: true;
        account: unknown;
    } | {
        ok: false;
        message: string;
    };
    account(): unknown;
    replace(listings: CanonicalListing[]): ControlListing[];
    add(listings: CanonicalListing[]): ControlListing[];
    patch(sku: string, fields: ListingPatch): ControlListing | null;
    list(): ControlListing[];
    sell(sku: string, quantity: number): Promise<ControlListing | null>;
    private control;
    private hubControl;
    /** What `GetMyeBaySelling` lists as active: Seller Hub listings and live Inventory API ones alike. */
    private tradingListings;
    /**
     * `bulk_migrate_listing` for one listing: a Seller Hub listing with a SKU becomes an
     * inventory item and a published offer keeping its listing id. Without a SKU it cannot move.
     */
    private migrate;
}
