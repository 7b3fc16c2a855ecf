import { fileURLToPath } from 'node:url';
import express, { Router, type Request } from 'express';
import { ACTIVE_RUN_STATUSES, FINAL_RUN_STATUSES, RUN_MOVES } from '@gearsync/core';
import { LoginThrottle, type Auth } from '../auth.js';
import { loginPage } from './login.js';

const PAGE_DIR = fileURLToPath(new URL('.', import.meta.url));
const ASSETS = ['app.js', 'app.css'];

/** Only our own paths: `//evil.example` or `https://…` would turn the login into an open redirect. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/** The Sync Now page, its assets, and the login that opens a session for it and for Bull Board. */
export function pageRoutes(auth: Auth, options: { withUser: boolean }): Router {
  const router = Router();
  const throttle = new LoginThrottle();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const clientKey = (req: Request) => req.ip ?? 'unknown';

  for (const asset of ASSETS) {
    router.get(`/assets/${asset}`, (_req, res) => {
      res.set('cache-control', 'no-cache').sendFile(asset, { root: PAGE_DIR });
    });
  }

  // The run's states as core defines them, so the page's buttons follow the same table as the writes.
  const runStates = `window.RUN_STATES = ${JSON.stringify({ active: ACTIVE_RUN_STATUSES, final: FINAL_RUN_STATUSES, moves: RUN_MOVES })};\n`;
  router.get('/assets/run-states.js', (_req, res) => {
    res.set('cache-control', 'no-cache').type('text/javascript').send(runStates);
  });

  router.get('/login', (req, res) => {
    res.type('html').send(loginPage({ next: safeNext(req.query.next), withUser: options.withUser }));
  });

  router.post('/login', form, express.json({ limit: '10kb' }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next);
    const key = clientKey(req);
    if (throttle.blocked(key)) {
      res.status(429).type('html').send(loginPage({ error: 'Too many failed attempts; wait a few minutes.', next, withUser: options.withUser }));
      return;
    }
    const token = typeof body.token === 'string' ? body.token : '';
    const user = typeof body.user === 'string' ? body.user : undefined;
    if (!token || !auth.login(req, token, user)) {
      throttle.fail(key);
      res.status(401).type('html').send(loginPage({ error: 'That token or password is not right.', next, withUser: options.withUser }));
      return;
    }
    throttle.clear(key);
    res.redirect(302, next);
  });

  router.post('/logout', (req, res) => {
    auth.logout(req);
    res.redirect(302, '/login');
  });

  router.get('/', (req, res) => {
    if (!auth.isSignedIn(req)) {
      res.redirect(302, '/login');
      return;
    }
    res.set('cache-control', 'no-store').sendFile('index.html', { root: PAGE_DIR });
  });

  return router;
}
