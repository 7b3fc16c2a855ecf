import express from 'express';
import { apiError, sendErrors } from './errors.js';
const fulfillmentError = (errorId, message, parameters = []) => apiError(errorId, 'API_FULFILLMENT', message, message, parameters);
/** The seller's orders as the Fulfillment API serves them. */
export class OrderBook {
    orders = [];
    seq = 0;
    clear() {
        this.orders = [];
        this.seq = 0;
    }
    all() {
        return this.orders;
    }
    get(orderId) {
        return this.orders.find((o) => o.orderId === orderId);
    }
    /** A buyer's checkout of one listing: one order with one line item, paid at once. */
    add(sale) {
        this.seq += 1;
        // Orders are stamped a millisecond apart at least, so a lastmodifieddate cursor never skips one.
        const last = this.orders.length ? Date.parse(this.orders[this.orders.length - 1].creationDate) : 0;
        const now = new Date(Math.max(Date.now(), last + 1)).toISOString();
        const cents = Math.round(Number(sale.unitPrice.value) * 100) * sale.quantity;
        const total = { value: (cents / 100).toFixed(2), currency: sale.unitPrice.currency };
        const order = {
            orderId: `27-${String(10_000 + this.seq).padStart(5, '0')}-${String(20_000 + this.seq).padStart(5, '0')}`,
            legacyOrderId: `${sale.listingId}-${String(2_000_000_000_000 + this.seq)}`,
            creationDate: now,
            lastModifiedDate: now,
            orderFulfillmentStatus: 'NOT_STARTED',
            orderPaymentStatus: 'PAID',
            sellerId: 'gearsync_dealer',
            buyer: { username: `buyer_${this.seq}` },
            pricingSummary: { priceSubtotal: total, total },
            lineItems: [
                {
                    lineItemId: String(10_000_000_000 + this.seq),
                    legacyItemId: sale.listingId,
                    sku: sale.sku,
                    title: sale.title,
                    quantity: sale.quantity,
                    lineItemCost: total,
                    total,
                    lineItemFulfillmentStatus: 'NOT_STARTED',
                    listingMarketplaceId: sale.marketplaceId,
                    purchaseMarketplaceId: sale.marketplaceId,
                },
            ],
        };
        this.orders.push(order);
        return order;
    }
}
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
/** `creationdate:[from..to]` or `lastmodifieddate:[from..]`, as the Fulfillment API reads its filter. */
function parseFilter(filter) {
    let field = null;
    let from = null;
    let to = null;
    let statuses = null;
    for (const part of filter.split(',').map((p) => p.trim()).filter(Boolean)) {
        const range = /^(creationdate|lastmodifieddate):\[([^\]]*)\]$/.exec(part);
        if (range) {
            if (field)
                return 'Only one of creationdate and lastmodifieddate may be given.';
            field = range[1] === 'creationdate' ? 'creationDate' : 'lastModifiedDate';
            const [a = '', b = ''] = range[2].split('..');
            if (!range[2].includes('..') || (a && !ISO.test(a)) || (b && !ISO.test(b)) || !a) {
                return `The date range ${range[2]} is invalid: use [2026-01-01T00:00:00.000Z..] or [from..to] in UTC.`;
            }
            from = Date.parse(a);
            to = b ? Date.parse(b) : null;
            continue;
        }
        const status = /^orderfulfillmentstatus:\{([A-Z_|]+)\}$/.exec(part);
        if (status) {
            statuses = status[1].split('|');
            continue;
        }
        return `The filter ${part} is not supported.`;
    }
    if (!field)
        return 'The filter names no date range.';
    return { field, from, to, statuses };
}
/** Mounted at the Fulfillment API's base, `/sell/fulfillment/v1`. */
export function fulfillmentRouter(book) {
    const router = express.Router();
    router.get('/order', (req, res) => {
        const { filter, limit: rawLimit, offset: rawOffset, orderIds } = req.query;
        const limit = rawLimit === undefined ? 50 : Number(rawLimit);
        const offset = rawOffset === undefined ? 0 : Number(rawOffset);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
            return sendErrors(res, 400, [fulfillmentError(30830, 'Invalid limit. The limit must be from 1 to 1000.')]);
        if (!Number.isInteger(offset) || offset < 0)
            return sendErrors(res, 400, [fulfillmentError(30840, 'Invalid offset. The offset must be 0 or more.')]);
        let orders = [...book.all()];
        if (typeof orderIds === 'string' && orderIds) {
            const ids = new Set(orderIds.split(','));
            orders = orders.filter((o) => ids.has(o.orderId));
        }
        else if (filter !== undefined) {
            const parsed = typeof filter === 'string' ? parseFilter(filter) : 'The filter must be one string.';
            if (typeof parsed === 'string')
                return sendErrors(res, 400, [fulfillmentError(30800, `Invalid filter. ${parsed}`, [{ name: 'filter', value: String(filter) }])]);
            orders = orders.filter((o) => {
                const at = Date.parse(o[parsed.field]);
                return (parsed.from === null || at >= parsed.from) && (parsed.to === null || at <= parsed.to) && (!parsed.statuses || parsed.statuses.includes(o.orderFulfillmentStatus));
            });
        }
        // Newest first, as eBay sorts them.
        orders.sort((a, b) => b.creationDate.localeCompare(a.creationDate));
        const page = orders.slice(offset, offset + limit);
        const base = `${req.protocol}://${req.get('host')}${req.baseUrl}/order`;
        const link = (at) => {
            const q = new URLSearchParams({ ...(typeof filter === 'string' ? { filter } : {}), limit: String(limit), offset: String(at) });
            return `${base}?${q.toString()}`;
        };
        res.json({
            href: link(offset),
            total: orders.length,
            limit,
            offset,
            ...(offset + limit < orders.length ? { next: link(offset + limit) } : {}),
            ...(offset > 0 ? { prev: link(Math.max(0, offset - limit)) } : {}),
            orders: page,
            warnings: [],
        });
    });
    router.get('/order/:orderId', (req, res) => {
        const order = book.get(String(req.params.orderId));
        if (!order)
            return sendErrors(res, 404, [fulfillmentError(32100, `Invalid order ID: ${String(req.params.orderId)}`, [{ name: 'orderId', value: String(req.params.orderId) }])]);
        res.json(order);
    });
    return router;
}
//# sourceMappingURL=orders.js.map