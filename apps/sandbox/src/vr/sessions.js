import { randomBytes } from 'node:crypto';
export const SESSION_COOKIE = 'PHPSESSID';
/** PHP's default session.gc_maxlifetime: 1,440 s without a request and the session is gone. */
export const DEFAULT_SESSION_TTL_MS = 1_440_000;
/** PHP-style sessions: an opaque id in a cookie, given to every visitor, expiring after a while without use. */
export class Sessions {
    ttlMs;
    byId = new Map();
    constructor(ttlMs = DEFAULT_SESSION_TTL_MS) {
        this.ttlMs = ttlMs;
    }
    /** The request's live session, refreshed; a new visitor session (and its cookie) when it has none. */
    of(req, res) {
        const live = this.existing(req);
        if (live)
            return live;
        const session = { id: randomBytes(16).toString('hex').slice(0, 26), expiresAt: Date.now() + this.ttlMs, userId: null, formTokens: new Set(), flash: null };
        this.byId.set(session.id, session);
        res.cookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true });
        return session;
    }
    /** The request's live session, if its cookie names one. */
    existing(req) {
        const id = cookieOf(req, SESSION_COOKIE);
        if (!id)
            return null;
        const session = this.byId.get(id);
        if (!session || session.expiresAt < Date.now()) {
            this.byId.delete(id);
            return null;
        }
        session.expiresAt = Date.now() + this.ttlMs;
        return session;
    }
    /** Logs the dealer in on a fresh session id (PHP's session_regenerate_id). */
    login(req, res, userId) {
        const old = this.existing(req);
        if (old)
            this.byId.delete(old.id);
        const session = { id: randomBytes(16).toString('hex').slice(0, 26), expiresAt: Date.now() + this.ttlMs, userId, formTokens: new Set(), flash: null };
        this.byId.set(session.id, session);
        res.cookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true });
        return session;
    }
    close(id) {
        this.byId.delete(id);
    }
    expireAll() {
        this.byId.clear();
    }
}
export function cookieOf(req, name) {
    for (const part of (req.headers.cookie ?? '').split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name)
            return decodeURIComponent(part.slice(eq + 1).trim());
    }
    return null;
}
//# sourceMappingURL=sessions.js.map