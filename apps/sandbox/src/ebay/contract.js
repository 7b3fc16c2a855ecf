import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { error as validatorErrors, middleware as openApiValidator } from 'express-openapi-validator';
import { E, gateway, sendErrors } from './errors.js';
/** eBay's own OpenAPI 3 contracts, as eBay publishes them: Sell Inventory (v1.18.2) and Sell Fulfillment (v1.11.0). */
const CONTRACT_FILES = {
    inventory: fileURLToPath(new URL('./contract/sell_inventory_v1_oas3.json', import.meta.url)),
    fulfillment: fileURLToPath(new URL('./contract/sell_fulfillment_v1_oas3.json', import.meta.url)),
};
export const CHECKED = 'contract:checked';
export const FAILED = 'contract:failed';
const contractTexts = {};
/**
 * The contract with its servers set to where the emulation is mounted. One correction: the
 * contract types `product.aspects` as a string, while its own description (and eBay's wire)
 * make it an object of name → values, e.g. `{"Brand": ["GoPro"]}`.
 */
export function loadContract(serverUrl, name = 'inventory') {
    const text = (contractTexts[name] ??= readFileSync(CONTRACT_FILES[name], 'utf8'));
    const spec = JSON.parse(text);
    spec.servers = [{ url: serverUrl }];
    const aspects = name === 'inventory' ? spec.components.schemas.Product?.properties?.aspects : undefined;
    if (aspects) {
        spec.components.schemas.Product.properties.aspects = {
            type: 'object',
            additionalProperties: { type: 'array', items: { type: 'string' } },
            description: aspects.description,
        };
    }
    return spec;
}
function bump(stats, key) {
    stats.byEndpoint[key] = (stats.byEndpoint[key] ?? 0) + 1;
}
/**
 * Every request under the Inventory API base is checked against the contract before the
 * emulation sees it. Counts land in the stats' `byEndpoint` under `contract:checked` and
 * `contract:failed`, so a test can assert that a client's requests all passed.
 */
export function contractCheck(serverUrl, stats, name = 'inventory') {
    const validators = openApiValidator({
        // The validator's types want its own document type; the JSON is eBay's, loaded as is.
        apiSpec: loadContract(serverUrl, name),
        validateRequests: true,
        validateResponses: false,
        // Tokens are the gateway's business (oauth.ts), not the contract's.
        validateSecurity: false,
    });
    const count = (_req, _res, next) => {
        bump(stats(), CHECKED);
        next();
    };
    return [count, express.json({ limit: '10mb' }), ...validators];
}
const VALIDATOR_ERRORS = Object.values(validatorErrors);
function isValidatorError(err) {
    return VALIDATOR_ERRORS.some((cls) => err instanceof cls);
}
/** `/body/requests/0/offerId` → `requests[0].offerId`; `/headers/content-type` → `content-type`. */
function fieldOf(path) {
    const parts = path.split('/').filter(Boolean).slice(1);
    return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || 'request';
}
function ebayErrorsOf(err, req) {
    if (err.status === 404)
        return [gateway.notFound(`No Inventory API resource at ${req.path}`)];
    if (err.status === 405)
        return [gateway.notFound(`${req.method} is not allowed on ${req.path}`)];
    const details = err.errors?.length ? err.errors : [{ path: '/request', message: err.message }];
    return details.map(({ path = '/request', message = 'is invalid' }) => /^\/headers\/content-language$/i.test(path)
        ? E.inputError('The Content-Language header is required for this call, e.g. "Content-Language: en-US".')
        : E.invalidValue(fieldOf(path), message));
}
/** Turns contract refusals and unreadable bodies into eBay's error envelope, counting them. */
export function contractErrors(stats) {
    return (err, req, res, next) => {
        if (isValidatorError(err)) {
            bump(stats(), FAILED);
            return sendErrors(res, err.status, ebayErrorsOf(err, req));
        }
        if (err.type === 'entity.parse.failed') {
            bump(stats(), FAILED);
            return sendErrors(res, 400, [gateway.badRequest('The request has errors: the body is not valid JSON.')]);
        }
        if (err.status === 413)
            return sendErrors(res, 413, [gateway.badRequest('The request body is too large.')]);
        next(err);
    };
}
//# sourceMappingURL=contract.js.map