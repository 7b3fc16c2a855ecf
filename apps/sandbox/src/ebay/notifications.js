import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import express from 'express';
import { apiError, sendErrors } from './errors.js';
const BASE = '/commerce/notification/v1';
/** Seller topics the emulation publishes; eBay has more. */
const TOPICS = new Set(['ORDER_CONFIRMATION', 'ITEM_AVAILABILITY', 'MARKETPLACE_ACCOUNT_DELETION']);
const notificationError = (errorId, message, status) => ({ status, error: apiError(errorId, 'API_NOTIFICATION', message) });
function isLoopback(url) {
    return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}
/**
 * The Notification API: destinations (checked with eBay's challenge before they are kept),
 * subscriptions to topics, the public keys that verify `X-EBAY-SIGNATURE`, and delivery of
 * signed messages. eBay signs the message body with ECDSA over SHA-1; the header is base64 of
 * `{alg, kid, signature, digest}`, and `kid` names the key to fetch.
 */
export class NotificationHub {
    destinations = new Map();
    subscriptions = new Map();
    keyId = randomUUID();
    privateKey;
    publicPem;
    seq = 0;
    constructor() {
        const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
        this.privateKey = privateKey;
        this.publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    }
    clear() {
        this.destinations.clear();
        this.subscriptions.clear();
    }
    /** The header eBay would send with this exact body. */
    signatureOf(body) {
        const signature = sign('sha1', Buffer.from(body, 'utf8'), this.privateKey).toString('base64');
        return Buffer.from(JSON.stringify({ alg: 'ECDSA', kid: this.keyId, signature, digest: 'SHA1' })).toString('base64');
    }
    /** Endpoints subscribed (enabled, at an enabled destination) to a topic. */
    endpointsFor(topic) {
        return [...this.subscriptions.values()]
            .filter((s) => s.topicId === topic && s.status === 'ENABLED')
            .map((s) => this.destinations.get(s.destinationId))
            .filter((d) => d?.status === 'ENABLED')
            .map((d) => d.deliveryConfig.endpoint);
    }
    /** Sends one signed message to each endpoint; a failed delivery is eBay's to retry later. */
    async publish(topic, data, extra = []) {
        const now = new Date().toISOString();
        const body = JSON.stringify({
            metadata: { topic, schemaVersion: '1.0', deprecated: false },
            notification: { notificationId: randomUUID(), eventDate: now, publishDate: now, publisherId: 'gearsync-sandbox', publishAttemptCount: 1, data },
        });
        const signature = this.signatureOf(body);
        const targets = [...new Set([...this.endpointsFor(topic), ...extra])];
        await Promise.all(targets.map(async (url) => {
            try {
                await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ebay-signature': signature }, body, signal: AbortSignal.timeout(5000) });
            }
            catch {
                // eBay retries failed deliveries on its own schedule; the sale stands regardless.
            }
        }));
    }
    router() {
        const router = express.Router();
        router.use(BASE, express.json({ limit: '1mb' }));
        const fail = (res, e) => sendErrors(res, e.status, [e.error]);
        const location = (req, kind, id) => `${req.protocol}://${req.get('host')}${req.baseUrl}${BASE}/${kind}/${id}`;
        router.get(`${BASE}/public_key/:id`, (req, res) => {
            if (String(req.params.id) !== this.keyId)
                return fail(res, notificationError(195001, `The public key ${String(req.params.id)} was not found.`, 404));
            // eBay answers the PEM on one line, markers included.
            res.json({ algorithm: 'ECDSA', digest: 'SHA1', key: this.publicPem.replace(/\n/g, '') });
        });
        router.post(`${BASE}/destination`, async (req, res) => {
            const body = (req.body ?? {});
            const config = (body.deliveryConfig ?? {});
            const endpoint = typeof config.endpoint === 'string' ? config.endpoint : '';
            const verificationToken = typeof config.verificationToken === 'string' ? config.verificationToken : '';
            if (typeof body.name !== 'string' || !body.name)
                return fail(res, notificationError(195011, 'Missing name. A destination needs a name.', 400));
            if (body.status !== 'ENABLED' && body.status !== 'DISABLED')
                return fail(res, notificationError(195012, 'Invalid status. Use ENABLED or DISABLED.', 400));
            let url;
            try {
                url = new URL(endpoint);
            }
            catch {
                return fail(res, notificationError(195013, 'Invalid endpoint. deliveryConfig.endpoint must be an https URL.', 400));
            }
            // eBay takes https endpoints only; the sandbox also takes loopback http, where our tests live.
            if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url)))
                return fail(res, notificationError(195013, 'Invalid endpoint. deliveryConfig.endpoint must be an https URL.', 400));
            if (!/^[A-Za-z0-9_-]+$/.test(verificationToken)) {
                return fail(res, notificationError(195014, 'Invalid verificationToken. Use letters, digits, underscores and hyphens.', 400));
            }
            if ([...this.destinations.values()].some((d) => d.deliveryConfig.endpoint === endpoint)) {
                return fail(res, notificationError(195022, 'A destination with this endpoint already exists.', 409));
            }
            if (!(await challenge(endpoint, verificationToken))) {
                return fail(res, notificationError(195025, 'Challenge verification failed for the requested endpoint.', 412));
            }
            this.seq += 1;
            const destinationId = randomUUID();
            this.destinations.set(destinationId, { destinationId, name: body.name, status: body.status, deliveryConfig: { endpoint, verificationToken } });
            res.status(201).location(location(req, 'destination', destinationId)).end();
        });
        router.get(`${BASE}/destination`, (req, res) => {
            const list = [...this.destinations.values()];
            res.json({ href: location(req, 'destination', '').slice(0, -1), total: list.length, limit: 20, destinations: list });
        });
        router.get(`${BASE}/destination/:id`, (req, res) => {
            const d = this.destinations.get(String(req.params.id));
            if (!d)
                return fail(res, notificationError(195020, 'The destination was not found.', 404));
            res.json(d);
        });
        router.post(`${BASE}/subscription`, (req, res) => {
            const body = (req.body ?? {});
            const payload = (body.payload ?? {});
            if (typeof body.topicId !== 'string' || !TOPICS.has(body.topicId))
                return fail(res, notificationError(195002, `Invalid topicId ${String(body.topicId)}.`, 400));
            if (typeof body.destinationId !== 'string' || !this.destinations.has(body.destinationId)) {
                return fail(res, notificationError(195020, 'The destination was not found.', 404));
            }
            if (body.status !== 'ENABLED' && body.status !== 'DISABLED')
                return fail(res, notificationError(195012, 'Invalid status. Use ENABLED or DISABLED.', 400));
            if (payload.format !== 'JSON' || payload.deliveryProtocol !== 'HTTPS' || typeof payload.schemaVersion !== 'string') {
                return fail(res, notificationError(195008, 'Invalid payload. Use {format: "JSON", schemaVersion: "1.0", deliveryProtocol: "HTTPS"}.', 400));
            }
            if ([...this.subscriptions.values()].some((s) => s.topicId === body.topicId)) {
                return fail(res, notificationError(195016, `A subscription to ${body.topicId} already exists.`, 409));
            }
            const subscriptionId = randomUUID();
            this.subscriptions.set(subscriptionId, {
                subscriptionId,
                topicId: body.topicId,
                status: body.status,
                creationDate: new Date().toISOString(),
                destinationId: body.destinationId,
                payload: { format: 'JSON', schemaVersion: payload.schemaVersion, deliveryProtocol: 'HTTPS' },
            });
            res.status(201).location(location(req, 'subscription', subscriptionId)).end();
        });
        router.get(`${BASE}/subscription`, (req, res) => {
            const list = [...this.subscriptions.values()];
            res.json({ href: location(req, 'subscription', '').slice(0, -1), total: list.length, limit: 20, subscriptions: list });
        });
        return router;
    }
}
/** eBay's endpoint check: GET ?challenge_code=…, answered with sha256(code + token + endpoint) in hex. */
async function challenge(endpoint, token) {
    const code = randomUUID().replace(/-/g, '');
    const url = new URL(endpoint);
    url.searchParams.set('challenge_code', code);
    try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
        if (!res.ok)
            return false;
        const body = (await res.json());
        const expected = createHash('sha256').update(code).update(token).update(endpoint).digest('hex');
        return body.challengeResponse === expected;
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=notifications.js.map