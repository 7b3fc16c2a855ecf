import { classifyOAuth, garbage } from './classify.js';
import { parseJson, tokenSchema } from './wire.js';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  searchParams?: Record<string, string | number>;
  json?: unknown;
  form?: Record<string, string>;
  /** A raw body (the Trading API's XML), sent with its own content-type header. */
  body?: string;
  /** The answer is bytes, kept in `text` as latin1 (one char a byte). */
  binary?: boolean;
}

/** Sends one HTTP request as is (the client gates and counts it); no token handling. */
export type RawSend = (request: RawRequest) => Promise<RawAnswer>;

export const INVENTORY_SCOPE = 'https://api.ebay.com/oauth/api_scope/sell.inventory';
export const PUBLIC_SCOPE = 'https://api.ebay.com/oauth/api_scope';
export const FULFILLMENT_SCOPE = 'https://api.ebay.com/oauth/api_scope/sell.fulfillment';
export const NOTIFICATION_SCOPE = 'https://api.ebay.com/oauth/api_scope/commerce.notification.subscription';
/** What the seller's refresh token must have been granted: inventory, orders, notifications, and the public APIs. */
export const SELLER_SCOPES = [PUBLIC_SCOPE, INVENTORY_SCOPE, FULFILLMENT_SCOPE, NOTIFICATION_SCOPE];

export interface EbayAuthOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  scopes: string[];
  /** `refresh_token` (a seller's user token, the default) or `client_credentials` (an application token). */
  grant?: 'refresh_token' | 'client_credentials';
  send: RawSend;
  now?: () => number;
}

/**
 * The user access token, minted from the long-lived refresh token and kept until shortly
 * before it expires. Callers racing for a token share one refresh.
 */
export class EbayAuth {
  private current: { token: string; refreshAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: EbayAuthOptions) {
    this.now = options.now ?? Date.now;
  }

  async token(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return this.current.token;
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** eBay refused this token (expired early, revoked): the next `token()` mints a new one. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private async refresh(): Promise<string> {
    const { clientId, clientSecret, refreshToken, scopes } = this.options;
    const answer = await this.options.send({
      method: 'POST',
      url: this.options.tokenUrl,
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      form:
        this.options.grant === 'client_credentials'
          ? { grant_type: 'client_credentials', scope: scopes.join(' ') }
          : { grant_type: 'refresh_token', refresh_token: refreshToken, scope: scopes.join(' ') },
    });
    const body = parseJson(answer.text);
    if (answer.status !== 200) throw classifyOAuth(answer.status, body ?? answer.text, answer.headers);
    const parsed = tokenSchema.safeParse(body);
    if (!parsed.success) throw garbage('a token answer without an access token', body === undefined ? answer.text : '', answer.status);
    const ttlMs = parsed.data.expires_in * 1000;
    // Renew a little early so a token does not expire between our check and eBay's.
    this.current = { token: parsed.data.access_token, refreshAt: this.now() + ttlMs - Math.min(60_000, ttlMs / 10) };
    return parsed.data.access_token;
  }
}
