import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { PlatformBehaviour } from '../behaviour.js';
import { invalidParam, sendError, wooError, wooFaults, type WooError } from './errors.js';
import type { OrderBook } from './orders.js';
import { WOO_STATUSES, type ProductInput, type ProductStore, type WooProduct, type WooStatus } from './store.js';

export const API_BASE = '/wp-json/wc/v3';
/** WooCommerce's `woocommerce_rest_batch_items_limit`: create + update + delete together. */
export const BATCH_LIMIT = 100;

export interface Credentials {
  key: string;
  secret: string;
}

/** Stats name an endpoint by its route: `GET /products`, `GET /products/:id`, `POST /products/batch`. */
export function endpointOf(req: Request): string {
  const path = req.path.startsWith(API_BASE) ? req.path.slice(API_BASE.length) || '/' : req.path;
  return `${req.method} ${path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
}

function isError(x: WooProduct | WooError): x is WooError {
  return 'code' in x;
}

function credentialsOf(req: Request): { key: string; secret: string } | null {
  const header = req.get('authorization');
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  const { consumer_key: key, consumer_secret: secret } = req.query;
  if (typeof key === 'string' && typeof secret === 'string') return { key, secret };
  return null;
}

function authenticate(credentials: Credentials) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = credentialsOf(req);
    if (!given) return sendError(res, wooError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'));
    if (given.key !== credentials.key) return sendError(res, wooError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.'));
    if (given.secret !== credentials.secret) {
      return sendError(res, wooError(401, 'woocommerce_rest_authentication_error', 'Invalid signature - provided signature does not match.'));
    }
    next();
  };
}

function intParam(req: Request, name: string, fallback: number, min: number, max: number): number | WooError {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < min || n > max) {
    return invalidParam(name, max === Infinity ? `${name} must be greater than or equal to ${min}` : `${name} must be between ${min} (inclusive) and ${max} (inclusive)`);
  }
  return n;
}

function enumParam<T extends string>(req: Request, name: string, allowed: readonly T[], fallback: T): T | WooError {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  return allowed.includes(raw as T) ? (raw as T) : invalidParam(name, `${name} is not one of ${allowed.join(', ')}.`);
}

/** A `date-time` parameter as WordPress reads it (rest_parse_date); no zone means the site's (UTC here). */
function dateParam(req: Request, name: string): number | undefined | WooError {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? raw : '';
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;
  const ms = iso.test(text) ? Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`) : NaN;
  return Number.isNaN(ms) ? invalidParam(name, `Invalid date.`) : ms;
}

function paged<T>(res: Response, items: T[], perPage: number, page: number): void {
  const totalPages = Math.ceil(items.length / perPage);
  res.setHeader('X-WP-Total', String(items.length));
  res.setHeader('X-WP-TotalPages', String(totalPages));
  res.json(items.slice((page - 1) * perPage, page * perPage));
}

