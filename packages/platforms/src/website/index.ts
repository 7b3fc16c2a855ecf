export { WEBSITE_BATCH_LIMIT } from '../call-shapes.js';
export { WebsiteAdapter, createWebsiteAdapter, WEBSITE_SALE_TOPIC, type WebsiteAdapterOptions } from './adapter.js';
export { classify as classifyWebsiteError } from './classify.js';
export { ATTRIBUTE_NAMES as WEBSITE_ATTRIBUTE_NAMES } from './mapping.js';
