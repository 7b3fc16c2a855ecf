export { WebsiteAdapter, createWebsiteAdapter, WEBSITE_BATCH_LIMIT, WEBSITE_SALE_TOPIC, type WebsiteAdapterOptions } from './adapter.js';
export { classify as classifyWebsiteError } from './classify.js';
export { META_KEYS as WEBSITE_META_KEYS } from './mapping.js';
