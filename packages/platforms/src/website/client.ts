import http from 'node:http';
import https from 'node:https';
import got, { type Got } from 'got';
import { noGate, type CallGate } from '../adapter.js';
import { PlatformError, isPlatformError } from '../errors.js';
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
  private readonly http: Got;
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private readonly secrets: string[];
  private count = 0;

  constructor(options: WooClientOptions) {
    const gate = options.gate ?? noGate;
    const retryBaseMs = options.retryBaseMs ?? 500;
    this.secrets = [options.key, options.secret].filter((s) => s.length >= 4);
    this.http = got.extend({
      prefixUrl: `${options.baseUrl.replace(/\/+$/, '')}/wp-json/wc/v3`,
      username: options.key,
      password: options.secret,
      timeout: { request: options.timeoutMs ?? 30_000 },
      throwHttpErrors: false,
      responseType: 'text',
      agent: this.agents,
      headers: { accept: 'application/json', 'user-agent': 'gearsync' },
      retry: {
        limit: options.getRetries ?? 2,
        methods: ['GET'],
        statusCodes: RETRY_STATUSES,
        calculateDelay: ({ attemptCount, computedValue }) => (computedValue === 0 ? 0 : Math.min(retryBaseMs * 2 ** (attemptCount - 1), 5_000)),
      },
      hooks: {
        beforeRequest: [
          async () => {
            await gate.acquire();
            this.count += 1;
          },
        ],
      },
    });
  }

  calls(): number {
    return this.count;
  }

  get(path: string, searchParams: Record<string, string | number>): Promise<WooAnswer> {
    return this.send(() => this.http.get(path, { searchParams }));
  }

  post(path: string, json: unknown): Promise<WooAnswer> {
    return this.send(() => this.http.post(path, { json }));
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async send(request: () => Promise<{ statusCode: number; headers: WooAnswer['headers']; body: string }>): Promise<WooAnswer> {
    try {
      let res;
      try {
        res = await request();
      } catch (err) {
        throw classifyFailure(err);
      }
      const body = parseJson(res.body);
      if (res.statusCode < 200 || res.statusCode >= 300) throw classify(res.statusCode, body === undefined ? res.body : body, res.headers);
      if (body === undefined) {
        const type = String(res.headers['content-type'] ?? 'an untyped body').split(';')[0];
        throw garbage(`${type} where JSON belongs`, res.body, res.statusCode);
      }
      return { status: res.statusCode, headers: res.headers, body };
    } catch (err) {
      throw this.scrubbed(err);
    }
  }

  /** A platform might echo what it was sent; credentials never leave in an error message. */
  private scrubbed(err: unknown): PlatformError {
    const e = isPlatformError(err) ? err : classifyFailure(err);
    const message = this.secrets.reduce((m, s) => m.split(s).join('***'), e.message);
    return message === e.message ? e : new PlatformError(e.kind, message, e.details);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
