import { ACTION_KINDS, type ActionKind, type Listing } from '@gearsync/core';
import type { ActionOutcome, CallAction, CallGate, FetchPage, PlatformAdapter, PlatformLimits } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { garbage } from './classify.js';
import { WooClient } from './client.js';
import { toCreateEntry, toEndEntry, toListing, toStockEntry, toUpdateEntry } from './mapping.js';
import { batchAnswerSchema, batchEntrySchema, wooProductSchema, type BatchRequest, type WooProduct, type WooProductInput } from './wire.js';

export interface WebsiteAdapterOptions {
  /** The shop's root (the REST API lives under `/wp-json/wc/v3`), e.g. `http://127.0.0.1:4000/website`. */
  baseUrl: string;
  key: string;
  secret: string;
  timeoutMs?: number;
  gate?: CallGate;
  perPage?: number;
  /** The store's one currency (WooCommerce → Settings → General). */
  currency?: string;
  getRetries?: number;
  retryBaseMs?: number;
}

/** WooCommerce's `woocommerce_rest_batch_items_limit`: create + update + delete in one call. */
export const WEBSITE_BATCH_LIMIT = 100;

type Slot = 'create' | 'update' | 'delete';
interface Sent {
  index: number;
  slot: Slot;
  position: number;
  id?: number;
}

export class WebsiteAdapter implements PlatformAdapter {
  readonly platform = 'website' as const;
  readonly limits: PlatformLimits = {
    batchSize: Object.fromEntries(ACTION_KINDS.map((k) => [k, WEBSITE_BATCH_LIMIT])) as Record<ActionKind, number>,
    mixKinds: true,
    concurrency: 1,
  };
  private readonly client: WooClient;
  private readonly perPage: number;
  private readonly currency: string;

  constructor(options: WebsiteAdapterOptions) {
    this.client = new WooClient(options);
    this.perPage = Math.min(100, Math.max(1, options.perPage ?? 100));
    this.currency = options.currency ?? 'USD';
  }

  /** Ordered by id, so products created while we page land on the last page, not in between. */
  async *fetchListings(): AsyncIterable<FetchPage> {
    const seen = new Set<number>();
    let page = 1;
    let totalPages = 1;
    do {
      const before = this.client.calls();
      const answer = await this.client.get('products', { per_page: this.perPage, page, status: 'any', orderby: 'id', order: 'asc' });
      const header = answer.headers['x-wp-totalpages'];
      const pages = Number(Array.isArray(header) ? header[0] : header);
      if (header === undefined || !Number.isInteger(pages) || pages < 0) throw garbage('no usable X-WP-TotalPages header', answer.body, answer.status);
      totalPages = pages;
      const listings = this.products(answer.body, 'a product page')
        .filter((p) => !seen.has(p.id) && seen.add(p.id))
        .map((p) => this.listingOf(p));
      yield { listings, page, totalPages, calls: this.client.calls() - before };
      page += 1;
    } while (page <= totalPages);
  }

  async findBySku(sku: string): Promise<Listing | null> {
    const answer = await this.client.get('products', { sku, status: 'any', per_page: 100 });
    const hit = this.products(answer.body, 'a SKU lookup').find((p) => p.sku === sku);
    return hit ? this.listingOf(hit) : null;
  }

