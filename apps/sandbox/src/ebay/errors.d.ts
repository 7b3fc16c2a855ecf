import type { Response } from 'express';
import type { FaultAnswers } from '../behaviour.js';
/** One entry of eBay's error envelope `{errors:[…]}`, the same inside a bulk response entry. */
export interface EbayError {
    errorId: number;
    domain: string;
    category: 'REQUEST' | 'APPLICATION' | 'BUSINESS';
    message: string;
    longMessage?: string;
    parameters?: {
        name: string;
        value: string;
    }[];
}
/** An Inventory API refusal: the HTTP status it answers with alone, and its errors. */
export interface Refusal {
    status: number;
    errors: EbayError[];
}
export declare function inventoryError(errorId: number, message: string, extra?: {
    longMessage?: string;
    parameters?: {
        name: string;
        value: string;
    }[];
    category?: EbayError['category'];
}): EbayError;
export declare function refusal(status: number, error: EbayError): Refusal;
export declare function isRefusal(x: unknown): x is Refusal;
export declare function sendErrors(res: Response, status: number, errors: EbayError[]): void;
export declare function sendRefusal(res: Response, r: Refusal): void;
/** The errors of the contract's x-response-codes that this emulation answers, worded as documented. */
export declare const E: {
    system: (info?: string) => EbayError;
    concurrent: () => EbayError;
    userError: (info: string, parameters?: {
        name: string;
        value: string;
    }[]) => EbayError;
    invalidPrice: (info: string) => EbayError;
    invalidQuantity: (info: string) => EbayError;
    invalidPictureUrl: (info: string) => EbayError;
    invalidField: (field: string, info: string) => EbayError;
    invalidCondition: (info: string) => EbayError;
    inputError: (info: string) => EbayError;
    invalidCategory: (info: string) => EbayError;
    invalidFulfillmentPolicy: (info: string) => EbayError;
    invalidPaymentPolicy: (info: string) => EbayError;
    invalidReturnPolicy: (info: string) => EbayError;
    invalidLocation: (info: string) => EbayError;
    invalidPictures: (info: string) => EbayError;
    missingField: (field: string, info: string) => EbayError;
    policyNotFound: (which: string) => EbayError;
    cannotMigrate: (info: string, listingId: string) => EbayError;
    locationInvalid: (field: string) => EbayError;
    locationMissingField: (field: string) => EbayError;
    locationExists: (key: string) => EbayError;
    locationNotFound: () => EbayError;
    skuNotFound: (sku: string) => EbayError;
    pagination: (info: string) => EbayError;
    invalidSku: () => EbayError;
    invalidValue: (field: string, info?: string) => EbayError;
    notFound: () => EbayError;
    offerNotAvailable: (info: string) => EbayError;
    tooManyItems: (max: number) => EbayError;
    duplicateItems: () => EbayError;
    duplicateOfferKeys: () => EbayError;
    tooManyOffers: (max: number) => EbayError;
    duplicateOfferIds: () => EbayError;
    skuAndLocaleRequired: () => EbayError;
    invalidOfferKeys: () => EbayError;
};
/** Errors of eBay's API gateway, before the Inventory API sees the request. */
export declare const gateway: {
    invalidToken: () => EbayError;
    expiredToken: () => EbayError;
    tooManyRequests: () => EbayError;
    notFound: (longMessage?: string) => EbayError;
    badRequest: (longMessage: string) => EbayError;
};
/**
 * eBay's own misbehaviour: 429/2001 with no headers (eBay documents none), 500 with either
 * of the two transient Inventory errors, a 503 from the gateway, an HTML error page.
 */
export declare const ebayFaults: FaultAnswers;
/** An error of one of eBay's other APIs (Metadata, Taxonomy, Fulfillment, Notification), same envelope. */
export declare function apiError(errorId: number, domain: string, message: string, longMessage?: string, parameters?: {
    name: string;
    value: string;
}[]): EbayError;
