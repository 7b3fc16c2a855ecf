import http from 'node:http';
import https from 'node:https';
import got, { type Got, type Method } from 'got';
import { backoffMs } from '@gearsync/core';
import { noGate, type CallGate, type CallSlot } from './adapter.js';
import { PlatformError, isPlatformError, parseRetryAfter } from './errors.js';

export type HttpHeaders = Record<string, string | string[] | undefined>;

/** One answer, whatever its status. */
export interface HttpAnswer {
  status: number;
  headers: HttpHeaders;
  /** The raw body. */
  text: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  body: unknown;
  /** `GET /products`: method and path under the base URL, for messages. Never the query, where credentials may ride. */
  what: string;
}

export interface HttpRequest {
  searchParams?: Record<string, string | number>;
  json?: unknown;
  form?: Record<string, string>;
  /** A body sent as it is, with the content type in `headers` (eBay's Trading API XML). */
  body?: string;
  headers?: Record<string, string>;
  /** The body is bytes (a zipped report): `text` holds them as latin1, one char a byte (`Buffer.from(text, 'latin1')`). */
  binary?: boolean;
}

export interface HttpRetry {
  /** Further attempts after the first; each waits on the gate and counts as a call. */
  limit: number;
  methods: Method[];
  statusCodes: number[];
  /** First wait; doubles per attempt, at most 5 s. */
  baseMs: number;
}

export interface PlatformHttpOptions {
  /** How messages name the platform: `website`, `ebay`. */
  name: string;
  /** Relative paths are resolved under it (`https://shop.example/wp-json/wc/v3`). */
  baseUrl: string;
  /** Sent on every request (auth, version, accept). */
  headers?: Record<string, string>;
  basicAuth?: { username: string; password: string };
  /** Never to appear in an error message (tokens, secrets, keys). */
  secrets?: string[];
  /** What a scrubbed secret reads as. */
  mask?: string;
  timeoutMs?: number;
  gate?: CallGate;
  retry?: HttpRetry;
  followRedirect?: boolean;
  /** The content type a `json` body is sent with (Reverb wants `application/hal+json`). */
  jsonContentType?: string;
  /** A non-2xx answer as the platform's error; the shared ladder when absent. */
  classify?: (answer: HttpAnswer) => PlatformError;
  /** No answer at all (refused, reset, timed out). */
  classifyFailure?: (err: unknown, what: string) => PlatformError;
  /** A 2xx answer whose body is not JSON. */
  garbage?: (answer: HttpAnswer) => PlatformError;
}

/**
 * The ladder every platform starts from: 429 waits (Retry-After when given), 401/403 need a
 * person, 408 and 5xx are worth another try, any other refusal is the request's own fault.
 */
export function ladder(status: number, headers: HttpHeaders, message: string, details: { code?: string } = {}): PlatformError {
  const base = { status, ...details };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    return new PlatformError('rate_limited', message, retryAfterMs === undefined ? base : { ...base, retryAfterMs });
  }
  if (status === 401 || status === 403) return new PlatformError('auth', message, base);
  if (status === 408 || status >= 500) return new PlatformError('transient', message, base);
  return new PlatformError('permanent', message, base);
}

/** A short, readable excerpt of a non-JSON answer (a host's HTML error page, a challenge page). */
export function excerpt(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain.length > 120 ? `${plain.slice(0, 120)}…` : plain;
}

