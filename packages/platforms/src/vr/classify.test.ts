import { classifyAnswer, classifyThrown } from './classify.js';

const answer = (status: number, headers: Record<string, string> = {}, text?: string) => ({ status, headers, url: 'http://127.0.0.1/vr/x', text });

describe('classifyAnswer', () => {
  test('success and redirects are no failure', () => {
    expect(classifyAnswer(answer(200), 'x')).toBeNull();
    expect(classifyAnswer(answer(302), 'x')).toBeNull();
  });

  test('429 is rate_limited with Retry-After', () => {
    const e = classifyAnswer(answer(429, { 'retry-after': '7' }), 'x')!;
    expect(e.kind).toBe('rate_limited');
    expect(e.details.retryAfterMs).toBe(7000);
  });

  test('a Cloudflare challenge is blocked: a person must act, retrying will not pass it', () => {
    expect(classifyAnswer(answer(403, { 'cf-mitigated': 'challenge' }), 'x')).toMatchObject({ kind: 'blocked', details: { code: 'cf_challenge' } });
    expect(classifyAnswer(answer(403, {}, '<title>Just a moment...</title>'), 'x')?.kind).toBe('blocked');
  });

  test('the maintenance page is unavailable (away, nothing failed); other 503s and 5xx are transient', () => {
    const down = classifyAnswer(answer(503, { 'retry-after': '3600' }, 'down for scheduled maintenance'), 'x')!;
    expect(down.kind).toBe('unavailable');
    expect(down.details.retryAfterMs).toBe(3_600_000);
    expect(classifyAnswer(answer(503, {}, 'Service temporarily unavailable'), 'x')?.kind).toBe('transient');
    expect(classifyAnswer(answer(500), 'x')?.kind).toBe('transient');
  });

  test('other refusals are permanent', () => {
    expect(classifyAnswer(answer(403), 'x')?.kind).toBe('permanent');
    expect(classifyAnswer(answer(404), 'x')).toMatchObject({ kind: 'permanent', details: { status: 404 } });
  });
});

describe('classifyThrown', () => {
  test('timeouts and network errors are transient', () => {
    const timeout = Object.assign(new Error('Navigation timeout of 5000 ms exceeded'), { name: 'TimeoutError' });
    expect(classifyThrown(timeout, 'x')).toMatchObject({ kind: 'transient', details: { code: 'timeout' } });
    expect(classifyThrown(new Error('net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/vr'), 'x')).toMatchObject({ kind: 'transient', details: { code: 'network' } });
  });
});
