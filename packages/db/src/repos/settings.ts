import type { Platform } from '@gearsync/core';
import type { DbOrTx } from '../client.js';
import { platformSettings } from '../schema.js';

export interface PriceRuleRow {
  markupPct: number;
  roundToCents: number | null;
}

export async function priceRules(db: DbOrTx): Promise<Partial<Record<Platform, PriceRuleRow>>> {
  const rows = await db.select().from(platformSettings);
  return Object.fromEntries(rows.map((r) => [r.platform, { markupPct: r.markupPct, roundToCents: r.roundToCents }]));
}

export async function setPriceRule(db: DbOrTx, platform: Platform, rule: PriceRuleRow): Promise<void> {
  await db
    .insert(platformSettings)
    .values({ platform, ...rule })
    .onConflictDoUpdate({ target: platformSettings.platform, set: { ...rule, updatedAt: new Date() } });
}
