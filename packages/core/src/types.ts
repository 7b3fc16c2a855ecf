/** The domain words of gearsync. Pure data: no I/O anywhere in this package. */

export const PLATFORMS = ['ebay', 'reverb', 'vr', 'website'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const CONDITIONS = ['new', 'mint', 'excellent', 'very_good', 'good', 'fair', 'poor', 'non_functioning'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const PRODUCT_STATUSES = ['active', 'sold', 'archived', 'draft'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** What a listing is on its platform, in our words. */
export const LISTING_STATES = ['active', 'draft', 'ended', 'sold'] as const;
export type ListingState = (typeof LISTING_STATES)[number];

export const ACTION_KINDS = ['create', 'update', 'stock', 'end', 'delete', 'link'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STATUSES = ['planned', 'in_flight', 'succeeded', 'failed', 'skipped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const RUN_STATUSES = [
  'queued',
  'snapshotting',
  'planning',
  'awaiting_approval',
  'planned',
  'executing',
  'completed',
  'completed_with_errors',
  'failed',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRIGGERS = ['manual', 'schedule', 'webhook', 'cli', 'bench', 'watch'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Integer minor units: 129900 USD is $1,299.00. Never a float. */
export interface Money {
  cents: number;
  currency: string;
}

export interface Product {
  id: number;
  sku: string;
  brand: string;
  model: string;
  title: string;
  description: string;
  year: number | null;
  finish: string | null;
  category: string | null;
  condition: Condition;
  price: Money;
  quantity: number;
  images: string[];
  status: ProductStatus;
  /** Platforms it should be listed on; null means every enabled one. */
  platforms: Platform[] | null;
  /** Item specifics, `{name: value}` (e.g. `{"Body Type": "Solid"}`), sent where a platform takes them (eBay aspects). */
  attributes: Record<string, string>;
}

/**
 * A photo as a platform holds it, beside the URL we sent for it. Reverb and WooCommerce rehost
 * every photo and answer their own URLs, so photos are compared by `source`, never by `url`.
 */
export interface Photo {
  /** The URL we sent. */
  source: string;
  /** The URL the platform serves it at. */
  url: string;
  /** The platform's own id for it (WooCommerce media id), where it has one. */
  id?: string;
}

/**
 * A listing in canonical form: what a platform holds (remote), what we last wrote (baseline)
 * or what we want there (desired). Adapters map their wire format to and from this shape.
 */
export interface Listing {
  /** The platform's own id (WooCommerce product id, Reverb listing id, V&R product id, eBay SKU). */
  externalId: string;
  sku: string | null;
  title: string;
  description: string;
  price: Money;
  quantity: number;
  /** Our condition grade; null where the platform keeps none (V&R). */
  condition: Condition | null;
  images: string[];
  state: ListingState;
  brand?: string | null;
  model?: string | null;
  year?: number | null;
  finish?: string | null;
  category?: string | null;
  /** Platform ids beside the main one, e.g. eBay's offerId and listingId. */
  refs?: Record<string, string>;
  /**
   * The platform's own category, as it holds it: eBay `[categoryId]`, Reverb category uuids,
   * V&R numeric ids top level first, the shop's category term ids. Undefined where unknown
   * (a platform that does not tell), which is never compared.
   */
  platformCategory?: string[];
  /** Item specifics as the platform takes them (eBay aspects `{Name: [value]}`). */
  attributes?: Record<string, string[]>;
  /** The platform's own condition code where it differs from our grade (eBay `USED_EXCELLENT`). */
  platformCondition?: string;
  /** Words on the condition beside the code (eBay's `conditionDescription`: "Mint" on a Used 3000). */
  conditionDescription?: string;
  /**
   * Account values the platform needs on every listing, rendered from the platform's settings
   * at plan time so the executor sends exactly what was planned (eBay marketplace, policy ids
   * and location key; Reverb shipping profile). Not compared: platforms do not show them back.
   */
  platformFields?: Record<string, string>;
  /**
   * On a baseline (what we wrote): each photo we sent and what the platform made of it. The
   * planner reads a remote listing's served URLs back to our sources through it.
   */
  photos?: Photo[];
}

/** What we last wrote to a platform for a product: the `platform_common` row, seen by core. */
export interface Baseline {
  platform: Platform;
  externalId: string | null;
  listing: Listing | null;
  refs?: Record<string, string>;
  /**
   * Anything that changes whenever the baseline is rewritten (e.g. platform_common.last_synced_at).
   * Part of the sale key, so a restock followed by the same quantity drop is a new sale.
   */
  version?: string;
}

/** Payload of an action: exactly what the executor will send, decided at plan time. */
export interface ActionPayload {
  externalId?: string;
  listing?: Listing;
  quantity?: number;
  refs?: Record<string, string>;
  /**
   * On an update: the photos the platform already holds for sources we sent (from the
   * baseline), so an adapter keeps them (WooCommerce by media `id`) and uploads only new ones.
   */
  photos?: Photo[];
  /** On an update: whether the photos differ from what the platform holds; when false the adapter sends none. */
  photosChanged?: boolean;
  /**
   * On an update that puts a listing back on sale: the state the snapshot saw it in. A platform
   * that cannot relist in place (V&R's item withdrawn by hand) makes the listing anew.
   */
  relistFrom?: ListingState;
}

export interface PlannedAction {
  platform: Platform;
  productId: number | null;
  sku: string | null;
  kind: ActionKind;
  /** 1 is the highest: sales and stock first, then ends, creates, content updates. */
  priority: number;
  reason: string;
  payload: ActionPayload;
  /** Set on an action that failed at plan time (the product cannot be rendered there); never executed. */
  error?: string;
}

export interface Sale {
  productId: number;
  sku: string;
  platform: Platform;
  /** Unique per platform sale: the same sale seen twice has the same key. */
  saleKey: string;
  quantity: number;
  /** The listing that sold. */
  externalId?: string;
}

export interface Orphan {
  platform: Platform;
  externalId: string;
  sku: string | null;
  title: string;
  /** Why nothing matched it, e.g. "orphan, no local SKU". */
  reason?: string;
}

export interface Drift {
  platform: Platform;
  sku: string;
  fields: string[];
}
