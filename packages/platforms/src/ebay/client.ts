import type { CallGate } from '../adapter.js';
import type { PlatformError } from '../errors.js';
import { PlatformHttp } from '../http.js';
import { EbayAuth, SELLER_SCOPES, type RawAnswer, type RawRequest } from './auth.js';
import { classify, classifyFailure, errorsOf, garbage, TOKEN_ERROR_IDS } from './classify.js';
import { parseJson } from './wire.js';

export interface EbayClientOptions {
  /** eBay's API root, e.g. `https://api.ebay.com` or the sandbox's `http://127.0.0.1:4000/ebay`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  scopes?: string[];
  /** How the token is had: the seller's refresh token, or the application's own (public keys). */
  grant?: 'refresh_token' | 'client_credentials';
  /** The natural language of what we write (eBay requires it on item and offer writes). */
  contentLanguage?: string;
  timeoutMs?: number;
  gate?: CallGate;
}

export interface EbayAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or null for an empty body (204). */
  body: unknown;
}

export interface CallSpec {
  query?: Record<string, string | number>;
  json?: unknown;
  /** The Content-Language of this write, where it is not the client's own (the listing's marketplace). */
  language?: string;
  /** The path is from eBay's API root (`/sell/metadata/v1/…`), not from the Inventory API's base. */
  root?: boolean;
  /** Headers of this call beside auth and language (e.g. `X-EBAY-C-MARKETPLACE-ID`). */
  headers?: Record<string, string>;
}

const INVENTORY_BASE = '/sell/inventory/v1';

/**
 * HTTP to the Sell Inventory API. Answers 2xx and the Inventory API's own 4xx verdicts to the
 * caller; throws PlatformError for everything else (throttling, 5xx, auth, transport, garbage).
 * Every request, token refreshes included, waits on the gate and counts as a call.
 */
export class EbayClient {
  private readonly http: PlatformHttp;
  private readonly auth: EbayAuth;
  private readonly root: string;
  private readonly contentLanguage: string;

  constructor(options: EbayClientOptions) {
    this.root = options.baseUrl.replace(/\/+$/, '');
    this.contentLanguage = options.contentLanguage ?? 'en-US';
    this.http = new PlatformHttp({
      name: 'ebay',
      baseUrl: this.root,
      secrets: [options.clientSecret, options.refreshToken],
      timeoutMs: options.timeoutMs ?? 30_000,
      ...(options.gate ? { gate: options.gate } : {}),
      classifyFailure: (err) => classifyFailure(err),
    });
    this.auth = new EbayAuth({
      tokenUrl: `${this.root}/identity/v1/oauth2/token`,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      refreshToken: options.refreshToken,
      scopes: options.scopes ?? SELLER_SCOPES,
      ...(options.grant ? { grant: options.grant } : {}),
      send: (request) => this.raw(request),
    });
  }

  calls(): number {
    return this.http.calls();
  }

  close(): void {
    this.http.close();
  }

  /** One Inventory API call; a token eBay refuses (401/1001, 403/1100) is renewed and the call repeated once. */
  async call(method: RawRequest['method'], path: string, spec: CallSpec = {}): Promise<EbayAnswer> {
    try {
      let token = await this.auth.token();
      let answer = await this.raw(this.request(method, path, spec, token));
      if (refusesToken(answer)) {
        this.auth.invalidate(token);
        token = await this.auth.token();
        answer = await this.raw(this.request(method, path, spec, token));
      }
      return this.interpret(answer);
    } catch (err) {
      throw this.scrubbed(err);
    }
  }

