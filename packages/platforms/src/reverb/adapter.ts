import { parseAmount, type Listing, type Photo } from '@gearsync/core';
import type { ActionOutcome, CallAction, CallGate, FetchPage, PlatformAdapter, PlatformLimits, PlatformSale, WebhookRegistration } from '../adapter.js';
import { CALL_SHAPES } from '../call-shapes.js';
import { PlatformError } from '../errors.js';
import { garbage } from './classify.js';
import { ReverbClient, type ReverbResponse } from './client.js';
import {
  contentBody,
  createBody,
  pairPhotos,
  photoUrl,
  photoUrls,
  publishProblem,
  reverbImagesSchema,
  reverbListingSchema,
  reverbOrderSchema,
  reverbOrdersPageSchema,
  reverbPageSchema,
  reverbRegistrationsPageSchema,
  SALE_STATUSES,
  stockBody,
  toListing,
  unitsProblem,
  type ReverbImage,
  type ReverbPage,
} from './mapping.js';

export interface ReverbAdapterOptions {
  /** Without `/api`: `https://api.reverb.com`, or the sandbox's `http://127.0.0.1:4000/reverb`. */
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  gate?: CallGate;
  /** Listings per page when reading; Reverb defaults to 24, and 50 is known to be safe. */
  perPage?: number;
  concurrency?: number;
  /**
   * Waits between reads while Reverb fetches the photos of a write (it shows a photo, and
   * publishes a new listing, only once fetched). Default 0.5, 1, 2, 4 and 8 s.
   */
  photoWaitMs?: number[];
}

type Outcome = ActionOutcome;

/** The topic of a sale: Reverb posts the order when one is placed. */
export const SALE_TOPIC = 'orders/create';

const ok = (a: CallAction, externalId: string | null, listing?: Listing, status?: number): Outcome => ({
  actionId: a.actionId,
  ok: true,
  externalId,
  ...(listing ? { listing } : {}),
  ...(status ? { status } : {}),
});
const failed = (a: CallAction, error: string, status?: number): Outcome => ({
  actionId: a.actionId,
  ok: false,
  error,
  retryable: false,
  ...(status ? { status } : {}),
});

/**
 * Reverb API v3. One listing per call (Reverb has no batch endpoint). Choices where Reverb
 * leaves room:
 * - stock 0 and delete of a live listing end it (`not_sold`: the sale happened elsewhere), since
 *   a one-off ignores inventory writes and only drafts can be deleted;
 * - writes that leave stock above 0 send `publish: true`, so an ended listing comes back on sale;
 * - photos are sent on create, and on update only when they changed: Reverb rehosts every URL
 *   and adds what it is sent, so the adapter places the new set by `override_position` and
 *   deletes the photos that are no longer wanted. Outcomes carry each photo we sent beside the
 *   URL Reverb serves it at, so the next run compares by what we sent.
 */
