import { PlatformError, parseRetryAfter } from '../errors.js';
import { wooErrorSchema } from './wire.js';

type Headers = Record<string, string | string[] | undefined>;

/** A short, readable excerpt of a non-JSON answer (a host's HTML error page, a cache page). */
function excerpt(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain.length > 120 ? `${plain.slice(0, 120)}…` : plain;
}

/**
 * The one place a WooCommerce failure gets its kind. WordPress answers `{code, message,
 * data:{status}}`; the host in front of it (nginx, Cloudflare) answers HTML of its own.
 */
export function classify(status: number, body: unknown, headers: Headers): PlatformError {
  const parsed = wooErrorSchema.safeParse(body);
  const code = parsed.success ? parsed.data.code : undefined;
  const said = parsed.success ? `${parsed.data.code}: ${parsed.data.message}` : typeof body === 'string' && body.trim() ? `non-JSON answer "${excerpt(body)}"` : 'no error body';
  const message = `website: HTTP ${status} ${said}`;
  const details = { status, ...(code ? { code } : {}) };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    return new PlatformError('rate_limited', message, retryAfterMs === undefined ? details : { ...details, retryAfterMs });
  }
  if (status === 401 || status === 403) return new PlatformError('auth', message, details);
  if (status === 408 || status >= 500) return new PlatformError('transient', message, details);
  return new PlatformError('permanent', message, details);
}

/** A 2xx answer that is not what WooCommerce sends: treat as the host's fault and try later. */
export function garbage(what: string, body: unknown, status = 200): PlatformError {
  const seen = typeof body === 'string' ? ` "${excerpt(body)}"` : '';
  return new PlatformError('transient', `website: HTTP ${status} answered ${what}${seen}`, { status, code: 'garbage' });
}

/** No answer at all: timeouts, refused or reset connections, DNS. */
export function classifyFailure(err: unknown): PlatformError {
  const code = (err as { code?: string }).code;
  const name = (err as { name?: string }).name;
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') return new PlatformError('transient', 'website: request timed out', { code: 'ETIMEDOUT' });
  return new PlatformError('transient', `website: request failed (${code ?? name ?? 'unknown error'})`, code ? { code } : {});
}
