/**
 * Every platform failure becomes one of these kinds, decided in one place per platform
 * (its `classify`), so the retry policy lives in one place too (the executor).
 */
export type ErrorKind =
  | 'transient'
  | 'rate_limited'
  | 'permanent'
  | 'auth'
  /** The platform is away for a while (V&R's nightly maintenance): wait, nothing failed. */
  | 'unavailable'
  /** The platform refuses us as a client (a Cloudflare challenge): retrying will not help; a person must act. */
  | 'blocked';

export class PlatformError extends Error {
  override name = 'PlatformError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; code?: string } = {},
  ) {
    super(message);
  }
}

/** A call given up before it wrote anything, because `yieldTo` said something more urgent waits: send it again later. */
export class CallYielded extends Error {
  override name = 'CallYielded';
}

export function isPlatformError(err: unknown): err is PlatformError {
  return err instanceof PlatformError;
}

/** Parses Retry-After as seconds or an HTTP date; undefined when absent or garbage. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
