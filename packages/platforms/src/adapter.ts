import type { ActionKind, ActionPayload, CategoryRequirements, Listing, Money, Platform } from '@gearsync/core';
import type { CallShape } from './call-shapes.js';

/** One action of a call, as the executor hands it over: the persisted plan, nothing re-decided. */
export interface CallAction {
  actionId: number;
  kind: ActionKind;
  sku: string | null;
  payload: ActionPayload;
}

/** What happened to one action. `listing` is what the platform now holds, when it told us. */
export type ActionOutcome =
  | { actionId: number; ok: true; externalId: string | null; listing?: Listing; refs?: Record<string, string>; status?: number }
  | { actionId: number; ok: false; error: string; status?: number; retryable?: boolean };

/** What one call may carry (`CALL_SHAPES`), and how the adapter paces its calls. */
export interface PlatformLimits extends CallShape {
  /** Calls in flight at once against this platform from one process. */
  concurrency: number;
  /** `findBySku` reads the whole account (V&R's export): too slow for a sale's targeted run. */
  lookupReadsEverything?: boolean;
}

export interface FetchPage {
  listings: Listing[];
  page: number;
  totalPages?: number;
  /** API calls this page cost (eBay may read offers too). */
  calls: number;
}

export interface PlatformAdapter {
  readonly platform: Platform;
  readonly limits: PlatformLimits;
  /** Every listing the account holds, page by page. Throws PlatformError when a page fails. */
  fetchListings(): AsyncIterable<FetchPage>;
  /**
   * One platform API call carrying these actions (already grouped by the planner within the
   * batch limits). Answers one outcome per action; throws PlatformError when the whole call failed,
   * and CallYielded when `options.yieldTo` asked it to give way before it wrote anything.
   */
  execute(actions: CallAction[], options?: ExecuteOptions): Promise<ActionOutcome[]>;
  /**
   * The platform's listing for a SKU, or null: resolves creates whose outcome is unknown. `made`
   * is what that create sent, for a platform that keeps no SKU (V&R finds the item by it).
   */
  findBySku(sku: string, made?: Listing): Promise<Listing | null>;
  /** What we last wrote there (our baselines), for adapters that can spare reads with it (eBay's offers). */
  prime?(known: Listing[]): void;
  /**
   * Opens now what the first call would open (V&R: a browser and its login), so the first sale
   * after a start does not wait seconds for it. Spends the calls that opening costs.
   */
  warm?(): Promise<void>;
  /** API calls made since the adapter was opened. */
  calls(): number;
  close(): Promise<void>;
  /**
   * What the platform requires of these categories of its own (eBay: Metadata API conditions,
   * Taxonomy API required aspects), for the renderer. Absent where a platform requires nothing per category.
   */
  categoryRequirements?(categoryIds: string[]): Promise<Record<string, CategoryRequirements>>;
  /** Of these brands, the ones the platform does not know (V&R's form refuses them), for readiness. */
  unknownBrands?(names: string[]): Promise<string[]>;
  /** Sales since `since` (orders APIs; V&R's export), for the sale watch. `cursor` is where the next read starts. */
  salesSince?(since: Date): Promise<{ sales: PlatformSale[]; cursor: Date }>;
  /** Registers our sale webhook at `url` (idempotent: never two for one URL); answers what is registered. */
  registerWebhooks?(url: string, secret?: string): Promise<WebhookRegistration[]>;
  /** Onboarding: listings the account holds outside the API's view, moved into it (eBay's bulk_migrate_listing). */
  migrateListings?(): Promise<{ migrated: string[]; failed: { id: string; reason: string }[] }>;
}

export interface ExecuteOptions {
  /**
   * Asked between the steps of a long action (V&R's item form), before anything is written: true
   * gives the call up with CallYielded, so a sale's end waiting behind it goes first.
   */
  yieldTo?: () => Promise<boolean>;
}

/** A sale as a platform's orders read shows it. */
export interface PlatformSale {
  orderId: string;
  sku: string | null;
  /** The listing that sold (Reverb listing id, WooCommerce product id, eBay legacy item id, V&R product id). */
  externalId: string | null;
  quantity: number;
  at: Date;
  price?: Money;
}

export interface WebhookRegistration {
  platform: Platform;
  topic: string;
  url: string;
  id: string;
  /** True when this call made it; false when it was already there. */
  created: boolean;
}

/**
 * A call budget the adapter waits on before each request, so snapshot reads spend the same
 * platform budget as executor writes. The sync package passes one backed by Redis.
 *
 * `acquire` answers the request's slot; the caller hands it back with `release()` as soon as the
 * platform has answered (or the request failed). A platform counts a request when it arrives,
 * which is some time between the slot and the answer: only a gate told of the answer can keep
 * the platform's window however late a request travels. A gate that keeps no window answers
 * nothing to release.
 */
export interface CallGate {
  acquire(): Promise<CallSlot | void>;
}

export interface CallSlot {
  /** The platform has answered: it counted this request by now. Idempotent. */
  release(): void;
}

export const noGate: CallGate = { acquire: async () => undefined };
