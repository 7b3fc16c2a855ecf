import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  CONDITIONS,
  LISTING_STATES,
  PLATFORMS,
  PRODUCT_STATUSES,
  RUN_STATUSES,
  RUN_TRIGGERS,
  type ActionPayload,
  type CategoryMapping,
  type CategoryRequirements,
  type Listing,
  type Platform,
  type PlatformSettings,
} from '@gearsync/core';

export const platformEnum = pgEnum('platform', PLATFORMS);
export const conditionEnum = pgEnum('condition', CONDITIONS);
export const productStatusEnum = pgEnum('product_status', PRODUCT_STATUSES);
export const listingStateEnum = pgEnum('listing_state', LISTING_STATES);
export const syncStatusEnum = pgEnum('sync_status', ['pending', 'synced', 'error']);
export const runStatusEnum = pgEnum('run_status', RUN_STATUSES);
export const runTriggerEnum = pgEnum('run_trigger', RUN_TRIGGERS);
export const actionKindEnum = pgEnum('action_kind', ACTION_KINDS);
export const actionStatusEnum = pgEnum('action_status', ACTION_STATUSES);
export const movementReasonEnum = pgEnum('movement_reason', ['sale', 'manual', 'import', 'correction']);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    sku: text('sku').notNull(),
    brand: text('brand').notNull(),
    model: text('model').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    year: integer('year'),
    finish: text('finish'),
    category: text('category'),
    condition: conditionEnum('condition').notNull(),
    priceCents: bigint('price_cents', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('USD'),
    quantity: integer('quantity').notNull().default(1),
    images: jsonb('images').$type<string[]>().notNull().default([]),
    /** Item specifics `{name: value}`, rendered into eBay aspects. */
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
    status: productStatusEnum('status').notNull().default('active'),
    /** Platforms it should be listed on; null = every enabled one. */
    platforms: platformEnum('platforms').array(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /** Set when content, stock or status change; cleared once every platform is synced. */
    syncPending: boolean('sync_pending').notNull().default(true),
    lastSyncedAt: ts('last_synced_at'),
  },
  (t) => [
    uniqueIndex('products_sku_key').on(t.sku),
    index('products_sync_pending_idx').on(t.syncPending),
    check('products_price_nonnegative', sql`${t.priceCents} >= 0`),
    check('products_quantity_nonnegative', sql`${t.quantity} >= 0`),
    check('products_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('products_sku_nonempty', sql`length(${t.sku}) > 0`),
  ],
);

export const platformCommon = pgTable(
  'platform_common',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    platform: platformEnum('platform').notNull(),
    externalId: text('external_id'),
    /** What the listing is on the platform, as far as we last knew. */
    status: listingStateEnum('status'),
    syncStatus: syncStatusEnum('sync_status').notNull().default('pending'),
    lastSyncedAt: ts('last_synced_at'),
    lastError: text('last_error'),
    /** Hash of the listing we last wrote, and the listing itself: the baseline of the three-way diff. */
    lastWrittenHash: text('last_written_hash'),
    baseline: jsonb('baseline').$type<Listing>(),
    /** Bumped on every baseline write: part of a sale's key, so the same drop after a restock is a new sale. */
    baselineVersion: integer('baseline_version').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('platform_common_product_platform_key').on(t.productId, t.platform),
    uniqueIndex('platform_common_platform_external_key').on(t.platform, t.externalId),
  ],
);

