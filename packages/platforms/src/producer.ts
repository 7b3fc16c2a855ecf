/**
 * What a producer (the API) needs of the platforms: error kinds, each platform's call shape and
 * eBay's notification check. No adapter, browser or listing mapping is loaded from here.
 */
export * from './errors.js';
export * from './call-shapes.js';
export { EbayNotificationVerifier, parseNotification, type EbayNotification, type EbayNotificationOptions } from './ebay/notification.js';
