import { randomBytes } from 'node:crypto';
import express from 'express';
import { gateway, sendErrors } from './errors.js';
/** Scopes a refresh token minted for a seller's inventory app may ask for again. */
const GRANTED_SCOPES = new Set([
    'https://api.ebay.com/oauth/api_scope',
    'https://api.ebay.com/oauth/api_scope/sell.inventory',
    'https://api.ebay.com/oauth/api_scope/sell.inventory.readonly',
    'https://api.ebay.com/oauth/api_scope/sell.fulfillment',
    'https://api.ebay.com/oauth/api_scope/sell.fulfillment.readonly',
    'https://api.ebay.com/oauth/api_scope/sell.account',
    'https://api.ebay.com/oauth/api_scope/sell.account.readonly',
    'https://api.ebay.com/oauth/api_scope/commerce.notification.subscription',
    'https://api.ebay.com/oauth/api_scope/commerce.notification.subscription.readonly',
]);
/** User access tokens issued from the refresh token, each with its own expiry. */
export class TokenRegistry {
    tokens = new Map();
    issue(ttlSeconds) {
        const token = `v^1.1#i^1#r^0#p^3#I^3#f^0#t^${randomBytes(24).toString('base64url')}`;
        this.tokens.set(token, Date.now() + ttlSeconds * 1000);
        return token;
    }
    check(token) {
        const expiresAt = this.tokens.get(token);
        if (expiresAt === undefined)
            return 'unknown';
        return Date.now() < expiresAt ? 'valid' : 'expired';
    }
    expireAll() {
        for (const token of this.tokens.keys())
            this.tokens.set(token, 0);
    }
}
function oauthError(res, status, error, description) {
    res.status(status).json({ error, error_description: description });
}
function basicCredentials(req) {
    const header = req.get('authorization');
    if (!header?.startsWith('Basic '))
        return null;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
/** `POST /identity/v1/oauth2/token`: the refresh-token grant, form-encoded, Basic client credentials. */
export function tokenRouter(credentials, tokens, ttlSeconds) {
    const router = express.Router();
    router.post('/identity/v1/oauth2/token', express.urlencoded({ extended: false }), (req, res) => {
        const client = basicCredentials(req);
        if (!client || client.id !== credentials.clientId || client.secret !== credentials.clientSecret) {
            return oauthError(res, 401, 'invalid_client', 'client authentication failed');
        }
        if (!req.is('application/x-www-form-urlencoded')) {
            return oauthError(res, 400, 'invalid_request', 'request is missing a required parameter or malformed');
        }
        const form = (req.body ?? {});
        // The client credentials grant mints an application token: public APIs only (Taxonomy, public keys).
        if (form.grant_type === 'client_credentials') {
            const scopes = typeof form.scope === 'string' ? form.scope.split(/\s+/).filter(Boolean) : [];
            if (!scopes.length || scopes.some((s) => s !== 'https://api.ebay.com/oauth/api_scope')) {
                return oauthError(res, 400, 'invalid_scope', 'the requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client');
            }
            const ttl = ttlSeconds();
            return res.json({ access_token: tokens.issue(ttl), expires_in: ttl, token_type: 'Application Access Token' });
        }
        if (form.grant_type !== 'refresh_token') {
            return oauthError(res, 400, 'unsupported_grant_type', 'grant type in request is not supported by the authorization server');
        }
        if (typeof form.refresh_token !== 'string' || form.refresh_token !== credentials.refreshToken) {
            return oauthError(res, 400, 'invalid_grant', 'the provided authorization refresh token is invalid or was issued to another client');
        }
        const scopes = typeof form.scope === 'string' ? form.scope.split(/\s+/).filter(Boolean) : [];
        if (scopes.some((s) => !GRANTED_SCOPES.has(s))) {
            return oauthError(res, 400, 'invalid_scope', 'the requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client');
        }
        const ttl = ttlSeconds();
        res.json({ access_token: tokens.issue(ttl), expires_in: ttl, token_type: 'User Access Token' });
    });
    return router;
}
/** The API gateway's check of `Authorization: Bearer …`: unknown 401/1001, expired 403/1100. */
export function authenticate(tokens) {
    return (req, res, next) => {
        const header = req.get('authorization') ?? '';
        const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
        const state = token ? tokens.check(token) : 'unknown';
        if (state === 'unknown')
            return sendErrors(res, 401, [gateway.invalidToken()]);
        if (state === 'expired')
            return sendErrors(res, 403, [gateway.expiredToken()]);
        next();
    };
}
//# sourceMappingURL=oauth.js.map