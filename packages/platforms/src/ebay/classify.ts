import { PlatformError, parseRetryAfter } from '../errors.js';
import { excerpt, ladder, transportFailure } from '../http.js';
import { type EbayError, errorEnvelopeSchema, oauthErrorSchema } from './wire.js';

type Headers = Record<string, string | string[] | undefined>;

/** eBay's transient Inventory API errors: a system error, and concurrent access to the item. */
export const TRANSIENT_ERROR_IDS = new Set([25001, 25025]);
export const THROTTLED_ERROR_ID = 2001;
/** The gateway's verdicts on the access token: invalid (401) and, for an expired one, 403. */
export const TOKEN_ERROR_IDS = new Set([1001, 1100]);

export function errorsOf(body: unknown): EbayError[] {
  const parsed = errorEnvelopeSchema.safeParse(body);
  return parsed.success ? parsed.data.errors : [];
}

/** `25002 Any User error. Offer entity already exists`, the long message added when it says more. */
export function describe(errors: EbayError[]): string {
  return errors
    .map((e) => {
      const short = e.message ?? '';
      const long = e.longMessage && e.longMessage !== short ? ` (${e.longMessage})` : '';
      return `${e.errorId} ${short}${long}`.trim();
    })
    .join('; ');
}

/**
 * The one place an eBay failure gets its kind: the shared ladder, and eBay's own error ids beside
 * the status (2001 throttled, 25001/25025 transient). eBay documents no Retry-After on 429/2001,
 * so `retryAfterMs` stays unset unless a proxy in front happened to send one.
 */
export function classify(status: number, body: unknown, headers: Headers = {}): PlatformError {
  const errors = errorsOf(body);
  const ids = errors.map((e) => e.errorId);
  const said = errors.length ? describe(errors) : typeof body === 'string' && body.trim() ? `non-JSON answer "${excerpt(body)}"` : 'no error body';
  const message = `ebay: HTTP ${status} ${said}`;
  const details = { status, ...(ids.length ? { code: String(ids[0]) } : {}) };
  if (status === 429 || ids.includes(THROTTLED_ERROR_ID)) {
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    return new PlatformError('rate_limited', message, retryAfterMs === undefined ? details : { ...details, retryAfterMs });
  }
  if (status !== 401 && status !== 403 && ids.some((id) => TRANSIENT_ERROR_IDS.has(id))) return new PlatformError('transient', message, details);
  return ladder(status, headers, message, details.code ? { code: details.code } : {});
}

/** The token endpoint speaks OAuth's `{error, error_description}`, not the API's envelope. */
export function classifyOAuth(status: number, body: unknown, headers: Headers = {}): PlatformError {
  const parsed = oauthErrorSchema.safeParse(body);
  if (!parsed.success || status === 429 || status >= 500) return classify(status, body, headers);
  const { error, error_description: why } = parsed.data;
  const message = `ebay: token refresh refused, HTTP ${status} ${error}${why ? `: ${why}` : ''}`;
  // A refused grant or client needs a person (a new refresh token, fixed credentials), not a retry.
  return new PlatformError('auth', message, { status, code: error });
}

/** A 2xx answer that is not what eBay sends: the front end's fault, worth a later try. */
export function garbage(what: string, body: unknown, status = 200): PlatformError {
  const seen = typeof body === 'string' && body.trim() ? ` "${excerpt(body)}"` : '';
  return new PlatformError('transient', `ebay: HTTP ${status} answered ${what}${seen}`, { status, code: 'garbage' });
}

/** No answer at all: timeouts, refused or reset connections, DNS. */
export function classifyFailure(err: unknown): PlatformError {
  return transportFailure('ebay', err);
}
