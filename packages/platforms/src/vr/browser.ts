import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type HTTPRequest, type HTTPResponse, type Page } from 'puppeteer-core';
import type { CallGate, CallSlot } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { classifyAnswer, classifyThrown, garbage, loginRefused, type VrAnswer } from './classify.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const UNNEEDED = new Set(['image', 'media', 'font', 'stylesheet']);

interface SharedBrowser {
  key: string;
  browser: Promise<Browser>;
  users: number;
}

/** One Chromium per process and executable, shared by every session; closed when the last one leaves. */
const browsers = new Map<string, SharedBrowser>();

async function acquireBrowser(executablePath: string, headless: boolean): Promise<{ entry: SharedBrowser; browser: Browser }> {
  const key = `${executablePath}|${headless}`;
  let entry = browsers.get(key);
  if (!entry) {
    if (!executablePath || !existsSync(executablePath)) {
      throw new Error(`no Chromium found${executablePath ? ` at ${executablePath}` : ''}: install Chromium (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium executable`);
    }
    const launched = puppeteer.launch({
      executablePath,
      headless,
      // Our own timeouts bound every step (the export's is minutes); the protocol's must not cut in first.
      protocolTimeout: 15 * 60_000,
      args: headless ? [...CHROMIUM_ARGS, '--headless=new'] : CHROMIUM_ARGS,
    });
    const fresh: SharedBrowser = { key, browser: launched, users: 0 };
    const forget = () => browsers.get(key) === fresh && browsers.delete(key);
    entry = fresh;
    browsers.set(key, fresh);
    launched.then((b) => b.once('disconnected', forget), forget);
  }
  entry.users += 1;
  try {
    return { entry, browser: await entry.browser };
  } catch (err) {
    entry.users -= 1;
    throw err;
  }
}

async function releaseBrowser(entry: SharedBrowser): Promise<void> {
  entry.users -= 1;
  if (entry.users > 0) return;
  if (browsers.get(entry.key) === entry) browsers.delete(entry.key);
  const browser = await entry.browser.catch(() => null);
  await browser?.close().catch(() => undefined);
}

/** The session cookie is gone: log in again and redo the step from its start. */
export class SessionExpired extends Error {
  override name = 'SessionExpired';
}

export interface VrBrowserOptions {
  baseUrl: string;
  username: string;
  password: string;
  executablePath: string;
  headless: boolean;
  timeoutMs: number;
  gate: CallGate;
  /** The dealer's own browser cookies (`cf_clearance=…; …`), for a site behind a challenge. */
  cookies?: string;
  /** The user agent those cookies were issued to: Cloudflare ties clearance to it. */
  userAgent?: string;
}

export interface FetchResult extends VrAnswer {
  text: string;
  redirected: boolean;
}

/**
 * The browser's id for a request (CDP's requestId): the browser's own network events carry
 * nothing else. Puppeteer keeps it on its request objects, internal to its types; should it ever
 * go, each object gets an id of its own (and its slot comes back by Puppeteer's events alone).
 */
function requestId(req: HTTPRequest): string {
  const id = (req as unknown as { id?: unknown }).id;
  if (typeof id === 'string') return id;
  let own = ownIds.get(req);
  if (!own) ownIds.set(req, (own = `own-${(nextOwnId += 1)}`));
  return own;
}
const ownIds = new WeakMap<HTTPRequest, string>();
let nextOwnId = 0;

/** How long after the browser gave up on a request its gate slot still counts: it may have been on its way. */
const GAVE_UP_GRACE_MS = 1_000;

/**
 * One logged-in browser tab on the V&R site. Every request the tab makes to the site passes
 * the call gate and is counted; requests anywhere else are refused. Not safe for concurrent
 * use: the adapter runs one step at a time.
 */
