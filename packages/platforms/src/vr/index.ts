export { VrAdapter, createVrAdapter, readAjax, type VrAdapterOptions } from './adapter.js';
export { classifyAnswer, classifyThrown } from './classify.js';
export { DEFAULT_EXPORT_TIMEOUT_MS, parseExport } from './export.js';
export { DEFAULT_MAINTENANCE_HOURS, inMaintenanceWindow, parseMaintenanceHours } from './maintenance.js';
export { VR_EXPORT_COLUMNS, heldListing, listingToForm, rowToListing, vrTitle, type VrExportRow } from './mapping.js';
