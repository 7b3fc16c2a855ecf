import express from 'express';
import { END_REASONS, isState, WEBHOOK_TOPICS } from './emulation.js';
import { photoLinks, shown } from './photos.js';
import { LISTING_STATES, renderListing, renderOrder } from './record.js';
import { parseListingBody } from './validation.js';
const HAL = 'application/hal+json';
const DEFAULT_PER_PAGE = 24;
const MAX_PER_PAGE = 100;
function hal(res, status, body) {
    res.status(status).set('Content-Type', `${HAL}; charset=utf-8`).json(body);
}
const faults = {
    throttled(res, retryAfterSeconds) {
        // Reverb does not promise Retry-After; the `retryAfter` setting decides whether it is sent.
        if (retryAfterSeconds !== null)
            res.set('Retry-After', String(retryAfterSeconds));
        hal(res, 429, { message: 'Too many requests' });
    },
    error(res, status) {
        hal(res, status, { message: status >= 500 ? 'Something went wrong on our end. Please try again.' : 'The request could not be completed.' });
    },
    down(res) {
        hal(res, 503, { message: 'Reverb is temporarily unavailable. Please try again shortly.' });
    },
    garbage(res) {
        res.status(200).type('text/html').send('<!DOCTYPE html><html><head><title>Reverb</title></head><body><h1>We&#39;ll be right back</h1>');
    },
};
const endpointOf = (req) => `${req.method} ${req.path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
function isJson(req) {
    return /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}
/** Headers Reverb requires on every API call. */
function checkHeaders(token) {
    return (req, res, next) => {
        const auth = req.get('authorization') ?? '';
        if (auth !== `Bearer ${token}`)
            return hal(res, 401, { message: 'You must log in to access this endpoint. Check your API token.' });
        if (req.get('accept-version') !== '3.0') {
            return hal(res, 406, { message: 'Unsupported API version: send the header Accept-Version: 3.0' });
        }
        // Reverb speaks HAL+JSON but answers plain JSON clients too; only a client wanting neither is refused.
        if (!req.accepts([HAL, 'application/json']))
            return hal(res, 406, { message: `Not acceptable: this API answers ${HAL}` });
        if ((req.method === 'POST' || req.method === 'PUT') && !isJson(req)) {
            return hal(res, 415, { message: `Send a JSON body with Content-Type: ${HAL}` });
        }
        next();
    };
}
function intParam(value, fallback) {
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
    return Number.isInteger(n) && n >= 1 ? n : fallback;
}
function stringParam(value) {
    return typeof value === 'string' ? value : undefined;
}
function roots(req) {
    const apiRoot = `${req.protocol}://${req.get('host')}${req.baseUrl}`;
    return { apiRoot, webRoot: apiRoot.replace(/\/api$/, '') };
}
function listingId(req) {
    const raw = String(req.params.id);
    return /^\d+$/.test(raw) ? Number(raw) : null;
}
function bodyOf(req) {
    const body = req.body;
    return body && typeof body === 'object' && !Array.isArray(body) ? body : null;
}
/** A page of a collection with HAL `_links`; other query parameters are carried into the links. */
function paged(req, items) {
    const perPage = Math.min(MAX_PER_PAGE, intParam(req.query.per_page, DEFAULT_PER_PAGE));
    const page = intParam(req.query.page, 1);
    const totalPages = Math.ceil(items.length / perPage);
    const linkTo = (p) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(req.query))
            if (typeof v === 'string' && k !== 'page' && k !== 'per_page')
                params.set(k, v);
        params.set('page', String(p));
        params.set('per_page', String(perPage));
        return { href: `${req.protocol}://${req.get('host')}${req.baseUrl}${req.path}?${params.toString()}` };
    };
    const links = {};
    if (page < totalPages)
        links.next = linkTo(page + 1);
    if (page > 1)
        links.prev = linkTo(Math.min(page - 1, Math.max(totalPages, 1)));
    return {
        slice: items.slice((page - 1) * perPage, page * perPage),
        meta: { total: items.length, current_page: page, total_pages: totalPages },
        links,
    };
}
/** `/reverb/api/…`: Reverb API v3 as its documentation describes it. */
export function reverbRouter(emu, token) {
    const api = express.Router();
    api.use(emu.behaviour.middleware(faults, endpointOf));
    api.use(checkHeaders(token));
    api.use(express.json({ type: isJson, limit: '10mb' }));
    const render = (req, r) => {
        const { apiRoot, webRoot } = roots(req);
        return renderListing(r, apiRoot, webRoot, (uuid) => emu.category(uuid)?.full_name);
    };
    const renderRegistration = (req, r) => ({
        ...r,
        _links: { self: { href: `${roots(req).apiRoot}/webhooks/registrations/${r.id}` } },
    });
    const answer = (req, res, result, status, wrap) => {
        if (!result.ok)
            return hal(res, result.status, result.body);
        hal(res, status, wrap(render(req, result.record)));
    };
    api.get('/my/listings', (req, res) => {
        const state = stringParam(req.query.state) ?? 'live';
        if (state !== 'all' && !isState(state))
            return hal(res, 422, { message: `Unknown state "${state}"; use all, ${LISTING_STATES.join(', ')}` });
        const sku = stringParam(req.query.sku);
        const matching = emu.all().filter((r) => (state === 'all' || r.state === state) && (sku === undefined || r.sku === sku));
        const { slice, meta, links } = paged(req, matching);
        hal(res, 200, { ...meta, listings: slice.map((r) => render(req, r)), _links: links });
    });
    api.get('/listings/:id', (req, res) => {
        const id = listingId(req);
        const record = id === null ? undefined : emu.get(id);
        if (!record)
            return hal(res, 404, { message: 'The requested listing could not be found.' });
        hal(res, 200, render(req, record));
    });
    api.post('/listings', (req, res) => {
        const body = bodyOf(req);
        if (!body)
            return hal(res, 400, { message: 'The request body must be a JSON object.' });
        answer(req, res, emu.create(parseListingBody(body)), 201, (listing) => ({ message: 'Listing created.', listing }));
    });
    api.put('/listings/:id', (req, res) => {
        const body = bodyOf(req);
        const id = listingId(req);
        if (!body)
            return hal(res, 400, { message: 'The request body must be a JSON object.' });
        if (id === null)
            return hal(res, 404, { message: 'The requested listing could not be found.' });
        answer(req, res, emu.update(id, parseListingBody(body)), 200, (listing) => ({ message: 'Listing updated.', listing }));
    });
    api.delete('/listings/:id', (req, res) => {
        const id = listingId(req);
        if (id === null)
            return hal(res, 404, { message: 'The requested listing could not be found.' });
        answer(req, res, emu.remove(id), 200, () => ({ message: 'Draft deleted.' }));
    });
    api.get('/listings/:id/images', (req, res) => {
        const id = listingId(req);
        const record = id === null ? undefined : emu.get(id);
        if (!record)
            return hal(res, 404, { message: 'The requested listing could not be found.' });
        const self = `${roots(req).apiRoot}/listings/${record.id}/images`;
        hal(res, 200, {
            images: shown(record.photos).map((p) => ({ id: p.id, _links: { ...photoLinks(p), delete: { method: 'DELETE', href: `${self}/${p.id}` } } })),
            _links: { self: { href: self } },
        });
    });
    api.delete('/listings/:id/images/:imageId', (req, res) => {
        const id = listingId(req);
        const imageId = /^\d+$/.test(String(req.params.imageId)) ? Number(req.params.imageId) : null;
        if (id === null)
            return hal(res, 404, { message: 'The requested listing could not be found.' });
        if (imageId === null)
            return hal(res, 404, { message: 'The requested image could not be found.' });
        answer(req, res, emu.removePhoto(id, imageId), 200, () => ({ message: 'Image deleted.' }));
    });
    api.get('/categories/flat', (_req, res) => {
        hal(res, 200, { categories: emu.categories().map((c) => ({ uuid: c.uuid, full_name: c.full_name, name: c.full_name.split(' / ').at(-1) })) });
    });
    api.get('/webhooks/registrations', (req, res) => {
        const { slice, meta, links } = paged(req, emu.webhooks());
        hal(res, 200, { ...meta, registrations: slice.map((r) => renderRegistration(req, r)), _links: links });
    });
    api.post('/webhooks/registrations', (req, res) => {
        const body = bodyOf(req);
        if (!body)
            return hal(res, 400, { message: 'The request body must be a JSON object.' });
        const errors = {};
        const { url, topic } = body;
        if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url))
            errors.url = ['must be a valid URL'];
        if (typeof topic !== 'string' || !WEBHOOK_TOPICS.includes(topic))
            errors.topic = [`must be one of ${WEBHOOK_TOPICS.join(', ')}`];
        if (Object.keys(errors).length)
            return hal(res, emu.behaviour.config.validationStatus, { message: 'The webhook could not be registered.', errors });
        hal(res, 201, renderRegistration(req, emu.register(url, topic)));
    });
    api.delete('/webhooks/registrations/:id', (req, res) => {
        const id = listingId(req);
        if (id === null || !emu.unregister(id))
            return hal(res, 404, { message: 'The requested webhook registration could not be found.' });
        hal(res, 200, { message: 'Webhook registration deleted.' });
    });
    api.put('/my/listings/:id/state/end', (req, res) => {
        const body = bodyOf(req);
        const id = listingId(req);
        if (!body)
            return hal(res, 400, { message: 'The request body must be a JSON object.' });
        if (id === null)
            return hal(res, 404, { message: 'The requested listing could not be found.' });
        const reason = body.reason;
        if (typeof reason !== 'string' || !END_REASONS.includes(reason)) {
            return hal(res, 422, { message: 'A reason is required to end a listing.', errors: { reason: [`must be one of ${END_REASONS.join(', ')}`] } });
        }
        answer(req, res, emu.end(id, reason), 200, (listing) => ({ message: 'Listing ended.', listing }));
    });
    api.get('/my/orders/selling/all', (req, res) => {
        const bounds = {};
        for (const key of ['updated_start_date', 'updated_end_date']) {
            const raw = stringParam(req.query[key]);
            const at = raw === undefined ? null : Date.parse(raw);
            if (at !== null && Number.isNaN(at))
                return hal(res, 422, { message: `${key} is not a valid date` });
            bounds[key] = at;
        }
        const orders = emu.ordersUpdatedBetween(bounds.updated_start_date ?? null, bounds.updated_end_date ?? null);
        const { slice, meta, links } = paged(req, orders);
        hal(res, 200, { ...meta, orders: slice.map((o) => renderOrder(o, roots(req).apiRoot)), _links: links });
    });
    api.use((req, res) => hal(res, 404, { message: `No route ${req.method} ${req.path}` }));
    api.use((err, _req, res, next) => {
        if (res.headersSent)
            return next(err);
        const status = err.status;
        if (status && status >= 400 && status < 500)
            return hal(res, status, { message: 'The request body is not valid JSON.' });
        hal(res, 500, { message: 'Something went wrong on our end. Please try again.' });
    });
    const root = express.Router();
    root.use('/api', api);
    return root;
}
//# sourceMappingURL=routes.js.map