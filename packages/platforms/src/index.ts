export * from './errors.js';
export * from './adapter.js';
export * from './website/index.js';
export * from './vr/index.js';
export * from './reverb/index.js';
export * from './ebay/index.js';
