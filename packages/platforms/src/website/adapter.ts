import { parseAmount, type ActionPayload, type Listing, type Photo } from '@gearsync/core';
import type { ActionOutcome, CallAction, CallGate, FetchPage, PlatformAdapter, PlatformLimits, PlatformSale, WebhookRegistration } from '../adapter.js';
import { CALL_SHAPES, WEBSITE_BATCH_LIMIT } from '../call-shapes.js';
import { PlatformError } from '../errors.js';
import { garbage } from './classify.js';
import { WooClient } from './client.js';
import { isTermId, toCreateEntry, toEndEntry, toListing, toStockEntry, toUpdateEntry } from './mapping.js';
import {
  batchAnswerSchema,
  batchEntrySchema,
  wooOrderSchema,
  wooProductSchema,
  wooWebhookSchema,
  type BatchRequest,
  type WooImageInput,
  type WooOrder,
  type WooProduct,
  type WooProductInput,
  type WooWebhook,
} from './wire.js';

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

type Slot = 'create' | 'update' | 'delete';
interface Sent {
  index: number;
  slot: Slot;
  position: number;
  id?: number;
  /** The source URL of each image entry sent, in order; undefined when the entry sent no images. */
  sources?: string[];
  /** Photos the shop already held, for an update that sent none. */
  kept?: Photo[];
}

/** Order statuses in which WooCommerce has taken the stock: the buyer has paid, or will by other means. */
const SALE_STATUSES = new Set(['processing', 'on-hold', 'completed']);
/** The webhook topic for a sale. */
export const WEBSITE_SALE_TOPIC = 'order.created';

