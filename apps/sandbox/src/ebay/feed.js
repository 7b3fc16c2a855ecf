import { zipSync } from 'fflate';
import express from 'express';
import { apiError, sendErrors } from './errors.js';
import { authenticate } from './oauth.js';
import { quantityOf } from './store.js';
export const FEED_BASE = '/sell/feed/v1';
export const ACTIVE_INVENTORY_REPORT = 'LMS_ACTIVE_INVENTORY_REPORT';
/** How long eBay takes to compile a report here: long enough that a client must poll. */
export const REPORT_DELAY_MS = 150;
const feedError = (errorId, message, longMessage = message) => apiError(errorId, 'API_FEED', message, longMessage);
function xmlEscape(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
/** ActiveInventoryReport in its BulkDataExchangeResponses wrapper, as the LMS feed types answer it. */
export function reportXml(lines, at) {
    const details = lines
        .map((l) => `<SKUDetails><SKU>${xmlEscape(l.sku)}</SKU><Price currencyID="${l.currency}">${l.price}</Price><Quantity>${l.quantity}</Quantity><ItemID>${l.itemId}</ItemID></SKUDetails>`)
        .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>
<BulkDataExchangeResponses xmlns="urn:ebay:apis:eBLBaseComponents">
<ActiveInventoryReport>
<Timestamp>${at.toISOString()}</Timestamp>
<Ack>Success</Ack>
<Version>1349</Version>
${details}
</ActiveInventoryReport>
</BulkDataExchangeResponses>
`;
}
/** A zip archive holding one deflated file: how eBay hands out an LMS report. */
export function zipOne(name, content) {
    return Buffer.from(zipSync({ [name]: [new Uint8Array(content), { level: 6 }] }));
}
/**
 * The Sell Feed API's inventory tasks: `POST /inventory_task` with LMS_ACTIVE_INVENTORY_REPORT
 * answers 202 and a Location; the task is QUEUED, then IN_PROCESS, then COMPLETED; the report
 * (SKU, item id, price and quantity of every active listing) is a zipped XML file at
 * `GET /task/{id}/download_result_file`, refused until the task has completed.
 */
export function feedRouter(options) {
    const { store } = options;
    const now = options.now ?? Date.now;
    const tasks = new Map();
    let seq = 0;
    const router = express.Router();
    router.use(express.json());
    router.use(authenticate(options.tokens));
    const statusOf = (task) => {
        const age = now() - task.creationDate.getTime();
        if (age >= REPORT_DELAY_MS)
            return 'COMPLETED';
        return age >= REPORT_DELAY_MS / 3 ? 'IN_PROCESS' : 'QUEUED';
    };
    const view = (req, task) => {
        const status = statusOf(task);
        return {
            taskId: task.taskId,
            status,
            feedType: task.feedType,
            creationDate: task.creationDate.toISOString(),
            ...(status === 'COMPLETED' ? { completionDate: new Date(task.creationDate.getTime() + REPORT_DELAY_MS).toISOString() } : {}),
            schemaVersion: task.schemaVersion,
            detailHref: `${req.protocol}://${req.get('host')}${req.baseUrl}/inventory_task/${task.taskId}`,
            ...(task.listingFormat ? { filterCriteria: { listingFormat: task.listingFormat } } : {}),
        };
    };
    router.post('/inventory_task', (req, res) => {
        const body = (req.body ?? {});
        if (body.feedType !== ACTIVE_INVENTORY_REPORT) {
            return sendErrors(res, 400, [feedError(160002, "The 'feedType' is invalid.", `Only ${ACTIVE_INVENTORY_REPORT} is supported by inventory_task.`)]);
        }
        if (body.schemaVersion !== '1.0')
            return sendErrors(res, 400, [feedError(160007, "The 'schemaVersion' is invalid.", 'schemaVersion must be 1.0.')]);
        const criteria = (typeof body.filterCriteria === 'object' && body.filterCriteria !== null ? body.filterCriteria : {});
        if (criteria.listingFormat !== undefined && criteria.listingFormat !== 'FIXED_PRICE' && criteria.listingFormat !== 'AUCTION') {
            return sendErrors(res, 400, [feedError(160017, "The 'listingFormat' is invalid.", 'listingFormat is AUCTION or FIXED_PRICE.')]);
        }
        const marketplaceId = req.get('x-ebay-c-marketplace-id') ?? null;
        const lines = [];
        for (const item of store.allItems()) {
            for (const offer of store.offersOf(item.sku)) {
                if (offer.status !== 'PUBLISHED' || offer.listing?.listingStatus === 'ENDED' || !offer.listing)
                    continue;
                if (marketplaceId && offer.marketplaceId !== marketplaceId)
                    continue;
                if (criteria.listingFormat && offer.format !== criteria.listingFormat)
                    continue;
                const price = offer.pricingSummary?.price;
                lines.push({
                    sku: item.sku,
                    itemId: offer.listing.listingId,
                    price: price?.value ?? '0.00',
                    currency: price?.currency ?? 'USD',
                    quantity: Math.min(quantityOf(item), offer.availableQuantity ?? Infinity),
                });
            }
        }
        seq += 1;
        const taskId = `task-${seq}-${Math.random().toString(36).slice(2, 8)}`;
        tasks.set(taskId, {
            taskId,
            feedType: ACTIVE_INVENTORY_REPORT,
            schemaVersion: '1.0',
            creationDate: new Date(now()),
            marketplaceId,
            ...(typeof criteria.listingFormat === 'string' ? { listingFormat: criteria.listingFormat } : {}),
            lines,
        });
        res.status(202).location(`${req.protocol}://${req.get('host')}${req.baseUrl}/inventory_task/${taskId}`).end();
    });
    router.get('/inventory_task/:taskId', (req, res) => {
        const task = tasks.get(String(req.params.taskId));
        if (!task)
            return sendErrors(res, 404, [feedError(160022, 'The task was not found.', `No task ${String(req.params.taskId)} for this seller.`)]);
        res.json(view(req, task));
    });
    router.get('/task/:taskId/download_result_file', (req, res) => {
        const task = tasks.get(String(req.params.taskId));
        if (!task)
            return sendErrors(res, 404, [feedError(160022, 'The task was not found.', `No task ${String(req.params.taskId)} for this seller.`)]);
        if (statusOf(task) !== 'COMPLETED') {
            return sendErrors(res, 400, [feedError(160023, 'The task is not complete.', 'The file is available once the task is COMPLETED or COMPLETED_WITH_ERROR.')]);
        }
        const name = `${task.taskId}-ActiveInventoryReport.xml`;
        const zip = zipOne(name, Buffer.from(reportXml(task.lines, new Date(task.creationDate.getTime() + REPORT_DELAY_MS)), 'utf8'));
        res.status(200).type('application/octet-stream').set('content-disposition', `attachment; filename="${task.taskId}.zip"`).send(zip);
    });
    router.use((req, res) => sendErrors(res, 404, [feedError(2002, 'Resource not found', `The sandbox does not emulate ${req.method} ${req.path}`)]));
    return router;
}
//# sourceMappingURL=feed.js.map