export class VrBrowserSession {
  private readonly base: URL;
  private context: BrowserContext | null = null;
  private page: Page | null = null;
  private shared: { entry: SharedBrowser; browser: Browser } | null = null;
  private requests = 0;
  /** The gate slot taken ahead for the step being started, so the gate's wait is not spent inside a navigation timeout. */
  private prepaid: { slot: CallSlot | void } | null = null;
  /**
   * Each request's gate slot, by the browser's id for the request, handed back when the site
   * answers it (or the browser gives up on it). The answers are read from the browser's own
   * network events as well as Puppeteer's: Puppeteer holds a request's events back until an
   * extra-info event that never comes for some of them, and a slot never handed back holds half
   * of V&R's budget until the gate's cap. `document` is the page's document the request came
   * from; `navigation` a request for a new one.
   */
  private readonly slots = new Map<string, { slot: CallSlot; document: number; navigation: boolean }>();
  /** Counts the tab's documents: a page's own request waiting for its slot while its page was left is not sent. */
  private document = 0;

  constructor(private readonly options: VrBrowserOptions) {
    this.base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
  }

  calls(): number {
    return this.requests;
  }

  url(path: string): string {
    return new URL(path.replace(/^\/+/, ''), this.base).toString();
  }

  private under(url: string): boolean {
    return url.startsWith(this.base.toString()) || url === this.base.toString().replace(/\/$/, '');
  }

  pathOf(url: string): string {
    try {
      const u = new URL(url);
      return '/' + u.pathname.slice(this.base.pathname.length).replace(/\/+$/, '');
    } catch {
      return '';
    }
  }

  /** The site sends a visitor (or a session it forgot) to its home page, logged out. */
  isLoginPage(url: string): boolean {
    return this.under(url) && this.pathOf(url) === '/';
  }

  currentPath(): string {
    return this.page && !this.page.isClosed() ? this.pathOf(this.page.url()) : '';
  }

  /** The tab shows one of the site's pages behind the login: same-origin requests carry the session. */
  onSite(): boolean {
    if (!this.page || this.page.isClosed()) return false;
    const url = this.page.url();
    return this.under(url) && !this.isLoginPage(url);
  }

  private async tab(): Promise<Page> {
    if (this.page && !this.page.isClosed() && this.page.browser().connected) return this.page;
    await this.dropTab();
    if (!this.shared?.browser.connected) {
      // First use, or the browser died: give up our place in the old one and take one in a live one.
      if (this.shared) await releaseBrowser(this.shared.entry);
      this.shared = null;
      this.shared = await acquireBrowser(this.options.executablePath, this.options.headless);
    }
    this.context = await this.shared.browser.createBrowserContext();
    const page = await this.context.newPage();
    page.setDefaultTimeout(this.options.timeoutMs);
    page.setDefaultNavigationTimeout(this.options.timeoutMs);
    if (this.options.userAgent) await page.setUserAgent(this.options.userAgent);
    const cookies = parseCookies(this.options.cookies ?? '');
    if (cookies.length) await page.setCookie(...cookies.map((c) => ({ ...c, url: this.base.toString() })));
    await page.setRequestInterception(true);
    page.on('request', (req) => void this.intercept(req));
    page.on('response', (res) => this.answered(requestId(res.request())));
    page.on('requestfinished', (req) => this.answered(requestId(req)));
    page.on('requestfailed', (req) => this.handBackLater(requestId(req)));
    // The browser's own events, on a session of our own beside Puppeteer's.
    const events = await page.createCDPSession();
    await events.send('Network.enable');
    await events.send('Page.enable');
    events.on('Network.responseReceived', (e) => this.answered(e.requestId));
    events.on('Network.loadingFinished', (e) => this.answered(e.requestId));
    events.on('Network.loadingFailed', (e) => this.handBackLater(e.requestId));
    // A new document in the tab (not a move within the same one, which Puppeteer's `framenavigated` also reports).
    events.on('Page.frameNavigated', (e) => {
      if (!e.frame.parentId) this.leftDocument();
    });
    this.page = page;
    return page;
  }

