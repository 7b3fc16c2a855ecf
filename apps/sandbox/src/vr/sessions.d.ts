import type { Request, Response } from 'express';
export declare const SESSION_COOKIE = "PHPSESSID";
/** PHP's default session.gc_maxlifetime: 1,440 s without a request and the session is gone. */
export declare const DEFAULT_SESSION_TTL_MS = 1440000;
export interface Session {
    id: string;
    expiresAt: number;
    /** The dealer logged in on it; null for a visitor. */
    userId: number | null;
    /** `unique_id` tokens of item forms shown and not yet posted. */
    formTokens: Set<string>;
    /** A message shown once on the next page. */
    flash: string | null;
}
/** PHP-style sessions: an opaque id in a cookie, given to every visitor, expiring after a while without use. */
export declare class Sessions {
    private readonly ttlMs;
    private byId;
    constructor(ttlMs?: number);
    /** The request's live session, refreshed; a new visitor session (and its cookie) when it has none. */
    of(req: Request, res: Response): Session;
    /** The request's live session, if its cookie names one. */
    existing(req: Request): Session | null;
    /** Logs the dealer in on a fresh session id (PHP's session_regenerate_id). */
    login(req: Request, res: Response, userId: number): Session;
    close(id: string): void;
    expireAll(): void;
}
export declare function cookieOf(req: Request, name: string): string | null;
