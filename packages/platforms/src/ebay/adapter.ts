import { type ActionKind, type CategoryRequirements, EBAY_MARKETPLACES, type Listing, parseAmount } from '@gearsync/core';
import type { ActionOutcome, CallAction, CallGate, FetchPage, PlatformAdapter, PlatformLimits, PlatformSale, WebhookRegistration } from '../adapter.js';
import { CALL_SHAPES } from '../call-shapes.js';
import { isPlatformError, PlatformError } from '../errors.js';
import { classify, describe, errorsOf, garbage, TRANSIENT_ERROR_IDS } from './classify.js';
import { type EbayAnswer, EbayClient } from './client.js';
import { knownOffer, knownOfferOf, type ListingDefaults, marketOf, offerGaps, refsOf, stateOf, toAmount, toInventoryItem, toListing, toOfferRequest } from './mapping.js';
import { type KnownOffer, OfferCache } from './offer-cache.js';
import { type ActiveLine, parseActiveReport, unpackReport } from './active-report.js';
import {
  bulkAnswerSchema,
  type BulkEntry,
  type EbayError,
  type InventoryItemRequest,
  inventoryItemSchema,
  inventoryPageSchema,
  categoryTreeSchema,
  conditionPoliciesSchema,
  destinationsSchema,
  itemAspectsSchema,
  migrateAnswerSchema,
  type Offer,
  offersPageSchema,
  ordersPageSchema,
  type PriceQuantityRequest,
  subscriptionsSchema,
} from './wire.js';

export interface EbayAdapterOptions {
  /** eBay's API root: `https://api.ebay.com`, or the sandbox's `http://127.0.0.1:4000/ebay`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  marketplaceId?: string;
  timeoutMs?: number;
  gate?: CallGate;
  /** Known offers per SKU; share one across adapters, or prime it from `ebay_listings`. */
  offers?: OfferCache;
  /** Policy ids, category and location a real account needs on its offers. */
  listingDefaults?: ListingDefaults;
  /** Inventory items per page, 1..200. */
  pageSize?: number;
  /** Offer reads in flight at once while a snapshot learns new SKUs. */
  lookupConcurrency?: number;
  /**
   * Prices and live state from the Feed API's active inventory report, read once per full
   * snapshot (default). `false`: from the offer cache only, blind to prices edited on eBay.
   */
  activeInventoryReport?: boolean | { timeoutMs?: number; pollMs?: number };
  /**
   * The offers the report does not describe (category, the offer's own quantity cap) are read
   * for a rotating slice of SKUs each full read: every SKU within `runs` reads, at least `min`
   * a read. Default `{runs: 96, min: 25}` (a day of 15-minute runs); `false` reads none.
   */
  offerSweep?: false | { runs?: number; min?: number };
}

/** The Feed API's one report of every live listing's SKU, price and quantity. */
export const ACTIVE_INVENTORY_REPORT = 'LMS_ACTIVE_INVENTORY_REPORT';
const FEED_BASE = '/sell/feed/v1';

/** `bulk_migrate_listing` takes at most 5 listings a call. */
export const EBAY_MIGRATE_LIMIT = 5;
/** eBay's Trading API site ids, for the one Trading call we make (GetMyeBaySelling). */
const SITE_IDS: Record<string, string> = { EBAY_US: '0', EBAY_CA: '2', EBAY_GB: '3', EBAY_AU: '15', EBAY_FR: '71', EBAY_DE: '77', EBAY_IT: '101', EBAY_ES: '186' };
/** The seller topic for a sale: its messages carry the order id. */
export const ORDER_TOPIC = 'ORDER_CONFIRMATION';

/** 25002 on an offer create: the SKU already has an offer here, and its id is in `parameters`. */
const OFFER_EXISTS = 25002;
/** 25713: the offer is not available (gone, or not published). */
const OFFER_NOT_AVAILABLE = 25713;

type Fail = Extract<ActionOutcome, { ok: false }>;

function failed(actionId: number, error: string, status?: number, retryable = false): Fail {
  return { actionId, ok: false, error, retryable, ...(status !== undefined ? { status } : {}) };
}

function entryFailure(actionId: number, entry: BulkEntry | undefined, step: string): Fail {
  if (!entry) return failed(actionId, `ebay: ${step}: eBay's answer left this entry out`, undefined, true);
  const errors = entry.errors ?? [];
  const retryable = entry.statusCode >= 500 || errors.some((e) => TRANSIENT_ERROR_IDS.has(e.errorId));
  return failed(actionId, `ebay: ${step}: HTTP ${entry.statusCode} ${errors.length ? describe(errors) : 'no error given'}`, entry.statusCode, retryable);
}

function succeeded(entry: BulkEntry | undefined): entry is BulkEntry {
  return !!entry && entry.statusCode >= 200 && entry.statusCode < 300;
}

async function eachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

interface Work {
  action: CallAction;
  sku: string;
  listing: Listing;
  item: InventoryItemRequest;
  language: string;
}

/**
 * The Sell Inventory API. externalId is the SKU (the API's key); refs carry offerId and
 * listingId. Price and listing state live on offers, which eBay serves one SKU a call: they
 * come from an OfferCache, read from eBay only for SKUs it does not know.
 */
export class EbayAdapter implements PlatformAdapter {
  readonly platform = 'ebay' as const;
  readonly limits: PlatformLimits = {
    ...CALL_SHAPES.ebay,
    concurrency: 4,
  };
  private readonly client: EbayClient;
  private readonly offers: OfferCache;
  private readonly marketplaceId: string;
  private readonly currency: string;
  private readonly defaults: ListingDefaults;
  private readonly pageSize: number;
  private readonly lookupConcurrency: number;
  private readonly report: { timeoutMs: number; pollMs: number } | null;
  private lastReport: { lines: number; calls: number } | null = null;
  private readonly sweep: { runs: number; min: number } | null;
  private sweepCursor = 0;
  private readonly requirements = new Map<string, CategoryRequirements>();
  private categoryTree: string | null = null;

  constructor(options: EbayAdapterOptions) {
    this.client = new EbayClient(options);
    this.offers = options.offers ?? new OfferCache();
    this.marketplaceId = options.marketplaceId ?? 'EBAY_US';
    this.currency = EBAY_MARKETPLACES[this.marketplaceId]?.currency ?? 'USD';
    this.defaults = options.listingDefaults ?? {};
    this.pageSize = Math.min(200, Math.max(1, options.pageSize ?? 200));
    this.lookupConcurrency = Math.max(1, options.lookupConcurrency ?? 4);
    const report = options.activeInventoryReport ?? true;
    this.sweep = options.offerSweep === false ? null : { runs: 96, min: 25, ...options.offerSweep };
    this.report = report === false ? null : { timeoutMs: 300_000, pollMs: 100, ...(report === true ? {} : report) };
  }

