export { createReverbAdapter, type ReverbAdapterOptions } from './adapter.js';
export { toListing as fromReverbListing, toReverbBody } from './mapping.js';