const listingColumns = () => ({
  productId: integer('product_id')
    .primaryKey()
    .references(() => products.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  priceCents: bigint('price_cents', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  quantity: integer('quantity').notNull(),
  state: listingStateEnum('state').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const ebayListings = pgTable(
  'ebay_listings',
  {
    ...listingColumns(),
    sku: text('sku').notNull(),
    offerId: text('offer_id'),
    listingId: text('listing_id'),
    marketplaceId: text('marketplace_id').notNull().default('EBAY_US'),
    conditionEnum: text('condition_enum'),
  },
  (t) => [
    uniqueIndex('ebay_listings_sku_key').on(t.sku),
    uniqueIndex('ebay_listings_offer_key').on(t.offerId),
    check('ebay_listings_quantity_nonnegative', sql`${t.quantity} >= 0`),
    check('ebay_listings_price_nonnegative', sql`${t.priceCents} >= 0`),
  ],
);

export const reverbListings = pgTable(
  'reverb_listings',
  {
    ...listingColumns(),
    listingId: text('listing_id').notNull(),
    conditionUuid: text('condition_uuid'),
  },
  (t) => [
    uniqueIndex('reverb_listings_listing_key').on(t.listingId),
    check('reverb_listings_quantity_nonnegative', sql`${t.quantity} >= 0`),
    check('reverb_listings_price_nonnegative', sql`${t.priceCents} >= 0`),
  ],
);

export const vrListings = pgTable(
  'vr_listings',
  {
    ...listingColumns(),
    /** Null until the next export shows the id of an item we created (V&R often hides it). */
    vrProductId: text('vr_product_id'),
    category: text('category'),
  },
  (t) => [
    uniqueIndex('vr_listings_product_key').on(t.vrProductId),
    check('vr_listings_quantity_nonnegative', sql`${t.quantity} >= 0`),
    check('vr_listings_price_nonnegative', sql`${t.priceCents} >= 0`),
  ],
);

export const websiteListings = pgTable(
  'website_listings',
  {
    ...listingColumns(),
    wooId: text('woo_id').notNull(),
    wooStatus: text('woo_status').notNull(),
  },
  (t) => [
    uniqueIndex('website_listings_woo_key').on(t.wooId),
    check('website_listings_quantity_nonnegative', sql`${t.quantity} >= 0`),
    check('website_listings_price_nonnegative', sql`${t.priceCents} >= 0`),
  ],
);

export interface StageTiming {
  startedAt?: string;
  finishedAt?: string;
  ms?: number;
  [detail: string]: string | number | undefined;
}

export interface PlatformSnapshotInfo {
  complete: boolean;
  listings: number;
  pages: number;
  /** API calls the read cost. */
  calls?: number;
  ms?: number;
  error?: string;
}

export interface RunSummary {
  platforms: Partial<Record<Platform, Record<string, { planned: number; succeeded: number; failed: number }>>>;
  salesDetected: number;
  orphans: number;
  drift: number;
  apiCalls: Partial<Record<Platform, number>>;
  [extra: string]: unknown;
}

/** An order a platform told us of: which SKU it sold, and when and for how much where the platform said. */
export interface RunOrder {
  sku: string;
  orderId: string;
  at?: string;
  price?: { cents: number; currency: string };
}

export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: runStatusEnum('status').notNull().default('queued'),
    trigger: runTriggerEnum('trigger').notNull(),
    dryRun: boolean('dry_run').notNull().default(false),
    /** A full run has null skus; a targeted run names the SKUs it may touch. */
    platforms: platformEnum('platforms').array().notNull(),
    skus: text('skus').array(),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    snapshotAt: ts('snapshot_at'),
    plannedAt: ts('planned_at'),
    approvedAt: ts('approved_at'),
    finishedAt: ts('finished_at'),
    stages: jsonb('stages').$type<Record<string, StageTiming>>().notNull().default({}),
    snapshot: jsonb('snapshot').$type<Partial<Record<Platform, PlatformSnapshotInfo>>>().notNull().default({}),
    summary: jsonb('summary').$type<RunSummary>(),
    /** Platform API calls this run made, snapshot reads included. */
    apiCalls: jsonb('api_calls').$type<Partial<Record<Platform, number>>>().notNull().default({}),
    /**
     * What a sale watch saw on a platform whose only lookup is a whole read (V&R's export): a
     * targeted run takes these listings for its SKUs there instead of our baseline.
     */
    observed: jsonb('observed').$type<Partial<Record<Platform, Listing[]>>>(),
    /** The orders a sale notification or the sale watch named, so the sales this run records carry them. */
    orders: jsonb('orders').$type<Partial<Record<Platform, RunOrder[]>>>(),
    error: text('error'),
  },
  (t) => [
    index('sync_runs_created_idx').on(t.createdAt),
    // At most one full run queued or running: a second request is coalesced into it.
    uniqueIndex('sync_runs_one_active_full')
      .on(sql`(true)`)
      .where(sql`${t.skus} is null and ${t.dryRun} = false and ${t.status} in ('queued','snapshotting','planning','executing')`),
  ],
);

export const remoteListings = pgTable(
  'remote_listings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => syncRuns.id, { onDelete: 'cascade' }),
    platform: platformEnum('platform').notNull(),
    externalId: text('external_id').notNull(),
    sku: text('sku'),
    listing: jsonb('listing').$type<Listing>().notNull(),
  },
  (t) => [uniqueIndex('remote_listings_run_platform_external_key').on(t.runId, t.platform, t.externalId)],
);

export const syncActions = pgTable(
  'sync_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => syncRuns.id, { onDelete: 'cascade' }),
    platform: platformEnum('platform').notNull(),
    productId: integer('product_id').references(() => products.id, { onDelete: 'set null' }),
    sku: text('sku'),
    kind: actionKindEnum('kind').notNull(),
    status: actionStatusEnum('status').notNull().default('planned'),
    priority: integer('priority').notNull(),
    reason: text('reason').notNull(),
    payload: jsonb('payload').$type<ActionPayload>().notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    jobId: text('job_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('sync_actions_run_status_idx').on(t.runId, t.status),
    index('sync_actions_run_platform_idx').on(t.runId, t.platform),
    index('sync_actions_product_idx').on(t.productId),
    check('sync_actions_attempts_nonnegative', sql`${t.attempts} >= 0`),
  ],
);

export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    delta: integer('delta').notNull(),
    quantityAfter: integer('quantity_after').notNull(),
    reason: movementReasonEnum('reason').notNull(),
    platform: platformEnum('platform'),
    /** A platform's sale identity (order id, or listing + quantity seen): one row per sale. */
    saleKey: text('sale_key'),
    /** The platform's order for a sale, once a notification or the sale watch named it. */
    orderId: text('order_id'),
    runId: uuid('run_id').references(() => syncRuns.id, { onDelete: 'set null' }),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stock_movements_platform_sale_key').on(t.platform, t.saleKey),
    index('stock_movements_product_idx').on(t.productId),
    check('stock_movements_quantity_after_nonnegative', sql`${t.quantityAfter} >= 0`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id').references(() => syncRuns.id, { onDelete: 'set null' }),
    actionId: bigint('action_id', { mode: 'number' }).references(() => syncActions.id, { onDelete: 'set null' }),
    platform: platformEnum('platform').notNull(),
    sku: text('sku'),
    kind: actionKindEnum('kind').notNull(),
    attempt: integer('attempt').notNull(),
    outcome: actionStatusEnum('outcome').notNull(),
    requestSummary: jsonb('request_summary').$type<Record<string, unknown>>().notNull(),
    responseStatus: integer('response_status'),
    error: text('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_run_idx').on(t.runId), index('audit_log_action_idx').on(t.actionId)],
);

