import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { type PlatformBehaviour, REFUSED } from '../behaviour.js';
import type { EbayAccount } from './account.js';
import { contractCheck, contractErrors } from './contract.js';
import { FEED_BASE, feedRouter } from './feed.js';
import { E, type EbayError, ebayFaults, gateway, isRefusal, type Refusal, refusal, sendErrors, sendRefusal } from './errors.js';
import { authenticate, type EbayCredentials, type TokenRegistry, tokenRouter } from './oauth.js';
import { metadataRouter } from './metadata.js';
import type { NotificationHub } from './notifications.js';
import { fulfillmentRouter, type OrderBook } from './orders.js';
import { type InventoryStore, localeOf, type WireItem, type WireOffer } from './store.js';
import { type TradingListing, tradingRouter } from './trading.js';

export const INVENTORY_BASE = '/sell/inventory/v1';
export const FULFILLMENT_BASE = '/sell/fulfillment/v1';
/** The bulk calls' limit, stated in the contract's prose only. */
export const BULK_LIMIT = 25;
/** `bulk_migrate_listing` takes at most 5 listings a call. */
export const MIGRATE_LIMIT = 5;
/** Stats key: requests any eBay API refused (4xx other than 404 and 429), and refused entries of bulk calls. */
export { REFUSED };

/** Stats name an endpoint by its route: `PUT /inventory_item/{sku}`, `POST /offer/{offerId}/publish`. */
export function endpointOf(req: Request): string {
  const path = req.path.startsWith(INVENTORY_BASE) ? req.path.slice(INVENTORY_BASE.length) || '/' : req.path;
  const route = path
    .replace(/^\/inventory_item\/[^/]+/, '/inventory_item/{sku}')
    .replace(/^\/offer\/(?!get_listing_fees|publish_by_inventory_item_group|withdraw_by_inventory_item_group)[^/]+/, '/offer/{offerId}');
  return `${req.method} ${route}`;
}

type Body = Record<string, unknown>;
type Entry = { statusCode: number; errors: EbayError[]; warnings: EbayError[] };

function entry<T extends object>(keys: T, outcome: Refusal | null, status = 200): T & Entry {
  return outcome
    ? { ...keys, statusCode: outcome.status, errors: outcome.errors, warnings: [] }
    : { ...keys, statusCode: status, errors: [], warnings: [] };
}

/** 200 when every entry succeeded, 207 (Multi-Status) when any failed; each refused entry is a refused request in the stats. */
function sendBulk(res: Response, behaviour: PlatformBehaviour, responses: { statusCode: number }[]): void {
  behaviour.refusedEntries(responses.filter((r) => r.statusCode >= 400 && r.statusCode < 500).length);
  res.status(responses.every((r) => r.statusCode < 300) ? 200 : 207).json({ responses });
}

function requestsOf(req: Request, limit: () => Refusal): Body[] | Refusal {
  const requests = (req.body as Body | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) return refusal(400, E.invalidValue('requests', 'Give 1 to 25 requests.'));
  if (requests.length > BULK_LIMIT) return limit();
  return requests.map((r) => (typeof r === 'object' && r !== null ? (r as Body) : {}));
}

function intQuery(req: Request, name: string, fallback: number, min: number, max: number): number | Refusal {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    return refusal(400, E.pagination(`${name} must be an integer from ${min}${max === Infinity ? ' up' : ` to ${max}`}`));
  }
  return n;
}

function itemOut(item: WireItem): WireItem {
  return structuredClone(item);
}

function offerOut(offer: WireOffer): WireOffer {
  return structuredClone(offer);
}

/**
 * The Sell Inventory API and the OAuth token endpoint, as eBay answers them: every request
 * under the API base passes eBay's contract first, then the gateway's token check.
 */
