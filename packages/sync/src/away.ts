import type { Platform } from '@gearsync/core';
import { inMaintenanceWindow } from '@gearsync/platforms';
import type { SyncContext } from './context.js';

/** How long a call waits when its platform is inside its maintenance hours. */
export const MAINTENANCE_WAIT_MS = 10 * 60_000;

/**
 * Why a platform is not even tried now, or null: V&R's nightly maintenance hours
 * (`VR_MAINTENANCE_HOURS`), when the site is down anyway. Its runs skip it without failing
 * anything, and the next run catches up.
 */
export function awayReason(ctx: SyncContext, platform: Platform, now = new Date()): string | null {
  if (platform === 'vr' && inMaintenanceWindow(now, ctx.config.VR_MAINTENANCE_HOURS)) {
    return `Vintage & Rare is in its maintenance hours (${ctx.config.VR_MAINTENANCE_HOURS} UTC); not tried until they end`;
  }
  return null;
}
