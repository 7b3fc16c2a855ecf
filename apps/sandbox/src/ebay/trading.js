import express from 'express';
const NS = 'urn:ebay:apis:eBLBaseComponents';
function escape(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function tag(xml, name) {
    return new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1] ?? null;
}
function failure(res, call, code, message) {
    res
        .type('text/xml')
        .send(`<?xml version="1.0" encoding="UTF-8"?><${call}Response xmlns="${NS}"><Timestamp>${new Date().toISOString()}</Timestamp><Ack>Failure</Ack>` +
        `<Errors><ShortMessage>${escape(message)}</ShortMessage><LongMessage>${escape(message)}</LongMessage><ErrorCode>${code}</ErrorCode><SeverityCode>Error</SeverityCode><ErrorClassification>RequestError</ErrorClassification></Errors>` +
        `<Version>1349</Version></${call}Response>`);
}
/**
 * The one Trading API call an Inventory API integration still needs: `GetMyeBaySelling`, the
 * seller's active listings with their item ids and SKUs, whichever tool made them. It is how a
 * listing made in Seller Hub is found, to be migrated (the Inventory API cannot see it).
 * XML over `POST /ws/api.dll`, the OAuth user token in `X-EBAY-API-IAF-TOKEN`; errors come
 * back as HTTP 200 with `<Ack>Failure</Ack>`, as the Trading API answers them.
 */
export function tradingRouter(tokens, listings) {
    const router = express.Router();
    router.post('/ws/api.dll', express.text({ type: () => true, limit: '1mb' }), (req, res) => {
        const call = req.get('x-ebay-api-call-name') ?? '';
        if (call !== 'GetMyeBaySelling')
            return failure(res, call || 'Unknown', '2', `Unsupported API call. The API call "${call}" is not valid or not supported in this release.`);
        if (!req.get('x-ebay-api-siteid') || !req.get('x-ebay-api-compatibility-level')) {
            return failure(res, call, '10012', 'Invalid value for header "X-EBAY-API-SITEID" or "X-EBAY-API-COMPATIBILITY-LEVEL".');
        }
        const token = req.get('x-ebay-api-iaf-token') ?? '';
        const state = token ? tokens.check(token) : 'unknown';
        if (state !== 'valid')
            return failure(res, call, state === 'expired' ? '21917053' : '21916984', state === 'expired' ? 'Expired IAF token.' : 'Invalid IAF token.');
        const body = typeof req.body === 'string' ? req.body : '';
        if (!body.includes('<GetMyeBaySellingRequest'))
            return failure(res, call, '5', 'XML Parse error.');
        const active = /<ActiveList>([\s\S]*?)<\/ActiveList>/.exec(body)?.[1];
        if (!active || tag(active, 'Include') !== 'true') {
            return res.type('text/xml').send(`<?xml version="1.0" encoding="UTF-8"?><GetMyeBaySellingResponse xmlns="${NS}"><Ack>Success</Ack><Version>1349</Version></GetMyeBaySellingResponse>`);
        }
        const perPage = Number(tag(active, 'EntriesPerPage') ?? '25');
        const pageNumber = Number(tag(active, 'PageNumber') ?? '1');
        if (!Number.isInteger(perPage) || perPage < 1 || perPage > 200 || !Number.isInteger(pageNumber) || pageNumber < 1) {
            return failure(res, call, '340', 'Invalid Pagination: EntriesPerPage must be 1 to 200 and PageNumber 1 or more.');
        }
        const all = listings();
        const page = all.slice((pageNumber - 1) * perPage, pageNumber * perPage);
        const items = page
            .map((l) => `<Item><ItemID>${l.itemId}</ItemID>${l.sku ? `<SKU>${escape(l.sku)}</SKU>` : ''}<Title>${escape(l.title)}</Title>` +
            `<Quantity>${l.quantity}</Quantity><QuantityAvailable>${l.quantity}</QuantityAvailable>` +
            `<SellingStatus><CurrentPrice currencyID="${l.currency}">${l.price}</CurrentPrice></SellingStatus><ListingType>FixedPriceItem</ListingType></Item>`)
            .join('');
        res
            .type('text/xml')
            .send(`<?xml version="1.0" encoding="UTF-8"?><GetMyeBaySellingResponse xmlns="${NS}"><Timestamp>${new Date().toISOString()}</Timestamp><Ack>Success</Ack><Version>1349</Version>` +
            `<ActiveList><ItemArray>${items}</ItemArray><PaginationResult><TotalNumberOfPages>${Math.max(1, Math.ceil(all.length / perPage))}</TotalNumberOfPages>` +
            `<TotalNumberOfEntries>${all.length}</TotalNumberOfEntries></PaginationResult></ActiveList></GetMyeBaySellingResponse>`);
    });
    return router;
}
//# sourceMappingURL=trading.js.map