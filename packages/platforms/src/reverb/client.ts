import http from 'node:http';
import https from 'node:https';
import got from 'got';
import { noGate, type CallGate } from '../adapter.js';
import type { PlatformError } from '../errors.js';
import { classifyFailure, classifyResponse, garbage } from './classify.js';

export interface ReverbClientOptions {
  /** Where the API lives, without `/api`: `https://api.reverb.com` or `http://127.0.0.1:4000/reverb`. */
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  gate?: CallGate;
}

export interface ReverbResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or null when the answer was empty or not JSON. */
  body: unknown;
  /** "GET /my/listings": for messages, never carrying the token. */
  what: string;
}

const HAL = 'application/hal+json';

/** Reverb API v3 over HTTP: the headers it requires, one counted and gated request at a time. */
export class ReverbClient {
  readonly apiRoot: string;
  private count = 0;
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  constructor(private readonly options: ReverbClientOptions) {
    this.apiRoot = `${options.baseUrl.replace(/\/+$/, '')}/api`;
  }

  calls(): number {
    return this.count;
  }

  /** True for URLs under our API root: only those get the bearer token. */
  owns(url: string): boolean {
    return url === this.apiRoot || url.startsWith(`${this.apiRoot}/`) || url.startsWith(`${this.apiRoot}?`);
  }

  /**
   * One request. Answers every HTTP status as a response (the adapter decides which are
   * outcomes); throws PlatformError only when there was no answer, or a 2xx that is not JSON.
   */
  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', pathOrUrl: string, options: { searchParams?: Record<string, string | number>; json?: unknown } = {}): Promise<ReverbResponse> {
    const url = new URL(pathOrUrl.startsWith('http') ? pathOrUrl : `${this.apiRoot}${pathOrUrl}`);
    for (const [k, v] of Object.entries(options.searchParams ?? {})) url.searchParams.set(k, String(v));
    const what = `${method} ${url.pathname.slice(new URL(this.apiRoot).pathname.length) || '/'}`;
    await (this.options.gate ?? noGate).acquire();
    this.count += 1;
    let res;
    try {
      res = await got(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'accept-version': '3.0',
          accept: HAL,
          ...(options.json === undefined ? {} : { 'content-type': HAL }),
        },
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
        responseType: 'text',
        throwHttpErrors: false,
        followRedirect: false,
        retry: { limit: 0 },
        timeout: { request: this.options.timeoutMs ?? 20_000 },
        agent: this.agents,
      });
    } catch (err) {
      throw this.scrub(classifyFailure(err, what));
    }
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    let body: unknown = null;
    if (res.body.trim()) {
      try {
        body = JSON.parse(res.body);
      } catch {
        if (ok) throw garbage(what, `not JSON (${String(res.headers['content-type'] ?? 'no content type')}, ${res.body.length} bytes)`, res.statusCode);
      }
    }
    return { status: res.statusCode, headers: res.headers, body, what };
  }

  /** A response's failure as a PlatformError, its message scrubbed of the token. */
  failure(res: ReverbResponse): PlatformError {
    return this.scrub(classifyResponse(res.status, res.headers, res.body, res.what));
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private scrub(err: PlatformError): PlatformError {
    if (this.options.token && err.message.includes(this.options.token)) err.message = err.message.split(this.options.token).join('[redacted]');
    return err;
  }
}
