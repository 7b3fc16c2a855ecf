import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CallGate } from './adapter.js';
import { PlatformError } from './errors.js';
import { ladder, PlatformHttp, type PlatformHttpOptions } from './http.js';
import { classify as ebayClassify } from './ebay/classify.js';
import { classifyResponse as reverbClassify } from './reverb/classify.js';
import { classify as wooClassify } from './website/classify.js';
import { platformFailure as failure } from './errors.testing.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler;
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/shop/api`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  handler = (_req, _body, res) => json(res, 200, { ok: true });
});

let client: PlatformHttp;
afterEach(() => client?.close());
const open = (extra: Partial<PlatformHttpOptions> = {}) => (client = new PlatformHttp({ name: 'shop', baseUrl: base, timeoutMs: 1000, ...extra }));

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}


describe('requests', () => {
  it('resolves paths under the base, sends JSON with the configured headers and auth, and parses the answer', async () => {
    open({ headers: { 'accept-version': '3.0' }, basicAuth: { username: 'ck_1', password: 'cs_1' }, jsonContentType: 'application/hal+json' });
    handler = (_req, body, res) => json(res, 201, { echo: JSON.parse(body) });
    const answer = await client.json('POST', '/products/batch', { json: { a: 1 }, searchParams: { page: 2 } });
    expect(answer).toMatchObject({ status: 201, body: { echo: { a: 1 } }, what: 'POST /products/batch' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/shop/api/products/batch?page=2' });
    expect(seen[0]!.headers).toMatchObject({
      'accept-version': '3.0',
      'content-type': 'application/hal+json',
      authorization: `Basic ${Buffer.from('ck_1:cs_1').toString('base64')}`,
    });
  });

  it('sends forms, and takes absolute URLs as they are', async () => {
    open();
    await client.send('POST', `${base}/token?x=1`, { form: { grant_type: 'refresh_token' } });
    expect(seen[0]).toMatchObject({ url: '/shop/api/token?x=1', body: 'grant_type=refresh_token' });
    expect(seen[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(client.owns(`${base}/products?page=2`)).toBe(true);
    expect(client.owns('http://127.0.0.1:1/elsewhere')).toBe(false);
  });

  it('answers any status from send, leaving the verdict to the caller', async () => {
    open();
    handler = (_req, _body, res) => json(res, 422, { message: 'nope' });
    const answer = await client.send('PUT', 'listings/1');
    expect(answer).toMatchObject({ status: 422, body: { message: 'nope' }, what: 'PUT /listings/1' });
  });
});

describe('the ladder', () => {
  const cases: [number, PlatformError['kind']][] = [
    [400, 'permanent'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'permanent'],
    [408, 'transient'],
    [429, 'rate_limited'],
    [500, 'transient'],
    [503, 'transient'],
  ];
  it.each(cases)('HTTP %i is %s', async (status, kind) => {
    open();
    handler = (_req, _body, res) => json(res, status, { error: 'x' }, status === 429 ? { 'retry-after': '7' } : {});
    const err = await failure(client.json('GET', 'products'));
    expect(err.kind).toBe(kind);
    expect(err.details.status).toBe(status);
    if (status === 429) expect(err.details.retryAfterMs).toBe(7000);
  });

  it('uses the platform’s own classification where it has one', async () => {
    open({ classify: (a) => new PlatformError('permanent', `custom ${a.status} ${a.what}`, { status: a.status, code: 'mine' }) });
    handler = (_req, _body, res) => json(res, 500, {});
    const err = await failure(client.json('GET', 'products'));
    expect(err).toMatchObject({ kind: 'permanent', message: 'custom 500 GET /products', details: { code: 'mine' } });
  });

  it('takes a 2xx that is not JSON as transient garbage, and an empty 2xx as an answer', async () => {
    open();
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><title>Just a moment...</title></head></html>');
    };
    const err = await failure(client.json('GET', 'products'));
    expect(err).toMatchObject({ kind: 'transient', details: { code: 'garbage', status: 200 } });
    expect(err.message).toMatch(/text\/html where JSON belongs "Just a moment\.\.\."/);
    handler = (_req, _body, res) => {
      res.writeHead(204);
      res.end();
    };
    expect(await client.json('DELETE', 'products/1')).toMatchObject({ status: 204, body: undefined });
  });

  it('takes no answer at all as transient', async () => {
    client = new PlatformHttp({ name: 'shop', baseUrl: 'http://127.0.0.1:9/x', timeoutMs: 1000 });
    const err = await failure(client.send('GET', 'products'));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/shop: request failed \(ECONNREFUSED\)/);
  });

  it('takes a timeout as transient', async () => {
    open({ timeoutMs: 100 });
    handler = () => undefined; // never answers
    const err = await failure(client.send('GET', 'slow'));
    expect(err).toMatchObject({ kind: 'transient', message: 'shop: request timed out' });
  });
});

describe('each platform on the shared ladder', () => {
  const platforms = {
    ebay: (status: number, body: unknown) => ebayClassify(status, body, status === 429 ? { 'retry-after': '3' } : {}),
    reverb: (status: number, body: unknown) => reverbClassify(status, status === 429 ? { 'retry-after': '3' } : {}, body, 'PUT /listings/1'),
    website: (status: number, body: unknown) => wooClassify(status, body, status === 429 ? { 'retry-after': '3' } : {}),
  };
  it.each(Object.keys(platforms))('%s takes 400, 401, 403, 404, 408, 429, 500 and 503 as the ladder does', (name) => {
    const own = platforms[name as keyof typeof platforms];
    for (const status of [400, 401, 403, 404, 408, 429, 500, 503]) {
      const shared = ladder(status, status === 429 ? { 'retry-after': '3' } : {}, 'x');
      const err = own(status, { message: 'no' });
      expect([status, err.kind, err.details.status, err.details.retryAfterMs]).toEqual([status, shared.kind, status, shared.details.retryAfterMs]);
    }
  });

  it('keeps only what differs: eBay’s error ids, Reverb’s validation answers', () => {
    const envelope = (errorId: number) => ({ errors: [{ errorId, domain: 'API_INVENTORY', category: 'REQUEST', message: 'm' }] });
    expect(ebayClassify(400, envelope(2001)).kind).toBe('rate_limited');
    expect(ebayClassify(400, envelope(25025)).kind).toBe('transient');
    expect(ebayClassify(400, envelope(25002))).toMatchObject({ kind: 'permanent', details: { status: 400, code: '25002' } });
    expect(ebayClassify(403, envelope(1100)).kind).toBe('auth');
    for (const status of [412, 422]) {
      expect(reverbClassify(status, {}, { message: 'Invalid', errors: { price: ['is too low'] } }, 'POST /listings')).toMatchObject({
        kind: 'permanent',
        message: `Reverb POST /listings answered ${status}: Invalid: price is too low`,
        details: { status, code: 'validation' },
      });
    }
  });
});

describe('secrets', () => {
  it('never lets a secret out in an error message, plain or URL-encoded', async () => {
    open({ secrets: ['s3cr3t/token+1', 'ab'] });
    handler = (_req, _body, res) => json(res, 400, { message: `bad token s3cr3t/token+1 or ${encodeURIComponent('s3cr3t/token+1')} ab` });
    const err = await failure(client.json('GET', 'products', { searchParams: { token: 's3cr3t/token+1' } }));
    expect(err.message).not.toContain('s3cr3t');
    expect(err.message).not.toContain(encodeURIComponent('s3cr3t/token+1'));
    expect(err.message).toContain('***');
    // Values too short to be secrets are not scrubbed out of ordinary words.
    expect(err.message).toContain(' ab');
  });

  it('never shows the query in what a request is called', async () => {
    open();
    const answer = await client.send('GET', 'products', { searchParams: { consumer_secret: 'cs_zz' } });
    expect(answer.what).toBe('GET /products');
  });
});

describe('calls and the gate', () => {
  it('waits on the gate before every attempt and counts each, retries included', async () => {
    let acquired = 0;
    const gate: CallGate = { acquire: async () => void (acquired += 1) };
    open({ gate, retry: { limit: 2, methods: ['GET'], statusCodes: [503], baseMs: 1 } });
    handler = (_req, _body, res) => json(res, 503, {});
    const err = await failure(client.json('GET', 'products'));
    expect(err.kind).toBe('transient');
    expect(seen).toHaveLength(3);
    expect(client.calls()).toBe(3);
    expect(acquired).toBe(3);
  });

  it('hands back the slot of each attempt once it is answered, before the next attempt takes one', async () => {
    const events: string[] = [];
    let n = 0;
    const gate: CallGate = {
      acquire: async () => {
        const id = (n += 1);
        events.push(`take ${id}`);
        return { release: () => events.push(`back ${id}`) };
      },
    };
    open({ gate, retry: { limit: 1, methods: ['GET'], statusCodes: [503], baseMs: 1 } });
    let attempts = 0;
    handler = (_req, _body, res) => {
      attempts += 1;
      events.push(`answer ${attempts}`);
      json(res, attempts === 1 ? 503 : 200, {});
    };
    await client.json('GET', 'products');
    expect(events).toEqual(['take 1', 'answer 1', 'back 1', 'take 2', 'answer 2', 'back 2']);
  });

  it('hands the slot back when nothing answered', async () => {
    const released: number[] = [];
    const gate: CallGate = { acquire: async () => ({ release: () => released.push(1) }) };
    open({ gate, baseUrl: 'http://127.0.0.1:9/nothing' });
    await failure(client.send('GET', 'products'));
    expect(released).toEqual([1]);
  });

  it('does not retry a write', async () => {
    open({ retry: { limit: 2, methods: ['GET'], statusCodes: [503], baseMs: 1 } });
    handler = (_req, _body, res) => json(res, 503, {});
    await failure(client.json('POST', 'products', { json: {} }));
    expect(client.calls()).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it('makes no request until the gate opens', async () => {
    let open_: () => void = () => undefined;
    const gate: CallGate = { acquire: () => new Promise<void>((resolve) => (open_ = resolve)) };
    open({ gate });
    const pending = client.send('GET', 'products');
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(0);
    open_();
    await pending;
    expect(seen).toHaveLength(1);
  });
});
