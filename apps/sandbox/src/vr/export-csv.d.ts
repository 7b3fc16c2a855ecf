import type { CategoryTree } from './categories.js';
import type { VrItem } from './store.js';
/** The export's columns in the site's order; every row, the header included, ends with an empty column. */
export declare const EXPORT_COLUMNS: readonly ["brand name", "category name", "product id", "external id", "product model name", "product price", "product price notax", "product description", "product year", "product sold", "product finish", "product in collective", "product in inventory", "product in reseller", "collective discount", "free shipping", "buy now", "show vat", "decade", "product order", "local pickup", "available for shipment", "processing time", "offer discount", "image url", "video url", "external link"];
/** Every item of the account, sold ones included, in product id order; `extraColumns` after the known ones. */
export declare function exportCsv(items: VrItem[], tree: CategoryTree, extraColumns?: string[]): string;
