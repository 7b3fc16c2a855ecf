import { PlatformError } from '@gearsync/platforms/producer';
import { failureOf, passing, throttledTooOften, waitBeforeRetry } from './retry.js';

describe('retry policy', () => {
  it('tries a passing or throttled failure again, and nothing that would fail again', () => {
    const of = (kind: ConstructorParameters<typeof PlatformError>[0]) => failureOf(new PlatformError(kind, 'x'));
    expect(['transient', 'rate_limited', 'unavailable', 'permanent', 'auth', 'blocked'].map((k) => passing(of(k as never)))).toEqual([true, true, false, false, false, false]);
    expect(of('auth').tell && of('blocked').tell).toBe(true);
    expect(of('permanent').tell).toBe(false);
  });

  it('takes an error that is not a platform\'s as passing for a call and as final for a read', () => {
    expect(failureOf(new Error('socket hang up')).then).toBe('backoff');
    expect(failureOf(new TypeError('a bug of ours'), 'permanent').then).toBe('final');
  });

  it('waits what the platform asked, else the backoff', () => {
    const throttled = failureOf(new PlatformError('rate_limited', 'slow down', { retryAfterMs: 7000, status: 429 }));
    expect(throttled).toMatchObject({ then: 'throttled', retryAfterMs: 7000, status: 429 });
    expect(waitBeforeRetry(throttled.retryAfterMs, 1000, 1)).toBe(7000);
    const waited = waitBeforeRetry(undefined, 1000, 3);
    expect(waited).toBeGreaterThanOrEqual(2000);
    expect(waited).toBeLessThanOrEqual(4000);
    expect(waitBeforeRetry(undefined, 1000, 30)).toBeLessThanOrEqual(60_000);
  });

  it('gives up on a call throttled beyond its attempts and the extra tries', () => {
    expect(throttledTooOften(8, 3, 5)).toBe(false);
    expect(throttledTooOften(9, 3, 5)).toBe(true);
  });
});