export class WebsiteAdapter implements PlatformAdapter {
  readonly platform = 'website' as const;
  readonly limits: PlatformLimits = {
    ...CALL_SHAPES.website,
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
    const push = (index: number, slot: 'create' | 'update', entry: WooProductInput, photos: Pick<Sent, 'sources' | 'kept'> = {}) => {
      sent.push({ index, slot, position: request[slot].length, ...(entry.id ? { id: entry.id } : {}), ...photos });
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
        return push(index, 'create', toCreateEntry(payload.listing!), { sources: payload.listing!.images });
      }
      const id = Number(payload.externalId);
      if (!payload.externalId || !Number.isInteger(id) || id <= 0) return refuse(index, `${action.kind} needs a WooCommerce product id, got "${payload.externalId ?? ''}"`);
      switch (action.kind) {
        case 'update': {
          const problem = payload.listing ? this.unsendable(payload.listing) : 'update needs payload.listing';
          if (problem) return refuse(index, problem);
          const plan = imagesFor(payload);
          return push(index, 'update', toUpdateEntry(id, payload.listing!, plan.images), plan.images ? { sources: payload.listing!.images } : plan.kept ? { kept: plan.kept } : {});
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
      const answered = await this.batch(body);
      for (const s of sent) outcomes[s.index] = this.outcomeOf(actions[s.index]!, s, answered[s.slot]?.[s.position]);
      await this.resendLostPhotos(actions, sent, outcomes);
    }
    return outcomes.map((o) => o!);
  }

  /**
   * Sales since `since`, from the orders the shop has changed since then: one per line item of
   * an order that took stock. `cursor` is the latest modification seen, so nothing is read twice
   * for long; the same order read again is the same sale (same order id).
   */
  async salesSince(since: Date): Promise<{ sales: PlatformSale[]; cursor: Date }> {
    const sales: PlatformSale[] = [];
    let cursor = since;
    for (let page = 1; ; page += 1) {
      const answer = await this.client.get('orders', {
        modified_after: since.toISOString(),
        dates_are_gmt: 'true',
        orderby: 'id',
        order: 'asc',
        per_page: 100,
        page,
      });
      if (!Array.isArray(answer.body)) throw garbage('something other than an order list', answer.body, answer.status);
      for (const raw of answer.body) {
        const parsed = wooOrderSchema.safeParse(raw);
        if (!parsed.success) throw garbage(`an unreadable order (${parsed.error.issues[0]?.path.join('.') ?? '?'})`, undefined, answer.status);
        const order = parsed.data;
        const modified = gmt(order.date_modified_gmt) ?? gmt(order.date_created_gmt);
        if (modified && modified > cursor) cursor = modified;
        if (SALE_STATUSES.has(order.status)) sales.push(...this.salesOf(order));
      }
      const pages = Number(answer.headers['x-wp-totalpages'] ?? 1);
      if (!Number.isInteger(pages) || page >= pages || answer.body.length === 0) break;
    }
    return { sales, cursor };
  }

  /**
   * Our `order.created` webhook at `url`, signed with `secret`. WooCommerce keeps every webhook
   * it is given, so we look first: one for this URL is kept (re-activated, its secret set, when
   * the shop disabled it after failed deliveries), any more for it are deleted.
   */
  async registerWebhooks(url: string, secret?: string): Promise<WebhookRegistration[]> {
    const existing = (await this.webhooks()).filter((w) => w.delivery_url === url && w.topic === WEBSITE_SALE_TOPIC);
    const [keep, ...extra] = existing;
    for (const w of extra) await this.client.delete(`webhooks/${w.id}`, { force: 'true' });
    if (keep) {
      if (keep.status !== 'active' || (secret !== undefined && keep.secret !== undefined && keep.secret !== secret)) {
        await this.client.put(`webhooks/${keep.id}`, { status: 'active', ...(secret !== undefined ? { secret } : {}) });
      }
      return [{ platform: 'website', topic: WEBSITE_SALE_TOPIC, url, id: String(keep.id), created: false }];
    }
    const answer = await this.client.post('webhooks', { name: 'gearsync sales', topic: WEBSITE_SALE_TOPIC, delivery_url: url, status: 'active', ...(secret !== undefined ? { secret } : {}) });
    const made = wooWebhookSchema.safeParse(answer.body);
    if (!made.success) throw garbage('a webhook answer without an id', answer.body, answer.status);
    return [{ platform: 'website', topic: WEBSITE_SALE_TOPIC, url, id: String(made.data.id), created: true }];
  }

  private async webhooks(): Promise<WooWebhook[]> {
    const out: WooWebhook[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await this.client.get('webhooks', { per_page: 100, page });
      if (!Array.isArray(answer.body)) throw garbage('something other than a webhook list', answer.body, answer.status);
      for (const raw of answer.body) {
        const parsed = wooWebhookSchema.safeParse(raw);
        if (parsed.success) out.push(parsed.data);
      }
      const pages = Number(answer.headers['x-wp-totalpages'] ?? 1);
      if (!Number.isInteger(pages) || page >= pages || answer.body.length === 0) return out;
    }
  }

  private salesOf(order: WooOrder): PlatformSale[] {
    const at = gmt(order.date_created_gmt) ?? gmt(order.date_modified_gmt) ?? new Date(0);
    return order.line_items.map((line) => {
      const total = line.total === undefined ? undefined : centsOrUndefined(String(line.total));
      return {
        orderId: String(order.id),
        sku: line.sku ? line.sku : null,
        externalId: line.product_id ? String(line.product_id) : null,
        quantity: line.quantity,
        at,
        ...(total !== undefined ? { price: { cents: total, currency: order.currency || this.currency } } : {}),
      };
    });
  }

  private async batch(body: BatchRequest): Promise<{ create?: unknown[]; update?: unknown[]; delete?: unknown[] }> {
    const answer = await this.client.post('products/batch', body);
    const parsed = batchAnswerSchema.safeParse(answer.body);
    if (!parsed.success || typeof answer.body !== 'object' || Array.isArray(answer.body)) throw garbage('a batch answer without create/update/delete lists', answer.body, answer.status);
    return parsed.data;
  }

  /**
   * A media item we kept by id can be gone (deleted from the library by hand): the shop then
   * refuses the whole entry. Those updates go once more in one call, every photo by `src`.
   */
  private async resendLostPhotos(actions: CallAction[], sent: Sent[], outcomes: (ActionOutcome | undefined)[]): Promise<void> {
    const lost = sent.filter((s) => {
      const o = outcomes[s.index];
      return s.slot === 'update' && s.sources && o && !o.ok && o.error.includes('woocommerce_product_invalid_image_id');
    });
    if (!lost.length) return;
    const update = lost.map((s, position) => {
      const listing = actions[s.index]!.payload.listing!;
      s.position = position;
      return toUpdateEntry(s.id!, listing, listing.images.map((src) => ({ src })));
    });
    let answered: Awaited<ReturnType<WebsiteAdapter['batch']>>;
    try {
      answered = await this.batch({ update });
    } catch (err) {
      // The first call's outcomes stand; only these updates wait for a later try.
      const message = `website: photos gone from the media library, and sending them again failed: ${(err as Error).message}`;
      for (const s of lost) outcomes[s.index] = { actionId: actions[s.index]!.actionId, ok: false, error: message, retryable: true };
      return;
    }
    for (const s of lost) outcomes[s.index] = this.outcomeOf(actions[s.index]!, s, answered.update?.[s.position]);
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
    const listing = this.listingOf(product);
    // The shop answers its images in the order sent: each is the photo we sent at that place.
    if (s.sources) {
      listing.photos = s.sources.flatMap((source, i) => {
        const image = product.images[i];
        return image ? [{ source, url: image.src, ...(image.id !== undefined ? { id: String(image.id) } : {}) }] : [];
      });
    } else if (s.kept) {
      listing.photos = s.kept;
    }
    return { actionId, ok: true, externalId, listing };
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
    const badTerm = listing.platformCategory?.find((id) => !isTermId(id));
    if (badTerm !== undefined) return `the shop's category ids are whole numbers, not "${badTerm}"`;
    return null;
  }
}

/**
 * The images an update sends: none when the photos did not change (every `{src}` is a new
 * download); otherwise, in the order wanted, `{id}` for a photo the shop already holds for that
 * source and `{src}` for a new one.
 */
function imagesFor(payload: ActionPayload): { images?: WooImageInput[]; kept?: Photo[] } {
  if (payload.photosChanged === false) return payload.photos?.length ? { kept: payload.photos } : {};
  const held = new Map((payload.photos ?? []).filter((p) => p.id !== undefined && /^\d+$/.test(p.id)).map((p) => [p.source, Number(p.id)]));
  const used = new Set<number>();
  const images = payload.listing!.images.map((src): WooImageInput => {
    const id = held.get(src);
    // One media item shows once: a source listed twice downloads its second copy.
    if (id !== undefined && !used.has(id)) {
      used.add(id);
      return { id };
    }
    return { src };
  });
  return { images };
}

/** WordPress's `_gmt` dates carry no zone. */
function gmt(text: string | null | undefined): Date | undefined {
  if (!text) return undefined;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function centsOrUndefined(amount: string): number | undefined {
  try {
    return parseAmount(amount);
  } catch {
    const n = Number(amount);
    return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined;
  }
}

export function createWebsiteAdapter(options: WebsiteAdapterOptions): WebsiteAdapter {
  return new WebsiteAdapter(options);
}
