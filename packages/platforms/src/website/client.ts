import type { CallGate } from '../adapter.js';
import { PlatformHttp, type HttpAnswer } from '../http.js';
import { classify, classifyFailure, garbage } from './classify.js';

export interface WooClientOptions {
  /** The shop's root, e.g. `https://shop.example` or the sandbox's `http://127.0.0.1:4000/website`. */
  baseUrl: string;
  key: string;
  secret: string;
  timeoutMs?: number;
  gate?: CallGate;
  /** Retries of a failed GET inside the client; writes are never retried here (the executor owns that). */
  getRetries?: number;
  retryBaseMs?: number;
}

export interface WooAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Statuses worth a second read: the host's hiccups, not WordPress's verdicts. */
const RETRY_STATUSES = [408, 500, 502, 503, 504, 520, 521, 522, 524];

/**
 * HTTP to WooCommerce REST v3: Basic auth with the consumer key and secret (WooCommerce takes
 * Basic only over HTTPS; a real shop's baseUrl must be https), JSON in and out. Every attempt,
 * retries included, waits on the gate and counts as a call.
 */
export class WooClient {
  private readonly http: PlatformHttp;

  constructor(options: WooClientOptions) {
    this.http = new PlatformHttp({
      name: 'website',
      baseUrl: `${options.baseUrl.replace(/\/+$/, '')}/wp-json/wc/v3`,
      basicAuth: { username: options.key, password: options.secret },
      secrets: [options.key, options.secret],
      timeoutMs: options.timeoutMs ?? 30_000,
      ...(options.gate ? { gate: options.gate } : {}),
      retry: { limit: options.getRetries ?? 2, methods: ['GET'], statusCodes: RETRY_STATUSES, baseMs: options.retryBaseMs ?? 500 },
      classify: (a) => classify(a.status, a.body === undefined ? a.text : a.body, a.headers),
      classifyFailure: (err) => classifyFailure(err),
      garbage: (a) => garbage(`${String(a.headers['content-type'] ?? 'an untyped body').split(';')[0]} where JSON belongs`, a.text, a.status),
    });
  }

  calls(): number {
    return this.http.calls();
  }

  get(path: string, searchParams: Record<string, string | number>): Promise<WooAnswer> {
    return this.answer(this.http.json('GET', path, { searchParams }));
  }

  post(path: string, json: unknown): Promise<WooAnswer> {
    return this.answer(this.http.json('POST', path, { json }));
  }

  put(path: string, json: unknown): Promise<WooAnswer> {
    return this.answer(this.http.json('PUT', path, { json }));
  }

  delete(path: string, searchParams: Record<string, string | number> = {}): Promise<WooAnswer> {
    return this.answer(this.http.json('DELETE', path, { searchParams }));
  }

  close(): void {
    this.http.close();
  }

  /** WooCommerce always answers a body: an empty 2xx is the host's doing, not an answer. */
  private async answer(pending: Promise<HttpAnswer>): Promise<WooAnswer> {
    const a = await pending;
    if (a.body === undefined) throw this.http.garbage(a);
    return { status: a.status, headers: a.headers, body: a.body };
  }
}
