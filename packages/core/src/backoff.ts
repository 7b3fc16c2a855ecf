/**
 * The one backoff formula: the n-th try again waits `baseMs · 2^(n-1)`, at most `capMs`, less a
 * random part of up to `jitter` of it (so many callers refused at once do not return at once).
 * It is BullMQ's own exponential backoff with jitter, so a job retried by the queue and a read
 * tried again inside a job wait alike.
 */
export function backoffMs(baseMs: number, retry: number, options: { capMs?: number; jitter?: number; random?: () => number } = {}): number {
  const { capMs = Infinity, jitter = 0.5, random = Math.random } = options;
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(raw * (1 - jitter * random()));
}