/** No answer at all: timeouts, refused or reset connections, DNS. Always worth a later try. */
export function transportFailure(name: string, err: unknown): PlatformError {
  if (isPlatformError(err)) return err;
  const code = (err as { code?: string }).code;
  const errName = (err as { name?: string }).name;
  if (errName === 'TimeoutError' || code === 'ETIMEDOUT') return new PlatformError('transient', `${name}: request timed out`, { code: 'ETIMEDOUT' });
  // got wraps a failure of its own hooks (the call gate's store unreachable) without a socket code: say what it was.
  const cause = code === 'ERR_GOT_REQUEST_ERROR' ? (err as { cause?: { message?: string } }).cause?.message : undefined;
  return new PlatformError('transient', `${name}: request failed (${code ?? errName ?? 'unknown error'}${cause ? `: ${cause.slice(0, 200)}` : ''})`, code ? { code } : {});
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The one HTTP client every platform API goes through: keep-alive agents, the call budget
 * (the gate is awaited before every attempt, retries included), call counting, JSON bodies,
 * the error ladder and secret scrubbing. A platform configures it; it knows no platform.
 */
export class PlatformHttp {
  private readonly got: Got;
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private readonly base: URL;
  private readonly secrets: string[];
  private count = 0;

  constructor(private readonly options: PlatformHttpOptions) {
    const gate = options.gate ?? noGate;
    this.base = new URL(options.baseUrl.replace(/\/+$/, ''));
    // Short values would scrub ordinary words out of messages; URL-encoded forms ride in queries.
    const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
    this.secrets = [...new Set([...secrets, ...secrets.map(encodeURIComponent)])].sort((a, b) => b.length - a.length);
    const retry = options.retry;
    const auth = options.basicAuth ? { authorization: `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}` } : {};
    this.got = got.extend({
      timeout: { request: options.timeoutMs ?? 30_000 },
      throwHttpErrors: false,
      responseType: 'text',
      followRedirect: options.followRedirect ?? true,
      agent: this.agents,
      headers: { accept: 'application/json', 'user-agent': 'gearsync', ...auth, ...options.headers },
      retry: retry
        ? {
            limit: retry.limit,
            methods: retry.methods,
            statusCodes: retry.statusCodes,
            calculateDelay: ({ attemptCount, computedValue }) => (computedValue === 0 ? 0 : backoffMs(retry.baseMs, attemptCount, { capMs: 5_000 })),
          }
        : { limit: 0 },
      hooks: {
        beforeRequest: [
          async (options) => {
            // A retry starts only after the attempt before it was answered: that slot is spent.
            const slots = (options.context as { slots?: Array<CallSlot | void> }).slots;
            slots?.splice(0).forEach((slot) => slot?.release());
            const slot = await gate.acquire();
            slots?.push(slot);
            this.count += 1;
          },
        ],
      },
    });
  }

  /** Requests made, every retry counted. */
  calls(): number {
    return this.count;
  }

  /** The absolute URL of a path under the base (an absolute URL stays as it is). */
  url(pathOrUrl: string): URL {
    if (/^https?:\/\//i.test(pathOrUrl)) return new URL(pathOrUrl);
    const url = new URL(this.base.toString());
    const [path, query] = pathOrUrl.split('?', 2) as [string, string | undefined];
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';
    if (query !== undefined) url.search = query;
    return url;
  }

  /** True for URLs under the base URL: only those may carry our credentials. */
  owns(url: string): boolean {
    const root = this.base.toString().replace(/\/+$/, '');
    return url === root || url.startsWith(`${root}/`) || url.startsWith(`${root}?`);
  }

  /** One request; any status is an answer. Throws a (scrubbed) PlatformError only when nothing answered. */
  async send(method: Method, pathOrUrl: string, request: HttpRequest = {}): Promise<HttpAnswer> {
    const url = this.url(pathOrUrl);
    for (const [k, v] of Object.entries(request.searchParams ?? {})) url.searchParams.set(k, String(v));
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const what = `${method} ${url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname}`;
    const headers: Record<string, string> = { ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = this.options.jsonContentType ?? 'application/json';
    } else if (request.form) {
      body = new URLSearchParams(request.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (request.body !== undefined) {
      body = request.body;
    }
    let res;
    // The gate's slots for this request's attempts, handed back once the platform has answered.
    const slots: Array<CallSlot | void> = [];
    try {
      res = await this.got(url, { method, headers, context: { slots }, ...(body === undefined ? {} : { body }), ...(request.binary ? { encoding: 'latin1' as const } : {}) });
    } catch (err) {
      throw this.scrub(this.options.classifyFailure ? this.options.classifyFailure(err, what) : transportFailure(this.options.name, err));
    } finally {
      for (const slot of slots) slot?.release();
    }
    return { status: res.statusCode, headers: res.headers, text: res.body, body: parseJson(res.body), what };
  }

  /**
   * One request that must succeed: a 2xx answer (its body JSON, or empty), or a PlatformError
   * from the platform's classification (the shared ladder by default), scrubbed.
   */
  async json(method: Method, pathOrUrl: string, request: HttpRequest = {}): Promise<HttpAnswer> {
    const answer = await this.send(method, pathOrUrl, request);
    if (answer.status < 200 || answer.status >= 300) throw this.failure(answer);
    if (answer.body === undefined && answer.text.trim() !== '') throw this.scrub(this.garbage(answer));
    return answer;
  }

  /** A non-2xx answer as the platform's error, scrubbed. */
  failure(answer: HttpAnswer): PlatformError {
    return this.scrub(this.options.classify ? this.options.classify(answer) : this.defaultClassify(answer));
  }

  /** A 2xx answer that is not JSON, as the platform's error. */
  garbage(answer: HttpAnswer): PlatformError {
    if (this.options.garbage) return this.scrub(this.options.garbage(answer));
    const type = String(answer.headers['content-type'] ?? 'an untyped body').split(';')[0];
    return this.scrub(new PlatformError('transient', `${this.options.name}: HTTP ${answer.status} answered ${type} where JSON belongs "${excerpt(answer.text)}"`, { status: answer.status, code: 'garbage' }));
  }

  /** Credentials never leave in an error message, even when a platform or a proxy echoes them. */
  scrub(err: unknown): PlatformError {
    const e = isPlatformError(err) ? err : transportFailure(this.options.name, err);
    const mask = this.options.mask ?? '***';
    const message = this.secrets.reduce((m, s) => m.split(s).join(mask), e.message);
    return message === e.message ? e : new PlatformError(e.kind, message, e.details);
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private defaultClassify(answer: HttpAnswer): PlatformError {
    const said = answer.text.trim() ? `"${excerpt(answer.text)}"` : 'no error body';
    return ladder(answer.status, answer.headers, `${this.options.name}: ${answer.what} answered HTTP ${answer.status} ${said}`);
  }
}
