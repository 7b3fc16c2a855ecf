import { ACTION_KINDS, type ActionKind, type Platform } from '@gearsync/core';

/** The Inventory API's limit for every bulk call (its contract says so in prose). */
export const EBAY_BULK_LIMIT = 25;
/** WooCommerce's `woocommerce_rest_batch_items_limit`: create + update + delete in one call. */
export const WEBSITE_BATCH_LIMIT = 100;

/** What one API call of a platform may carry: facts of its API, known without opening an adapter. */
export interface CallShape {
  /** How many actions of a kind one API call may carry (eBay bulk 25, WooCommerce 100, Reverb/V&R 1). */
  batchSize: Record<ActionKind, number>;
  /** Kinds that may share one call (WooCommerce's batch mixes create/update/delete). */
  mixKinds: boolean;
}

const each = (n: number) => Object.fromEntries(ACTION_KINDS.map((k) => [k, n])) as Record<ActionKind, number>;

/**
 * Each platform's call shape. The planner's producers group actions into calls with it (approving
 * a plan, retrying failed actions) without loading an adapter; each adapter declares the same.
 */
export const CALL_SHAPES: Record<Platform, CallShape> = {
  // A withdraw and a delete take one offer or SKU each: eBay has no bulk for them.
  ebay: { batchSize: { create: EBAY_BULK_LIMIT, update: EBAY_BULK_LIMIT, stock: EBAY_BULK_LIMIT, end: 1, delete: 1, link: EBAY_BULK_LIMIT }, mixKinds: false },
  reverb: { batchSize: each(1), mixKinds: false },
  vr: { batchSize: each(1), mixKinds: false },
  website: { batchSize: each(WEBSITE_BATCH_LIMIT), mixKinds: true },
};
