import type { Response } from 'express';
import type { FaultAnswers } from '../behaviour.js';

/** One entry of eBay's error envelope `{errors:[…]}`, the same inside a bulk response entry. */
export interface EbayError {
  errorId: number;
  domain: string;
  category: 'REQUEST' | 'APPLICATION' | 'BUSINESS';
  message: string;
  longMessage?: string;
  parameters?: { name: string; value: string }[];
}

/** An Inventory API refusal: the HTTP status it answers with alone, and its errors. */
export interface Refusal {
  status: number;
  errors: EbayError[];
}

export function inventoryError(
  errorId: number,
  message: string,
  extra: { longMessage?: string; parameters?: { name: string; value: string }[]; category?: EbayError['category'] } = {},
): EbayError {
  return {
    errorId,
    domain: 'API_INVENTORY',
    category: extra.category ?? (errorId === 25001 || errorId === 25025 ? 'APPLICATION' : 'REQUEST'),
    message,
    longMessage: extra.longMessage ?? message,
    parameters: extra.parameters ?? [],
  };
}

export function refusal(status: number, error: EbayError): Refusal {
  return { status, errors: [error] };
}

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'errors' in x && 'status' in x;
}

export function sendErrors(res: Response, status: number, errors: EbayError[]): void {
  res.status(status).json({ errors });
}

export function sendRefusal(res: Response, r: Refusal): void {
  sendErrors(res, r.status, r.errors);
}

/** The errors of the contract's x-response-codes that this emulation answers, worded as documented. */
export const E = {
  system: (info = 'Please try again later.') => inventoryError(25001, `A system error has occurred. ${info}`),
  concurrent: () => inventoryError(25025, 'Concurrent access of Inventory or InventoryItemGroup. Please try again later'),
  userError: (info: string, parameters?: { name: string; value: string }[]) => inventoryError(25002, `A user error has occurred. ${info}`, { parameters }),
  invalidPrice: (info: string) => inventoryError(25003, `Invalid price. ${info}`),
  invalidQuantity: (info: string) => inventoryError(25004, `Invalid quantity. ${info}`),
  invalidPictureUrl: (info: string) => inventoryError(25015, `Invalid picture URL. ${info}`),
  invalidField: (field: string, info: string) =>
    inventoryError(25016, `Invalid ${field}. ${info}`, { parameters: [{ name: 'fieldName', value: field }] }),
  invalidCondition: (info: string) => inventoryError(25021, `Invalid condition information. ${info}`),
  inputError: (info: string) => inventoryError(25604, `Input error. ${info}`),
  invalidCategory: (info: string) => inventoryError(25005, `Invalid category ID. ${info}`),
  invalidFulfillmentPolicy: (info: string) => inventoryError(25007, `Invalid Fulfillment policy. ${info}`),
  invalidPaymentPolicy: (info: string) => inventoryError(25008, `Invalid Payment policy. ${info}`),
  invalidReturnPolicy: (info: string) => inventoryError(25009, `Invalid Return policy. ${info}`),
  invalidLocation: (info: string) => inventoryError(25012, `Invalid inventory location. ${info}`),
  invalidPictures: (info: string) => inventoryError(25014, `Invalid pictures. ${info}`),
  missingField: (field: string, info: string) => inventoryError(25017, `Missing field ${field}. ${info}`, { parameters: [{ name: 'fieldName', value: field }] }),
  policyNotFound: (which: string) => inventoryError(25035, `The specified policy is not found for the market place: ${which}.`),
  cannotMigrate: (info: string, listingId: string) => inventoryError(25718, `Cannot migrate listing. ${info}`, { parameters: [{ name: 'listingId', value: listingId }] }),
  locationInvalid: (field: string) => inventoryError(25800, `Invalid ${field}.`, { parameters: [{ name: 'fieldName', value: field }] }),
  locationMissingField: (field: string) => inventoryError(25801, `Missing field ${field}.`, { parameters: [{ name: 'fieldName', value: field }] }),
  locationExists: (key: string) => inventoryError(25803, `merchantLocationKey already exists.`, { parameters: [{ name: 'merchantLocationKey', value: key }] }),
  locationNotFound: () => inventoryError(25805, 'merchantLocationKey Not Found.'),
  skuNotFound: (sku: string) => inventoryError(25702, `SKU ${sku} is not available in the system`, { parameters: [{ name: 'sku', value: sku }] }),
  pagination: (info: string) => inventoryError(25706, `You have provided invalid pagination values.  ${info}.`),
  invalidSku: () => inventoryError(25707, 'Invalid sku. sku has to be alphanumeric with upto 50 characters in length'),
  invalidValue: (field: string, info = '') =>
    inventoryError(25709, `Invalid request. Invalid value for field ${field}.${info ? ` ${info}` : ''}`, { parameters: [{ name: 'fieldName', value: field }] }),
  notFound: () => inventoryError(25710, "We didn't find the resource/entity you are requesting. Please verify the request"),
  offerNotAvailable: (info: string) => inventoryError(25713, `This Offer is not available : ${info}.`),
  tooManyItems: (max: number) => inventoryError(25727, `The number of InventoryItems in the request cannot exceed ${max}.`),
  duplicateItems: () => inventoryError(25728, 'InventoryItems should be unique in the request.'),
  duplicateOfferKeys: () => inventoryError(25729, 'The combination of SKU, marketplaceId and format should be unique.'),
  tooManyOffers: (max: number) => inventoryError(25730, `The number of offers in the request cannot exceed ${max}`),
  duplicateOfferIds: () => inventoryError(25731, 'OfferId should be unique in the request.'),
  skuAndLocaleRequired: () => inventoryError(25733, 'Valid SKU and locale information are required for all the InventoryItems in the request.'),
  invalidOfferKeys: () => inventoryError(25735, 'Invalid SKU, marketplaceId or format.'),
};

