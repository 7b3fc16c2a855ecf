import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { error as validatorErrors, middleware as openApiValidator } from 'express-openapi-validator';
import type { Stats } from '../behaviour.js';
import { E, type EbayError, gateway, sendErrors } from './errors.js';

/** eBay's own OpenAPI 3 contracts, as eBay publishes them: Sell Inventory (v1.18.2) and Sell Fulfillment (v1.11.0). */
const CONTRACT_FILES = {
  inventory: fileURLToPath(new URL('./contract/sell_inventory_v1_oas3.json', import.meta.url)),
  fulfillment: fileURLToPath(new URL('./contract/sell_fulfillment_v1_oas3.json', import.meta.url)),
};
export type ContractName = keyof typeof CONTRACT_FILES;

export const CHECKED = 'contract:checked';
export const FAILED = 'contract:failed';

const contractTexts: Partial<Record<ContractName, string>> = {};

/**
 * The contract with its servers set to where the emulation is mounted. One correction: the
 * contract types `product.aspects` as a string, while its own description (and eBay's wire)
 * make it an object of name → values, e.g. `{"Brand": ["GoPro"]}`.
 */
export function loadContract(serverUrl: string, name: ContractName = 'inventory'): Record<string, unknown> {
  const text = (contractTexts[name] ??= readFileSync(CONTRACT_FILES[name], 'utf8'));
  const spec = JSON.parse(text) as {
    servers: unknown;
    components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
  };
  spec.servers = [{ url: serverUrl }];
  const aspects = name === 'inventory' ? spec.components.schemas.Product?.properties?.aspects : undefined;
  if (aspects) {
    spec.components.schemas.Product!.properties!.aspects = {
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'string' } },
      description: aspects.description,
    };
  }
  return spec;
}

function bump(stats: Stats, key: string): void {
  stats.byEndpoint[key] = (stats.byEndpoint[key] ?? 0) + 1;
}

/**
 * Every request under the Inventory API base is checked against the contract before the
 * emulation sees it. Counts land in the stats' `byEndpoint` under `contract:checked` and
 * `contract:failed`, so a test can assert that a client's requests all passed.
 */
export function contractCheck(serverUrl: string, stats: () => Stats, name: ContractName = 'inventory'): RequestHandler[] {
  const validators = openApiValidator({
    // The validator's types want its own document type; the JSON is eBay's, loaded as is.
    apiSpec: loadContract(serverUrl, name) as never,
    validateRequests: true,
    validateResponses: false,
    // Tokens are the gateway's business (oauth.ts), not the contract's.
    validateSecurity: false,
  }) as RequestHandler[];
  const count: RequestHandler = (_req, _res, next) => {
    bump(stats(), CHECKED);
    next();
  };
  return [count, express.json({ limit: '10mb' }), ...validators];
}

const VALIDATOR_ERRORS = Object.values(validatorErrors) as (new (...args: never[]) => Error)[];

function isValidatorError(err: unknown): err is Error & { status: number; errors?: { path?: string; message?: string }[] } {
  return VALIDATOR_ERRORS.some((cls) => err instanceof cls);
}

/** `/body/requests/0/offerId` → `requests[0].offerId`; `/headers/content-type` → `content-type`. */
function fieldOf(path: string): string {
  const parts = path.split('/').filter(Boolean).slice(1);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || 'request';
}

function ebayErrorsOf(err: Error & { status: number; errors?: { path?: string; message?: string }[] }, req: Request): EbayError[] {
  if (err.status === 404) return [gateway.notFound(`No Inventory API resource at ${req.path}`)];
  if (err.status === 405) return [gateway.notFound(`${req.method} is not allowed on ${req.path}`)];
  const details = err.errors?.length ? err.errors : [{ path: '/request', message: err.message }];
  return details.map(({ path = '/request', message = 'is invalid' }) =>
    /^\/headers\/content-language$/i.test(path)
      ? E.inputError('The Content-Language header is required for this call, e.g. "Content-Language: en-US".')
      : E.invalidValue(fieldOf(path), message),
  );
}

/** Turns contract refusals and unreadable bodies into eBay's error envelope, counting them. */
export function contractErrors(stats: () => Stats) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (isValidatorError(err)) {
      bump(stats(), FAILED);
      return sendErrors(res, err.status, ebayErrorsOf(err, req));
    }
    if ((err as { type?: string }).type === 'entity.parse.failed') {
      bump(stats(), FAILED);
      return sendErrors(res, 400, [gateway.badRequest('The request has errors: the body is not valid JSON.')]);
    }
    if ((err as { status?: number }).status === 413) return sendErrors(res, 413, [gateway.badRequest('The request body is too large.')]);
    next(err);
  };
}
