export { EBAY_BULK_LIMIT } from '../call-shapes.js';
export { EbayAdapter, createEbayAdapter, EBAY_MIGRATE_LIMIT, ORDER_TOPIC, type EbayAdapterOptions } from './adapter.js';
export { classify as classifyEbayError } from './classify.js';
export { OfferCache, type KnownOffer } from './offer-cache.js';
export { knownOfferOf, type ListingDefaults } from './mapping.js';
export { EbayNotificationVerifier, parseNotification, type EbayNotification, type EbayNotificationOptions } from './notification.js';
