import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { auditLog } from '../schema.js';

export type AuditRow = typeof auditLog.$inferInsert;

/** Append-only: one row per action attempt. */
export async function append(db: DbOrTx, rows: AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(auditLog).values(rows.slice(i, i + 1000));
}

export async function forRun(db: DbOrTx, runId: string) {
  return db.select().from(auditLog).where(eq(auditLog.runId, runId)).orderBy(asc(auditLog.id));
}
