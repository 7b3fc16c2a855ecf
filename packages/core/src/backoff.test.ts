import { backoffMs } from './backoff.js';

describe('backoff', () => {
  it('doubles from the base on each try again, up to the cap', () => {
    const exact = (n: number) => backoffMs(100, n, { capMs: 1000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map(exact)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('takes off at most the jitter share at random, as BullMQ does', () => {
    expect(backoffMs(1000, 2, { random: () => 0 })).toBe(2000);
    expect(backoffMs(1000, 2, { random: () => 0.999999 })).toBe(1000);
    for (let i = 0; i < 100; i++) {
      const ms = backoffMs(1000, 3);
      expect(ms).toBeGreaterThanOrEqual(2000);
      expect(ms).toBeLessThanOrEqual(4000);
    }
  });
});