  private async intercept(req: HTTPRequest): Promise<void> {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    if (url.startsWith('data:') || url === 'about:blank') return req.continue().catch(() => undefined);
    // Favicons, the site's trackers and anything off the site: never fetched, never counted. Nor
    // are images, fonts and styles: the steps read forms and text, and each would spend the budget.
    if (!this.under(url) || UNNEEDED.has(req.resourceType())) return req.abort('blockedbyclient').catch(() => undefined);
    let slot: CallSlot | void = undefined;
    const document = this.document;
    const navigation = req.isNavigationRequest();
    const id = requestId(req);
    try {
      if (this.prepaid) {
        slot = this.prepaid.slot;
        this.prepaid = null;
      } else {
        slot = await this.options.gate.acquire();
      }
      if (!navigation && document !== this.document) {
        // The page that asked for it is gone: sent now, nobody would read the answer.
        slot?.release();
        await req.abort('aborted').catch(() => undefined);
        return;
      }
      // A redirect goes on under the same id: the answer that sent it on was the first request's.
      this.answered(id);
      if (slot) this.slots.set(id, { slot, document, navigation });
      this.requests += 1;
      await req.continue();
    } catch {
      this.slots.delete(id);
      slot?.release();
      await req.abort('failed').catch(() => undefined);
    }
  }

  /** The site answered: the request's slot counts from now. */
  private answered(id: string): void {
    const entry = this.slots.get(id);
    this.slots.delete(id);
    entry?.slot.release();
  }

  /** A new document in the tab: what the old one still had on its way is cut short. */
  private leftDocument(): void {
    this.document += 1;
    for (const [id, entry] of this.slots) if (!entry.navigation && entry.document < this.document) this.handBackLater(id);
  }

  /** The slot of a request that may still be on its way counts until a moment from now. */
  private handBackLater(id: string): void {
    const entry = this.slots.get(id);
    this.slots.delete(id);
    if (entry) setTimeout(() => entry.slot.release(), GAVE_UP_GRACE_MS).unref();
  }

  private async prepay(): Promise<void> {
    this.dropPrepaid();
    this.prepaid = { slot: await this.options.gate.acquire() };
  }

  /** A slot taken for a step that sent nothing was never spent: it goes back. */
  private dropPrepaid(): void {
    this.prepaid?.slot?.release();
    this.prepaid = null;
  }

  private async answerOf(page: Page, response: HTTPResponse | null, what: string): Promise<VrAnswer> {
    if (!response) throw garbage(what);
    const answer: VrAnswer = { status: response.status(), headers: response.headers(), url: page.url() };
    if (answer.status >= 400) answer.text = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    const failure = classifyAnswer(answer, what);
    if (failure) throw failure;
    return answer;
  }

  private async goto(path: string, what: string): Promise<VrAnswer> {
    const page = await this.tab();
    await this.prepay();
    try {
      return await this.answerOf(page, await page.goto(this.url(path), { waitUntil: 'domcontentloaded' }), what);
    } catch (err) {
      throw classifyThrown(err, what);
    }
  }

  /** Opens a page of the site, logging in first when the site shows it logged out. */
  async open(path: string, what = `GET ${path}`): Promise<VrAnswer> {
    const answer = await this.goto(path, what);
    if (!this.isLoginPage(answer.url) || path === '/' || (await this.loggedIn())) return answer;
    await this.submitLogin();
    const again = await this.goto(path, what);
    if (this.isLoginPage(again.url)) throw loginRefused();
    return again;
  }

  /** A fresh login, whatever state the tab is in: the home page, then its header form. */
  async login(): Promise<void> {
    await this.goto('/', 'the home page');
    if (await this.loggedIn()) return;
    await this.submitLogin();
  }

  /** Logged-in pages show "Logout"; a visitor sees the header's login form. */
  private async loggedIn(): Promise<boolean> {
    const page = await this.tab();
    return page.evaluate(() => Array.from(document.querySelectorAll('a')).some((a) => /^\s*log\s*out\s*$/i.test(a.textContent ?? '')));
  }