  /**
   * One `POST /products/batch` for every action that needs the platform. WooCommerce answers
   * each entry in the order sent, within its create / update / delete array.
   */
  async execute(actions: CallAction[]): Promise<ActionOutcome[]> {
    const outcomes: (ActionOutcome | undefined)[] = actions.map(() => undefined);
    const request: Required<BatchRequest> = { create: [], update: [], delete: [] };
    const sent: Sent[] = [];
    const refuse = (index: number, error: string) => {
      outcomes[index] = { actionId: actions[index]!.actionId, ok: false, error, retryable: false };
    };
    const push = (index: number, slot: 'create' | 'update', entry: WooProductInput) => {
      sent.push({ index, slot, position: request[slot].length, ...(entry.id ? { id: entry.id } : {}) });
      request[slot].push(entry);
    };

    actions.forEach((action, index) => {
      const { payload } = action;
      if (action.kind === 'link') {
        outcomes[index] = { actionId: action.actionId, ok: true, externalId: payload.externalId ?? null };
        return;
      }
      if (action.kind === 'create') {
        const problem = payload.listing ? this.unsendable(payload.listing) : 'create needs payload.listing';
        if (problem) return refuse(index, problem);
        return push(index, 'create', toCreateEntry(payload.listing!));
      }
      const id = Number(payload.externalId);
      if (!payload.externalId || !Number.isInteger(id) || id <= 0) return refuse(index, `${action.kind} needs a WooCommerce product id, got "${payload.externalId ?? ''}"`);
      switch (action.kind) {
        case 'update': {
          const problem = payload.listing ? this.unsendable(payload.listing) : 'update needs payload.listing';
          if (problem) return refuse(index, problem);
          return push(index, 'update', toUpdateEntry(id, payload.listing!));
        }
        case 'stock':
          if (payload.quantity === undefined || !Number.isInteger(payload.quantity) || payload.quantity < 0) return refuse(index, 'stock needs a whole payload.quantity');
          return push(index, 'update', toStockEntry(id, payload.quantity));
        case 'end':
          return push(index, 'update', toEndEntry(id));
        case 'delete':
          sent.push({ index, slot: 'delete', position: request.delete.length, id });
          request.delete.push(id);
          return;
      }
    });

    if (sent.length > WEBSITE_BATCH_LIMIT) {
      throw new PlatformError('permanent', `website: a batch carries at most ${WEBSITE_BATCH_LIMIT} objects, got ${sent.length}`, { code: 'batch_too_large' });
    }
    if (sent.length > 0) {
      const body: BatchRequest = {};
      for (const slot of ['create', 'update', 'delete'] as const) if (request[slot].length) body[slot] = request[slot] as never;
      const answer = await this.client.post('products/batch', body);
      const parsed = batchAnswerSchema.safeParse(answer.body);
      if (!parsed.success || typeof answer.body !== 'object' || Array.isArray(answer.body)) throw garbage('a batch answer without create/update/delete lists', answer.body, answer.status);
      for (const s of sent) outcomes[s.index] = this.outcomeOf(actions[s.index]!, s, parsed.data[s.slot]?.[s.position]);
    }
    return outcomes.map((o) => o!);
  }

  calls(): number {
    return this.client.calls();
  }

  async close(): Promise<void> {
    this.client.close();
  }

  private outcomeOf(action: CallAction, s: Sent, raw: unknown): ActionOutcome {
    const { actionId } = action;
    // An entry WooCommerce did not answer may or may not have been written: let the executor look.
    if (raw === undefined) return { actionId, ok: false, error: `website: the batch answer has no entry for this ${action.kind}`, retryable: true };
    const entry = batchEntrySchema.safeParse(raw);
    if (!entry.success) return { actionId, ok: false, error: `website: unreadable batch entry for this ${action.kind}`, retryable: true };
    if ('error' in entry.data) {
      const status = entry.data.error.data?.status;
      return {
        actionId,
        ok: false,
        error: `website: ${entry.data.error.code}: ${entry.data.error.message}`,
        ...(status ? { status } : {}),
        retryable: status !== undefined && status >= 500,
      };
    }
    const product = entry.data as WooProduct;
    if (s.id !== undefined && product.id !== s.id) {
      return { actionId, ok: false, error: `website: batch answered product ${product.id} where ${s.id} was sent`, retryable: true };
    }
    const externalId = String(product.id);
    if (action.kind === 'delete') return { actionId, ok: true, externalId };
    return { actionId, ok: true, externalId, listing: this.listingOf(product) };
  }

  private listingOf(product: WooProduct): Listing {
    try {
      return toListing(product, this.currency);
    } catch (err) {
      throw garbage(`product ${product.id} that gearsync cannot read (${(err as Error).message})`, undefined);
    }
  }

  private products(body: unknown, what: string): WooProduct[] {
    if (!Array.isArray(body)) throw garbage(`something other than a product list for ${what}`, body);
    return body.map((raw) => {
      const parsed = wooProductSchema.safeParse(raw);
      if (!parsed.success) throw garbage(`an unreadable product in ${what} (${parsed.error.issues[0]?.path.join('.') ?? '?'})`, undefined);
      return parsed.data;
    });
  }

  /** What WooCommerce could not hold as given: refused before the call, never sent. */
  private unsendable(listing: Listing): string | null {
    if (listing.price.currency !== this.currency) return `the shop sells in ${this.currency}, not ${listing.price.currency}`;
    if (!Number.isInteger(listing.price.cents) || listing.price.cents < 0) return `not a price: ${listing.price.cents} cents`;
    return null;
  }
}

export function createWebsiteAdapter(options: WebsiteAdapterOptions): WebsiteAdapter {
  return new WebsiteAdapter(options);
}
