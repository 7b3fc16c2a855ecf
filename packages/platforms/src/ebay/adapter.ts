import type { ActionKind, Listing } from '@gearsync/core';
import type { ActionOutcome, CallAction, CallGate, FetchPage, PlatformAdapter, PlatformLimits } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { classify, describe, errorsOf, garbage, TRANSIENT_ERROR_IDS } from './classify.js';
import { type EbayAnswer, EbayClient } from './client.js';
import { knownOffer, knownOfferOf, type ListingDefaults, refsOf, stateOf, toAmount, toInventoryItem, toListing, toOfferRequest } from './mapping.js';
import { type KnownOffer, OfferCache } from './offer-cache.js';
import {
  bulkAnswerSchema,
  type BulkEntry,
  type EbayError,
  type InventoryItemRequest,
  inventoryItemSchema,
  inventoryPageSchema,
  type Offer,
  offersPageSchema,
  type PriceQuantityRequest,
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
}

/** The Inventory API's limit for every bulk call (its contract says so in prose). */
export const EBAY_BULK_LIMIT = 25;

const CURRENCY: Record<string, string> = { EBAY_US: 'USD', EBAY_MOTORS: 'USD', EBAY_CA: 'CAD', EBAY_GB: 'GBP', EBAY_AU: 'AUD', EBAY_DE: 'EUR', EBAY_FR: 'EUR', EBAY_IT: 'EUR', EBAY_ES: 'EUR' };

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
}

/**
 * The Sell Inventory API. externalId is the SKU (the API's key); refs carry offerId and
 * listingId. Price and listing state live on offers, which eBay serves one SKU a call: they
 * come from an OfferCache, read from eBay only for SKUs it does not know.
 */
export class EbayAdapter implements PlatformAdapter {
  readonly platform = 'ebay' as const;
  readonly limits: PlatformLimits = {
    // A withdraw and a delete take one offer or SKU each: eBay has no bulk for them.
    batchSize: { create: EBAY_BULK_LIMIT, update: EBAY_BULK_LIMIT, stock: EBAY_BULK_LIMIT, end: 1, delete: 1, link: EBAY_BULK_LIMIT },
    mixKinds: false,
    concurrency: 4,
  };
  private readonly client: EbayClient;
  private readonly offers: OfferCache;
  private readonly marketplaceId: string;
  private readonly currency: string;
  private readonly defaults: ListingDefaults;
  private readonly pageSize: number;
  private readonly lookupConcurrency: number;

