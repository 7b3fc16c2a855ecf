import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { PlatformError } from '../errors.js';
import { PUBLIC_SCOPE } from './auth.js';
import { classify, garbage } from './classify.js';
import { EbayClient } from './client.js';
import { orderSchema } from './wire.js';

export interface EbayNotificationOptions {
  /** eBay's API root, as for the adapter. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  timeoutMs?: number;
}

/** A Notification API message, the fields a sale needs. */
export interface EbayNotification {
  topic: string;
  notificationId: string | null;
  orderId: string | null;
}

/** `X-EBAY-SIGNATURE`: base64 of `{alg, kid, signature, digest}`; null when it is not that. */
function signatureHeader(header: string): { kid: string; signature: Buffer; digest: string } | null {
  try {
    const parsed = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Record<string, unknown>;
    if (parsed.alg !== 'ECDSA' || typeof parsed.kid !== 'string' || typeof parsed.signature !== 'string') return null;
    const digest = typeof parsed.digest === 'string' ? parsed.digest : 'SHA1';
    return { kid: parsed.kid, signature: Buffer.from(parsed.signature, 'base64'), digest };
  } catch {
    return null;
  }
}

/** eBay serves the key as one line, markers included; PEM wants its lines back. */
function pemOf(key: string): string {
  const body = key.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return `-----BEGIN PUBLIC KEY-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END PUBLIC KEY-----\n`;
}

export function parseNotification(raw: Buffer | string): EbayNotification | null {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString());
  } catch {
    return null;
  }
  const body = value as { metadata?: { topic?: unknown }; notification?: { notificationId?: unknown; data?: { orderId?: unknown } } };
  if (typeof body?.metadata?.topic !== 'string') return null;
  const orderId = body.notification?.data?.orderId;
  const id = body.notification?.notificationId;
  return { topic: body.metadata.topic, notificationId: typeof id === 'string' ? id : null, orderId: typeof orderId === 'string' && orderId ? orderId : null };
}

/**
 * Verifies eBay's signed notifications and reads the order they name. The public key named
 * by the signature's `kid` is fetched once (with an application token, as eBay requires) and
 * kept; the order is read with the seller's token from the Fulfillment API.
 */
export class EbayNotificationVerifier {
  private readonly app: EbayClient;
  private readonly seller: EbayClient;
  private readonly keys = new Map<string, Promise<{ key: string; digest: string }>>();

  constructor(options: EbayNotificationOptions) {
    this.app = new EbayClient({ ...options, grant: 'client_credentials', scopes: [PUBLIC_SCOPE] });
    this.seller = new EbayClient(options);
  }

  /** True only when the header is eBay's signature of exactly this body. */
  async verify(raw: Buffer, header: string | undefined): Promise<boolean> {
    if (!header) return false;
    const sig = signatureHeader(header.trim());
    if (!sig) return false;
    let key: { key: string; digest: string };
    try {
      key = await this.publicKey(sig.kid);
    } catch (err) {
      // An unknown key id is a forgery; eBay being away is not the sender's fault.
      if (err instanceof PlatformError && err.kind === 'permanent') return false;
      throw err;
    }
    const algorithm = (key.digest || sig.digest).toLowerCase().replace('-', '');
    const publicKey = createPublicKey(pemOf(key.key));
    if (verifySignature(algorithm, raw, publicKey, sig.signature)) return true;
    // eBay's own SDKs verify over the message re-serialised; accept that form too.
    try {
      return verifySignature(algorithm, Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8')))), publicKey, sig.signature);
    } catch {
      return false;
    }
  }

  /** The SKUs sold in an order. */
  async orderSkus(orderId: string): Promise<string[]> {
    const answer = await this.seller.call('GET', `/sell/fulfillment/v1/order/${encodeURIComponent(orderId)}`, { root: true });
    if (answer.status !== 200) throw classify(answer.status, answer.body);
    const parsed = orderSchema.safeParse(answer.body);
    if (!parsed.success) throw garbage('an order eBay does not send', JSON.stringify(answer.body).slice(0, 200), answer.status);
    return [...new Set(parsed.data.lineItems.map((l) => l.sku).filter((s): s is string => !!s))];
  }

  close(): void {
    this.app.close();
    this.seller.close();
  }

  private publicKey(kid: string): Promise<{ key: string; digest: string }> {
    let hit = this.keys.get(kid);
    if (!hit) {
      hit = this.fetchKey(kid);
      this.keys.set(kid, hit);
      // A failed fetch is not remembered: the next message tries again.
      hit.catch(() => this.keys.delete(kid));
    }
    return hit;
  }

  private async fetchKey(kid: string): Promise<{ key: string; digest: string }> {
    const answer = await this.app.call('GET', `/commerce/notification/v1/public_key/${encodeURIComponent(kid)}`, { root: true });
    if (answer.status !== 200) throw classify(answer.status, answer.body);
    const body = answer.body as { key?: unknown; digest?: unknown } | null;
    if (typeof body?.key !== 'string') throw garbage('a public key answer without a key', JSON.stringify(answer.body).slice(0, 200), answer.status);
    return { key: body.key, digest: typeof body.digest === 'string' ? body.digest : 'SHA1' };
  }
}
