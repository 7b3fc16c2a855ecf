import { type Router } from 'express';
import { type TokenRegistry } from './oauth.js';
import { type InventoryStore } from './store.js';
export declare const FEED_BASE = "/sell/feed/v1";
export declare const ACTIVE_INVENTORY_REPORT = "LMS_ACTIVE_INVENTORY_REPORT";
/** How long eBay takes to compile a report here: long enough that a client must poll. */
export declare const REPORT_DELAY_MS = 150;
interface ReportLine {
    sku: string;
    itemId: string;
    price: string;
    currency: string;
    quantity: number;
}
/** ActiveInventoryReport in its BulkDataExchangeResponses wrapper, as the LMS feed types answer it. */
export declare function reportXml(lines: ReportLine[], at: Date): string;
/** A zip archive holding one deflated file: how eBay hands out an LMS report. */
export declare function zipOne(name: string, content: Buffer): Buffer;
/**
 * The Sell Feed API's inventory tasks: `POST /inventory_task` with LMS_ACTIVE_INVENTORY_REPORT
 * answers 202 and a Location; the task is QUEUED, then IN_PROCESS, then COMPLETED; the report
 * (SKU, item id, price and quantity of every active listing) is a zipped XML file at
 * `GET /task/{id}/download_result_file`, refused until the task has completed.
 */
export declare function feedRouter(options: {
    store: InventoryStore;
    tokens: TokenRegistry;
    now?: () => number;
}): Router;
export {};
