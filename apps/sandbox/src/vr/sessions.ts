import { randomBytes } from 'node:crypto';
import type { Request } from 'express';

export const SESSION_COOKIE = 'PHPSESSID';
/** PHP's default session.gc_maxlifetime: 1,440 s without a request and the session is gone. */
export const DEFAULT_SESSION_TTL_MS = 1_440_000;

/** PHP-style sessions: an opaque id in a cookie, expiring after a while without use. */
export class Sessions {
  private expiresAt = new Map<string, number>();

  constructor(private readonly ttlMs = DEFAULT_SESSION_TTL_MS) {}

  open(): string {
    const id = randomBytes(16).toString('hex').slice(0, 26);
    this.expiresAt.set(id, Date.now() + this.ttlMs);
    return id;
  }

  /** The live session of a request, refreshed; null when it has none or it expired. */
  of(req: Request): string | null {
    const id = cookieOf(req, SESSION_COOKIE);
    if (!id) return null;
    const until = this.expiresAt.get(id);
    if (until === undefined || until < Date.now()) {
      this.expiresAt.delete(id);
      return null;
    }
    this.expiresAt.set(id, Date.now() + this.ttlMs);
    return id;
  }

  close(id: string): void {
    this.expiresAt.delete(id);
  }

  expireAll(): void {
    this.expiresAt.clear();
  }
}

function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}
