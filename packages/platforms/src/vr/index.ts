export { VrAdapter, createVrAdapter, type VrAdapterOptions } from './adapter.js';
export { classifyAnswer, classifyThrown } from './classify.js';
export { parseExport } from './export.js';
export { VR_EXPORT_COLUMNS, heldListing, listingToForm, rowToListing, vrTitle, type VrExportRow } from './mapping.js';
