export * from './errors.js';
export * from './adapter.js';
