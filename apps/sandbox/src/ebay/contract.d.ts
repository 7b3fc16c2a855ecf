import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Stats } from '../behaviour.js';
/** eBay's own OpenAPI 3 contracts, as eBay publishes them: Sell Inventory (v1.18.2) and Sell Fulfillment (v1.11.0). */
declare const CONTRACT_FILES: {
    inventory: string;
    fulfillment: string;
};
export type ContractName = keyof typeof CONTRACT_FILES;
export declare const CHECKED = "contract:checked";
export declare const FAILED = "contract:failed";
/**
 * The contract with its servers set to where the emulation is mounted. One correction: the
 * contract types `product.aspects` as a string, while its own description (and eBay's wire)
 * make it an object of name → values, e.g. `{"Brand": ["GoPro"]}`.
 */
export declare function loadContract(serverUrl: string, name?: ContractName): Record<string, unknown>;
/**
 * Every request under the Inventory API base is checked against the contract before the
 * emulation sees it. Counts land in the stats' `byEndpoint` under `contract:checked` and
 * `contract:failed`, so a test can assert that a client's requests all passed.
 */
export declare function contractCheck(serverUrl: string, stats: () => Stats, name?: ContractName): RequestHandler[];
/** Turns contract refusals and unreadable bodies into eBay's error envelope, counting them. */
export declare function contractErrors(stats: () => Stats): (err: unknown, req: Request, res: Response, next: NextFunction) => void;
export {};
