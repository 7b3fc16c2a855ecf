import type { CallGate } from '../adapter.js';
import type { PlatformError } from '../errors.js';
import { PlatformHttp } from '../http.js';
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
  private readonly http: PlatformHttp;

  constructor(options: ReverbClientOptions) {
    this.apiRoot = `${options.baseUrl.replace(/\/+$/, '')}/api`;
    this.http = new PlatformHttp({
      name: 'Reverb',
      baseUrl: this.apiRoot,
      headers: { authorization: `Bearer ${options.token}`, 'accept-version': '3.0', accept: HAL },
      jsonContentType: HAL,
      secrets: [options.token],
      mask: '[redacted]',
      timeoutMs: options.timeoutMs ?? 20_000,
      followRedirect: false,
      ...(options.gate ? { gate: options.gate } : {}),
      classify: (a) => classifyResponse(a.status, a.headers, a.body ?? null, a.what),
      classifyFailure: (err, what) => classifyFailure(err, what),
    });
  }

  calls(): number {
    return this.http.calls();
  }

  /** True for URLs under our API root: only those get the bearer token. */
  owns(url: string): boolean {
    return this.http.owns(url);
  }

  /**
   * One request. Answers every HTTP status as a response (the adapter decides which are
   * outcomes); throws PlatformError only when there was no answer, or a 2xx that is not JSON.
   */
  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', pathOrUrl: string, options: { searchParams?: Record<string, string | number>; json?: unknown } = {}): Promise<ReverbResponse> {
    const a = await this.http.send(method, pathOrUrl, options);
    const ok = a.status >= 200 && a.status < 300;
    if (ok && a.body === undefined && a.text.trim()) {
      throw garbage(a.what, `not JSON (${String(a.headers['content-type'] ?? 'no content type')}, ${a.text.length} bytes)`, a.status);
    }
    return { status: a.status, headers: a.headers, body: a.body ?? null, what: a.what };
  }

  /** A response's failure as a PlatformError, its message scrubbed of the token. */
  failure(res: ReverbResponse): PlatformError {
    return this.http.failure({ ...res, text: '' });
  }

  close(): void {
    this.http.close();
  }
}