  constructor(options: EbayAdapterOptions) {
    this.client = new EbayClient(options);
    this.offers = options.offers ?? new OfferCache();
    this.marketplaceId = options.marketplaceId ?? 'EBAY_US';
    this.currency = CURRENCY[this.marketplaceId] ?? 'USD';
    this.defaults = options.listingDefaults ?? {};
    this.pageSize = Math.min(200, Math.max(1, options.pageSize ?? 200));
    this.lookupConcurrency = Math.max(1, options.lookupConcurrency ?? 4);
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

  /** The offer cache this adapter reads and keeps current. */
  offerCache(): OfferCache {
    return this.offers;
  }

  /**
   * Every inventory item, following eBay's `next` links. Offers are read only for SKUs the
   * cache does not know (a first run, new items); a page's `calls` includes those reads.
   */
  async *fetchListings(): AsyncIterable<FetchPage> {
    let offset: number | null = 0;
    let page = 0;
    while (offset !== null) {
      const before = this.client.calls();
      const answer = await this.client.call('GET', '/inventory_item', { query: { limit: this.pageSize, offset } });
      if (answer.status !== 200) throw classify(answer.status, answer.body);
      const parsed = inventoryPageSchema.safeParse(answer.body);
      if (!parsed.success) throw garbage('an inventory page eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
      const items = parsed.data.inventoryItems ?? [];
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
      const rendered = toInventoryItem(sku, listing);
      if (!rendered.ok) {
        outcomes.set(action.actionId, failed(action.actionId, `ebay: ${rendered.reason}`));
        continue;
      }
      seen.add(sku);
      work.push({ action, sku, listing, item: rendered.item });
    }
    return work;
  }

  /** One bulk call; 200 and 207 answer per entry, anything else failed the whole call. */
  private async bulk(path: string, requests: unknown[]): Promise<BulkEntry[]> {
    const answer = await this.client.call('POST', path, { json: { requests } });
    if (answer.status !== 200 && answer.status !== 207) throw classify(answer.status, answer.body);
    const parsed = bulkAnswerSchema.safeParse(answer.body);
    if (!parsed.success) throw garbage(`a ${path.slice(1)} answer without responses`, JSON.stringify(answer.body).slice(0, 200), answer.status);
    return parsed.data.responses;
  }

  /** Writes the whole item for each; those eBay refused leave `work` with their outcome set. */
  private async replaceItems(work: Work[], outcomes: Map<number, ActionOutcome>): Promise<Work[]> {
    if (!work.length) return [];
    const entries = await this.bulk('/bulk_create_or_replace_inventory_item', work.map((w) => w.item));
    return work.filter((w) => {
      const entry = entries.find((e) => e.sku === w.sku);
      if (succeeded(entry)) return true;
      outcomes.set(w.action.actionId, entryFailure(w.action.actionId, entry, 'inventory item'));
      return false;
    });
  }

  /**
   * Create is eBay's minimal chain in bulk: items, then offers, then publish. An offer that
   * already exists (25002, e.g. from an earlier attempt whose answer was lost) is reused; its
   * price and quantity are set once it is live, since it may carry an older price.
   */
  private async create(actions: CallAction[]): Promise<Map<number, ActionOutcome>> {
    const outcomes = new Map<number, ActionOutcome>();
    let work = await this.replaceItems(
      this.prepare(actions, outcomes, (a) => a.payload.listing?.sku ?? a.sku),
      outcomes,
    );
    if (!work.length) return outcomes;

    const offerIds = new Map<string, string>();
    const reused = new Set<string>();
    const offered = await this.bulk(
      '/bulk_create_offer',
      work.map((w) => toOfferRequest(w.sku, w.listing, this.marketplaceId, this.defaults)),
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

    const published = await this.bulk(
      '/bulk_publish_offer',
      work.map((w) => ({ offerId: offerIds.get(w.sku)! })),
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
      this.offers.set(w.sku, { offerId, status: 'UNPUBLISHED', price: reused.has(w.sku) ? null : w.listing.price });
      outcomes.set(w.action.actionId, entryFailure(w.action.actionId, entry, 'publish'));
      return false;
    });

    const stale = work.filter((w) => reused.has(w.sku));
    if (stale.length) {
      const entries = await this.bulk(
        '/bulk_update_price_quantity',
        stale.map(
          (w): PriceQuantityRequest => ({
            sku: w.sku,
            shipToLocationAvailability: { quantity: w.listing.quantity },
            offers: [{ offerId: offerIds.get(w.sku)!, availableQuantity: w.listing.quantity, price: toAmount(w.listing.price) }],
          }),
        ),
      );
      work = work.filter((w) => {
        if (!reused.has(w.sku)) return true;
        const mine = entries.filter((e) => e.sku === w.sku || e.offerId === offerIds.get(w.sku));
        if (mine.length && mine.every(succeeded)) return true;
        this.offers.set(w.sku, { offerId: offerIds.get(w.sku)!, status: 'PUBLISHED', price: null, ...(listingIds.has(w.sku) ? { listingId: listingIds.get(w.sku)! } : {}) });
        outcomes.set(w.action.actionId, entryFailure(w.action.actionId, mine.find((e) => !succeeded(e)), 'price of the reused offer'));
        return false;
      });
    }

    for (const w of work) {
      const offer: KnownOffer = {
        offerId: offerIds.get(w.sku)!,
        status: 'PUBLISHED',
        price: w.listing.price,
        ...(listingIds.has(w.sku) ? { listingId: listingIds.get(w.sku)! } : {}),
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
    const repriced: Work[] = [];
    for (const w of work) {
      const offer = this.offerFor(w.action, w.sku);
      if (!offer) {
        outcomes.set(w.action.actionId, failed(w.action.actionId, `ebay: SKU ${w.sku} has no offer to carry its price; create it first`));
        continue;
      }
      offerOf.set(w.sku, offer);
      const price = offer.price;
      if (price && price.cents === w.listing.price.cents && price.currency === w.listing.price.currency) {
        outcomes.set(w.action.actionId, this.done(w, offer));
      } else {
        repriced.push(w);
      }
    }
    if (!repriced.length) return outcomes;
    const entries = await this.bulk(
      '/bulk_update_price_quantity',
      repriced.map((w): PriceQuantityRequest => ({ sku: w.sku, offers: [{ offerId: offerOf.get(w.sku)!.offerId, price: toAmount(w.listing.price) }] })),
    );
    for (const w of repriced) {
      const offer = offerOf.get(w.sku)!;
      const mine = entries.filter((e) => e.offerId === offer.offerId || (e.sku === w.sku && !e.offerId));
      if (mine.length && mine.every(succeeded)) {
        const now = { ...offer, price: w.listing.price };
        this.offers.set(w.sku, now);
        outcomes.set(w.action.actionId, this.done(w, now));
      } else {
        if (mine.some((e) => e.errors?.some((x) => x.errorId === OFFER_NOT_AVAILABLE))) this.offers.forget(w.sku);
        outcomes.set(w.action.actionId, entryFailure(w.action.actionId, mine.find((e) => !succeeded(e)), 'price'));
      }
    }
    return outcomes;
  }

  /** Stock sets the item's ship-to quantity; its offers sell from it, so no offer id is needed. */
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
    const entries = await this.bulk(
      '/bulk_update_price_quantity',
      sent.map((s): PriceQuantityRequest => ({ sku: s.sku, shipToLocationAvailability: { quantity: s.action.payload.quantity! } })),
    );
    for (const { action, sku } of sent) {
      const mine = entries.filter((e) => e.sku === sku);
      if (mine.length && mine.every(succeeded)) {
        const refs = refsOf(this.offers.get(sku)) ?? action.payload.refs;
        outcomes.set(action.actionId, { actionId: action.actionId, ok: true, externalId: sku, ...(refs ? { refs } : {}), status: mine[0]!.statusCode });
      } else {
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
