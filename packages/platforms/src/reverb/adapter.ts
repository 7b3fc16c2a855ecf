import { ACTION_KINDS, type ActionKind, type Listing } from '@gearsync/core';
import type { ActionOutcome, CallAction, CallGate, FetchPage, PlatformAdapter, PlatformLimits } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { garbage } from './classify.js';
import { ReverbClient, type ReverbResponse } from './client.js';
import { reverbListingSchema, reverbPageSchema, toListing, toReverbBody, unitsProblem, type ReverbPage } from './mapping.js';

export interface ReverbAdapterOptions {
  /** Without `/api`: `https://api.reverb.com`, or the sandbox's `http://127.0.0.1:4000/reverb`. */
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  gate?: CallGate;
  /** Listings per page when reading; Reverb defaults to 24, and 50 is known to be safe. */
  perPage?: number;
  concurrency?: number;
}

type Outcome = ActionOutcome;

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
 * leaves room: stock 0 is sent as inventory 0, which ends the listing on Reverb's side; any
 * write that leaves stock above 0 also sends `publish: true`, so a listing ended at 0 comes
 * back on sale when restocked; `end` uses reason `not_sold` (the sale happened elsewhere).
 */
export function createReverbAdapter(options: ReverbAdapterOptions): PlatformAdapter {
  const client = new ReverbClient(options);
  const perPage = options.perPage ?? 50;
  const limits: PlatformLimits = {
    batchSize: Object.fromEntries(ACTION_KINDS.map((k) => [k, 1])) as Record<ActionKind, number>,
    mixKinds: false,
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

  const endListing = async (a: CallAction, id: string): Promise<Outcome> => {
    const res = await client.request('PUT', `/my/listings/${encodeURIComponent(id)}/state/end`, { json: { reason: 'not_sold' } });
    if (isOk(res)) return ok(a, id, hasListing(res.body) ? readListing(res, true) : undefined, res.status);
    // Reverb refuses to end a listing that is not live (ended, sold, draft): it is off sale already.
    if (res.status === 422) return ok(a, id, undefined, res.status);
    return refusal(a, res);
  };

  const write = async (a: CallAction, method: 'POST' | 'PUT', path: string, body: Record<string, unknown>): Promise<Outcome> => {
    const res = await client.request(method, path, { json: body });
    if (!isOk(res)) return refusal(a, res);
    const listing = readListing(res, true);
    return ok(a, listing.externalId, listing, res.status);
  };

  const run = async (a: CallAction): Promise<Outcome> => {
    const { externalId, listing, quantity } = a.payload;
    if (a.kind === 'link') return ok(a, externalId ?? null);
    if (a.kind === 'create') {
      if (!listing) return failed(a, 'create needs the listing to publish');
      const problem = unitsProblem(listing);
      if (problem) return failed(a, problem);
      return write(a, 'POST', '/listings', { ...toReverbBody(listing), publish: true });
    }
    if (!externalId) return failed(a, `${a.kind} needs the Reverb listing id`);
    const path = `/listings/${encodeURIComponent(externalId)}`;
    switch (a.kind) {
      case 'update': {
        if (!listing) return failed(a, 'update needs the listing content');
        const problem = unitsProblem(listing);
        if (problem) return failed(a, problem);
        return write(a, 'PUT', path, { ...toReverbBody(listing), ...(listing.quantity > 0 ? { publish: true } : {}) });
      }
      case 'stock': {
        if (quantity === undefined || !Number.isInteger(quantity) || quantity < 0) return failed(a, 'stock needs a whole quantity, 0 or more');
        return write(a, 'PUT', path, { inventory: quantity, has_inventory: true, ...(quantity > 0 ? { publish: true } : {}) });
      }
      case 'end':
        return endListing(a, externalId);
      case 'delete': {
        const res = await client.request('DELETE', path);
        if (isOk(res) || res.status === 404) return ok(a, externalId, undefined, res.status);
        // Reverb deletes drafts only; anything else is taken off sale instead.
        if (res.status === 422) return endListing(a, externalId);
        return refusal(a, res);
      }
    }
  };

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
      const resolved = new URL(href, current).toString();
      if (client.owns(resolved)) return resolved;
    }
    const totalPages = body.total_pages;
    if (totalPages == null || page >= totalPages || body.listings.length === 0) return null;
    const next = new URL(current);
    next.searchParams.set('page', String(page + 1));
    return next.toString();
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
    calls: () => client.calls(),
    async close() {
      client.close();
    },
  };
}

function hasListing(body: unknown): boolean {
  return Boolean(body && typeof body === 'object' && 'listing' in body);
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
