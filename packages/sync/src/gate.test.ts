import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisCallGate } from './gate.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The most arrivals any window of `perMs` holds, as a platform with a sliding window counts them. */
function busiestWindow(arrivals: number[], perMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= perMs) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('the call gate in Redis', () => {
  const connections: Redis[] = [];
  const connect = () => {
    const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    connections.push(redis);
    return redis;
  };
  afterAll(async () => Promise.all(connections.map((c) => c.quit())));

  it('keeps the platform within its budget however late each request arrives between its slot and its answer', async () => {
    const key = `test:gate:${randomUUID()}`;
    const budget = { max: 4, perMs: 400 };
    // Three processes, three requests in flight each: the replicas of one platform's executors.
    const gates = [0, 1, 2].map(() => new RedisCallGate(connect(), key, budget));
    const arrivals: number[] = [];
    let left = 36;
    const lane = async (gate: RedisCallGate) => {
      while (left > 0) {
        left -= 1;
        const slot = await gate.acquire();
        // On its way: a browser or a busy event loop can make this far longer than any margin.
        await sleep(Math.random() * 250);
        arrivals.push(Date.now());
        // The platform takes its time to answer, too.
        await sleep(Math.random() * 60);
        slot.release();
      }
    };
    await Promise.all(gates.flatMap((gate) => [lane(gate), lane(gate), lane(gate)]));
    expect(arrivals).toHaveLength(36);
    expect(busiestWindow(arrivals, budget.perMs)).toBeLessThanOrEqual(budget.max);
  });

  it('lets a slot that is never answered (its process died) go after the arrival cap', async () => {
    const key = `test:gate:${randomUUID()}`;
    const budget = { max: 1, perMs: 100, arrivalCapMs: 300 };
    const gate = new RedisCallGate(connect(), key, budget);
    // Taken before the lost slot: a busy event loop that hands the slot over late cannot shorten the wait measured.
    const first = Date.now();
    await gate.acquire(); // never released
    await gate.acquire();
    // It could only open once the cap and then the window had passed for the lost slot.
    expect(Date.now() - first).toBeGreaterThanOrEqual(budget.arrivalCapMs + budget.perMs - 20);
  });

  it('lets the call of a sale past a background call that was waiting first', async () => {
    const key = `test:gate:${randomUUID()}`;
    const budget = { max: 1, perMs: 300 };
    const reader = new RedisCallGate(connect(), key, budget);
    const seller = new RedisCallGate(connect(), key, budget);
    (await reader.acquire()).release();
    const order: string[] = [];
    const read = reader.acquire().then((slot) => (order.push('read'), slot.release()));
    await sleep(10);
    const sale = seller.urgently(async () => {
      const slot = await seller.acquire();
      order.push('sale');
      slot.release();
    });
    await Promise.all([read, sale]);
    expect(order).toEqual(['sale', 'read']);
  });

  it("takes a sale's mark away once its work is done, and only that process's mark", async () => {
    const key = `test:gate:${randomUUID()}`;
    const redis = connect();
    const budget = { max: 5, perMs: 100 };
    const first = new RedisCallGate(redis, key, budget);
    const second = new RedisCallGate(connect(), key, budget);
    const marks = () => redis.zrange(`${key}:urgent`, 0, -1);
    let finish = () => undefined as void;
    const held = new Promise<void>((r) => (finish = r));
    const long = first.urgently(async () => {
      (await first.acquire()).release();
      await held;
    });
    await second.urgently(async () => (await second.acquire()).release());
    // The second sale is done: its mark is gone, the first one's still holds the others back.
    expect(await marks()).toHaveLength(1);
    finish();
    await long;
    expect(await marks()).toHaveLength(0);
  });

  it('holds a slot in flight, then counts it from its answer', async () => {
    const key = `test:gate:${randomUUID()}`;
    const redis = connect();
    const gate = new RedisCallGate(redis, key, { max: 2, perMs: 1000 });
    const redisNow = async () => {
      const [s, us] = await redis.time();
      return Number(s) * 1000 + Math.floor(Number(us) / 1000);
    };
    const score = async () => Number((await redis.zrange(key, 0, 0, 'WITHSCORES'))[1]);
    const slot = await gate.acquire();
    expect(await score()).toBeGreaterThan(await redisNow());
    await sleep(30);
    const before = await redisNow();
    slot.release();
    await sleep(30);
    const answered = await score();
    expect(answered).toBeGreaterThanOrEqual(before);
    expect(answered).toBeLessThanOrEqual(await redisNow());
    // Handing it back again changes nothing.
    slot.release();
    await sleep(30);
    expect(await score()).toBe(answered);
  });
});
