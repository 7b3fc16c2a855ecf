import type { Router } from 'express';
import { PlatformBehaviour } from '../behaviour.js';
import type { CanonicalListing, ListingPatch } from '../canonical.js';
import type { ControlListing, Emulation } from '../emulation.js';
/**
 * Vintage & Rare: no API, a dealer website. One item is one unit; there is no condition and
 * no "ended" (a withdrawn item is out of inventory); V&R sends no webhooks.
 */
export declare class VrEmulation implements Emulation {
    private readonly credentials;
    readonly name: "vr";
    readonly behaviour: PlatformBehaviour;
    private readonly store;
    private readonly sessions;
    constructor(credentials: {
        username: string;
        password: string;
    }, options?: {
        sessionTtlMs?: number;
    });
    router(): Router;
    /** Ends every login at once, as PHP's session garbage collector does. */
    expireSessions(): void;
    /** The bytes the site holds for a photo it serves (for tests: Dropzone's uploads are kept). */
    photoBytes(url: string): Buffer | undefined;
    reset(): void;
    configureAccount(body: unknown): {
        ok: true;
        account: unknown;
    } | {
        ok: false;
        message: string;
    };
    replace(listings: CanonicalListing[]): ControlListing[];
    add(listings: CanonicalListing[]): ControlListing[];
    /** Items listed through the form carry no SKU (the site drops it): the control API may name the V&R product id instead. */
    private named;
    patch(sku: string, fields: ListingPatch): ControlListing | null;
    list(): ControlListing[];
    sell(sku: string, quantity: number): Promise<ControlListing | null>;
}
