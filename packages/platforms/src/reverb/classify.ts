import { RequestError } from 'got';
import { PlatformError } from '../errors.js';
import { ladder } from '../http.js';

/** Reverb's error text: `{message, errors: {field: [msg]}}` → "message: field msg; field msg". */
export function reverbMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const parts: string[] = [];
  if (errors && typeof errors === 'object') {
    for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
      const list = Array.isArray(messages) ? messages : [messages];
      for (const m of list) if (typeof m === 'string') parts.push(`${field} ${m}`);
    }
  }
  const head = typeof message === 'string' ? message.trim() : '';
  if (!parts.length) return head || undefined;
  return head ? `${head.replace(/[.:]$/, '')}: ${parts.join('; ')}` : parts.join('; ');
}

/**
 * The one place Reverb answers become error kinds: the shared ladder, with Reverb's own message.
 * Reverb publishes no rate limit and does not promise Retry-After on 429: honoured when present,
 * otherwise the backoff is the caller's.
 */
export function classifyResponse(status: number, headers: Record<string, string | string[] | undefined>, body: unknown, what: string): PlatformError {
  const detail = reverbMessage(body);
  // Reverb documents 412 for validation errors and answers 422 in practice: both are the seller's data.
  const code = status === 412 || status === 422 ? 'validation' : undefined;
  return ladder(status, headers, `Reverb ${what} answered ${status}${detail ? `: ${detail}` : ''}`, code ? { code } : {});
}

/** No answer at all: timeouts, refused or reset connections. Worth retrying. */
export function classifyFailure(err: unknown, what: string): PlatformError {
  if (err instanceof PlatformError) return err;
  const code = err instanceof RequestError ? err.code : undefined;
  const reason = code ?? (err instanceof Error ? err.message : String(err));
  return new PlatformError('transient', `Reverb ${what} failed: ${reason}`, code ? { code } : {});
}

/** A 2xx answer that is not what Reverb sends (HTML, truncated JSON, a missing field). */
export function garbage(what: string, detail: string, status?: number): PlatformError {
  return new PlatformError('transient', `Reverb ${what} answered garbage: ${detail}`, status === undefined ? { code: 'garbage' } : { status, code: 'garbage' });
}
