import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import cookieSession from 'cookie-session';
import type { Config } from '@gearsync/runtime';
import { ApiError } from './errors.js';

const SESSION_MAX_AGE_MS = 12 * 3600 * 1000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Equal-time comparison of two strings of any length (hashing first makes the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export interface Auth {
  session: RequestHandler;
  /** 401 unless the request carries the bearer token or a login session. */
  require: RequestHandler;
  /** Checks what the login form was given; answers whether it may open a session. */
  login(req: Request, token: string, user?: string): boolean;
  logout(req: Request): void;
  isSignedIn(req: Request): boolean;
}

/**
 * Bearer token for scripts, a signed session cookie for the page and Bull Board. The session
 * carries an HMAC of the credential it was opened with, so changing the token or password
 * signs every browser out.
 */
export function createAuth(config: Config): Auth {
  const token = config.API_TOKEN;
  const password = config.LOGIN_PASSWORD;
  if (!token && !password) throw new Error('the API needs API_TOKEN (or LOGIN_PASSWORD) to let anyone in');
  const secret = config.SESSION_SECRET ?? createHmac('sha256', token ?? password!).update('gearsync session key').digest('base64url');
  const mark = (credential: string) => createHmac('sha256', secret).update(credential).digest('base64url').slice(0, 22);
  const marks = new Set([token, password].filter((c): c is string => !!c).map(mark));

  const cookies = cookieSession({ name: 'gearsync_session', keys: [secret], maxAge: SESSION_MAX_AGE_MS, httpOnly: true, sameSite: 'lax' });
  // Behind a TLS-terminating proxy on loopback (trust proxy), the cookie is marked Secure.
  const session: RequestHandler = (req, res, next) =>
    cookies(req, res, (err?: unknown) => {
      if (!err) req.sessionOptions.secure = req.secure;
      next(err);
    });

  const bearer = (req: Request): boolean => {
    const header = req.get('authorization');
    const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    return !!m && !!token && sameSecret(m[1]!, token);
  };

  const isSignedIn = (req: Request): boolean => {
    const s = req.session;
    return !!s && typeof s.mark === 'string' && marks.has(s.mark) && typeof s.at === 'number' && Date.now() - s.at < SESSION_MAX_AGE_MS;
  };

  const require: RequestHandler = (req, _res, next) => {
    if (bearer(req)) return next();
    if (isSignedIn(req)) {
      // A cookie rides along on cross-site requests too: changes must come from our own pages.
      const origin = req.get('origin');
      if (!SAFE_METHODS.has(req.method) && origin && new URL(origin).host !== req.get('host')) {
        return next(new ApiError(403, 'forbidden', 'cross-site request refused'));
      }
      return next();
    }
    next(new ApiError(401, 'unauthorized', 'send Authorization: Bearer <API_TOKEN>, or sign in at /login'));
  };

  return {
    session,
    require,
    isSignedIn,
    login(req, given, user) {
      let credential: string | null = null;
      if (token && sameSecret(given, token)) credential = token;
      else if (password && sameSecret(given, password) && (!config.LOGIN_USER || sameSecret(user ?? '', config.LOGIN_USER))) credential = password;
      if (!credential) return false;
      req.session = { mark: mark(credential), at: Date.now() };
      return true;
    },
    logout(req) {
      req.session = null;
    },
  };
}

/** Failed sign-ins per client address, so the form cannot be used to guess a password quickly. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max = 10,
    private readonly windowMs = 5 * 60_000,
  ) {}

  blocked(key: string): boolean {
    return this.recent(key).length >= this.max;
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(Date.now());
    this.failures.set(key, list);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = Date.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
