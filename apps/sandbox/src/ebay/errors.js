export function inventoryError(errorId, message, extra = {}) {
    return {
        errorId,
        domain: 'API_INVENTORY',
        category: extra.category ?? (errorId === 25001 || errorId === 25025 ? 'APPLICATION' : 'REQUEST'),
        message,
        longMessage: extra.longMessage ?? message,
        parameters: extra.parameters ?? [],
    };
}
export function refusal(status, error) {
    return { status, errors: [error] };
}
export function isRefusal(x) {
    return typeof x === 'object' && x !== null && 'errors' in x && 'status' in x;
}
export function sendErrors(res, status, errors) {
    res.status(status).json({ errors });
}
export function sendRefusal(res, r) {
    sendErrors(res, r.status, r.errors);
}
/** The errors of the contract's x-response-codes that this emulation answers, worded as documented. */
export const E = {
    system: (info = 'Please try again later.') => inventoryError(25001, `A system error has occurred. ${info}`),
    concurrent: () => inventoryError(25025, 'Concurrent access of Inventory or InventoryItemGroup. Please try again later'),
    userError: (info, parameters) => inventoryError(25002, `A user error has occurred. ${info}`, { parameters }),
    invalidPrice: (info) => inventoryError(25003, `Invalid price. ${info}`),
    invalidQuantity: (info) => inventoryError(25004, `Invalid quantity. ${info}`),
    invalidPictureUrl: (info) => inventoryError(25015, `Invalid picture URL. ${info}`),
    invalidField: (field, info) => inventoryError(25016, `Invalid ${field}. ${info}`, { parameters: [{ name: 'fieldName', value: field }] }),
    invalidCondition: (info) => inventoryError(25021, `Invalid condition information. ${info}`),
    inputError: (info) => inventoryError(25604, `Input error. ${info}`),
    invalidCategory: (info) => inventoryError(25005, `Invalid category ID. ${info}`),
    invalidFulfillmentPolicy: (info) => inventoryError(25007, `Invalid Fulfillment policy. ${info}`),
    invalidPaymentPolicy: (info) => inventoryError(25008, `Invalid Payment policy. ${info}`),
    invalidReturnPolicy: (info) => inventoryError(25009, `Invalid Return policy. ${info}`),
    invalidLocation: (info) => inventoryError(25012, `Invalid inventory location. ${info}`),
    invalidPictures: (info) => inventoryError(25014, `Invalid pictures. ${info}`),
    missingField: (field, info) => inventoryError(25017, `Missing field ${field}. ${info}`, { parameters: [{ name: 'fieldName', value: field }] }),
    policyNotFound: (which) => inventoryError(25035, `The specified policy is not found for the market place: ${which}.`),
    cannotMigrate: (info, listingId) => inventoryError(25718, `Cannot migrate listing. ${info}`, { parameters: [{ name: 'listingId', value: listingId }] }),
    locationInvalid: (field) => inventoryError(25800, `Invalid ${field}.`, { parameters: [{ name: 'fieldName', value: field }] }),
    locationMissingField: (field) => inventoryError(25801, `Missing field ${field}.`, { parameters: [{ name: 'fieldName', value: field }] }),
    locationExists: (key) => inventoryError(25803, `merchantLocationKey already exists.`, { parameters: [{ name: 'merchantLocationKey', value: key }] }),
    locationNotFound: () => inventoryError(25805, 'merchantLocationKey Not Found.'),
    skuNotFound: (sku) => inventoryError(25702, `SKU ${sku} is not available in the system`, { parameters: [{ name: 'sku', value: sku }] }),
    pagination: (info) => inventoryError(25706, `You have provided invalid pagination values.  ${info}.`),
    invalidSku: () => inventoryError(25707, 'Invalid sku. sku has to be alphanumeric with upto 50 characters in length'),
    invalidValue: (field, info = '') => inventoryError(25709, `Invalid request. Invalid value for field ${field}.${info ? ` ${info}` : ''}`, { parameters: [{ name: 'fieldName', value: field }] }),
    notFound: () => inventoryError(25710, "We didn't find the resource/entity you are requesting. Please verify the request"),
    offerNotAvailable: (info) => inventoryError(25713, `This Offer is not available : ${info}.`),
    tooManyItems: (max) => inventoryError(25727, `The number of InventoryItems in the request cannot exceed ${max}.`),
    duplicateItems: () => inventoryError(25728, 'InventoryItems should be unique in the request.'),
    duplicateOfferKeys: () => inventoryError(25729, 'The combination of SKU, marketplaceId and format should be unique.'),
    tooManyOffers: (max) => inventoryError(25730, `The number of offers in the request cannot exceed ${max}`),
    duplicateOfferIds: () => inventoryError(25731, 'OfferId should be unique in the request.'),
    skuAndLocaleRequired: () => inventoryError(25733, 'Valid SKU and locale information are required for all the InventoryItems in the request.'),
    invalidOfferKeys: () => inventoryError(25735, 'Invalid SKU, marketplaceId or format.'),
};
/** Errors of eBay's API gateway, before the Inventory API sees the request. */
export const gateway = {
    invalidToken: () => ({
        errorId: 1001,
        domain: 'OAuth',
        category: 'REQUEST',
        message: 'Invalid access token',
        longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
    }),
    expiredToken: () => ({
        errorId: 1100,
        domain: 'ACCESS',
        category: 'REQUEST',
        message: 'Access denied',
        longMessage: 'Insufficient permissions to fulfill the request. The access token has expired.',
    }),
    tooManyRequests: () => ({
        errorId: 2001,
        domain: 'ACCESS',
        category: 'REQUEST',
        message: 'Too many requests',
        longMessage: 'The request limit has been reached for the resource.',
    }),
    notFound: (longMessage = 'Resource not found') => ({ errorId: 2002, domain: 'ACCESS', category: 'REQUEST', message: 'Resource not found', longMessage }),
    badRequest: (longMessage) => ({ errorId: 2004, domain: 'ACCESS', category: 'REQUEST', message: 'Invalid request', longMessage }),
};
/**
 * eBay's own misbehaviour: 429/2001 with no headers (eBay documents none), 500 with either
 * of the two transient Inventory errors, a 503 from the gateway, an HTML error page.
 */
export const ebayFaults = {
    throttled(res) {
        sendErrors(res, 429, [gateway.tooManyRequests()]);
    },
    error(res, status) {
        if (status >= 500)
            return sendErrors(res, status, [Math.random() < 0.5 ? E.system() : E.concurrent()]);
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
export function apiError(errorId, domain, message, longMessage = message, parameters = []) {
    return { errorId, domain, category: 'REQUEST', message, longMessage, parameters };
}
//# sourceMappingURL=errors.js.map