import { asc, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { notifications } from '../schema.js';

export interface NewNotification {
  kind: string;
  /** Identifies the event: the same key twice is one notification. */
  key: string;
  text: string;
}

/** Records events to tell; one already recorded (same key) is left as it is. Answers how many are new. */
export async function add(db: DbOrTx, events: NewNotification[]): Promise<number> {
  if (!events.length) return 0;
  const rows = await db.insert(notifications).values(events).onConflictDoNothing({ target: notifications.key }).returning({ id: notifications.id });
  return rows.length;
}

export async function unsent(db: DbOrTx, limit: number): Promise<(typeof notifications.$inferSelect)[]> {
  return db.select().from(notifications).where(isNull(notifications.sentAt)).orderBy(asc(notifications.id)).limit(limit);
}

export async function markSent(db: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length) await db.update(notifications).set({ sentAt: new Date() }).where(inArray(notifications.id, ids));
}

export async function markAttempt(db: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length) await db.update(notifications).set({ attempts: sql`${notifications.attempts} + 1` }).where(inArray(notifications.id, ids));
}
