import type { Redis } from 'ioredis';
import type { CallGate } from '@gearsync/platforms';

/**
 * A sliding-window call budget in Redis, shared by every process that talks to one platform
 * (executors and snapshot readers alike), so the platform never sees more than it allows.
 * BullMQ's own limiter counts job starts in fixed windows, which lets up to twice the budget
 * through across a window boundary; this gate paces the calls themselves.
 */
const SCRIPT = `
local key = KEYS[1]
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < max then
  local seq = redis.call('INCR', key .. ':seq')
  redis.call('ZADD', key, now, now .. ':' .. seq)
  redis.call('PEXPIRE', key, window * 2)
  redis.call('PEXPIRE', key .. ':seq', window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export interface GateOptions {
  max: number;
  perMs: number;
  /** Added to the window to absorb the time between taking a slot and the request arriving. */
  marginMs?: number;
}

export class RedisCallGate implements CallGate {
  private calls = 0;

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
    const window = this.options.perMs + this.marginMs;
    for (;;) {
      const wait = Number(await this.redis.eval(SCRIPT, 1, this.key, this.options.max, window));
      if (wait <= 0) {
        this.calls += 1;
        return;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  taken(): number {
    return this.calls;
  }
}
