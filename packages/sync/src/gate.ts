import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CallGate, CallSlot } from '@gearsync/platforms';

/**
 * A call budget in Redis, shared by every process that talks to one platform (executors and
 * snapshot readers, however many replicas, on however many machines), so the platform never
 * sees more than it allows. BullMQ's own limiter counts job starts in fixed windows, which lets
 * up to twice the budget through across a window boundary; this gate paces the calls themselves.
 *
 * A platform counts a request when it arrives, and we never know when that was: a browser, a
 * busy event loop or a busy platform can put it hundreds of milliseconds after its slot. What we
 * do know is that it arrived before its answer came back. So a slot is held from the moment it
 * is taken until its request is answered, and the window counts from the answer:
 * - a slot in flight counts as a call that may be arriving now (for at most `arrivalCapMs`: a
 *   request still unanswered by then, such as a slow export, reached the platform long ago). The
 *   cap is 10 s: on a busy 2-core machine a browser's request was measured reaching the platform
 *   3.2 s after its slot (the platform's event loop had stalled for 2.7 s), and with a 2 s cap
 *   three V&R executors were throttled 3 or 4 times a run;
 * - `release()` moves the slot to the time of the answer (Redis's clock, like every other
 *   reading here), so the platform's window of `perMs` has passed for it before another call
 *   takes its place;
 * - no more than `max` slots within `perMs` of now (a sliding window), the hard limit;
 * - slots are spaced evenly, `perMs / max` apart (a catch-up of one slot allowed), so replicas
 *   never fire a burst of `max` calls at once.
 * Every time is Redis's, so processes on several machines agree. Each request arrives after its
 * slot and before its answer, and a slot opens only `perMs` after an answer; however late a
 * request travels, the platform never counts more than `max` of them in any `perMs`.
 *
 * A sale's calls go first. While a process works for a sale (`urgently`), each of its calls
 * marks the gate urgent for a moment (long enough for its next call to follow), and every other
 * call waits while a mark holds: a sale watch's read of V&R's whole export, or the category walk
 * it starts with, never holds up the end of a sold guitar elsewhere. The mark is the process's
 * own and goes as soon as its work for the sale is done, so the budget is not left idle after it.
 */
const ACQUIRE = `
local key = KEYS[1]
local max = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local poll = tonumber(ARGV[4])
local urgent = tonumber(ARGV[5])
local holder = ARGV[6]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
-- Urgent marks: one per process working for a sale, each lapsing at its score.
local marks = key .. ':urgent'
if urgent > 0 then
  redis.call('ZADD', marks, now + urgent, holder)
  redis.call('PEXPIRE', marks, urgent)
else
  redis.call('ZREMRANGEBYSCORE', marks, '-inf', now)
  if redis.call('ZCARD', marks) > 0 then return {poll, ''} end
end
local interval = perMs / max
local nextAt = tonumber(redis.call('GET', key .. ':next') or '0')
if now < nextAt then
  return {math.max(1, math.ceil(nextAt - now)), ''}
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - perMs)
if redis.call('ZCARD', key) >= max then
  local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
  -- Still unanswered: it frees when its answer comes, any moment now.
  if oldest > now then return {poll, ''} end
  return {math.max(1, oldest + perMs - now), ''}
end
local seq = redis.call('INCR', key .. ':seq')
redis.call('ZADD', key, now + cap, seq)
redis.call('SET', key .. ':next', tostring(math.max(nextAt, now - interval) + interval), 'PX', perMs * 2)
redis.call('PEXPIRE', key, perMs + cap + 1000)
redis.call('PEXPIRE', key .. ':seq', perMs + cap + 1000)
return {0, tostring(seq)}
`;

/** The answer came: the slot counts from now, never later than it already did. */
const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', 'LT', now, ARGV[1])
return 0
`;

export interface GateOptions {
  max: number;
  perMs: number;
  /** How long an unanswered request may still be on its way to the platform. */
  arrivalCapMs?: number;
}

/** While a slot in flight blocks the window, how often to look again: it frees when its answer comes. */
const IN_FLIGHT_POLL_MS = 20;
/** A process's work for a sale is done: its urgent mark goes. */
const UNMARK = `redis.call('ZREM', KEYS[1] .. ':urgent', ARGV[1])
return 0`;

/** How long a sale's call keeps the others back at most: long enough for its next request to follow. */
const URGENT_HOLD_MS = 1_000;

export class RedisCallGate implements CallGate {
  private readonly arrivalCapMs: number;
  private urgentCalls = 0;
  /** This gate's own name among the urgent marks. */
  private readonly holder = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly options: GateOptions,
  ) {
    this.arrivalCapMs = options.arrivalCapMs ?? 10_000;
  }

  /** Runs `fn` with this process's calls ahead of every other call to the platform (a sale's, before a read). */
  async urgently<T>(fn: () => Promise<T>): Promise<T> {
    this.urgentCalls += 1;
    try {
      return await fn();
    } finally {
      this.urgentCalls -= 1;
      // A mark that could not be taken away lapses on its own within URGENT_HOLD_MS.
      if (this.urgentCalls === 0) await this.redis.eval(UNMARK, 1, this.key, this.holder).catch(() => undefined);
    }
  }

  async acquire(): Promise<CallSlot> {
    for (;;) {
      const urgent = this.urgentCalls > 0 ? URGENT_HOLD_MS : 0;
      const [wait, member] = (await this.redis.eval(ACQUIRE, 1, this.key, this.options.max, this.options.perMs, this.arrivalCapMs, IN_FLIGHT_POLL_MS, urgent, this.holder)) as [number, string];
      if (wait <= 0) return this.slot(member);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private slot(member: string): CallSlot {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        // Not awaited: a release that lands late only makes the slot count a little longer.
        this.redis.eval(RELEASE, 1, this.key, member).catch(() => undefined);
      },
    };
  }
}
