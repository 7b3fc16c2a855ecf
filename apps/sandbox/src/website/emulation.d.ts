import type { Router } from 'express';
import { z } from 'zod';
import { PlatformBehaviour } from '../behaviour.js';
import type { CanonicalListing, ListingPatch } from '../canonical.js';
import type { ControlListing, Emulation } from '../emulation.js';
import { type Credentials } from './routes.js';
/** `PUT /_control/website/account`: the shop's own setup, merged into what it ships with. */
export declare const websiteAccountSchema: z.ZodObject<{
    categories: z.ZodOptional<z.ZodArray<z.ZodObject<{
        id: z.ZodNumber;
        name: z.ZodString;
    }, z.core.$strip>>>;
    manageStock: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strict>;
/** The dealer's WooCommerce shop: REST v3 products, batch writes, media, orders and signed webhooks. */
export declare class WebsiteEmulation implements Emulation {
    private readonly credentials;
    readonly name: "website";
    readonly behaviour: PlatformBehaviour;
    private readonly store;
    private readonly orders;
    constructor(credentials: Credentials);
    router(): Router;
    reset(): void;
    configureAccount(patch: unknown): {
        ok: true;
        account: unknown;
    } | {
        ok: false;
        message: string;
    };
    /** Beside the call counts: the media library's size (every sideloaded photo is one item). */
    extraStats(): Record<string, number>;
    replace(listings: CanonicalListing[]): ControlListing[];
    add(listings: CanonicalListing[]): ControlListing[];
    patch(sku: string, fields: ListingPatch): ControlListing | null;
    list(): ControlListing[];
    /** A buyer checks out: an order, stock down where the shop manages stock, `order.created` to every subscriber. */
    sell(sku: string, quantity: number): Promise<ControlListing | null>;
    /** The control API speaks for a shop manager: a refusal here is a broken test fixture. */
    private created;
}
