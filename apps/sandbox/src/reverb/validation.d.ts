import type { ReverbRecord } from './record.js';
/** The listing fields a write may carry, already in record terms (photos travel apart). */
export type ListingFields = Partial<Pick<ReverbRecord, 'sku' | 'make' | 'model' | 'title' | 'description' | 'finish' | 'year' | 'conditionUuid' | 'priceCents' | 'currency' | 'inventory' | 'hasInventory' | 'categories' | 'shippingProfileId' | 'shippingRates'>>;
/** Reverb's validation answer: `{message, errors: {field: [msg]}}`. */
export type FieldErrors = Record<string, string[]>;
export declare const PHOTO_UPLOAD_METHODS: readonly ["override_position"];
export interface ParsedWrite {
    fields: ListingFields;
    /** Photo URLs to import (or, with `override_position`, existing served URLs to reorder). */
    photos: string[] | undefined;
    photoUploadMethod: (typeof PHOTO_UPLOAD_METHODS)[number] | undefined;
    publish: boolean | undefined;
    errors: FieldErrors;
}
/** What the account itself holds: its categories and shipping profiles. */
export interface AccountView {
    categoryKnown(uuid: string): boolean;
    /** null until the account's profiles are set: then any well-formed id is taken. */
    shippingProfiles: readonly string[] | null;
}
export declare function addError(errors: FieldErrors, field: string, message: string): void;
/** Reverb lists a category as one root plus up to two subcategories. */
export declare const MAX_CATEGORIES = 3;
/**
 * Reads a POST/PUT listing body. Fields Reverb knows but the emulation does not keep
 * (location, videos, offers…) are ignored, as Reverb ignores what it does not need.
 */
export declare function parseListingBody(body: Record<string, unknown>): ParsedWrite;
/**
 * Rules over the listing as it would be after the write; `publishing` when it goes live by it.
 * Categories and the shipping profile are checked against the account when the write sends them.
 */
export declare function checkListing(r: ReverbRecord, write: ParsedWrite, publishing: boolean, others: readonly ReverbRecord[], account: AccountView, errors: FieldErrors): void;
