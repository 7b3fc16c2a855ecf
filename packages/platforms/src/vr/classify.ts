import { PlatformError, isPlatformError, parseRetryAfter } from '../errors.js';

/** One HTTP answer the browser got from the site: a page load, a form post or a fetch. */
export interface VrAnswer {
  status: number;
  headers: Record<string, string>;
  /** Where the request ended up, after redirects. */
  url: string;
  /** The body, where we read it (fetches); pages are read through the DOM. */
  text?: string;
}

/**
 * The one place that decides what a V&R failure is. The site is HTML behind Cloudflare: its
 * nightly maintenance page means V&R is away (wait, nothing failed); a Cloudflare challenge means
 * V&R refuses us as a client (a person must act: retrying cannot pass it); other 5xx pass; 429
 * waits; a login refused is auth; anything else the site refuses will be refused again.
 */
export function classifyAnswer(answer: VrAnswer, what: string): PlatformError | null {
  const { status, headers } = answer;
  if (status >= 200 && status < 400) return null;
  if (status === 429) {
    return new PlatformError('rate_limited', `V&R throttled ${what} (429)`, { status, retryAfterMs: parseRetryAfter(headers['retry-after']) });
  }
  if (headers['cf-mitigated'] === 'challenge' || (status === 403 && /just a moment|cdn-cgi\/challenge/i.test(answer.text ?? ''))) {
    return new PlatformError(
      'blocked',
      `V&R's Cloudflare challenged ${what} (${status}): a script cannot pass it. Sign in to vintageandrare.com in your browser and set VR_COOKIES to its cf_clearance cookie and VR_USER_AGENT to that browser's user agent`,
      { status, code: 'cf_challenge' },
    );
  }
  if (status === 503) {
    if (/maintenance/i.test(answer.text ?? '')) {
      return new PlatformError('unavailable', `V&R is down for maintenance (${what}, 503)`, { status, code: 'maintenance', retryAfterMs: parseRetryAfter(headers['retry-after']) });
    }
    return new PlatformError('transient', `V&R is unavailable for ${what} (503)`, { status, code: 'unavailable', retryAfterMs: parseRetryAfter(headers['retry-after']) });
  }
  if (status >= 500) return new PlatformError('transient', `V&R failed ${what} (${status})`, { status, code: 'server_error' });
  if (status === 404) return new PlatformError('permanent', `V&R has no such page for ${what} (404)`, { status, code: 'not_found' });
  return new PlatformError('permanent', `V&R refused ${what} (${status})`, { status, code: 'refused' });
}

export function loginRefused(): PlatformError {
  return new PlatformError('auth', 'V&R refused the login: check VR_USERNAME and VR_PASSWORD', { code: 'login_refused' });
}

export function formRefused(what: string, message: string): PlatformError {
  return new PlatformError('permanent', `V&R refused ${what}: ${message}`, { code: 'validation' });
}

/** A page that is neither what we asked for nor a known error: a truncated answer, a changed site. */
export function garbage(what: string): PlatformError {
  return new PlatformError('transient', `V&R gave an answer we do not recognise for ${what}`, { code: 'garbage' });
}

/** Thrown errors of the browser and the network, in our kinds. */
export function classifyThrown(err: unknown, what: string): PlatformError {
  if (isPlatformError(err)) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  if (e.name === 'TimeoutError' || /timeout|timed out/i.test(e.message)) {
    return new PlatformError('transient', `V&R did not answer ${what} in time`, { code: 'timeout' });
  }
  const net = /net::(ERR_[A-Z_]+)/.exec(e.message);
  if (net) return new PlatformError('transient', `V&R could not be reached for ${what} (${net[1]})`, { code: 'network' });
  if (/Failed to fetch|NetworkError/i.test(e.message)) return new PlatformError('transient', `V&R could not be reached for ${what}`, { code: 'network' });
  return new PlatformError('transient', `the browser failed ${what}: ${e.message.split('\n')[0]!.slice(0, 200)}`, { code: 'browser' });
}