function productId(req: Request): number | null {
  const raw = String(req.params.id);
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** WooCommerce REST v3 for products, as the shop's WordPress answers it. */
export function wooRouter(store: ProductStore, orders: OrderBook, behaviour: PlatformBehaviour, credentials: Credentials, onSeen: (source: string) => void): Router {
  const router = express.Router();
  router.use((req, _res, next) => {
    onSeen(`${req.protocol}://${req.get('host') ?? '127.0.0.1'}${req.baseUrl}/`);
    next();
  });
  // The web server hands out uploaded files itself: no WordPress, no API budget.
  router.get(/^\/wp-content\/uploads\/(.+)$/, (req, res) => {
    const file = decodeURIComponent(req.path.slice('/wp-content/uploads/'.length));
    if (!store.mediaItem(file)) return res.status(404).type('text/html').send('<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>');
    res.type(file.endsWith('.png') ? 'image/png' : 'image/jpeg').send(Buffer.from(`sideloaded ${file}`));
  });
  router.use(behaviour.middleware(wooFaults, endpointOf));

  const api = express.Router();
  api.use(authenticate(credentials));
  api.use(express.json({ limit: '20mb' }));

  api.get('/products', (req, res) => {
    const perPage = intParam(req, 'per_page', 10, 1, 100);
    const page = intParam(req, 'page', 1, 1, Infinity);
    const status = enumParam<WooStatus | 'any'>(req, 'status', ['any', ...WOO_STATUSES], 'any');
    const orderby = enumParam(req, 'orderby', ['date', 'id', 'title'] as const, 'date');
    const order = enumParam(req, 'order', ['asc', 'desc'] as const, 'desc');
    for (const v of [perPage, page, status, orderby, order]) if (typeof v === 'object') return sendError(res, v);
    const sku = typeof req.query.sku === 'string' && req.query.sku !== '' ? req.query.sku.split(',').map((s) => s.trim()) : null;
    const size = perPage as number;
    const current = page as number;
    const hits = store.query({ status: status as WooStatus | 'any', skus: sku, orderby: orderby as 'id', order: order as 'asc' }, { offset: (current - 1) * size, size });
    const totalPages = Math.ceil(hits.total / size);
    res.setHeader('X-WP-Total', String(hits.total));
    res.setHeader('X-WP-TotalPages', String(totalPages));
    const link = (n: number, rel: string) => {
      const url = new URL(`${req.protocol}://${req.get('host')}${req.originalUrl}`);
      url.searchParams.set('page', String(n));
      url.searchParams.delete('consumer_key');
      url.searchParams.delete('consumer_secret');
      return `<${url.toString()}>; rel="${rel}"`;
    };
    const links = [...(current > 1 ? [link(current - 1, 'prev')] : []), ...(current < totalPages ? [link(current + 1, 'next')] : [])];
    if (links.length) res.setHeader('Link', links.join(', '));
    res.json(hits.page);
  });

  api.get('/products/categories', (req, res) => {
    const perPage = intParam(req, 'per_page', 10, 1, 100);
    const page = intParam(req, 'page', 1, 1, Infinity);
    for (const v of [perPage, page]) if (typeof v === 'object') return sendError(res, v);
    const terms = store.listCategories().map((c) => ({ ...c, parent: 0, description: '', display: 'default', image: null, menu_order: 0, count: store.all().filter((p) => p.categories.some((t) => t.id === c.id)).length }));
    paged(res, terms, perPage as number, page as number);
  });

  api.get('/orders', (req, res) => {
    const perPage = intParam(req, 'per_page', 10, 1, 100);
    const page = intParam(req, 'page', 1, 1, Infinity);
    const order = enumParam(req, 'order', ['asc', 'desc'] as const, 'desc');
    const orderby = enumParam(req, 'orderby', ['date', 'id', 'modified', 'include', 'title', 'slug'] as const, 'date');
    const dates = ['modified_after', 'modified_before', 'after', 'before'].map((n) => dateParam(req, n));
    for (const v of [perPage, page, order, orderby, ...dates]) if (typeof v === 'object') return sendError(res, v);
    const [modifiedAfter, modifiedBefore, after, before] = dates as (number | undefined)[];
    const hits = orders.query({
      order: order as 'asc',
      ...(modifiedAfter !== undefined ? { modifiedAfter } : {}),
      ...(modifiedBefore !== undefined ? { modifiedBefore } : {}),
      ...(after !== undefined ? { after } : {}),
      ...(before !== undefined ? { before } : {}),
    });
    paged(res, hits, perPage as number, page as number);
  });

  api.get('/orders/:id', (req, res, next) => {
    const id = productId(req);
    if (id === null) return next();
    const order = orders.order(id);
    if (!order) return sendError(res, wooError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.'));
    res.json(order);
  });

  api.get('/webhooks', (req, res) => {
    const perPage = intParam(req, 'per_page', 10, 1, 100);
    const page = intParam(req, 'page', 1, 1, Infinity);
    for (const v of [perPage, page]) if (typeof v === 'object') return sendError(res, v);
    paged(res, orders.webhookList(), perPage as number, page as number);
  });

  api.post('/webhooks', (req, res) => {
    const out = orders.addWebhook((req.body ?? {}) as Record<string, unknown>);
    if ('code' in out) return sendError(res, out);
    res.status(201).json(out);
  });

  api.get('/webhooks/:id', (req, res, next) => {
    const id = productId(req);
    if (id === null) return next();
    const webhook = orders.webhook(id);
    if (!webhook) return sendError(res, wooError(404, 'woocommerce_rest_shop_webhook_invalid_id', 'Invalid ID.'));
    res.json(webhook);
  });

  const editWebhook = (req: Request, res: Response, next: NextFunction) => {
    const id = productId(req);
    if (id === null) return next();
    const out = orders.updateWebhook(id, (req.body ?? {}) as Record<string, unknown>);
    if (!out) return sendError(res, wooError(404, 'woocommerce_rest_shop_webhook_invalid_id', 'Invalid ID.'));
    if ('code' in out) return sendError(res, out);
    res.json(out);
  };
  api.put('/webhooks/:id', editWebhook);
  api.patch('/webhooks/:id', editWebhook);
  api.post('/webhooks/:id', editWebhook);

  api.delete('/webhooks/:id', (req, res, next) => {
    const id = productId(req);
    if (id === null) return next();
    if (!orders.webhook(id)) return sendError(res, wooError(404, 'woocommerce_rest_shop_webhook_invalid_id', 'Invalid ID.'));
    if (req.query.force !== 'true' && req.query.force !== '1') return sendError(res, wooError(501, 'woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.'));
    res.json(orders.deleteWebhook(id));
  });

  api.post('/products/batch', (req, res) => batch(req, res));
  api.put('/products/batch', (req, res) => batch(req, res));
  api.patch('/products/batch', (req, res) => batch(req, res));

  function batch(req: Request, res: Response) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) return sendError(res, wooError(400, 'rest_invalid_json', 'Invalid JSON body passed.'));
    const lists: Record<'create' | 'update' | 'delete', unknown[]> = { create: [], update: [], delete: [] };
    for (const kind of ['create', 'update', 'delete'] as const) {
      const value = body[kind];
      if (value === undefined) continue;
      if (!Array.isArray(value)) return sendError(res, invalidParam(kind, `${kind} is not of type array.`));
      lists[kind] = value;
    }
    const total = lists.create.length + lists.update.length + lists.delete.length;
    if (total > BATCH_LIMIT) {
      return sendError(res, wooError(413, 'woocommerce_rest_request_entity_too_large', `Unable to accept more than ${BATCH_LIMIT} items for this request.`));
    }
    const answer: Record<string, unknown[]> = {};
    // WooCommerce runs creates, then updates, then deletes; each entry answers for itself.
    if (lists.create.length) {
      answer.create = lists.create.map((entry) => {
        const fault = behaviour.entryFault((entry as ProductInput | null)?.sku);
        if (fault) return { id: 0, error: wooError(fault, 'woocommerce_rest_cannot_create', 'The product could not be created. Try again.') };
        const out = store.create(entry as ProductInput);
        return isError(out) ? { id: 0, error: out } : out;
      });
    }
    if (lists.update.length) {
      answer.update = lists.update.map((entry) => {
        const { id, ...fields } = (typeof entry === 'object' && entry !== null ? entry : {}) as ProductInput;
        const n = Number(id);
        const fault = behaviour.entryFault(fields.sku);
        if (fault) return { id: Number.isFinite(n) ? n : 0, error: wooError(fault, 'woocommerce_rest_cannot_edit', 'The product could not be saved. Try again.') };
        const out = Number.isInteger(n) && n > 0 ? store.update(n, fields) : wooError(400, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
        return isError(out) ? { id: Number.isFinite(n) ? n : 0, error: out } : out;
      });
    }
    if (lists.delete.length) {
      answer.delete = lists.delete.map((entry) => {
        const n = Number(entry);
        const out = Number.isInteger(n) && n > 0 ? store.delete(n, true) : wooError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
        return isError(out) ? { id: Number.isFinite(n) ? n : 0, error: out } : out;
      });
    }
    res.json(answer);
  }

  api.post('/products', (req, res) => {
    const out = store.create((req.body ?? {}) as ProductInput);
    if (isError(out)) return sendError(res, out);
    res.status(201).json(out);
  });

  api.get('/products/:id', (req, res, next) => {
    const id = productId(req);
    if (id === null) return next();
    const product = store.get(id);
    if (!product) return sendError(res, wooError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.'));
    res.json(product);
  });

  const edit = (req: Request, res: Response, next: NextFunction) => {
    const id = productId(req);
    if (id === null) return next();
    const { id: _ignored, ...fields } = (req.body ?? {}) as ProductInput;
    const out = store.update(id, fields);
    if (isError(out)) return sendError(res, out);
    res.json(out);
  };
  api.put('/products/:id', edit);
  api.patch('/products/:id', edit);
  api.post('/products/:id', edit);

  api.delete('/products/:id', (req, res, next) => {
    const id = productId(req);
    if (id === null) return next();
    const out = store.delete(id, req.query.force === 'true' || req.query.force === '1');
    if (isError(out)) return sendError(res, out);
    res.json(out);
  });

  api.use((_req: Request, res: Response) => sendError(res, wooError(404, 'rest_no_route', 'No route was found matching the URL and request method.')));
  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status;
    if (status === 413) return sendError(res, wooError(413, 'rest_request_too_large', 'The request body is too large.'));
    if ((err as { type?: string }).type === 'entity.parse.failed') return sendError(res, wooError(400, 'rest_invalid_json', 'Invalid JSON body passed.'));
    sendError(res, wooError(500, 'internal_server_error', 'There has been a critical error on this website.'));
  });

  router.use(API_BASE, api);
  router.use((_req: Request, res: Response) => res.status(404).type('text/html').send('<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>'));
  return router;
}