/** Errors of eBay's API gateway, before the Inventory API sees the request. */
export const gateway = {
  invalidToken: (): EbayError => ({
    errorId: 1001,
    domain: 'OAuth',
    category: 'REQUEST',
    message: 'Invalid access token',
    longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
  }),
  expiredToken: (): EbayError => ({
    errorId: 1100,
    domain: 'ACCESS',
    category: 'REQUEST',
    message: 'Access denied',
    longMessage: 'Insufficient permissions to fulfill the request. The access token has expired.',
  }),
  tooManyRequests: (): EbayError => ({
    errorId: 2001,
    domain: 'ACCESS',
    category: 'REQUEST',
    message: 'Too many requests',
    longMessage: 'The request limit has been reached for the resource.',
  }),
  notFound: (longMessage = 'Resource not found'): EbayError => ({ errorId: 2002, domain: 'ACCESS', category: 'REQUEST', message: 'Resource not found', longMessage }),
  badRequest: (longMessage: string): EbayError => ({ errorId: 2004, domain: 'ACCESS', category: 'REQUEST', message: 'Invalid request', longMessage }),
};

/**
 * eBay's own misbehaviour: 429/2001 with no headers (eBay documents none), 500 with either
 * of the two transient Inventory errors, a 503 from the gateway, an HTML error page.
 */
export const ebayFaults: FaultAnswers = {
  throttled(res) {
    sendErrors(res, 429, [gateway.tooManyRequests()]);
  },
  error(res, status) {
    if (status >= 500) return sendErrors(res, status, [Math.random() < 0.5 ? E.system() : E.concurrent()]);
    sendErrors(res, status, [E.userError('The request could not be processed.')]);
  },
  down(res) {
    sendErrors(res, 503, [{ ...E.system('The service is temporarily unavailable.'), domain: 'API_INVENTORY' }]);
  },
  garbage(res) {
    res
      .status(200)
      .type('text/html')
      .send('<!DOCTYPE html><html><head><title>eBay</title></head><body><h1>Something went wrong</h1><p>Please try again.</p></body></html>');
  },
};

/** An error of one of eBay's other APIs (Metadata, Taxonomy, Fulfillment, Notification), same envelope. */
export function apiError(errorId: number, domain: string, message: string, longMessage = message, parameters: { name: string; value: string }[] = []): EbayError {
  return { errorId, domain, category: 'REQUEST', message, longMessage, parameters };
}
