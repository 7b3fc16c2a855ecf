import { type Router } from 'express';
/**
 * The Notification API: destinations (checked with eBay's challenge before they are kept),
 * subscriptions to topics, the public keys that verify `X-EBAY-SIGNATURE`, and delivery of
 * signed messages. eBay signs the message body with ECDSA over SHA-1; the header is base64 of
 * `{alg, kid, signature, digest}`, and `kid` names the key to fetch.
 */
export declare class NotificationHub {
    private destinations;
    private subscriptions;
    private readonly keyId;
    private readonly privateKey;
    private readonly publicPem;
    private seq;
    constructor();
    clear(): void;
    /** The header eBay would send with this exact body. */
    signatureOf(body: string): string;
    /** Endpoints subscribed (enabled, at an enabled destination) to a topic. */
    endpointsFor(topic: string): string[];
    /** Sends one signed message to each endpoint; a failed delivery is eBay's to retry later. */
    publish(topic: string, data: Record<string, unknown>, extra?: string[]): Promise<void>;
    router(): Router;
}