export function createReverbAdapter(options: ReverbAdapterOptions): PlatformAdapter {
  const client = new ReverbClient(options);
  const perPage = options.perPage ?? 50;
  const photoWaits = options.photoWaitMs ?? [500, 1_000, 2_000, 4_000, 8_000];
  const limits: PlatformLimits = {
    ...CALL_SHAPES.reverb,
    concurrency: options.concurrency ?? 2,
  };

  const readListing = (res: ReverbResponse, wrapped: boolean): Listing => {
    const raw = wrapped && res.body && typeof res.body === 'object' && 'listing' in res.body ? (res.body as { listing: unknown }).listing : res.body;
    return parseListing(raw, res.what);
  };
  /** Anything that is not the seller's data at fault (auth, throttling, 5xx) fails the whole call. */
  const refusal = (a: CallAction, res: ReverbResponse): Outcome => {
    const err = client.failure(res);
    if (err.kind !== 'permanent') throw err;
    return failed(a, err.message, res.status);
  };
  const isOk = (res: ReverbResponse) => res.status >= 200 && res.status < 300;
  const listingPath = (id: string) => `/listings/${encodeURIComponent(id)}`;

  /** Off sale. The outcome carries no listing: the executor keeps what we last wrote, photos included, as ended. */
  const endListing = async (a: CallAction, id: string): Promise<Outcome> => {
    const res = await client.request('PUT', `/my/listings/${encodeURIComponent(id)}/state/end`, { json: { reason: 'not_sold' } });
    if (isOk(res)) return ok(a, id, undefined, res.status);
    // Reverb refuses to end a listing that is not live (ended, sold out, draft): it is off sale already.
    if (res.status === 422) return ok(a, id, undefined, res.status);
    return refusal(a, res);
  };

  /**
   * Reverb shows a photo sent by URL only once it has fetched it: read the listing again until it
   * shows `expected` photos, or the waits run out (then answers the last read).
   */
  const awaitPhotos = async (id: string, expected: number, current: Listing): Promise<Listing> => {
    let listing = current;
    for (const waitMs of photoWaits) {
      if (listing.images.length >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      const res = await client.request('GET', listingPath(id));
      if (!isOk(res)) throw client.failure(res);
      listing = readListing(res, false);
    }
    return listing;
  };

  const create = async (a: CallAction, listing: Listing): Promise<Outcome> => {
    const res = await client.request('POST', '/listings', { json: createBody(listing) });
    if (!isOk(res)) return refusal(a, res);
    const answered = readListing(res, true);
    let created = await awaitPhotos(answered.externalId, listing.images.length, answered);
    // A listing whose photos were still being fetched stays a draft: publish it now they are in.
    if (created.state === 'draft' && created.images.length >= listing.images.length) {
      const published = await client.request('PUT', listingPath(created.externalId), { json: { publish: true } });
      if (!isOk(published)) return refusal(a, published);
      created = readListing(published, true);
    }
    return ok(a, created.externalId, withPhotos(created, pairPhotos(listing.images, created.images)), res.status);
  };

  const update = async (a: CallAction, id: string, listing: Listing): Promise<Outcome> => {
    const q = listing.quantity;
    const body = { ...contentBody(listing), ...stockBody(q, false), ...(q > 0 ? { publish: true } : {}) };
    if (a.payload.photosChanged !== true) {
      const res = await client.request('PUT', listingPath(id), { json: body });
      if (!isOk(res)) return refusal(a, res);
      // Nothing sent: what Reverb serves is still what the baseline says we sent.
      return ok(a, id, withPhotos(readListing(res, true), a.payload.photos), res.status);
    }
    return replacePhotos(a, id, listing, body);
  };

  /**
   * Makes the listing hold exactly `listing.images`, in order: photos Reverb already holds for a
   * source are kept (named by the URL it serves), new sources are imported in their place
   * (`override_position`), and every other photo is then deleted.
   */
  const replacePhotos = async (a: CallAction, id: string, listing: Listing, body: Record<string, unknown>): Promise<Outcome> => {
    const imagesRes = await client.request('GET', `${listingPath(id)}/images`);
    if (!isOk(imagesRes)) return refusal(a, imagesRes);
    const parsed = reverbImagesSchema.safeParse(imagesRes.body);
    if (!parsed.success) throw garbage(imagesRes.what, `not a list of images (${issue(parsed.error)})`, imagesRes.status);
    const held = parsed.data.images;
    const servedFor = new Map((a.payload.photos ?? []).map((p) => [p.source, p.url]));
    const kept = new Map<string, ReverbImage>();
    const entries = listing.images.map((source) => {
      const known = servedFor.get(source) ?? source;
      const image = held.find((img) => ![...kept.values()].includes(img) && photoUrls(img).includes(known));
      if (!image) return source;
      kept.set(source, image);
      return photoUrl(image) ?? known;
    });
    const res = await client.request('PUT', listingPath(id), { json: { ...body, photos: entries, photo_upload_method: 'override_position' } });
    if (!isOk(res)) return refusal(a, res);
    const stale = held.filter((img) => ![...kept.values()].includes(img));
    const gone = new Set<string>();
    for (const img of stale) {
      const del = await client.request('DELETE', `${listingPath(id)}/images/${encodeURIComponent(img.id)}`);
      if (!isOk(del) && del.status !== 404) return refusal(a, del);
      for (const url of photoUrls(img)) gone.add(url);
    }
    const answered = readListing(res, true);
    let after = await awaitPhotos(id, listing.images.length, { ...answered, images: answered.images.filter((url) => !gone.has(url)) });
    // A relist waits for its photos as a new listing does: publish it now they are in.
    if (after.state !== 'active' && listing.quantity > 0 && after.images.length >= listing.images.length) {
      const published = await client.request('PUT', listingPath(id), { json: { publish: true } });
      if (!isOk(published)) return refusal(a, published);
      after = readListing(published, true);
    }
    const photos = pairPhotos(listing.images, after.images) ?? keptPhotos(kept);
    return ok(a, id, withPhotos(after, photos), res.status);
  };

  const run = async (a: CallAction): Promise<Outcome> => {
    const { externalId, listing, quantity } = a.payload;
    if (a.kind === 'link') return ok(a, externalId ?? null);
    if (a.kind === 'create') {
      if (!listing) return failed(a, 'create needs the listing to publish');
      const problem = unitsProblem(listing) ?? publishProblem(listing);
      if (problem) return failed(a, problem);
      return create(a, listing);
    }
    if (!externalId) return failed(a, `${a.kind} needs the Reverb listing id`);
    switch (a.kind) {
      case 'update': {
        if (!listing) return failed(a, 'update needs the listing content');
        const problem = unitsProblem(listing) ?? (listing.quantity > 0 ? publishProblem(listing) : null);
        if (problem) return failed(a, problem);
        return update(a, externalId, listing);
      }
      case 'stock': {
        if (quantity === undefined || !Number.isInteger(quantity) || quantity < 0) return failed(a, 'stock needs a whole quantity, 0 or more');
        // A one-off ignores inventory 0: ending is the one way off sale for every listing.
        if (quantity === 0) return endListing(a, externalId);
        const res = await client.request('PUT', listingPath(externalId), { json: { ...stockBody(quantity, false), publish: true } });
        return isOk(res) ? ok(a, externalId, undefined, res.status) : refusal(a, res);
      }
      case 'end':
        return endListing(a, externalId);
      case 'delete': {
        const res = await client.request('DELETE', listingPath(externalId));
        if (isOk(res) || res.status === 404) return ok(a, externalId, undefined, res.status);
        // Reverb deletes drafts only (406 for anything else): take it off sale instead.
        if (res.status === 406) return endListing(a, externalId);
        return refusal(a, res);
      }
    }
  };

  /** Every page of a collection, following Reverb's `_links.next` while it stays under our API root. */
  async function* pagesOf(first: string, what: string): AsyncIterable<ReverbResponse> {
    let url: string | null = first;
    const seen = new Set<string>();
    while (url) {
      if (seen.has(url)) throw garbage(what, `the next link points back to a page already read`);
      seen.add(url);
      const res = await client.request('GET', url);
      if (!isOk(res)) throw client.failure(res);
      yield res;
      const next = (res.body as { _links?: { next?: { href?: string } | null } | null } | null)?._links?.next?.href;
      url = next ? ownedUrl(next, url) : null;
    }
  }

  function ownedUrl(href: string, current: string): string | null {
    const resolved = new URL(href, current).toString();
    return client.owns(resolved) ? resolved : null;
  }

  async function* fetchListings(): AsyncIterable<FetchPage> {
    let url = `${client.apiRoot}/my/listings?${new URLSearchParams({ state: 'all', page: '1', per_page: String(perPage) }).toString()}`;
    const seen = new Set<string>();
    for (let page = 1; ; page += 1) {
      if (seen.has(url)) throw garbage('GET /my/listings', `the next link points back to a page already read (${page - 1})`);
      seen.add(url);
      const res = await client.request('GET', url);
      if (!isOk(res)) throw client.failure(res);
      const body = parsePage(res);
      const listings = body.listings.map((raw) => parseListing(raw, res.what));
      const totalPages = body.total_pages ?? undefined;
      yield { listings, page: body.current_page ?? page, ...(totalPages === undefined ? {} : { totalPages }), calls: 1 };
      const next = nextUrl(body, page, url);
      if (!next) return;
      url = next;
    }
  }

  /** Reverb's `_links.next` when it stays under our API root (the token goes nowhere else); else the page number. */
  function nextUrl(body: ReverbPage, page: number, current: string): string | null {
    const href = body._links?.next?.href;
    if (href) {
      const owned = ownedUrl(href, current);
      if (owned) return owned;
    }
    const totalPages = body.total_pages;
    if (totalPages == null || page >= totalPages || body.listings.length === 0) return null;
    const next = new URL(current);
    next.searchParams.set('page', String(page + 1));
    return next.toString();
  }

  /** Orders updated since `since` (paid later, shipped…); a sale is an order paid, shipped or received. */
  async function salesSince(since: Date): Promise<{ sales: PlatformSale[]; cursor: Date }> {
    const params = new URLSearchParams({ updated_start_date: since.toISOString(), per_page: String(perPage) });
    let cursor = since.getTime();
    const sales: PlatformSale[] = [];
    for await (const res of pagesOf(`${client.apiRoot}/my/orders/selling/all?${params.toString()}`, 'GET /my/orders/selling/all')) {
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
  async function registerWebhooks(url: string): Promise<WebhookRegistration[]> {
    const existing: { id: string; url: string; topic: string }[] = [];
    for await (const res of pagesOf(`${client.apiRoot}/webhooks/registrations?per_page=100`, 'GET /webhooks/registrations')) {
      const page = reverbRegistrationsPageSchema.safeParse(res.body);
      if (!page.success) throw garbage(res.what, `not a list of webhook registrations (${issue(page.error)})`, res.status);
      existing.push(...page.data.registrations);
    }
    const ours = existing.filter((r) => r.url === url && r.topic === SALE_TOPIC);
    if (ours.length) {
      for (const extra of ours.slice(1)) {
        const res = await client.request('DELETE', `/webhooks/registrations/${encodeURIComponent(extra.id)}`);
        if (!isOk(res) && res.status !== 404) throw client.failure(res);
      }
      return [{ platform: 'reverb', topic: SALE_TOPIC, url, id: ours[0]!.id, created: false }];
    }
    const res = await client.request('POST', '/webhooks/registrations', { json: { url, topic: SALE_TOPIC } });
    if (!isOk(res)) throw client.failure(res);
    const id = (res.body as { id?: unknown } | null)?.id;
    if (typeof id !== 'number' && typeof id !== 'string') throw garbage(res.what, 'the registration has no id', res.status);
    return [{ platform: 'reverb', topic: SALE_TOPIC, url, id: String(id), created: true }];
  }

  return {
    platform: 'reverb',
    limits,
    fetchListings,
    async execute(actions) {
      if (actions.length > 1) throw new PlatformError('permanent', `Reverb takes one listing a call; got ${actions.length} actions`);
      return Promise.all(actions.map(run));
    },
    async findBySku(sku) {
      const res = await client.request('GET', '/my/listings', { searchParams: { sku, state: 'all', per_page: perPage } });
      if (!isOk(res)) throw client.failure(res);
      const matches = parsePage(res)
        .listings.map((raw) => parseListing(raw, res.what))
        .filter((l) => l.sku === sku);
      return matches.find((l) => l.state === 'active') ?? matches[0] ?? null;
    },
    salesSince,
    registerWebhooks,
    calls: () => client.calls(),
    async close() {
      client.close();
    },
  };
}

/** A price we can read, or none: a sale is recorded without its price rather than lost. */
function amountCents(amount: string | null | undefined): number | null {
  try {
    return amount ? parseAmount(amount) : null;
  } catch {
    return null;
  }
}

function withPhotos(listing: Listing, photos: Photo[] | undefined): Listing {
  return photos?.length ? { ...listing, photos } : listing;
}

function keptPhotos(kept: Map<string, ReverbImage>): Photo[] | undefined {
  const photos = [...kept].flatMap(([source, image]) => {
    const url = photoUrl(image);
    return url ? [{ source, url, id: image.id }] : [];
  });
  return photos.length ? photos : undefined;
}

function parsePage(res: ReverbResponse): ReverbPage {
  const parsed = reverbPageSchema.safeParse(res.body);
  if (!parsed.success) throw garbage(res.what, `not a page of listings (${issue(parsed.error)})`, res.status);
  return parsed.data;
}

function parseListing(raw: unknown, what: string): Listing {
  const parsed = reverbListingSchema.safeParse(raw);
  if (!parsed.success) throw garbage(what, `not a Reverb listing (${issue(parsed.error)})`);
  try {
    return toListing(parsed.data);
  } catch (err) {
    throw garbage(what, (err as Error).message);
  }
}

function issue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  return first ? `${first.path.map(String).join('.') || 'body'}: ${first.message}` : 'unexpected shape';
}
