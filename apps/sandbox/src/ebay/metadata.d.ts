import { type Router } from 'express';
import { type EbayAccount } from './account.js';
/** eBay's default category tree per marketplace (Taxonomy API `get_default_category_tree_id`). */
export declare const CATEGORY_TREES: Record<string, string>;
/**
 * The Metadata API's item condition policies and the Taxonomy API's default tree and aspects,
 * both answered from the account's category table (shipped, and configurable by the control API).
 */
export declare function metadataRouter(account: EbayAccount): Router;