  private async submitLogin(): Promise<void> {
    const page = await this.tab();
    const present = await page.evaluate(() => {
      const pass = document.querySelector<HTMLInputElement>('form input[name="pass"]');
      return !!pass?.form?.querySelector('input[name="username"]');
    });
    if (!present) throw garbage('the login form');
    const answer = await this.navigateBy(
      () =>
        page.evaluate(
          (username, pass) => {
            const password = document.querySelector<HTMLInputElement>('form input[name="pass"]')!;
            const form = password.form!;
            form.querySelector<HTMLInputElement>('input[name="username"]')!.value = username;
            password.value = pass;
            const where = form.querySelector<HTMLInputElement>('input[name="open_where"]');
            if (where) where.value = 'header';
            HTMLFormElement.prototype.submit.call(form);
          },
          this.options.username,
          this.options.password,
        ),
      'the login',
    );
    if (!(this.pathOf(answer.url).startsWith('/account') || (await this.loggedIn()))) throw loginRefused();
  }

  /** Runs an action that navigates the tab (a submit) and waits for the page it leads to. */
  async navigateBy(act: () => Promise<unknown>, what: string): Promise<VrAnswer & { firstHop: string | null }> {
    const page = await this.tab();
    await this.prepay();
    try {
      const [response] = await Promise.all([
        page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
        act().catch((err: unknown) => {
          // The submit tears down the page it ran in; that is the navigation we wait for.
          if (!/context was destroyed|navigat/i.test(String(err))) throw err;
        }),
      ]);
      const hop = response?.request().redirectChain()[0]?.response();
      const location = hop?.headers()['location'];
      const firstHop = location ? new URL(location, hop!.url()).toString() : null;
      return { ...(await this.answerOf(page, response, what)), firstHop };
    } catch (err) {
      throw classifyThrown(err, what);
    }
  }

  /** A cookie the site set (no request: read from the browser). */
  async cookie(name: string): Promise<string | null> {
    const page = await this.tab();
    const cookies = await page.cookies(this.base.toString());
    return cookies.find((c) => c.name === name)?.value ?? null;
  }

  /** The tab, for steps that drive the page's own scripts (the item form). */
  async currentPage(): Promise<Page> {
    return this.tab();
  }

  /** Reads the open page. */
  async read<T>(fn: () => T): Promise<T> {
    const page = await this.tab();
    return (await page.evaluate(fn)) as T;
  }

  /**
   * A request from inside the open page, as its own scripts make them: cookies included and the
   * page as Referer. Throws SessionExpired when the site answered with its login page.
   */
  async fetch(path: string, init: { method?: string; body?: string; headers?: Record<string, string>; referrer?: string; timeoutMs?: number }, what: string): Promise<FetchResult> {
    const page = await this.tab();
    await this.prepay();
    let result: FetchResult;
    try {
      result = await page.evaluate(
        async (url, method, body, headers, timeoutMs, referrer) => {
          const r = await fetch(url, { method, body, headers, credentials: 'include', signal: AbortSignal.timeout(timeoutMs), ...(referrer ? { referrer } : {}) });
          const h: Record<string, string> = {};
          r.headers.forEach((v, k) => (h[k] = v));
          return { status: r.status, headers: h, url: r.url, redirected: r.redirected, text: await r.text() };
        },
        this.url(path),
        init.method ?? 'GET',
        init.body ?? null,
        init.headers ?? {},
        init.timeoutMs ?? this.options.timeoutMs,
        init.referrer ? this.url(init.referrer) : null,
      );
    } catch (err) {
      throw classifyThrown(err, what);
    }
    if (result.redirected && this.isLoginPage(result.url)) throw new SessionExpired(what);
    if (result.status === 0) throw new PlatformError('transient', `V&R did not answer ${what}`, { code: 'network' });
    const failure = classifyAnswer(result, what);
    if (failure) throw failure;
    return result;
  }

  private async dropTab(): Promise<void> {
    this.dropPrepaid();
    for (const id of [...this.slots.keys()]) this.handBackLater(id);
    const context = this.context;
    this.page = null;
    this.context = null;
    if (context) await context.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.dropTab();
    const shared = this.shared;
    this.shared = null;
    if (shared) await releaseBrowser(shared.entry);
  }
}

/** `name=value; name2=value2`, as a browser's cookie header or a dealer's copy of it. */
export function parseCookies(header: string): { name: string; value: string }[] {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.includes('='))
    .map((part) => ({ name: part.slice(0, part.indexOf('=')).trim(), value: part.slice(part.indexOf('=') + 1).trim() }))
    .filter((c) => c.name !== '');
}
