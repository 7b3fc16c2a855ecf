import { eq, sql } from 'drizzle-orm';
import type { Platform } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { saleWatch } from '../schema.js';

export type SaleWatchRow = typeof saleWatch.$inferSelect;

export async function get(db: DbOrTx, platform: Platform): Promise<SaleWatchRow | null> {
  const [row] = await db.select().from(saleWatch).where(eq(saleWatch.platform, platform));
  return row ?? null;
}

export async function all(db: DbOrTx): Promise<SaleWatchRow[]> {
  return db.select().from(saleWatch);
}

/** A poll that read its platform: the cursor moves on, the failure count resets. */
export async function succeeded(db: DbOrTx, platform: Platform, cursor: Date, salesFound: number): Promise<void> {
  await db
    .insert(saleWatch)
    .values({ platform, cursor, failures: 0, lastError: null, lastPolledAt: new Date(), salesFound })
    .onConflictDoUpdate({
      target: saleWatch.platform,
      set: { cursor, failures: 0, lastError: null, lastPolledAt: new Date(), salesFound: sql`${saleWatch.salesFound} + ${salesFound}` },
    });
}

/** A poll that failed: the cursor stays (the next tick reads the same span again); answers the failures in a row. */
export async function failed(db: DbOrTx, platform: Platform, cursor: Date, error: string): Promise<number> {
  const [row] = await db
    .insert(saleWatch)
    .values({ platform, cursor, failures: 1, lastError: error, lastPolledAt: new Date() })
    .onConflictDoUpdate({ target: saleWatch.platform, set: { failures: sql`${saleWatch.failures} + 1`, lastError: error, lastPolledAt: new Date() } })
    .returning({ failures: saleWatch.failures });
  return row!.failures;
}