  /**
   * A file download from eBay's API root (the Feed API's result files): the bytes on 200;
   * anything else is read as an ordinary answer (eBay's error envelope, or thrown).
   */
  async download(path: string): Promise<{ status: number; headers: EbayAnswer['headers']; bytes: Buffer } | EbayAnswer> {
    try {
      const send = async (token: string) => this.raw({ ...this.request('GET', path, { root: true }, token), binary: true });
      let token = await this.auth.token();
      let answer = await send(token);
      if (refusesToken(answer)) {
        this.auth.invalidate(token);
        token = await this.auth.token();
        answer = await send(token);
      }
      if (answer.status === 200) return { status: 200, headers: answer.headers, bytes: Buffer.from(answer.text, 'latin1') };
      return this.interpret(answer);
    } catch (err) {
      throw this.scrubbed(err);
    }
  }

  /**
   * One Trading API call (XML over `POST /ws/api.dll`, the OAuth token in X-EBAY-API-IAF-TOKEN).
   * Answers the XML; the Trading API reports its errors inside it with HTTP 200.
   */
  async trading(callName: string, siteId: string, xml: string): Promise<string> {
    try {
      const send = async (token: string) =>
        this.raw({
          method: 'POST',
          url: `${this.root}/ws/api.dll`,
          headers: {
            'x-ebay-api-call-name': callName,
            'x-ebay-api-siteid': siteId,
            'x-ebay-api-compatibility-level': '1349',
            'x-ebay-api-iaf-token': token,
            'content-type': 'text/xml',
          },
          body: xml,
        });
      let token = await this.auth.token();
      let answer = await send(token);
      if (answer.status === 200 && /<ErrorCode>(21916984|21917053)<\/ErrorCode>/.test(answer.text)) {
        this.auth.invalidate(token);
        token = await this.auth.token();
        answer = await send(token);
      }
      if (answer.status !== 200) throw classify(answer.status, answer.text, answer.headers);
      return answer.text;
    } catch (err) {
      throw this.scrubbed(err);
    }
  }

  private request(method: RawRequest['method'], path: string, spec: CallSpec, token: string): RawRequest {
    return {
      method,
      url: `${this.root}${spec.root ? '' : INVENTORY_BASE}${path}`,
      headers: { authorization: `Bearer ${token}`, ...(method === 'GET' ? {} : { 'content-language': spec.language ?? this.contentLanguage }), ...spec.headers },
      ...(spec.query ? { searchParams: spec.query } : {}),
      ...(spec.json !== undefined ? { json: spec.json } : {}),
    };
  }

  private interpret(answer: RawAnswer): EbayAnswer {
    const body = parseJson(answer.text);
    const ok = answer.status >= 200 && answer.status < 300;
    if (ok && body === undefined && answer.text.trim() !== '') {
      const type = String(answer.headers['content-type'] ?? 'an untyped body').split(';')[0];
      throw garbage(`${type} where JSON belongs`, answer.text, answer.status);
    }
    if (ok) return { status: answer.status, headers: answer.headers, body: body ?? null };
    // The Inventory API's own verdicts (400, 404) come as its error envelope; anything else is not for the caller to read.
    if (answer.status === 429 || answer.status === 401 || answer.status === 403 || answer.status === 408 || answer.status >= 500 || !errorsOf(body).length) {
      throw classify(answer.status, body ?? answer.text, answer.headers);
    }
    return { status: answer.status, headers: answer.headers, body };
  }

  private async raw(request: RawRequest): Promise<RawAnswer> {
    const answer = await this.http.send(request.method, request.url, {
      headers: request.headers,
      ...(request.searchParams ? { searchParams: request.searchParams } : {}),
      ...(request.json !== undefined ? { json: request.json } : {}),
      ...(request.form ? { form: request.form } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(request.binary ? { binary: true } : {}),
    });
    return { status: answer.status, headers: answer.headers, text: answer.text };
  }

  /** Credentials never leave in an error message, even if a proxy echoes them. */
  private scrubbed(err: unknown): PlatformError {
    return this.http.scrub(err);
  }
}

function refusesToken(answer: RawAnswer): boolean {
  if (answer.status !== 401 && answer.status !== 403) return false;
  if (answer.status === 401) return true;
  return errorsOf(parseJson(answer.text)).some((e) => TOKEN_ERROR_IDS.has(e.errorId));
}
