import { parseAmount, type Listing } from '@gearsync/core';
import type { FetchPage, PlatformSale, WebhookRegistration } from '../adapter.js';
import { isOk, issue, parseListing, parsePage } from './answers.js';
import { garbage } from './classify.js';
import type { ReverbClient, ReverbResponse } from './client.js';
import { reverbOrderSchema, reverbOrdersPageSchema, reverbRegistrationsPageSchema, SALE_STATUSES, type ReverbPage } from './mapping.js';

/** The topic of a sale: Reverb posts the order when one is placed. */
export const SALE_TOPIC = 'orders/create';

/** Reverb's reads: the listings page by page, a SKU's listing, the orders, our webhook. */
export interface Reader {
  client: ReverbClient;
  /** Listings per page; Reverb defaults to 24, and 50 is known to be safe. */
  perPage: number;
}

/** Every page of a collection, following Reverb's `_links.next` while it stays under our API root. */
async function* pagesOf(r: Reader, first: string, what: string): AsyncIterable<ReverbResponse> {
  let url: string | null = first;
  const seen = new Set<string>();
  while (url) {
    if (seen.has(url)) throw garbage(what, `the next link points back to a page already read`);
    seen.add(url);
    const res = await r.client.request('GET', url);
    if (!isOk(res)) throw r.client.failure(res);
    yield res;
    const next = (res.body as { _links?: { next?: { href?: string } | null } | null } | null)?._links?.next?.href;
    url = next ? ownedUrl(r, next, url) : null;
  }
}

function ownedUrl(r: Reader, href: string, current: string): string | null {
  const resolved = new URL(href, current).toString();
  return r.client.owns(resolved) ? resolved : null;
}

export async function* fetchListings(r: Reader): AsyncIterable<FetchPage> {
  let url = `${r.client.apiRoot}/my/listings?${new URLSearchParams({ state: 'all', page: '1', per_page: String(r.perPage) }).toString()}`;
  const seen = new Set<string>();
  for (let page = 1; ; page += 1) {
    if (seen.has(url)) throw garbage('GET /my/listings', `the next link points back to a page already read (${page - 1})`);
    seen.add(url);
    const res = await r.client.request('GET', url);
    if (!isOk(res)) throw r.client.failure(res);
    const body = parsePage(res);
    const listings = body.listings.map((raw) => parseListing(raw, res.what));
    const totalPages = body.total_pages ?? undefined;
    yield { listings, page: body.current_page ?? page, ...(totalPages === undefined ? {} : { totalPages }), calls: 1 };
    const next = nextUrl(r, body, page, url);
    if (!next) return;
    url = next;
  }
}

/** Reverb's `_links.next` when it stays under our API root (the token goes nowhere else); else the page number. */
function nextUrl(r: Reader, body: ReverbPage, page: number, current: string): string | null {
  const href = body._links?.next?.href;
  if (href) {
    const owned = ownedUrl(r, href, current);
    if (owned) return owned;
  }
  const totalPages = body.total_pages;
  if (totalPages == null || page >= totalPages || body.listings.length === 0) return null;
  const next = new URL(current);
  next.searchParams.set('page', String(page + 1));
  return next.toString();
}

/** Orders updated since `since` (paid later, shipped…); a sale is an order paid, shipped or received. */
export async function salesSince(r: Reader, since: Date): Promise<{ sales: PlatformSale[]; cursor: Date }> {
  const params = new URLSearchParams({ updated_start_date: since.toISOString(), per_page: String(r.perPage) });
  let cursor = since.getTime();
  const sales: PlatformSale[] = [];
  for await (const res of pagesOf(r, `${r.client.apiRoot}/my/orders/selling/all?${params.toString()}`, 'GET /my/orders/selling/all')) {
    const page = reverbOrdersPageSchema.safeParse(res.body);
    if (!page.success) throw garbage(res.what, `not a page of orders (${issue(page.error)})`, res.status);
    for (const raw of page.data.orders) {
      const parsed = reverbOrderSchema.safeParse(raw);
      if (!parsed.success) throw garbage(res.what, `not a Reverb order (${issue(parsed.error)})`);
      const o = parsed.data;
      const updated = Date.parse(o.updated_at ?? o.created_at);
      if (!Number.isNaN(updated)) cursor = Math.max(cursor, updated);
      if (!SALE_STATUSES.has(o.status)) continue;
      const at = new Date(o.paid_at ?? o.created_at);
      const unit = o.amount_product;
      const cents = unit ? (unit.amount_cents ?? amountCents(unit.amount)) : null;
      sales.push({
        orderId: o.order_number,
        sku: o.sku || null,
        externalId: o.product_id == null ? null : String(o.product_id),
        quantity: o.quantity ?? 1,
        at: Number.isNaN(at.getTime()) ? new Date(updated) : at,
        ...(unit && cents !== null ? { price: { cents, currency: unit.currency } } : {}),
      });
    }
  }
  return { sales, cursor: new Date(cursor) };
}

/** Our `orders/create` webhook at `url`: registered once; a second registration of it is removed. */
export async function registerWebhooks(r: Reader, url: string): Promise<WebhookRegistration[]> {
  const existing: { id: string; url: string; topic: string }[] = [];
  for await (const res of pagesOf(r, `${r.client.apiRoot}/webhooks/registrations?per_page=100`, 'GET /webhooks/registrations')) {
    const page = reverbRegistrationsPageSchema.safeParse(res.body);
    if (!page.success) throw garbage(res.what, `not a list of webhook registrations (${issue(page.error)})`, res.status);
    existing.push(...page.data.registrations);
  }
  const ours = existing.filter((reg) => reg.url === url && reg.topic === SALE_TOPIC);
  if (ours.length) {
    for (const extra of ours.slice(1)) {
      const res = await r.client.request('DELETE', `/webhooks/registrations/${encodeURIComponent(extra.id)}`);
      if (!isOk(res) && res.status !== 404) throw r.client.failure(res);
    }
    return [{ platform: 'reverb', topic: SALE_TOPIC, url, id: ours[0]!.id, created: false }];
  }
  const res = await r.client.request('POST', '/webhooks/registrations', { json: { url, topic: SALE_TOPIC } });
  if (!isOk(res)) throw r.client.failure(res);
  const id = (res.body as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' && typeof id !== 'string') throw garbage(res.what, 'the registration has no id', res.status);
  return [{ platform: 'reverb', topic: SALE_TOPIC, url, id: String(id), created: true }];
}

/** The listing of a SKU, the live one first; null when Reverb has none. */
export async function findBySku(r: Reader, sku: string): Promise<Listing | null> {
  const res = await r.client.request('GET', '/my/listings', { searchParams: { sku, state: 'all', per_page: r.perPage } });
  if (!isOk(res)) throw r.client.failure(res);
  const matches = parsePage(res)
    .listings.map((raw) => parseListing(raw, res.what))
    .filter((l) => l.sku === sku);
  return matches.find((l) => l.state === 'active') ?? matches[0] ?? null;
}

/** A price we can read, or none: a sale is recorded without its price rather than lost. */
function amountCents(amount: string | null | undefined): number | null {
  try {
    return amount ? parseAmount(amount) : null;
  } catch {
    return null;
  }
}
