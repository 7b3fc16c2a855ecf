export { createReverbAdapter, type ReverbAdapterOptions } from './adapter.js';
export { toListing as fromReverbListing, createBody as toReverbBody } from './mapping.js';
