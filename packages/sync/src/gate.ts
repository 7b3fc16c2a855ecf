import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { CallGate } from '@gearsync/platforms';

/**
 * A call budget in Redis, shared by every process that talks to one platform (executors and
 * snapshot readers, however many replicas, on however many machines), so the platform never
 * sees more than it allows. BullMQ's own limiter counts job starts in fixed windows, which lets
 * up to twice the budget through across a window boundary; this gate paces the calls themselves.
 *
 * Two rules, checked together in one script:
 * - slots are spaced evenly, `(perMs + margin) / max` apart (a catch-up of one slot allowed), so
 *   replicas never fire a burst of `max` calls at once: a burst reaches the platform spread over
 *   however long the platform takes to read it, and the late ones then crowd the next window;
 * - no more than `max` slots within `perMs + margin` (a sliding window), the hard limit.
 * The margin is what a request may lag behind its slot before it reaches the platform: the
 * transport's own (a browser more than an HTTP client) plus this process's event-loop delay,
 * which grows when a machine is busy. The widest margin any process reported in the last few
 * seconds applies to all of them, since any one of them may be the late one.
 */
const SCRIPT = `
local key = KEYS[1]
local max = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local margin = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local shared = tonumber(redis.call('GET', key .. ':margin') or '0')
if margin > shared then
  redis.call('SET', key .. ':margin', margin, 'PX', 5000)
  shared = margin
end
local window = perMs + shared
local interval = window / max
local nextAt = tonumber(redis.call('GET', key .. ':next') or '0')
if now < nextAt then
  return math.max(1, math.ceil(nextAt - now))
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= max then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
local seq = redis.call('INCR', key .. ':seq')
redis.call('ZADD', key, now, now .. ':' .. seq)
redis.call('SET', key .. ':next', tostring(math.max(nextAt, now - interval) + interval), 'PX', window * 2)
redis.call('PEXPIRE', key, window * 2)
redis.call('PEXPIRE', key .. ':seq', window * 2)
return 0
`;

export interface GateOptions {
  max: number;
  perMs: number;
  /** Added to the window to absorb the time between taking a slot and the request arriving. */
  marginMs?: number;
}

/** This process's recent worst event-loop delay in ms: how late a request may leave after its slot. */
class LoopLag {
  private histogram: IntervalHistogram | null = null;
  private previousMax = 0;
  private since = Date.now();

  ms(): number {
    if (!this.histogram) {
      this.histogram = monitorEventLoopDelay({ resolution: 10 });
      this.histogram.enable();
    }
    const current = this.histogram.max / 1e6;
    if (Date.now() - this.since > 2000) {
      this.previousMax = current;
      this.histogram.reset();
      this.since = Date.now();
    }
    // The resolution itself shows as delay; beyond a second the process has other troubles.
    return Math.min(1000, Math.max(0, Math.max(this.previousMax, current) - 10));
  }
}

const lag = new LoopLag();

export class RedisCallGate implements CallGate {
  private marginMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly options: GateOptions,
  ) {
    this.marginMs = options.marginMs ?? 60;
  }

  /** Sets the margin once the adapter (which knows its transport) exists. */
  setMargin(ms: number): void {
    this.marginMs = ms;
  }

  async acquire(): Promise<void> {
    for (;;) {
      const margin = Math.round(this.marginMs + lag.ms());
      const wait = Number(await this.redis.eval(SCRIPT, 1, this.key, this.options.max, this.options.perMs, margin));
      if (wait <= 0) return;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
