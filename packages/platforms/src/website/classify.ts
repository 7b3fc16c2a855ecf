import { excerpt, ladder, transportFailure, type HttpHeaders } from '../http.js';
import { PlatformError } from '../errors.js';
import { wooErrorSchema } from './wire.js';

/**
 * The one place a WooCommerce failure gets its kind. WordPress answers `{code, message,
 * data:{status}}`; the host in front of it (nginx, Cloudflare) answers HTML of its own.
 */
export function classify(status: number, body: unknown, headers: HttpHeaders): PlatformError {
  const parsed = wooErrorSchema.safeParse(body);
  const code = parsed.success ? parsed.data.code : undefined;
  const said = parsed.success ? `${parsed.data.code}: ${parsed.data.message}` : typeof body === 'string' && body.trim() ? `non-JSON answer "${excerpt(body)}"` : 'no error body';
  return ladder(status, headers, `website: HTTP ${status} ${said}`, code ? { code } : {});
}

/** A 2xx answer that is not what WooCommerce sends: treat as the host's fault and try later. */
export function garbage(what: string, body: unknown, status = 200): PlatformError {
  const seen = typeof body === 'string' ? ` "${excerpt(body)}"` : '';
  return new PlatformError('transient', `website: HTTP ${status} answered ${what}${seen}`, { status, code: 'garbage' });
}

/** No answer at all: timeouts, refused or reset connections, DNS. */
export function classifyFailure(err: unknown): PlatformError {
  return transportFailure('website', err);
}
