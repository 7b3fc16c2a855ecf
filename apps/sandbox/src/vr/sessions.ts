import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'PHPSESSID';
/** PHP's default session.gc_maxlifetime: 1,440 s without a request and the session is gone. */
export const DEFAULT_SESSION_TTL_MS = 1_440_000;

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
export class Sessions {
  private byId = new Map<string, Session>();

  constructor(private readonly ttlMs = DEFAULT_SESSION_TTL_MS) {}

  /** The request's live session, refreshed; a new visitor session (and its cookie) when it has none. */
  of(req: Request, res: Response): Session {
    const live = this.existing(req);
    if (live) return live;
    const session: Session = { id: randomBytes(16).toString('hex').slice(0, 26), expiresAt: Date.now() + this.ttlMs, userId: null, formTokens: new Set(), flash: null };
    this.byId.set(session.id, session);
    res.cookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true });
    return session;
  }

  /** The request's live session, if its cookie names one. */
  existing(req: Request): Session | null {
    const id = cookieOf(req, SESSION_COOKIE);
    if (!id) return null;
    const session = this.byId.get(id);
    if (!session || session.expiresAt < Date.now()) {
      this.byId.delete(id);
      return null;
    }
    session.expiresAt = Date.now() + this.ttlMs;
    return session;
  }

  /** Logs the dealer in on a fresh session id (PHP's session_regenerate_id). */
  login(req: Request, res: Response, userId: number): Session {
    const old = this.existing(req);
    if (old) this.byId.delete(old.id);
    const session: Session = { id: randomBytes(16).toString('hex').slice(0, 26), expiresAt: Date.now() + this.ttlMs, userId, formTokens: new Set(), flash: null };
    this.byId.set(session.id, session);
    res.cookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true });
    return session;
  }

  close(id: string): void {
    this.byId.delete(id);
  }

  expireAll(): void {
    this.byId.clear();
  }
}

export function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}