/** Each platform's listing defaults (currency, price rule, eBay policies and location, Reverb shipping), editable without a deploy. */
export const platformSettings = pgTable('platform_settings', {
  platform: platformEnum('platform').primaryKey(),
  defaults: jsonb('defaults').$type<PlatformSettings>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The dealer's own category → each platform's category (and eBay's default aspects). */
export const categoryMap = pgTable('category_map', {
  category: text('category').primaryKey(),
  mapping: jsonb('mapping').$type<CategoryMapping>().notNull().default({}),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** What a platform requires of one of its categories, read from its metadata APIs and kept for a day. */
export const categoryRequirements = pgTable(
  'category_requirements',
  {
    platform: platformEnum('platform').notNull(),
    categoryId: text('category_id').notNull(),
    requirements: jsonb('requirements').$type<CategoryRequirements>().notNull(),
    fetchedAt: ts('fetched_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('category_requirements_key').on(t.platform, t.categoryId)],
);

/** Each platform's sale watch: where its next read of new sales starts, and how its polls fare. */
export const saleWatch = pgTable('sale_watch', {
  platform: platformEnum('platform').primaryKey(),
  cursor: ts('cursor').notNull(),
  /** Polls failed in a row; three notify the dealer. */
  failures: integer('failures').notNull().default(0),
  lastError: text('last_error'),
  lastPolledAt: ts('last_polled_at'),
  /** Sales the watch has found (each starts a targeted run). */
  salesFound: integer('sales_found').notNull().default(0),
});

/** What the dealer is told at NOTIFY_URL, batched: each row is sent once, with whatever else is waiting. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    /** The same event told twice (a retried report, a sale seen by two runs) is one row. */
    key: text('key').notNull(),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [uniqueIndex('notifications_key').on(t.key), index('notifications_unsent_idx').on(t.sentAt)],
);

export const importStatusEnum = pgEnum('import_status', ['queued', 'running', 'completed', 'failed']);

/** Onboarding: one platform's listings made into products (or linked to the ones they match). */
export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  platform: platformEnum('platform').notNull(),
  status: importStatusEnum('status').notNull().default('queued'),
  dryRun: boolean('dry_run').notNull().default(false),
  /** Listings read so far (progress). */
  read: integer('read').notNull().default(0),
  created: integer('created').notNull().default(0),
  linked: integer('linked').notNull().default(0),
  skipped: jsonb('skipped').$type<{ externalId: string; reason: string }[]>().notNull().default([]),
  /** What a dry run would do, or what was done: `[{externalId, kind, sku, reason}]` (first 2,000). */
  decisions: jsonb('decisions').$type<{ externalId: string; kind: string; sku: string | null; reason: string }[]>().notNull().default([]),
  error: text('error'),
  createdAt: ts('created_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
});

/** Orphans the dealer chose to leave alone: out of every later report. */
export const orphanIgnores = pgTable(
  'orphan_ignores',
  {
    platform: platformEnum('platform').notNull(),
    externalId: text('external_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('orphan_ignores_key').on(t.platform, t.externalId)],
);

export const oversellStatusEnum = pgEnum('oversell_status', ['open', 'resolved']);

/** One sale named by an oversell, as the dealer needs it to refund a buyer. */
export interface OversellSale {
  platform: Platform;
  /** The platform's order, when the sale was read from its orders; null when seen as a listing's drop. */
  orderId: string | null;
  /** The listing that sold (eBay: the SKU; its listing id is in `listingId`). */
  externalId: string | null;
  listingId?: string | null;
  at: string;
  price: { cents: number; currency: string } | null;
  quantity: number;
  saleKey: string;
}

/**
 * Products sold more times than they had stock. One row per sale that went past the stock
 * (`key`), whichever run saw it; a later sale of the same item while it is open joins it.
 */
export const oversells = pgTable(
  'oversells',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    key: text('key').notNull(),
    /** Oldest first: the last is the sale that came last. */
    sales: jsonb('sales').$type<OversellSale[]>().notNull(),
    lastPlatform: platformEnum('last_platform').notNull(),
    /** A restock does not relist the item on `lastPlatform` while this holds; the dealer lifts it. */
    relistHeld: boolean('relist_held').notNull().default(true),
    status: oversellStatusEnum('status').notNull().default('open'),
    runId: uuid('run_id').references(() => syncRuns.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [
    uniqueIndex('oversells_key').on(t.key),
    index('oversells_status_created_idx').on(t.status, t.createdAt),
    index('oversells_product_idx').on(t.productId),
  ],
);
