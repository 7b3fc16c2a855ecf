import type { Platform } from '@gearsync/core';
import { notifications } from '@gearsync/db';
import { redactText } from '@gearsync/runtime';
import type { ProducerContext } from './context.js';

/** What the dealer hears about at NOTIFY_URL. */
export type NoticeKind = 'sale' | 'oversell' | 'held' | 'failed' | 'refused' | 'watch';

export interface Notice {
  kind: NoticeKind;
  /** The event's identity: the same key twice is told once (a retried report, a sale seen by two runs). */
  key: string;
  text: string;
}

const HEADINGS: Record<NoticeKind, string> = {
  oversell: 'OVERSOLD: one buyer must be refunded',
  refused: 'A platform refuses gearsync',
  held: 'A plan waits for your approval',
  failed: 'Actions failed',
  watch: 'The sale watch cannot read a platform',
  sale: 'Sold',
};
/** A platform refuses gearsync (a credential, a challenge): only a person can mend it. Told once an hour per platform and kind. */
export function refusedNotice(platform: Platform, kind: string, error: string): Notice {
  return { kind: 'refused', key: `refused:${platform}:${kind}:${new Date().toISOString().slice(0, 13)}`, text: `${platform} refuses gearsync (${kind}): ${error}` };
}

const ORDER: NoticeKind[] = ['oversell', 'refused', 'held', 'failed', 'watch', 'sale'];
/** Lines per kind in one message; the rest are counted, so a run of a thousand sales is one short message. */
const LINES_PER_KIND = 15;

/**
 * Records notices and asks for a flush a moment later, so everything a run tells goes out as one
 * message. Never throws: telling the dealer must not stop a run.
 */
export async function notify(ctx: ProducerContext, notices: Notice[]): Promise<void> {
  if (!ctx.config.NOTIFY_URL || !notices.length) return;
  try {
    const fresh = await notifications.add(ctx.database.db, notices.map((n) => ({ ...n, text: redactText(n.text) })));
    if (fresh) await requestFlush(ctx);
  } catch (err) {
    ctx.logger.warn('could not record a notification', { error: redactText((err as Error).message) });
  }
}

export async function requestFlush(ctx: ProducerContext): Promise<void> {
  // Deduplicated while one is waiting: the events of the next second ride along with it.
  await ctx.queues.watch.add('notify', {}, { deduplication: { id: 'notify-flush' }, delay: 1000, removeOnComplete: true, removeOnFail: { age: 3600 } });
}

/** One message for a batch of notices: grouped by kind, the most urgent first, long lists counted. */
export function formatMessage(batch: { kind: string; text: string }[]): string {
  const parts: string[] = [];
  for (const kind of ORDER) {
    const lines = batch.filter((n) => n.kind === kind).map((n) => n.text);
    if (!lines.length) continue;
    const shown = lines.slice(0, LINES_PER_KIND).map((l) => `• ${l}`);
    if (lines.length > LINES_PER_KIND) shown.push(`• … and ${lines.length - LINES_PER_KIND} more`);
    parts.push(`*${HEADINGS[kind]}* (${lines.length})\n${shown.join('\n')}`);
  }
  return `gearsync\n${parts.join('\n\n')}`;
}

/**
 * Sends what is waiting, in messages of at most 200 notices. A failed post leaves them waiting
 * (the job's retry, or the next flush, sends them); a sent one is never sent again.
 */
export async function flushNotifications(ctx: ProducerContext): Promise<number> {
  const url = ctx.config.NOTIFY_URL;
  if (!url) return 0;
  const db = ctx.database.db;
  let sent = 0;
  for (;;) {
    const batch = await notifications.unsent(db, 200);
    if (!batch.length) return sent;
    const text = formatMessage(batch);
    // `text` is what Slack reads, `content` what Discord reads (at most 2,000 characters).
    const body = JSON.stringify({ text, content: text.length > 2000 ? `${text.slice(0, 1990)}…` : text });
    let status = 0;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(ctx.config.HTTP_TIMEOUT_MS) });
      status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      await notifications.markAttempt(db, batch.map((n) => n.id));
      throw new Error(`the notification URL did not answer: ${redactText((err as Error).message)}`);
    }
    if (status < 200 || status >= 300) {
      await notifications.markAttempt(db, batch.map((n) => n.id));
      throw new Error(`the notification URL answered ${status}`);
    }
    await notifications.markSent(db, batch.map((n) => n.id));
    sent += batch.length;
  }
}
