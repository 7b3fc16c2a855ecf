import { backoffMs } from '@gearsync/core';
import { isPlatformError, type ErrorKind } from '@gearsync/platforms/producer';

/**
 * What follows a failure of each kind, for every caller of a platform: the executor's calls
 * and the snapshot's reads alike.
 * - `backoff`: a passing failure (5xx, timeout): tried again after the backoff, as an attempt;
 * - `throttled`: the platform asked us to slow down: tried again after its Retry-After (or the
 *   backoff), not counted as an attempt, up to RATE_LIMIT_RETRIES more times;
 * - `away`: the platform is down for a while (maintenance): a call waits, nothing failed; a read
 *   is left incomplete and the next run catches up;
 * - `final`: tried again it would fail again (validation; a credential or a challenge, which
 *   only a person can mend: `tell` says the dealer is told).
 */
export const RETRY_POLICY: Record<ErrorKind, { then: 'backoff' | 'throttled' | 'away' | 'final'; tell: boolean }> = {
  transient: { then: 'backoff', tell: false },
  rate_limited: { then: 'throttled', tell: false },
  unavailable: { then: 'away', tell: false },
  permanent: { then: 'final', tell: false },
  auth: { then: 'final', tell: true },
  blocked: { then: 'final', tell: true },
};

/** How long a call waits when its platform is away and does not say for how long. */
export const AWAY_WAIT_MS = 60_000;
/** The longest wait between two tries of a throttled call. */
const THROTTLED_CAP_MS = 60_000;

export interface Failure {
  kind: ErrorKind;
  then: (typeof RETRY_POLICY)[ErrorKind]['then'];
  tell: boolean;
  /** The platform's Retry-After, when it gave one. */
  retryAfterMs: number | undefined;
  status: number | null;
}

/**
 * The policy for anything thrown. An error that is not a platform's is `notPlatforms`: passing
 * for a call (a dropped socket may or may not have reached the platform), final for a read
 * (an error of ours is not read away by reading again).
 */
export function failureOf(err: unknown, notPlatforms: ErrorKind = 'transient'): Failure {
  const kind: ErrorKind = isPlatformError(err) ? err.kind : notPlatforms;
  return { kind, ...RETRY_POLICY[kind], retryAfterMs: isPlatformError(err) ? err.details.retryAfterMs : undefined, status: isPlatformError(err) ? (err.details.status ?? null) : null };
}

/** Whether the same read may simply be made again (after `waitBeforeRetry`). */
export function passing(failure: Failure): boolean {
  return failure.then === 'backoff' || failure.then === 'throttled';
}

/** How long to wait before try again number `retry` (1 for the first): the platform's Retry-After when it gave one, else the backoff. */
export function waitBeforeRetry(retryAfterMs: number | undefined, baseMs: number, retry: number, capMs = THROTTLED_CAP_MS): number {
  return retryAfterMs || backoffMs(baseMs, retry, { capMs });
}

/** A call refused as throttled this often (tries beyond its attempts) has failed for good. */
export function throttledTooOften(triesStarted: number, attempts: number, rateLimitRetries: number): boolean {
  return triesStarted > attempts + rateLimitRetries;
}
