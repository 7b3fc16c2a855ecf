import type { Platform } from './types.js';

export interface Hold {
  platform: Platform;
  destructive: number;
  total: number;
  pct: number;
}

/**
 * Platforms with fewer active listings than this are never held: one archived item on a new
 * shop of three listings is 33 %, and holding every such run for approval teaches people to
 * approve without looking.
 */
export const GUARD_MIN_LISTINGS = 5;

/**
 * A platform is held when its non-sale ends and deletes exceed `maxPct` of the listings active
 * there now. A plan that empties a shop is far more often a broken snapshot or a bad import than
 * an intention, so a person has to say yes. Sale-driven ends never count: a sold item must end.
 */
export function destructiveHolds(counts: readonly { platform: Platform; destructive: number; total: number }[], maxPct: number): Hold[] {
  const held: Hold[] = [];
  for (const { platform, destructive, total } of counts) {
    if (destructive === 0 || total < GUARD_MIN_LISTINGS) continue;
    if (destructive * 100 > maxPct * total) {
      held.push({ platform, destructive, total, pct: Math.round((destructive * 1000) / total) / 10 });
    }
  }
  return held;
}
