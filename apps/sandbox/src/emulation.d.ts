import type { Router } from 'express';
import type { PlatformBehaviour } from './behaviour.js';
import type { CanonicalListing, ListingPatch } from './canonical.js';
/** The answer the control API gives for a listing: canonical fields plus the platform's own id. */
export type ControlListing = CanonicalListing & {
    id: string;
};
/**
 * One emulated platform. It keeps records in its own wire terms; the control API reaches it
 * only through these methods, speaking the canonical shape of CONTRACT.md.
 */
export interface Emulation {
    readonly name: 'ebay' | 'reverb' | 'vr' | 'website';
    readonly behaviour: PlatformBehaviour;
    /** The platform's own routes, mounted at `/<name>`. */
    router(): Router;
    reset(): void;
    replace(listings: CanonicalListing[]): ControlListing[];
    add(listings: CanonicalListing[]): ControlListing[];
    /** A hand edit on the platform; null when no listing has that SKU. */
    patch(sku: string, fields: ListingPatch): ControlListing | null;
    list(): ControlListing[];
    /** A buyer buys: quantity down, sold at 0, webhook sent if configured; null when no such SKU is for sale. */
    sell(sku: string, quantity: number, options?: {
        paid: boolean;
    }): Promise<ControlListing | null>;
    /**
     * `PUT /_control/:platform/account`: the account's own setup (Reverb's shipping profiles and
     * categories, …), merged into what the emulation ships. Absent on a platform that has none.
     */
    configureAccount?(body: unknown): {
        ok: true;
        account: unknown;
    } | {
        ok: false;
        message: string;
    };
    /** Counters of the platform's own beside the call stats (the shop's media library size). */
    extraStats?(): Record<string, number>;
    /** `GET /_control/:platform/account`. */
    account?(): unknown;
}
