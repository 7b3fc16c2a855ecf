import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { PlatformBehaviour } from '../behaviour.js';
import { contractCheck, contractErrors } from './contract.js';
import { E, type EbayError, ebayFaults, gateway, isRefusal, type Refusal, refusal, sendErrors, sendRefusal } from './errors.js';
import { authenticate, type EbayCredentials, type TokenRegistry, tokenRouter } from './oauth.js';
import type { InventoryStore, WireItem, WireOffer } from './store.js';

export const INVENTORY_BASE = '/sell/inventory/v1';
/** The bulk calls' limit, stated in the contract's prose only. */
export const BULK_LIMIT = 25;

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

/** 200 when every entry succeeded, 207 (Multi-Status) when any failed. */
function sendBulk(res: Response, responses: Entry[]): void {
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
  /** Where the router is mounted on the server (`/ebay`): the contract's server URL starts there. */
  mountPath: string;
}): Router {
  const { store, behaviour, tokens } = options;
  const stats = () => behaviour.stats;
  const router = express.Router();
  router.use(behaviour.middleware(ebayFaults, endpointOf));
  router.use(tokenRouter(options.credentials, tokens, () => behaviour.config.tokenTtlSeconds));

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
    const out = store.putItem(String(req.params.sku), 'en_US', (req.body ?? {}) as Body);
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
    const out = store.createOffer((req.body ?? {}) as Body);
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
      requests.map((r) => {
        const out = store.createOffer(r);
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
    const out = store.updateOffer(String(req.params.offerId), (req.body ?? {}) as Body);
    if (isRefusal(out)) return sendRefusal(res, out);
    res.json({ offerId: out.offerId, warnings: [] });
  });

  api.post('/offer/:offerId/publish', (req, res) => {
    const out = store.publish(String(req.params.offerId));
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
      requests.map((r) => {
        const out = store.publish(r.offerId as string);
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
      requests.flatMap((r) => store.priceQuantity(r).map(({ errors, ...keys }) => ({ ...keys, errors: errors ?? [], warnings: [] }))),
    );
  });

  api.use((req: Request, res: Response) => sendErrors(res, 404, [gateway.notFound(`The sandbox does not emulate ${req.method} ${req.path}`)]));
  api.use(contractErrors(stats));
  api.use((_err: unknown, _req: Request, res: Response, _next: NextFunction) => sendErrors(res, 500, [E.system()]));

  router.use(INVENTORY_BASE, api);
  router.use((req: Request, res: Response) => sendErrors(res, 404, [gateway.notFound(`No eBay resource at ${req.method} ${req.path}`)]));
  return router;
}
