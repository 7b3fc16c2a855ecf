import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type HTTPRequest, type HTTPResponse, type Page } from 'puppeteer-core';
import type { CallGate } from '../adapter.js';
import { classifyAnswer, classifyThrown, garbage, loginRefused, type VrAnswer } from './classify.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
}

export interface FormFill {
  fields: Record<string, string>;
  /** Values for the photo boxes, in order; boxes beyond them are emptied. */
  photos?: { prefix: string; urls: string[] };
}

export interface FormResult extends VrAnswer {
  /** The site's error message when it showed the form again. */
  error: string | null;
  /** Visible text of the page, for success messages. */
  pageText: string;
}

export interface FetchResult extends VrAnswer {
  text: string;
  redirected: boolean;
}

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
  /** Gate slots taken ahead for the step being started, so the gate's wait is not spent inside a navigation timeout. */
  private prepaid = 0;

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

  isLoginPage(url: string): boolean {
    return this.under(url) && this.pathOf(url) === '/login';
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
    await page.setRequestInterception(true);
    page.on('request', (req) => void this.intercept(req));
    this.page = page;
    return page;
  }

  private async intercept(req: HTTPRequest): Promise<void> {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    if (url.startsWith('data:') || url === 'about:blank') return req.continue().catch(() => undefined);
    // Favicons, the site's trackers and anything off the site: never fetched, never counted.
    if (!this.under(url)) return req.abort('blockedbyclient').catch(() => undefined);
    try {
      if (this.prepaid > 0) this.prepaid -= 1;
      else await this.options.gate.acquire();
      this.requests += 1;
      await req.continue();
    } catch {
      await req.abort('failed').catch(() => undefined);
    }
  }

  private async prepay(): Promise<void> {
    this.prepaid = 0;
    await this.options.gate.acquire();
    this.prepaid = 1;
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

  /** Opens a page of the site, logging in first when the site sends us to its login page. */
  async open(path: string, what = `GET ${path}`): Promise<VrAnswer> {
    const answer = await this.goto(path, what);
    if (!this.isLoginPage(answer.url) || path === '/login') return answer;
    await this.submitLogin();
    const again = await this.goto(path, what);
    if (this.isLoginPage(again.url)) throw loginRefused();
    return again;
  }

  /** A fresh login, whatever state the tab is in. */
  async login(): Promise<void> {
    const answer = await this.goto('/login', 'the login page');
    if (!this.isLoginPage(answer.url)) return;
    await this.submitLogin();
  }

  private async submitLogin(): Promise<void> {
    const page = await this.tab();
    const present = await page.evaluate(() => !!document.querySelector('input[name="username"]') && !!document.querySelector('input[name="pass"]'));
    if (!present) throw garbage('the login page');
    const answer = await this.navigateBy(
      () =>
        page.evaluate(
          (username, pass) => {
            const user = document.querySelector<HTMLInputElement>('input[name="username"]')!;
            const password = document.querySelector<HTMLInputElement>('input[name="pass"]')!;
            user.value = username;
            password.value = pass;
            HTMLFormElement.prototype.submit.call(user.form!);
          },
          this.options.username,
          this.options.password,
        ),
      'the login',
    );
    if (this.isLoginPage(answer.url)) throw loginRefused();
  }

  /** Runs an action that navigates the tab (a submit) and waits for the page it leads to. */
  private async navigateBy(act: () => Promise<unknown>, what: string): Promise<VrAnswer & { firstHop: string | null }> {
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

  /**
   * Fills a form on the open page and submits it. Selects take an option by value or label.
   * Throws SessionExpired when the post itself bounced to the login page (nothing was saved);
   * when the post was taken and only the page after it bounced, its redirect is the answer.
   */
  async submitForm(selector: string, fill: FormFill, what: string): Promise<FormResult> {
    const page = await this.tab();
    const problem = await page.evaluate(
      (sel, fields, photos) => {
        const form = document.querySelector<HTMLFormElement>(sel);
        if (!form) return { kind: 'no_form' as const, detail: sel };
        for (const [name, value] of Object.entries(fields)) {
          const el = form.elements.namedItem(name);
          if (el instanceof HTMLSelectElement) {
            const want = value.trim().toLowerCase();
            const option = Array.from(el.options).find((o) => o.value.trim().toLowerCase() === want || o.text.trim().toLowerCase() === want);
            if (!option) return { kind: 'no_option' as const, detail: `${name}=${value}` };
            el.value = option.value;
          } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
            el.value = value;
          } else {
            return { kind: 'no_field' as const, detail: name };
          }
        }
        if (photos) {
          const boxes = Array.from(form.querySelectorAll<HTMLInputElement>(`input[name^="${photos.prefix}"]`)).sort(
            (a, b) => Number(a.name.slice(photos.prefix.length)) - Number(b.name.slice(photos.prefix.length)),
          );
          if (photos.urls.length > boxes.length) return { kind: 'too_many_photos' as const, detail: String(boxes.length) };
          boxes.forEach((box, i) => (box.value = photos.urls[i] ?? ''));
        }
        return null;
      },
      selector,
      fill.fields,
      fill.photos ?? null,
    );
    if (problem?.kind === 'no_form') throw garbage(what);
    if (problem) throw new FormProblem(problem.kind, problem.detail);
    const answer = await this.navigateBy(
      () =>
        page.evaluate((sel) => {
          // form.submit() rather than a click: no client-side script can swallow it.
          HTMLFormElement.prototype.submit.call(document.querySelector<HTMLFormElement>(sel)!);
        }, selector),
      what,
    );
    const { firstHop, ...landed } = answer;
    if (this.isLoginPage(firstHop ?? landed.url)) throw new SessionExpired(what);
    const read = await page.evaluate(() => ({
      error: document.querySelector('.error_msg')?.textContent?.trim() || null,
      pageText: document.body?.innerText ?? '',
    }));
    return { ...landed, url: firstHop ?? landed.url, ...read };
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
  async fetch(path: string, init: { method?: string; body?: string; headers?: Record<string, string>; referrer?: string }, what: string): Promise<FetchResult> {
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
        this.options.timeoutMs,
        init.referrer ? this.url(init.referrer) : null,
      );
    } catch (err) {
      throw classifyThrown(err, what);
    }
    if (result.redirected && this.isLoginPage(result.url)) throw new SessionExpired(what);
    const failure = classifyAnswer(result, what);
    if (failure) throw failure;
    return result;
  }

  private async dropTab(): Promise<void> {
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

/** The form on the page cannot take what we would type: the site changed or the listing does not fit it. */
export class FormProblem extends Error {
  override name = 'FormProblem';
  constructor(
    readonly kind: 'no_option' | 'no_field' | 'too_many_photos',
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}
