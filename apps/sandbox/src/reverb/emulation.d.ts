import type { Router } from 'express';
import { PlatformBehaviour } from '../behaviour.js';
import type { CanonicalListing, ListingPatch } from '../canonical.js';
import type { ControlListing, Emulation } from '../emulation.js';
import { type ReverbCategory } from './categories.js';
import { type ListingState, type ReverbOrder, type ReverbRecord } from './record.js';
import { type FieldErrors, type ParsedWrite } from './validation.js';
/** What an API operation answers: the listing it touched, or Reverb's error status and body. */
export type OpResult = {
    ok: true;
    record: ReverbRecord;
} | {
    ok: false;
    status: number;
    body: {
        message: string;
        errors?: FieldErrors;
    };
};
export declare const END_REASONS: readonly ["not_sold", "reverb_sale"];
export type EndReason = (typeof END_REASONS)[number];
export declare const WEBHOOK_TOPICS: readonly ["orders/create", "listings/update"];
export interface WebhookRegistration {
    id: number;
    url: string;
    topic: (typeof WEBHOOK_TOPICS)[number];
    created_at: string;
}
/**
 * Reverb API v3 as documented and as real accounts behave: one listing per call, drafts unless
 * published, publishing needs a category and shipping, photos rehosted and added to (not
 * replaced) when sent again, SKUs unique, one-offs hold one unit, only drafts deleted.
 * Records are kept in Reverb's own terms; the control API converts at its boundary.
 */
export declare class ReverbEmulation implements Emulation {
    private readonly credentials;
    readonly name: "reverb";
    readonly behaviour: PlatformBehaviour;
    private records;
    private orders;
    private registrations;
    private extraCategories;
    private shippingProfiles;
    private nextId;
    private nextOrder;
    private nextImage;
    private nextRegistration;
    constructor(credentials: {
        token: string;
    });
    router(): Router;
    reset(): void;
    configureAccount(body: unknown): {
        ok: true;
        account: unknown;
    } | {
        ok: false;
        message: string;
    };
    categories(): ReverbCategory[];
    category(uuid: string): ReverbCategory | undefined;
    private get accountView();
    replace(listings: CanonicalListing[]): ControlListing[];
    add(listings: CanonicalListing[]): ControlListing[];
    patch(sku: string, fields: ListingPatch): ControlListing | null;
    list(): ControlListing[];
    /**
     * A buyer buys. Paid: inventory down, `sold_out` at 0, a `paid` order. Not paid yet: the
     * listing shows `ordered` at 0 and the order is `unpaid`.
     */
    sell(sku: string, quantity: number, options?: {
        paid: boolean;
    }): Promise<ControlListing | null>;
    all(): ReverbRecord[];
    get(id: number): ReverbRecord | undefined;
    create(write: ParsedWrite): OpResult;
    /**
     * Partial update: only the fields sent change. `publish: true` takes a draft or ended listing
     * live. Photos sent are imported and ADDED; with `photo_upload_method: override_position` the
     * URLs of photos the listing already has put those first, in that order (new URLs are imported
     * in their place), and photos not named stay after them: only a DELETE removes a photo.
     */
    update(id: number, write: ParsedWrite): OpResult;
    end(id: number, reason: EndReason): OpResult;
    remove(id: number): OpResult;
    removePhoto(id: number, imageId: number): OpResult;
    ordersUpdatedBetween(start: number | null, end: number | null): ReverbOrder[];
    webhooks(): WebhookRegistration[];
    /** Reverb keeps what it is given: registering one URL twice makes two registrations. */
    register(url: string, topic: WebhookRegistration['topic']): WebhookRegistration;
    unregister(id: number): boolean;
    invalid(errors: FieldErrors): OpResult;
    private upload;
    private placePhotos;
    private claimId;
    /**
     * Reverb webhooks are unsigned: the receiver trusts the secret token in its own URL. The
     * order goes to every `orders/create` registration and to the configured `webhookUrl`.
     */
    private notify;
}
export declare function isState(value: string): value is ListingState;