  /** What the last full read learnt from the active inventory report (null: it read none). */
  lastActiveReport(): { lines: number; calls: number } | null {
    return this.lastReport;
  }

  calls(): number {
    return this.client.calls();
  }

  async close(): Promise<void> {
    this.client.close();
  }

  /**
   * What we last wrote for each SKU (our `ebay_listings`, through the baselines): a fresh
   * process then reads offers only for SKUs it has never seen, not one call per SKU per run.
   * It overrides what this process remembers: the writes were made by executor processes.
   */
  prime(known: Listing[]): void {
    this.offers.remember(known.flatMap((l): [string, KnownOffer][] => {
      const offer = knownOfferOf(l);
      return offer && l.sku ? [[l.sku, offer]] : [];
    }));
  }

  /**
   * Every inventory item, following eBay's `next` links. Offers are read only for SKUs the
   * cache does not know (a first run, new items); a page's `calls` includes those reads.
   */
  async *fetchListings(): AsyncIterable<FetchPage> {
    let offset: number | null = 0;
    let page = 0;
    const reportCalls = this.client.calls();
    const active = this.report ? await this.activeInventory(this.report) : null;
    let carried = this.client.calls() - reportCalls;
    while (offset !== null) {
      const before = this.client.calls() - carried;
      carried = 0;
      const answer = await this.client.call('GET', '/inventory_item', { query: { limit: this.pageSize, offset } });
      if (answer.status !== 200) throw classify(answer.status, answer.body);
      const parsed = inventoryPageSchema.safeParse(answer.body);
      if (!parsed.success) throw garbage('an inventory page eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
      const items = parsed.data.inventoryItems ?? [];
      if (active) this.learnFromReport(items, active);
      const all = parsed.data.total ?? items.length;
      if (this.sweep && all > 0) {
        const slice = Math.min(all, Math.max(this.sweep.min, Math.ceil(all / this.sweep.runs)));
        items.forEach((item, j) => {
          if ((((offset! + j - this.sweepCursor) % all) + all) % all < slice) this.offers.forget(item.sku);
        });
        if (!parsed.data.next) this.sweepCursor = (this.sweepCursor + slice) % all;
      }
      const unknown = items.filter((i) => this.offers.get(i.sku) === undefined).map((i) => i.sku);
      await eachLimited(unknown, this.lookupConcurrency, async (sku) => {
        await this.readOffer(sku);
      });
      page += 1;
      const total = parsed.data.total;
      yield {
        listings: items.map((i) => toListing(i, this.offers.get(i.sku), this.currency)),
        page,
        ...(total !== undefined ? { totalPages: Math.ceil(total / this.pageSize) } : {}),
        calls: this.client.calls() - before,
      };
      offset = parsed.data.next ? nextOffset(parsed.data.next, offset) : null;
    }
  }

  /**
   * The Feed API's active inventory report: create the task, poll it (waits doubling from
   * `pollMs`), download the zipped XML. A handful of calls, whatever the shop's size. Null when
   * eBay will not make one for us or it is not ready in time: the read then goes on with what
   * the offer cache knows, as it did before the report.
   */
  private async activeInventory(options: { timeoutMs: number; pollMs: number }): Promise<Map<string, ActiveLine> | null> {
    // The report is the better word on prices, not a condition of the read: a Feed API that keeps
    // failing leaves this read with what the cache knows (the next run asks again).
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.activeInventoryOnce(options);
      } catch (err) {
        const passing = isPlatformError(err) && (err.kind === 'transient' || err.kind === 'rate_limited');
        if (!passing) throw err;
        if (attempt >= 3) return null;
        await new Promise((r) => setTimeout(r, (err.details.retryAfterMs as number | undefined) ?? options.pollMs * 4 ** attempt));
      }
    }
  }

  private async activeInventoryOnce(options: { timeoutMs: number; pollMs: number }): Promise<Map<string, ActiveLine> | null> {
    const started = this.client.calls();
    this.lastReport = null;
    const made = await this.client.call('POST', `${FEED_BASE}/inventory_task`, {
      root: true,
      headers: { 'x-ebay-c-marketplace-id': this.marketplaceId },
      json: { feedType: ACTIVE_INVENTORY_REPORT, schemaVersion: '1.0', filterCriteria: { listingFormat: 'FIXED_PRICE' } },
    });
    if (made.status !== 202 && made.status !== 201) return null;
    const location = made.headers.location;
    const taskId = (Array.isArray(location) ? location[0] : location)?.split('/').filter(Boolean).pop();
    if (!taskId) return null;
    const deadline = Date.now() + options.timeoutMs;
    let wait = options.pollMs;
    for (;;) {
      await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, deadline - Date.now()))));
      const answer = await this.client.call('GET', `${FEED_BASE}/inventory_task/${encodeURIComponent(taskId)}`, { root: true });
      if (answer.status !== 200) return null;
      const status = (answer.body as { status?: unknown } | null)?.status;
      if (status === 'COMPLETED' || status === 'COMPLETED_WITH_ERROR') break;
      if (status === 'FAILED' || Date.now() >= deadline) return null;
      wait = Math.min(wait * 2, 15_000);
    }
    const file = await this.client.download(`${FEED_BASE}/task/${encodeURIComponent(taskId)}/download_result_file`);
    if (file.status !== 200 || !('bytes' in file)) return null;
    let lines: ActiveLine[];
    try {
      lines = parseActiveReport(unpackReport(file.bytes), this.currency);
    } catch (err) {
      throw garbage(`an active inventory report that does not read (${err instanceof Error ? err.message : String(err)})`, '', 200);
    }
    this.lastReport = { lines: lines.length, calls: this.client.calls() - started };
    return new Map(lines.map((l) => [l.sku, l]));
  }

  /**
   * The report is eBay's word on which listings are live and at what price: it overrides what
   * the cache holds (primed from our own writes). A SKU the cache has as live but the report
   * does not list is read once (ended by hand, or published after the report was made); one
   * with nothing left to sell is taken as sold out without a read.
   */
  private learnFromReport(items: { sku: string; availability?: { shipToLocationAvailability?: { quantity?: number } } }[], active: Map<string, ActiveLine>): void {
    for (const item of items) {
      const line = active.get(item.sku);
      const cached = this.offers.get(item.sku);
      const own = item.availability?.shipToLocationAvailability?.quantity ?? 0;
      if (line) {
        if (!cached) {
          this.offers.forget(item.sku);
          continue;
        }
        const { availableQuantity: _cap, ...rest } = cached;
        this.offers.set(item.sku, {
          ...rest,
          status: 'PUBLISHED',
          listingId: line.itemId,
          ...(line.price ? { price: line.price } : {}),
          // The report's quantity is what the listing sells: below the item's, the offer caps it.
          ...(line.quantity < own ? { availableQuantity: line.quantity } : {}),
        });
      } else if (cached?.status === 'PUBLISHED' && own > 0) {
        this.offers.forget(item.sku);
      }
    }
  }

  async findBySku(sku: string): Promise<Listing | null> {
    const answer = await this.client.call('GET', `/inventory_item/${encodeURIComponent(sku)}`);
    if (answer.status === 404) {
      this.offers.forget(sku);
      return null;
    }
    if (answer.status !== 200) throw classify(answer.status, answer.body);
    const item = inventoryItemSchema.safeParse(answer.body);
    if (!item.success) throw garbage('an inventory item eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
    return toListing(item.data, await this.readOffer(sku), this.currency);
  }

  /**
   * What eBay requires of each category on our marketplace: the condition ids the Metadata API
   * accepts and the aspects the Taxonomy API marks required. Cached per category for the
   * adapter's life. A category eBay does not know on this marketplace is left out of the answer.
   */
  async categoryRequirements(categoryIds: string[]): Promise<Record<string, CategoryRequirements>> {
    const wanted = [...new Set(categoryIds.filter((id) => /^\d+$/.test(id)))];
    const missing = wanted.filter((id) => !this.requirements.has(id));
    const conditions = new Map<string, string[]>();
    // The Metadata API takes several categories in one filter; 20 keeps the URL short.
    for (let i = 0; i < missing.length; i += 20) {
      const chunk = missing.slice(i, i + 20);
      const answer = await this.client.call('GET', `/sell/metadata/v1/marketplace/${encodeURIComponent(this.marketplaceId)}/get_item_condition_policies`, {
        root: true,
        query: { filter: `categoryIds:{${chunk.join('|')}}` },
      });
      if (answer.status !== 200) throw classify(answer.status, answer.body);
      const parsed = conditionPoliciesSchema.safeParse(answer.body);
      if (!parsed.success) throw garbage('a condition policies answer eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
      for (const p of parsed.data.itemConditionPolicies ?? []) conditions.set(p.categoryId, (p.itemConditions ?? []).map((c) => c.conditionId));
    }
    const known = missing.filter((id) => conditions.has(id));
    if (known.length) {
      const tree = await this.defaultCategoryTree();
      await eachLimited(known, this.lookupConcurrency, async (id) => {
        const answer = await this.client.call('GET', `/commerce/taxonomy/v1/category_tree/${encodeURIComponent(tree)}/get_item_aspects_for_category`, {
          root: true,
          query: { category_id: id },
        });
        if (answer.status !== 200) throw classify(answer.status, answer.body);
        const parsed = itemAspectsSchema.safeParse(answer.body);
        if (!parsed.success) throw garbage('an aspects answer eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
        const requiredAspects = (parsed.data.aspects ?? []).filter((a) => a.aspectConstraint?.aspectRequired).map((a) => a.localizedAspectName);
        this.requirements.set(id, { conditionIds: conditions.get(id)!, requiredAspects });
      });
    }
    return Object.fromEntries(wanted.filter((id) => this.requirements.has(id)).map((id) => [id, this.requirements.get(id)!]));
  }

  private async defaultCategoryTree(): Promise<string> {
    if (this.categoryTree) return this.categoryTree;
    const answer = await this.client.call('GET', '/commerce/taxonomy/v1/get_default_category_tree_id', { root: true, query: { marketplace_id: this.marketplaceId } });
    if (answer.status !== 200) throw classify(answer.status, answer.body);
    const parsed = categoryTreeSchema.safeParse(answer.body);
    if (!parsed.success) throw garbage('a category tree answer eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
    this.categoryTree = parsed.data.categoryTreeId;
    return this.categoryTree;
  }

  /**
   * Sales from the Fulfillment API: every order modified since `since`, one sale per line
   * item. The cursor is the newest modification seen (the filter is inclusive; a sale seen
   * twice is recorded once by its order id).
   */
  async salesSince(since: Date): Promise<{ sales: PlatformSale[]; cursor: Date }> {
    const sales: PlatformSale[] = [];
    let cursor = since;
    let offset = 0;
    for (;;) {
      const answer = await this.client.call('GET', '/sell/fulfillment/v1/order', {
        root: true,
        query: { filter: `lastmodifieddate:[${since.toISOString()}..]`, limit: 200, offset },
      });
      if (answer.status !== 200) throw classify(answer.status, answer.body);
      const parsed = ordersPageSchema.safeParse(answer.body);
      if (!parsed.success) throw garbage('an orders page eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
      const orders = parsed.data.orders ?? [];
      for (const order of orders) {
        const modified = new Date(order.lastModifiedDate ?? order.creationDate);
        if (modified > cursor) cursor = modified;
        // An unpaid or cancelled order has not sold anything yet.
        if (order.orderPaymentStatus && !['PAID', 'PARTIALLY_REFUNDED'].includes(order.orderPaymentStatus)) continue;
        if (order.cancelStatus?.cancelState && order.cancelStatus.cancelState !== 'NONE_REQUESTED') continue;
        for (const line of order.lineItems) {
          let price: PlatformSale['price'];
          if (line.lineItemCost) {
            try {
              price = { cents: parseAmountSafe(line.lineItemCost.value), currency: line.lineItemCost.currency };
            } catch {
              price = undefined;
            }
          }
          sales.push({
            orderId: order.orderId,
            sku: line.sku ?? null,
            externalId: line.legacyItemId ?? null,
            quantity: line.quantity,
            at: new Date(order.creationDate),
            ...(price ? { price } : {}),
          });
        }
      }
      if (!parsed.data.next || orders.length === 0) break;
      offset += orders.length;
    }
    return { sales, cursor };
  }

  /**
   * The Notification API: a destination at `url` (eBay checks it with a challenge, answered
   * with `secret` as the verification token) and an ORDER_CONFIRMATION subscription to it.
   * Idempotent: an existing destination for the URL and subscription to the topic are reused.
   */
  async registerWebhooks(url: string, secret?: string): Promise<WebhookRegistration[]> {
    if (!secret) throw new PlatformError('permanent', 'ebay: a notification destination needs its verification token (EBAY_WEBHOOK_TOKEN)');
    const base = '/commerce/notification/v1';
    const listed = await this.client.call('GET', `${base}/destination`, { root: true });
    if (listed.status !== 200) throw classify(listed.status, listed.body);
    const destinations = destinationsSchema.safeParse(listed.body);
    if (!destinations.success) throw garbage('a destinations answer eBay does not send', JSON.stringify(listed.body).slice(0, 200), listed.status);
    let destinationId = destinations.data.destinations?.find((d) => d.deliveryConfig?.endpoint === url)?.destinationId;
    if (!destinationId) {
      const made = await this.client.call('POST', `${base}/destination`, {
        root: true,
        json: { name: 'gearsync sales', status: 'ENABLED', deliveryConfig: { endpoint: url, verificationToken: secret } },
      });
      if (made.status !== 201) throw classify(made.status, made.body);
      destinationId = idFromLocation(made.headers.location);
    }
    const subs = await this.client.call('GET', `${base}/subscription`, { root: true });
    if (subs.status !== 200) throw classify(subs.status, subs.body);
    const subscriptions = subscriptionsSchema.safeParse(subs.body);
    if (!subscriptions.success) throw garbage('a subscriptions answer eBay does not send', JSON.stringify(subs.body).slice(0, 200), subs.status);
    const existing = subscriptions.data.subscriptions?.find((s) => s.topicId === ORDER_TOPIC);
    if (existing) {
      if (existing.destinationId !== destinationId) {
        throw new PlatformError('permanent', `ebay: ${ORDER_TOPIC} is already subscribed to another destination (${existing.destinationId ?? 'unknown'}); remove that subscription first`);
      }
      return [{ platform: 'ebay', topic: ORDER_TOPIC, url, id: existing.subscriptionId, created: false }];
    }
    const made = await this.client.call('POST', `${base}/subscription`, {
      root: true,
      json: { topicId: ORDER_TOPIC, status: 'ENABLED', destinationId, payload: { format: 'JSON', schemaVersion: '1.0', deliveryProtocol: 'HTTPS' } },
    });
    if (made.status !== 201) throw classify(made.status, made.body);
    return [{ platform: 'ebay', topic: ORDER_TOPIC, url, id: idFromLocation(made.headers.location), created: true }];
  }

  /**
   * Onboarding: listings made in Seller Hub (or the Trading API) are invisible to the
   * Inventory API, so a first snapshot would not see them and a create would list each item
   * twice. The Inventory API cannot list them; the Trading API's GetMyeBaySelling can. Every
   * active listing whose SKU the inventory does not hold is moved in with
   * `bulk_migrate_listing`, five a call. A listing without a SKU cannot move: it is reported.
   */
  async migrateListings(): Promise<{ migrated: string[]; failed: { id: string; reason: string }[] }> {
    const active = await this.activeTradingListings();
    const skus = new Set<string>();
    for await (const page of this.inventorySkus()) for (const sku of page) skus.add(sku);
    const failedIds: { id: string; reason: string }[] = [];
    const candidates: { itemId: string; sku: string }[] = [];
    for (const l of active) {
      if (!l.sku) failedIds.push({ id: l.itemId, reason: `listing ${l.itemId} ("${l.title}") has no SKU: give it one in Seller Hub, then migrate it` });
      else if (!skus.has(l.sku)) candidates.push({ itemId: l.itemId, sku: l.sku });
    }
    const migrated: string[] = [];
    for (let i = 0; i < candidates.length; i += EBAY_MIGRATE_LIMIT) {
      const chunk = candidates.slice(i, i + EBAY_MIGRATE_LIMIT);
      const answer = await this.client.call('POST', '/bulk_migrate_listing', { json: { requests: chunk.map((c) => ({ listingId: c.itemId })) } });
      if (answer.status !== 200 && answer.status !== 207) throw classify(answer.status, answer.body);
      const parsed = migrateAnswerSchema.safeParse(answer.body);
      if (!parsed.success) throw garbage('a migration answer eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
      for (const c of chunk) {
        const entry = parsed.data.responses.find((r) => r.listingId === c.itemId);
        if (entry && entry.statusCode >= 200 && entry.statusCode < 300) {
          migrated.push(c.itemId);
          // The migrated offer's price is not known yet: the next snapshot reads it.
          for (const item of entry.inventoryItems ?? []) if (item.sku) this.offers.forget(item.sku);
        } else {
          failedIds.push({ id: c.itemId, reason: `ebay: ${entry?.errors?.length ? describe(entry.errors) : 'eBay left this listing out of its answer'}` });
        }
      }
    }
    return { migrated, failed: failedIds };
  }

  private async *inventorySkus(): AsyncIterable<string[]> {
    let offset: number | null = 0;
    while (offset !== null) {
      const answer = await this.client.call('GET', '/inventory_item', { query: { limit: 200, offset } });
      if (answer.status !== 200) throw classify(answer.status, answer.body);
      const parsed = inventoryPageSchema.safeParse(answer.body);
      if (!parsed.success) throw garbage('an inventory page eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
      yield (parsed.data.inventoryItems ?? []).map((i) => i.sku);
      offset = parsed.data.next ? nextOffset(parsed.data.next, offset) : null;
    }
  }

  /** GetMyeBaySelling's active list, every page: item id, SKU (where set) and title. */
  private async activeTradingListings(): Promise<{ itemId: string; sku: string | null; title: string }[]> {
    const out: { itemId: string; sku: string | null; title: string }[] = [];
    const siteId = SITE_IDS[this.marketplaceId] ?? '0';
    for (let page = 1; ; page += 1) {
      const xml = await this.client.trading(
        'GetMyeBaySelling',
        siteId,
        `<?xml version="1.0" encoding="utf-8"?><GetMyeBaySellingRequest xmlns="urn:ebay:apis:eBLBaseComponents"><ActiveList><Include>true</Include><Pagination><EntriesPerPage>200</EntriesPerPage><PageNumber>${page}</PageNumber></Pagination></ActiveList><DetailLevel>ReturnAll</DetailLevel></GetMyeBaySellingRequest>`,
      );
      if (!/<Ack>(Success|Warning)<\/Ack>/.test(xml)) {
        const message = /<LongMessage>([^<]*)<\/LongMessage>/.exec(xml)?.[1] ?? /<ShortMessage>([^<]*)<\/ShortMessage>/.exec(xml)?.[1] ?? 'no message';
        const code = /<ErrorCode>([^<]*)<\/ErrorCode>/.exec(xml)?.[1];
        throw new PlatformError(code === '21916984' || code === '21917053' ? 'auth' : 'permanent', `ebay: GetMyeBaySelling failed: ${unescapeXml(message)}`, code ? { code } : {});
      }
      for (const item of xml.match(/<Item>[\s\S]*?<\/Item>/g) ?? []) {
        const itemId = /<ItemID>([^<]+)<\/ItemID>/.exec(item)?.[1];
        if (!itemId) continue;
        const sku = /<SKU>([^<]*)<\/SKU>/.exec(item)?.[1];
        out.push({ itemId, sku: sku ? unescapeXml(sku) : null, title: unescapeXml(/<Title>([^<]*)<\/Title>/.exec(item)?.[1] ?? '') });
      }
      const pages = Number(/<TotalNumberOfPages>(\d+)<\/TotalNumberOfPages>/.exec(xml)?.[1] ?? '1');
      if (page >= pages) break;
    }
    return out;
  }

  async execute(actions: CallAction[]): Promise<ActionOutcome[]> {
    if (!actions.length) return [];
    const kind = actions[0]!.kind;
    if (actions.some((a) => a.kind !== kind)) throw new PlatformError('permanent', 'ebay: one call carries one kind of action');
    if (actions.length > this.limits.batchSize[kind]) {
      throw new PlatformError('permanent', `ebay: ${actions.length} ${kind} actions exceed the ${this.limits.batchSize[kind]} one call may carry`);
    }
    const outcomes = await this.run(kind, actions);
    return actions.map((a) => outcomes.get(a.actionId) ?? failed(a.actionId, 'ebay: no outcome recorded for this action'));
  }

  private run(kind: ActionKind, actions: CallAction[]): Promise<Map<number, ActionOutcome>> {
    switch (kind) {
      case 'create':
        return this.create(actions);
      case 'update':
        return this.update(actions);
      case 'stock':
        return this.stock(actions);
      case 'end':
        return this.end(actions[0]!);
      case 'delete':
        return this.remove(actions[0]!);
      case 'link':
        return Promise.resolve(new Map(actions.map((a) => [a.actionId, { actionId: a.actionId, ok: true, externalId: a.payload.externalId ?? a.sku }])));
    }
  }

  /** Renders each action's listing as a whole inventory item; actions that cannot render fail here. */
  private prepare(actions: CallAction[], outcomes: Map<number, ActionOutcome>, skuOf: (a: CallAction) => string | null | undefined): Work[] {
    const work: Work[] = [];
    const seen = new Set<string>();
    for (const action of actions) {
      const listing = action.payload.listing;
      const sku = skuOf(action);
      if (!listing) {
        outcomes.set(action.actionId, failed(action.actionId, `ebay: a ${action.kind} needs the listing to write`));
        continue;
      }
      if (!sku) {
        outcomes.set(action.actionId, failed(action.actionId, 'ebay: the Inventory API keys listings by SKU and this one has none'));
        continue;
      }
      if (seen.has(sku)) {
        outcomes.set(action.actionId, failed(action.actionId, `ebay: SKU ${sku} appears twice in one call`));
        continue;
      }
      const rendered = toInventoryItem(sku, listing, this.marketplaceId);
      if (!rendered.ok) {
        outcomes.set(action.actionId, failed(action.actionId, `ebay: ${rendered.reason}`));
        continue;
      }
      // One request carries one Content-Language: the call's listings share the first one's marketplace.
      const { language, marketplaceId } = marketOf(listing, this.marketplaceId);
      if (work.length && work[0]!.language !== language) {
        outcomes.set(action.actionId, failed(action.actionId, `ebay: ${marketplaceId} (${language}) cannot share a call with listings in ${work[0]!.language}`, undefined, true));
        continue;
      }
      seen.add(sku);
      work.push({ action, sku, listing, item: rendered.item, language });
    }
    return work;
  }

  /** One bulk call; 200 and 207 answer per entry, anything else failed the whole call. */
  private async bulk(path: string, requests: unknown[], language?: string): Promise<BulkEntry[]> {
    const answer = await this.client.call('POST', path, { json: { requests }, ...(language ? { language } : {}) });
    if (answer.status !== 200 && answer.status !== 207) throw classify(answer.status, answer.body);
    const parsed = bulkAnswerSchema.safeParse(answer.body);
    if (!parsed.success) throw garbage(`a ${path.slice(1)} answer without responses`, JSON.stringify(answer.body).slice(0, 200), answer.status);
    return parsed.data.responses;
  }

  /** Writes the whole item for each; those eBay refused leave `work` with their outcome set. */
  private async replaceItems(work: Work[], outcomes: Map<number, ActionOutcome>): Promise<Work[]> {
    if (!work.length) return [];
    const entries = await this.bulk('/bulk_create_or_replace_inventory_item', work.map((w) => w.item), work[0]!.language);
    return work.filter((w) => {
      const entry = entries.find((e) => e.sku === w.sku);
      if (succeeded(entry)) return true;
      outcomes.set(w.action.actionId, entryFailure(w.action.actionId, entry, 'inventory item'));
      return false;
    });
  }

  /**
   * Create is eBay's minimal chain in bulk: items, then offers, then publish. An offer that
   * already exists (25002, e.g. from an earlier attempt whose answer was lost) is reused,
   * rewritten with this listing's offer first, since it may carry an older price or lack what
   * publishing needs.
   */
  private async create(actions: CallAction[]): Promise<Map<number, ActionOutcome>> {
    const outcomes = new Map<number, ActionOutcome>();
    // An offer eBay will not publish is refused here, before any call, with what it lacks.
    const ready = this.prepare(actions, outcomes, (a) => a.payload.listing?.sku ?? a.sku).filter((w) => {
      const gaps = offerGaps(w.listing);
      if (gaps.length) outcomes.set(w.action.actionId, failed(w.action.actionId, `ebay: cannot publish without ${gaps.join(', ')}`));
      return !gaps.length;
    });
    let work = await this.replaceItems(ready, outcomes);
    if (!work.length) return outcomes;
    const language = work[0]!.language;

    const offerIds = new Map<string, string>();
    const reused = new Set<string>();
    const offered = await this.bulk(
      '/bulk_create_offer',
      work.map((w) => toOfferRequest(w.sku, w.listing, this.marketplaceId, this.defaults)),
      language,
    );
    work = work.filter((w) => {
      const entry = offered.find((e) => e.sku === w.sku);
      if (succeeded(entry) && entry.offerId) {
        offerIds.set(w.sku, entry.offerId);
        return true;
      }
      const existing = existingOfferId(entry?.errors ?? []);
      if (existing) {
        offerIds.set(w.sku, existing);
        reused.add(w.sku);
        return true;
      }
      outcomes.set(w.action.actionId, entryFailure(w.action.actionId, entry, 'offer'));
      return false;
    });
    if (!work.length) return outcomes;

    // A reused offer may be older than this listing (another price, no category or policies):
    // replace it with ours before it publishes. eBay has no bulk call for this; reuse is rare.
    const rewritten: Work[] = [];
    await eachLimited(
      work.filter((w) => reused.has(w.sku)),
      this.lookupConcurrency,
      async (w) => {
        const { sku: _sku, marketplaceId: _m, ...fields } = toOfferRequest(w.sku, w.listing, this.marketplaceId, this.defaults);
        const answer = await this.client.call('PUT', `/offer/${encodeURIComponent(offerIds.get(w.sku)!)}`, { json: fields, language });
        if (answer.status === 200 || answer.status === 204) rewritten.push(w);
        else outcomes.set(w.action.actionId, this.refused(w.action.actionId, answer));
      },
    );
    work = work.filter((w) => !reused.has(w.sku) || rewritten.includes(w));
    if (!work.length) return outcomes;

    const published = await this.bulk(
      '/bulk_publish_offer',
      work.map((w) => ({ offerId: offerIds.get(w.sku)! })),
      language,
    );
    const listingIds = new Map<string, string>();
    work = work.filter((w) => {
      const offerId = offerIds.get(w.sku)!;
      const entry = published.find((e) => e.offerId === offerId);
      if (succeeded(entry)) {
        if (entry.listingId) listingIds.set(w.sku, entry.listingId);
        return true;
      }
      // The offer exists but is not live: remember it, so a retry or an end finds it without a read.
      this.offers.set(w.sku, { offerId, status: 'UNPUBLISHED', price: w.listing.price });
      outcomes.set(w.action.actionId, entryFailure(w.action.actionId, entry, 'publish'));
      return false;
    });

    for (const w of work) {
      const offer: KnownOffer = {
        offerId: offerIds.get(w.sku)!,
        status: 'PUBLISHED',
        price: w.listing.price,
        ...(listingIds.has(w.sku) ? { listingId: listingIds.get(w.sku)! } : {}),
        ...(w.listing.platformCategory?.[0] ? { categoryId: w.listing.platformCategory[0] } : {}),
      };
      this.offers.set(w.sku, offer);
      outcomes.set(w.action.actionId, this.done(w, offer));
    }
    return outcomes;
  }

  /**
   * Update writes the whole item (content and quantity), then the price on the offer when it
   * differs from the price we know the offer holds.
   */
  private async update(actions: CallAction[]): Promise<Map<number, ActionOutcome>> {
    const outcomes = new Map<number, ActionOutcome>();
    const work = await this.replaceItems(
      this.prepare(actions, outcomes, (a) => a.payload.externalId ?? a.payload.listing?.sku ?? a.sku),
      outcomes,
    );
    const offerOf = new Map<string, KnownOffer>();
    const unknown = work.filter((w) => !this.offerFor(w.action, w.sku));
    await eachLimited(
      unknown.map((w) => w.sku),
      this.lookupConcurrency,
      async (sku) => {
        await this.readOffer(sku);
      },
    );
    // A listing moved to another eBay category (the dealer changed the category map) needs its
    // offer rewritten: price and quantity calls cannot move it. One call per offer; rare.
    // The category the snapshot saw (the plan's refs) before what this process last wrote: a move made by hand is put back.
    const moved = work.filter((w) => {
      const offer = this.offerFor(w.action, w.sku);
      const categoryId = w.listing.platformCategory?.[0];
      const seen = w.action.payload.refs?.categoryId ?? offer?.categoryId;
      return offer !== undefined && seen !== undefined && categoryId !== undefined && seen !== categoryId;
    });
    const rewritten = new Set<Work>();
    await eachLimited(moved, this.lookupConcurrency, async (w) => {
      const offer = this.offerFor(w.action, w.sku)!;
      const { sku: _sku, marketplaceId: _m, ...fields } = toOfferRequest(w.sku, w.listing, this.marketplaceId, this.defaults);
      const answer = await this.client.call('PUT', `/offer/${encodeURIComponent(offer.offerId)}`, { json: fields, language: w.language });
      if (answer.status === 200 || answer.status === 204) {
        this.offers.set(w.sku, { ...offer, price: w.listing.price, categoryId: w.listing.platformCategory![0]!, availableQuantity: undefined });
        rewritten.add(w);
      } else {
        outcomes.set(w.action.actionId, this.refused(w.action.actionId, answer));
      }
    });
    const repriced: Work[] = [];
    const relist: Work[] = [];
    for (const w of work) {
      if (outcomes.has(w.action.actionId)) continue;
      if (rewritten.has(w)) {
        outcomes.set(w.action.actionId, this.done(w, this.offers.get(w.sku)!));
        continue;
      }
      const offer = this.offerFor(w.action, w.sku);
      if (!offer) {
        outcomes.set(w.action.actionId, failed(w.action.actionId, `ebay: SKU ${w.sku} has no offer to carry its price; create it first`));
        continue;
      }
      // Known to be off sale (the snapshot read it so): price and quantity calls take published
      // offers only, and eBay would refuse this one; a live listing is wanted, so list it again.
      if (offer.status === 'UNPUBLISHED' && w.listing.state === 'active') {
        relist.push(w);
        continue;
      }
      offerOf.set(w.sku, offer);
      // The price always goes with an update: the price this process last wrote may have been
      // edited by hand since (the snapshot saw it; an executor's cache cannot), and one bulk call carries 25.
      repriced.push(w);
    }
    const entries = !repriced.length ? [] : await this.bulk(
      '/bulk_update_price_quantity',
      repriced.map((w): PriceQuantityRequest => {
        const offer = offerOf.get(w.sku)!;
        return {
          sku: w.sku,
          offers: [
            {
              offerId: offer.offerId,
              ...(offer.availableQuantity !== undefined ? { availableQuantity: w.listing.quantity } : {}),
              price: toAmount(w.listing.price),
            },
          ],
        };
      }),
      repriced[0]!.language,
    );
    for (const w of repriced) {
      const offer = offerOf.get(w.sku)!;
      const mine = entries.filter((e) => e.offerId === offer.offerId || (e.sku === w.sku && !e.offerId));
      if (mine.length && mine.every(succeeded)) {
        const now = { ...offer, price: w.listing.price, ...(offer.availableQuantity !== undefined ? { availableQuantity: w.listing.quantity } : {}) };
        this.offers.set(w.sku, now);
        outcomes.set(w.action.actionId, this.done(w, now));
      } else if (w.listing.state === 'active' && mine.some((e) => e.errors?.some((x) => x.errorId === OFFER_NOT_AVAILABLE))) {
        // Not published (ended by hand, or by us before a restock): a live listing is wanted, so list it again.
        this.offers.forget(w.sku);
        relist.push(w);
      } else {
        outcomes.set(w.action.actionId, entryFailure(w.action.actionId, mine.find((e) => !succeeded(e)), 'price'));
      }
    }
    if (relist.length) await this.relist(relist, outcomes);
    return outcomes;
  }

  /**
   * Lists ended offers again: each offer rewritten with the listing's (price, category, policies;
   * one call each, eBay has no bulk for it), then all published in one bulk call.
   */
  private async relist(work: Work[], outcomes: Map<number, ActionOutcome>): Promise<void> {
    const ready: { w: Work; offer: KnownOffer }[] = [];
    await eachLimited(work, this.lookupConcurrency, async (w) => {
      const offer = await this.readOffer(w.sku);
      if (!offer) {
        outcomes.set(w.action.actionId, failed(w.action.actionId, `ebay: SKU ${w.sku} has no offer to list again; create it first`));
        return;
      }
      const { sku: _sku, marketplaceId: _m, ...fields } = toOfferRequest(w.sku, w.listing, this.marketplaceId, this.defaults);
      const answer = await this.client.call('PUT', `/offer/${encodeURIComponent(offer.offerId)}`, { json: fields, language: w.language });
      if (answer.status === 200 || answer.status === 204) ready.push({ w, offer });
      else outcomes.set(w.action.actionId, this.refused(w.action.actionId, answer));
    });
    if (!ready.length) return;
    const published = await this.bulk('/bulk_publish_offer', ready.map(({ offer }) => ({ offerId: offer.offerId })), ready[0]!.w.language);
    for (const { w, offer } of ready) {
      const entry = published.find((e) => e.offerId === offer.offerId);
      if (!succeeded(entry)) {
        outcomes.set(w.action.actionId, entryFailure(w.action.actionId, entry, 'publish'));
        continue;
      }
      const { availableQuantity: _cap, ...rest } = offer;
      const now: KnownOffer = {
        ...rest,
        status: 'PUBLISHED',
        price: w.listing.price,
        ...(entry.listingId ? { listingId: entry.listingId } : {}),
        ...(w.listing.platformCategory?.[0] ? { categoryId: w.listing.platformCategory[0] } : {}),
      };
      this.offers.set(w.sku, now);
      outcomes.set(w.action.actionId, this.done(w, now));
    }
  }

  /**
   * Stock sets the item's ship-to quantity and, in the same request, the live offer's
   * `availableQuantity`: the listing sells the lower of the two, so a restock must lift both.
   */
  private async stock(actions: CallAction[]): Promise<Map<number, ActionOutcome>> {
    const outcomes = new Map<number, ActionOutcome>();
    const sent: { action: CallAction; sku: string }[] = [];
    for (const action of actions) {
      const sku = action.payload.externalId ?? action.sku;
      const quantity = action.payload.quantity;
      if (!sku) outcomes.set(action.actionId, failed(action.actionId, 'ebay: a stock update needs the SKU'));
      else if (quantity === undefined || !Number.isInteger(quantity) || quantity < 0) {
        outcomes.set(action.actionId, failed(action.actionId, `ebay: a stock update needs a quantity of 0 or more, not ${String(quantity)}`));
      } else if (sent.some((s) => s.sku === sku)) outcomes.set(action.actionId, failed(action.actionId, `ebay: SKU ${sku} appears twice in one call`));
      else sent.push({ action, sku });
    }
    if (!sent.length) return outcomes;
    await eachLimited(
      sent.filter((s) => !this.offerFor(s.action, s.sku)).map((s) => s.sku),
      this.lookupConcurrency,
      async (sku) => {
        await this.readOffer(sku);
      },
    );
    const liveOffer = (s: { action: CallAction; sku: string }) => {
      const offer = this.offerFor(s.action, s.sku);
      return offer?.status === 'PUBLISHED' ? offer : undefined;
    };
    const entries = await this.bulk(
      '/bulk_update_price_quantity',
      sent.map((s): PriceQuantityRequest => {
        const offer = liveOffer(s);
        const quantity = s.action.payload.quantity!;
        return { sku: s.sku, shipToLocationAvailability: { quantity }, ...(offer ? { offers: [{ offerId: offer.offerId, availableQuantity: quantity }] } : {}) };
      }),
    );
    for (const s of sent) {
      const { action, sku } = s;
      const offer = liveOffer(s);
      const mine = entries.filter((e) => e.sku === sku || (offer && e.offerId === offer.offerId));
      if (mine.length && mine.every(succeeded)) {
        if (offer && this.offers.get(sku)) this.offers.set(sku, { ...offer, availableQuantity: action.payload.quantity! });
        const refs = refsOf(this.offers.get(sku)) ?? action.payload.refs;
        outcomes.set(action.actionId, { actionId: action.actionId, ok: true, externalId: sku, ...(refs ? { refs } : {}), status: mine[0]!.statusCode });
      } else {
        if (mine.some((e) => e.errors?.some((x) => x.errorId === OFFER_NOT_AVAILABLE))) this.offers.forget(sku);
        outcomes.set(action.actionId, entryFailure(action.actionId, mine.find((e) => !succeeded(e)), 'quantity'));
      }
    }
    return outcomes;
  }

  /**
   * End withdraws the SKU's offer: the offer stays (unpublished), the listing ends. An offer
   * already withdrawn, or a SKU with no offer, is already off sale: done without a withdraw.
   */
  private async end(action: CallAction): Promise<Map<number, ActionOutcome>> {
    const sku = action.payload.externalId ?? action.sku;
    if (!sku) return new Map([[action.actionId, failed(action.actionId, 'ebay: an end needs the SKU')]]);
    let offer = this.offerFor(action, sku) ?? (await this.readOffer(sku));
    if (!offer || offer.status === 'UNPUBLISHED') return new Map([[action.actionId, this.ended(action, sku, offer)]]);
    let answer = await this.withdraw(sku, offer);
    if (answer.status !== 200 && isNotAvailable(answer)) {
      // The offer we knew is gone or no longer live (a retry, a hand edit): look once at what the SKU holds now.
      const known = offer.offerId;
      offer = await this.readOffer(sku);
      if (!offer || offer.status === 'UNPUBLISHED') return new Map([[action.actionId, this.ended(action, sku, offer)]]);
      if (offer.offerId !== known) answer = await this.withdraw(sku, offer);
    }
    if (answer.status === 200) return new Map([[action.actionId, this.ended(action, sku, this.offers.get(sku))]]);
    return new Map([[action.actionId, this.refused(action.actionId, answer)]]);
  }

  private async withdraw(sku: string, offer: KnownOffer): Promise<EbayAnswer> {
    const answer = await this.client.call('POST', `/offer/${encodeURIComponent(offer.offerId)}/withdraw`);
    if (answer.status === 200) {
      const listingId = (answer.body as { listingId?: unknown } | null)?.listingId;
      this.offers.set(sku, { ...offer, status: 'UNPUBLISHED', ...(typeof listingId === 'string' ? { listingId } : {}) });
    }
    return answer;
  }

  private ended(action: CallAction, sku: string, offer: KnownOffer | null | undefined): ActionOutcome {
    const refs = refsOf(offer) ?? action.payload.refs;
    return { actionId: action.actionId, ok: true, externalId: sku, ...(refs ? { refs } : {}) };
  }

  /** Delete removes the inventory item, and with it its offers and listing. Already gone is done. */
  private async remove(action: CallAction): Promise<Map<number, ActionOutcome>> {
    const sku = action.payload.externalId ?? action.sku;
    if (!sku) return new Map([[action.actionId, failed(action.actionId, 'ebay: a delete needs the SKU')]]);
    const answer = await this.client.call('DELETE', `/inventory_item/${encodeURIComponent(sku)}`);
    if (answer.status === 204 || answer.status === 200 || answer.status === 404) {
      this.offers.forget(sku);
      return new Map([[action.actionId, { actionId: action.actionId, ok: true, externalId: sku, status: answer.status }]]);
    }
    return new Map([[action.actionId, this.refused(action.actionId, answer)]]);
  }

  private refused(actionId: number, answer: EbayAnswer): Fail {
    const e = classify(answer.status, answer.body);
    return failed(actionId, e.message, answer.status, e.kind !== 'permanent');
  }

  private done(w: Work, offer: KnownOffer): ActionOutcome {
    const refs = refsOf(offer)!;
    return {
      actionId: w.action.actionId,
      ok: true,
      externalId: w.sku,
      refs,
      listing: { ...w.listing, externalId: w.sku, sku: w.sku, state: stateOf(w.listing.quantity, offer), refs },
    };
  }

  /**
   * The SKU's offer as far as known without a call: the cache first (our own writes and reads),
   * then the offer id the plan carried (payload refs, or the listing's), assumed live.
   */
  private offerFor(action: CallAction, sku: string): KnownOffer | undefined {
    const cached = this.offers.get(sku);
    if (cached) return cached;
    const refs = action.payload.refs?.offerId ? action.payload.refs : action.payload.listing?.refs;
    if (!refs?.offerId) return undefined;
    return { offerId: refs.offerId, status: 'PUBLISHED', price: null, ...(refs.listingId ? { listingId: refs.listingId } : {}) };
  }

  /** `GET /offer?sku=`: the SKU's fixed-price offer on our marketplace, remembered in the cache. */
  private async readOffer(sku: string): Promise<KnownOffer | null> {
    const answer = await this.client.call('GET', '/offer', { query: { sku, marketplace_id: this.marketplaceId } });
    // eBay answers 404 ("offer not available") rather than an empty list for a SKU without offers.
    if (answer.status === 404) {
      this.offers.set(sku, null);
      return null;
    }
    if (answer.status !== 200) throw classify(answer.status, answer.body);
    const parsed = offersPageSchema.safeParse(answer.body);
    if (!parsed.success) throw garbage('an offers answer eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
    const mine = (parsed.data.offers ?? []).filter((o: Offer) => o.sku === sku && (o.marketplaceId ?? this.marketplaceId) === this.marketplaceId);
    const pick = mine.find((o) => o.format === 'FIXED_PRICE') ?? mine[0];
    const offer = pick ? knownOffer(pick) : null;
    this.offers.set(sku, offer);
    return offer;
  }
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** eBay answers a created resource with its URL in Location; the id is its last segment. */
function idFromLocation(location: string | string[] | undefined): string {
  const value = Array.isArray(location) ? location[0] : location;
  const id = value?.split('/').filter(Boolean).pop();
  if (!id) throw garbage('a created resource without a Location header', '', 201);
  return id;
}

function parseAmountSafe(value: string): number {
  return parseAmount(value);
}

function isNotAvailable(answer: EbayAnswer): boolean {
  return answer.status === 404 || errorsOf(answer.body).some((e) => e.errorId === OFFER_NOT_AVAILABLE);
}

function existingOfferId(errors: EbayError[]): string | undefined {
  return errors.find((e) => e.errorId === OFFER_EXISTS)?.parameters?.find((p) => p.name === 'offerId')?.value;
}

/** The offset in eBay's `next` link; requests go to our own base URL, never to the link's host. */
function nextOffset(next: string, current: number): number {
  const raw = new URL(next, 'https://api.ebay.com').searchParams.get('offset');
  const offset = raw === null ? NaN : Number(raw);
  if (!Number.isInteger(offset) || offset <= current) throw garbage(`a next link that does not move on (${next})`, '', 200);
  return offset;
}

export function createEbayAdapter(options: EbayAdapterOptions): EbayAdapter {
  return new EbayAdapter(options);
}