export function ebayRouter(options: {
  store: InventoryStore;
  behaviour: PlatformBehaviour;
  credentials: EbayCredentials;
  tokens: TokenRegistry;
  account: EbayAccount;
  orders: OrderBook;
  notifications: NotificationHub;
  trading: () => TradingListing[];
  migrate: (listingId: string) => { ok: true; sku: string; offerId: string; marketplaceId: string; locale: string } | { ok: false; reason: string };
  /** Where the router is mounted on the server (`/ebay`): the contract's server URL starts there. */
  mountPath: string;
}): Router {
  const { store, behaviour, tokens, account } = options;
  const stats = () => behaviour.stats;
  const router = express.Router();
  router.use(behaviour.middleware(ebayFaults, endpointOf));
  router.use(tokenRouter(options.credentials, tokens, () => behaviour.config.tokenTtlSeconds));
  router.use(tradingRouter(tokens, options.trading));
  router.use(['/sell/metadata', '/commerce'], authenticate(tokens));
  router.use(metadataRouter(account));
  // The Fulfillment API is checked against its own published contract, as the Inventory API is.
  const fulfillment = express.Router();
  fulfillment.use(contractCheck(`${options.mountPath}${FULFILLMENT_BASE}`, stats, 'fulfillment'));
  fulfillment.use(authenticate(tokens));
  fulfillment.use(fulfillmentRouter(options.orders));
  fulfillment.use((req: Request, res: Response) => sendErrors(res, 404, [gateway.notFound(`The sandbox does not emulate ${req.method} ${req.path}`)]));
  fulfillment.use(contractErrors(stats));
  router.use(FULFILLMENT_BASE, fulfillment);
  router.use(FEED_BASE, feedRouter({ store, tokens }));
  router.use(options.notifications.router());

  const api = express.Router();
  api.use(contractCheck(`${options.mountPath}${INVENTORY_BASE}`, stats));
  api.use(authenticate(tokens));
  // The contract types Content-Language as any string; eBay takes only a language tag like en-US.
  api.use((req: Request, res: Response, next: NextFunction) => {
    const language = req.get('content-language');
    if (language !== undefined && !/^[a-z]{2}-[A-Z]{2}$/.test(language)) {
      return sendErrors(res, 400, [E.inputError(`"${language}" is not a Content-Language eBay supports, e.g. en-US.`)]);
    }
    next();
  });

  api.get('/inventory_item', (req, res) => {
    const limit = intQuery(req, 'limit', 25, 1, 200);
    const offset = intQuery(req, 'offset', 0, 0, Infinity);
    if (isRefusal(limit)) return sendRefusal(res, limit);
    if (isRefusal(offset)) return sendRefusal(res, offset);
    const all = store.allItems();
    const page = all.slice(offset, offset + limit);
    // The contract's prose calls offset a page number; eBay's own next/prev links step it by
    // `limit` records, and clients follow those links, so offset counts records here.
    const link = (at: number) => `${req.protocol}://${req.get('host')}${req.baseUrl}/inventory_item?limit=${limit}&offset=${at}`;
    res.json({
      href: link(offset),
      limit,
      ...(offset + limit < all.length ? { next: link(offset + limit) } : {}),
      ...(offset > 0 ? { prev: link(Math.max(0, offset - limit)) } : {}),
      size: page.length,
      total: all.length,
      inventoryItems: page.map(itemOut),
    });
  });

  api.get('/inventory_item/:sku', (req, res) => {
    const item = store.item(String(req.params.sku));
    if (!item) return sendErrors(res, 404, [E.notFound()]);
    res.json(itemOut(item));
  });

  api.put('/inventory_item/:sku', (req, res) => {
    // The item is written in the request's language: its locale is what it may be listed in.
    const out = store.putItem(String(req.params.sku), localeOf(req.get('content-language') ?? 'en-US'), (req.body ?? {}) as Body);
    if (isRefusal(out)) return sendRefusal(res, out);
    res.status(out.created ? 201 : 204).end();
  });

  api.delete('/inventory_item/:sku', (req, res) => {
    if (!store.deleteItem(String(req.params.sku))) return sendErrors(res, 404, [E.notFound()]);
    res.status(204).end();
  });

  api.post('/bulk_create_or_replace_inventory_item', (req, res) => {
    const requests = requestsOf(req, () => refusal(400, E.tooManyItems(BULK_LIMIT)));
    if (isRefusal(requests)) return sendRefusal(res, requests);
    if (requests.some((r) => typeof r.sku !== 'string' || !r.sku || typeof r.locale !== 'string' || !r.locale)) {
      return sendErrors(res, 400, [E.skuAndLocaleRequired()]);
    }
    if (new Set(requests.map((r) => r.sku)).size !== requests.length) return sendErrors(res, 400, [E.duplicateItems()]);
    sendBulk(
      res,
      behaviour,
      requests.map((r) => {
        const fault = behaviour.entryFault(r.sku);
        if (fault) return entry({ sku: r.sku, locale: r.locale }, refusal(fault, E.system()));
        const out = store.putItem(r.sku as string, r.locale as string, r);
        return isRefusal(out) ? entry({ sku: r.sku, locale: r.locale }, out) : entry({ sku: r.sku, locale: r.locale }, null, out.created ? 201 : 200);
      }),
    );
  });

  api.get('/offer', (req, res) => {
    const sku = req.query.sku;
    if (typeof sku !== 'string' || !sku) return sendErrors(res, 400, [E.invalidValue('sku', 'The sku query parameter is required.')]);
    const limit = intQuery(req, 'limit', 100, 1, Infinity);
    const offset = intQuery(req, 'offset', 0, 0, Infinity);
    if (isRefusal(limit)) return sendRefusal(res, limit);
    if (isRefusal(offset)) return sendRefusal(res, offset);
    const { marketplace_id: marketplaceId, format } = req.query;
    const offers = store
      .offersOf(sku)
      .filter((o) => (typeof marketplaceId !== 'string' || o.marketplaceId === marketplaceId) && (typeof format !== 'string' || o.format === format));
    // eBay answers "not available" rather than an empty page when a SKU has no offer.
    if (!offers.length) return sendErrors(res, 404, [E.offerNotAvailable(`no offer exists for SKU ${sku}`)]);
    const page = offers.slice(offset, offset + limit);
    res.json({
      href: `${req.protocol}://${req.get('host')}${req.originalUrl}`,
      limit,
      size: page.length,
      total: offers.length,
      offers: page.map(offerOut),
    });
  });

  api.post('/offer', (req, res) => {
    const out = store.createOffer((req.body ?? {}) as Body, req.get('content-language'));
    if (isRefusal(out)) return sendRefusal(res, out);
    res.status(201).json({ offerId: out.offerId, warnings: [] });
  });

  api.post('/bulk_create_offer', (req, res) => {
    const requests = requestsOf(req, () => refusal(400, E.tooManyOffers(BULK_LIMIT)));
    if (isRefusal(requests)) return sendRefusal(res, requests);
    const keys = requests.map((r) => `${String(r.sku)}|${String(r.marketplaceId)}|${String(r.format)}`);
    if (new Set(keys).size !== keys.length) return sendErrors(res, 400, [E.duplicateOfferKeys()]);
    if (requests.some((r) => !r.sku || !r.marketplaceId || !r.format)) return sendErrors(res, 400, [E.invalidOfferKeys()]);
    sendBulk(
      res,
      behaviour,
      requests.map((r) => {
        const out = store.createOffer(r, req.get('content-language'));
        const keyFields = { sku: r.sku, marketplaceId: r.marketplaceId, format: r.format };
        return isRefusal(out) ? entry(keyFields, out) : entry({ ...keyFields, offerId: out.offerId }, null);
      }),
    );
  });

  api.get('/offer/:offerId', (req, res) => {
    const offer = store.offer(String(req.params.offerId));
    if (!offer) return sendErrors(res, 404, [E.offerNotAvailable(`offer ${String(req.params.offerId)} was not found`)]);
    res.json(offerOut(offer));
  });

  api.put('/offer/:offerId', (req, res) => {
    const out = store.updateOffer(String(req.params.offerId), (req.body ?? {}) as Body, req.get('content-language'), account);
    if (isRefusal(out)) return sendRefusal(res, out);
    res.json({ offerId: out.offerId, warnings: [] });
  });

  api.post('/offer/:offerId/publish', (req, res) => {
    const out = store.publish(String(req.params.offerId), account);
    if (isRefusal(out)) return sendRefusal(res, out);
    res.json({ listingId: out.listingId, warnings: [] });
  });

  api.post('/offer/:offerId/withdraw', (req, res) => {
    const out = store.withdraw(String(req.params.offerId));
    if (isRefusal(out)) return sendRefusal(res, out);
    res.json({ listingId: out.listingId, warnings: [] });
  });

  api.post('/bulk_publish_offer', (req, res) => {
    const requests = requestsOf(req, () => refusal(400, E.tooManyOffers(BULK_LIMIT)));
    if (isRefusal(requests)) return sendRefusal(res, requests);
    if (requests.some((r) => typeof r.offerId !== 'string' || !r.offerId)) return sendErrors(res, 400, [E.invalidValue('offerId')]);
    if (new Set(requests.map((r) => r.offerId)).size !== requests.length) return sendErrors(res, 400, [E.duplicateOfferIds()]);
    sendBulk(
      res,
      behaviour,
      requests.map((r) => {
        const out = store.publish(r.offerId as string, account);
        return isRefusal(out) ? entry({ offerId: r.offerId }, out) : entry({ offerId: r.offerId, listingId: out.listingId }, null);
      }),
    );
  });

  api.post('/bulk_update_price_quantity', (req, res) => {
    // The contract lists 25709 (invalid value) for this call, not the 25727/25730 of the others.
    const requests = requestsOf(req, () => refusal(400, E.invalidValue('requests', `The number of requests cannot exceed ${BULK_LIMIT}.`)));
    if (isRefusal(requests)) return sendRefusal(res, requests);
    sendBulk(
      res,
      behaviour,
      requests.flatMap((r) => store.priceQuantity(r).map(({ errors, ...keys }) => ({ ...keys, errors: errors ?? [], warnings: [] }))),
    );
  });

  api.post('/location/:key', (req, res) => {
    const key = String(req.params.key);
    if (!/^[A-Za-z0-9_-]{1,36}$/.test(key)) return sendErrors(res, 400, [E.locationInvalid('merchantLocationKey')]);
    if (account.locations.has(key)) return sendErrors(res, 400, [E.locationExists(key)]);
    const body = (req.body ?? {}) as Body;
    const location = (body.location ?? {}) as Body;
    const address = (location.address ?? {}) as Body;
    if (typeof address.country !== 'string' || !address.country) return sendErrors(res, 400, [E.locationMissingField('country')]);
    const hasPlace = (typeof address.postalCode === 'string' && address.postalCode) || (typeof address.city === 'string' && address.city && typeof address.stateOrProvince === 'string' && address.stateOrProvince);
    if (!hasPlace) return sendErrors(res, 400, [E.locationMissingField('postalCode')]);
    account.locations.set(key, {
      merchantLocationKey: key,
      name: typeof body.name === 'string' ? body.name : key,
      location: { address },
      locationTypes: Array.isArray(body.locationTypes) ? body.locationTypes : ['WAREHOUSE'],
      merchantLocationStatus: body.merchantLocationStatus === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    });
    res.status(204).end();
  });

  api.get('/location', (req, res) => {
    const limit = intQuery(req, 'limit', 100, 1, 100);
    const offset = intQuery(req, 'offset', 0, 0, Infinity);
    if (isRefusal(limit)) return sendRefusal(res, limit);
    if (isRefusal(offset)) return sendRefusal(res, offset);
    const all = [...account.locations.values()];
    res.json({ href: `${req.protocol}://${req.get('host')}${req.originalUrl}`, limit, offset, total: all.length, locations: all.slice(offset, offset + limit) });
  });

  api.get('/location/:key', (req, res) => {
    const location = account.locations.get(String(req.params.key));
    if (!location) return sendErrors(res, 404, [E.locationNotFound()]);
    res.json(location);
  });

  api.post('/bulk_migrate_listing', (req, res) => {
    const requests = (req.body as Body | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return sendErrors(res, 400, [E.invalidValue('requests', 'Give 1 to 5 listing ids.')]);
    if (requests.length > MIGRATE_LIMIT) return sendErrors(res, 400, [E.cannotMigrate(`A call may migrate at most ${MIGRATE_LIMIT} listings; this one has ${requests.length}.`, '')]);
    const responses = requests.map((r: Body) => {
      const listingId = String(r.listingId ?? '');
      const out = options.migrate(listingId);
      if (!out.ok) return { listingId, statusCode: 400, errors: [E.cannotMigrate(out.reason, listingId)], warnings: [] };
      return { listingId, marketplaceId: out.marketplaceId, statusCode: 200, inventoryItems: [{ sku: out.sku, offerId: out.offerId, locale: out.locale }], errors: [], warnings: [] };
    });
    sendBulk(res, behaviour, responses);
  });

  api.use((req: Request, res: Response) => sendErrors(res, 404, [gateway.notFound(`The sandbox does not emulate ${req.method} ${req.path}`)]));
  api.use(contractErrors(stats));
  api.use((_err: unknown, _req: Request, res: Response, _next: NextFunction) => sendErrors(res, 500, [E.system()]));

  router.use(INVENTORY_BASE, api);
  router.use((req: Request, res: Response) => sendErrors(res, 404, [gateway.notFound(`No eBay resource at ${req.method} ${req.path}`)]));
  return router;
}
