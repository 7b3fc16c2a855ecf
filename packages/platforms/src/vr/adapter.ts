import type { Listing, Photo } from '@gearsync/core';
import { noGate, type ActionOutcome, type CallAction, type CallGate, type ExecuteOptions, type FetchPage, type PlatformAdapter, type PlatformLimits, type PlatformSale } from '../adapter.js';
import { CALL_SHAPES } from '../call-shapes.js';
import { CallYielded, PlatformError } from '../errors.js';
import { SessionExpired, VrBrowserSession } from './browser.js';
import { classifyThrown, formRefused, garbage } from './classify.js';
import { DEFAULT_EXPORT_TIMEOUT_MS, downloadExport } from './export.js';
import { ITEM_FORM, categoryIdsByNames, chooseCategories, clickPublish, heldPhotos, removePhotos, setBrand, setDescription, setFields, uploadPhoto, type HeldPhoto } from './item-form.js';
import { findBySkuIn, findMade, heldListing, isWithdrawn, listingToForm, rowToListing, type VrExportRow, type VrItemForm } from './mapping.js';
import { downloadPhoto } from './photos.js';

export interface VrAdapterOptions {
  /** The site's root, e.g. http://127.0.0.1:4000/vr or https://www.vintageandrare.com. */
  baseUrl: string;
  username: string;
  password: string;
  executablePath?: string;
  /** Per navigation, request, photo download or page script. */
  timeoutMs?: number;
  /** The inventory export alone: a large shop's takes minutes (default 180 s). */
  exportTimeoutMs?: number;
  gate?: CallGate;
  headless?: boolean;
  /** The account's currency (V&R has none per item): the export carries bare numbers. */
  currency?: string;
  /** The dealer's browser cookies (`cf_clearance=…`) for a site behind a Cloudflare challenge. */
  cookies?: string;
  /** The user agent of the browser those cookies came from. */
  userAgent?: string;
}

const ITEMS_PAGE = '/account/items';
const ADD_ITEM = '/instruments/add_edit_item';
/** Listings per FetchPage: the export is one file, handed on in slices the snapshot can write in batches. */
const SLICE = 500;
const PUBLISHED = /published and live/i;

/** Between two steps of the item form: gives the call up (nothing written yet) when something more urgent waits. */
type Checkpoint = () => Promise<void>;
const noCheckpoint: Checkpoint = async () => undefined;
const checkpointOf = (yieldTo: ExecuteOptions['yieldTo']): Checkpoint =>
  yieldTo
    ? async () => {
        if (await yieldTo()) throw new CallYielded('V&R gave way before writing: a sale waits');
      }
    : noCheckpoint;

class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const pathKey = (path: string) =>
  path
    .split('>')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .join('>');

/**
 * Vintage & Rare through its dealer website in a headless browser. One tab, one step at a
 * time; the session is re-opened when the site forgets it. V&R has no "end": an item that
 * sold elsewhere is marked sold.
 */
export class VrAdapter implements PlatformAdapter {
  readonly platform = 'vr' as const;
  readonly limits: PlatformLimits = { ...CALL_SHAPES.vr, concurrency: 1, lookupReadsEverything: true };
  private readonly session: VrBrowserSession;
  private readonly mutex = new Mutex();
  /** The account's currency as configured; the site's own `vr_currency` cookie, once seen, wins. */
  private readonly configuredCurrency: string;
  private siteCurrency: string | null = null;
  private readonly timeoutMs: number;
  private readonly exportTimeoutMs: number;
  /** The category tree as far as we have seen it: "guitars>electric solid body" → ["51", "83"]. */
  private readonly categoryIds = new Map<string, string[] | null>();
  private readonly brandIds = new Map<string, string>();
  /** Brands (lower-cased) on items of the last export read: V&R knows them, no need to ask. */
  private readonly brandsSeen = new Set<string>();
  /** Items the export showed sold at the last sale read; null before the first. */
  private soldSeen: Set<string> | null = null;

  constructor(options: VrAdapterOptions) {
    this.configuredCurrency = options.currency ?? 'USD';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.exportTimeoutMs = options.exportTimeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS;
    this.session = new VrBrowserSession({
      baseUrl: options.baseUrl,
      username: options.username,
      password: options.password,
      executablePath: options.executablePath ?? '/usr/bin/chromium',
      headless: options.headless ?? true,
      timeoutMs: this.timeoutMs,
      gate: options.gate ?? noGate,
      cookies: options.cookies,
      userAgent: options.userAgent,
    });
  }

  calls(): number {
    return this.session.calls();
  }

  /** V&R has no currency per item: the account has one, which the site tells in a cookie. */
  private async currency(): Promise<string> {
    const told = await this.session.cookie('vr_currency').catch(() => null);
    if (told && /^[A-Z]{3}$/.test(told)) this.siteCurrency = told;
    return this.siteCurrency ?? this.configuredCurrency;
  }

  /** The browser started and logged in, on the items page every sale's end is sent from. */
  async warm(): Promise<void> {
    await this.step(async () => {
      await this.session.open(ITEMS_PAGE, 'the items page');
    });
  }

  /** One step under the lock; a session the site forgot is re-opened and the step redone once. */
  private step<T>(fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof SessionExpired)) throw err;
        await this.session.login();
        return await fn();
      }
    });
  }

  private async listingsOf(rows: VrExportRow[]): Promise<(row: VrExportRow) => Listing> {
    for (const r of rows) if (r['brand name'].trim()) this.brandsSeen.add(r['brand name'].trim().toLowerCase());
    await this.learnCategories(rows.map((r) => r['category name']));
    const currency = await this.currency();
    return (row) => rowToListing(row, currency, (path) => this.categoryIds.get(pathKey(path)) ?? undefined);
  }

  async *fetchListings(): AsyncIterable<FetchPage> {
    const before = this.calls();
    const { rows, toListing } = await this.step(async () => {
      const rows = await downloadExport(this.session, this.exportTimeoutMs);
      return { rows, toListing: await this.listingsOf(rows) };
    });
    const totalPages = Math.max(1, Math.ceil(rows.length / SLICE));
    for (let page = 1; page <= totalPages; page++) {
      // Mapped a slice at a time: a big export is not held twice over.
      const listings = rows.slice((page - 1) * SLICE, page * SLICE).map(toListing);
      yield { listings, page, totalPages, calls: page === 1 ? this.calls() - before : 0 };
    }
  }

  /**
   * The item a create made, looked up before that create is sent again. By SKU where the dealer's
   * own import gave the item one; else (the form keeps no SKU) by what the create sent, `made`.
   */
  async findBySku(sku: string, made?: Listing): Promise<Listing | null> {
    return this.step(async () => {
      const rows = await downloadExport(this.session, this.exportTimeoutMs);
      const bySku = findBySkuIn(rows, sku);
      if (bySku) return (await this.listingsOf([bySku]))(bySku);
      if (!made) return null;
      const currency = await this.currency();
      const form = formOrNull(made, currency);
      const row = form && findMade(rows, form);
      return row ? heldFromExport(made, row, form, currency) : null;
    });
  }

  /**
   * The sale watch's read. V&R's export is its only view of sales and carries no dates, so a
   * sale is an item that shows sold now and did not at the previous read of this adapter; the
   * first read only takes note (items sold before it are history, not news). `since` cannot
   * narrow the export; a sale missed while no adapter watched is the full snapshot's to find.
   */
  async salesSince(since: Date): Promise<{ sales: PlatformSale[]; cursor: Date }> {
    const at = new Date();
    const rows = await this.step(() => downloadExport(this.session, this.exportTimeoutMs));
    const currency = await this.currency();
    const sold = rows.filter((r) => r['product sold'].trim().toLowerCase() === 'yes');
    const seen = this.soldSeen;
    this.soldSeen = new Set(sold.map((r) => r['product id'].trim()));
    if (!seen) return { sales: [], cursor: since > at ? since : at };
    const sales = sold
      .filter((r) => !seen.has(r['product id'].trim()))
      .map((r) => {
        const listing = rowToListing(r, currency);
        return { orderId: `vr-sold-${listing.externalId}`, sku: listing.sku, externalId: listing.externalId, quantity: 1, at, price: listing.price };
      });
    return { sales, cursor: at };
  }

  /**
   * Brands V&R does not know, of these: its form refuses them, so readiness can list them
   * before a run. One AJAX call a brand not yet known, and none for a brand on an item of the
   * last export read (V&R holds it, so it knows it).
   */
  async unknownBrands(names: string[]): Promise<string[]> {
    const unknown: string[] = [];
    for (const name of [...new Set(names.map((n) => n.trim()).filter(Boolean))]) {
      if (this.brandsSeen.has(name.toLowerCase())) continue;
      if ((await this.step(() => this.brandId(name))) === null) unknown.push(name);
    }
    return unknown;
  }

  async execute(actions: CallAction[], options: ExecuteOptions = {}): Promise<ActionOutcome[]> {
    const outcomes: ActionOutcome[] = [];
    for (const action of actions) {
      // Only a call that has written nothing may give way; a later action's outcomes are won already.
      const checkpoint = outcomes.length === 0 ? checkpointOf(options.yieldTo) : noCheckpoint;
      try {
        outcomes.push(await this.step(() => this.perform(action, checkpoint)));
      } catch (err) {
        if (err instanceof CallYielded) throw err;
        const e = classifyThrown(err, `${action.kind} ${action.payload.externalId ?? action.sku ?? ''}`.trim());
        if (e.kind === 'permanent') {
          outcomes.push({ actionId: action.actionId, ok: false, error: e.message, status: e.details.status, retryable: false });
          continue;
        }
        // The first action failing fails the call; later ones keep the outcomes already won.
        if (outcomes.length === 0) throw e;
        outcomes.push({ actionId: action.actionId, ok: false, error: e.message, status: e.details.status, retryable: true });
      }
    }
    return outcomes;
  }

  private perform(action: CallAction, checkpoint: Checkpoint): Promise<ActionOutcome> {
    const { payload } = action;
    switch (action.kind) {
      case 'create':
        return this.create(action.actionId, need(payload.listing, 'a create needs the listing'), checkpoint);
      case 'update':
        return this.update(action, checkpoint);
      case 'stock': {
        const quantity = payload.quantity ?? payload.listing?.quantity;
        return this.setSold(action.actionId, need(payload.externalId, 'a stock change needs the item id'), need(quantity, 'a stock change needs the quantity') === 0);
      }
      case 'end':
        return this.setSold(action.actionId, need(payload.externalId, 'an end needs the item id'), true);
      case 'delete':
        return this.delete(action.actionId, need(payload.externalId, 'a delete needs the item id'));
      case 'link':
        return Promise.resolve({ actionId: action.actionId, ok: true, externalId: payload.externalId ?? null });
    }
  }

  /** V&R's id for a brand, null when it does not know it. */
  private async brandId(name: string): Promise<string | null> {
    const key = name.trim().toLowerCase();
    const known = this.brandIds.get(key);
    if (known) return known;
    if (!this.session.onSite()) await this.session.open(ITEMS_PAGE, 'the items page');
    const answer = await this.session.fetch(
      '/ajax/check_brand_exists',
      { method: 'POST', body: `brand_name=${encodeURIComponent(name.trim())}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', 'X-Requested-With': 'XMLHttpRequest' } },
      `checking the brand "${name}"`,
    );
    const id = answer.text.trim();
    if (!/^\d+$/.test(id)) throw garbage(`checking the brand "${name}"`);
    if (id === '0') return null;
    this.brandIds.set(key, id);
    return id;
  }

  private async knownBrand(form: VrItemForm): Promise<string> {
    const id = await this.brandId(form.brand);
    if (id === null) {
      throw new PlatformError('permanent', `V&R does not know the brand "${form.brand}": its form refuses brands outside its list (ask V&R to add it, or use their spelling)`, {
        code: 'unknown_brand',
      });
    }
    return id;
  }

  /** Everything a listing decides on the open item form; photos aside. */
  private async fillForm(form: VrItemForm, brandId: string): Promise<string> {
    const page = await this.session.currentPage();
    const names = await chooseCategories(page, form.categoryIds, this.timeoutMs);
    const path = names.join('>');
    this.categoryIds.set(pathKey(path), [...form.categoryIds]);
    await setBrand(page, form.brand, brandId, this.timeoutMs);
    await setFields(page, { model_name: form.model, finish_color: form.finish, year: form.year, decade: form.decade, price: form.price });
    await setDescription(page, form.description);
    return path;
  }

  /** Downloads and uploads photos one at a time: at most one photo's bytes in memory. */
  private async uploadPhotos(sources: string[], firstPosition: number, what: string, checkpoint: Checkpoint): Promise<void> {
    const page = await this.session.currentPage();
    for (const [i, source] of sources.entries()) {
      await checkpoint();
      const photo = await downloadPhoto(source, firstPosition + i, this.timeoutMs);
      const refused = await uploadPhoto(page, photo, this.timeoutMs);
      if (refused) {
        // Dropzone reports a server error as "Server responded with 500 code.": the site's trouble, not the photo's.
        const kind = /responded with (5\d\d|429) code/i.test(refused) ? 'transient' : 'permanent';
        throw new PlatformError(kind, `V&R refused photo ${firstPosition + i} of ${what} (${source.slice(0, 200)}): ${refused}`, { code: 'photo_refused' });
      }
    }
  }

  /** Publishes the open form; answers where the post led and what the page then says. */
  private async publish(what: string): Promise<{ id: string | null; landed: string; text: string }> {
    const page = await this.session.currentPage();
    const answer = await this.session.navigateBy(() => clickPublish(page), what);
    const hop = answer.firstHop;
    // The post itself bounced home: the site forgot the session and saved nothing.
    if (hop && this.session.isLoginPage(hop)) throw new SessionExpired(what);
    const read = await page.evaluate((sel) => ({
      error: document.querySelector('.error_msg')?.textContent?.trim() || null,
      text: document.body?.innerText ?? '',
      form: !!document.querySelector(sel),
    }), ITEM_FORM);
    if (read.error) throw formRefused(what, read.error);
    const id = hop ? /\/add_edit_item\/(\d+)/.exec(this.session.pathOf(hop))?.[1] ?? null : null;
    return { id, landed: answer.url, text: read.text };
  }

  private async photosShown(sources: string[]): Promise<Photo[] | undefined> {
    const held = await heldPhotos(await this.session.currentPage());
    return pairPhotos(sources, held);
  }

  private async create(actionId: number, listing: Listing, checkpoint: Checkpoint): Promise<ActionOutcome> {
    const currency = await this.currency();
    const form = listingToForm(listing, currency);
    const what = 'the new item';
    const brandId = await this.knownBrand(form);
    await checkpoint();
    await this.session.open(ADD_ITEM, 'the item form');
    await checkpoint();
    const path = await this.fillForm(form, brandId);
    await this.uploadPhotos(form.photos, 1, what, checkpoint);
    await checkpoint();
    const result = await this.publish(what);
    if (result.id) {
      // The site took us to the new item's page: its photos are there, in order.
      const photos = this.session.pathOf(result.landed).endsWith(`/add_edit_item/${result.id}`) ? await this.photosShown(form.photos).catch(() => undefined) : undefined;
      return { actionId, ok: true, externalId: result.id, listing: heldListing(listing, result.id, false, currency, photos, path) };
    }
    // The item may exist: the executor looks the SKU up before it creates again.
    if (!PUBLISHED.test(result.text)) throw garbage(what);
    // The site often keeps the new id to itself: the next export has it. The item exists now,
    // so nothing from here on may throw (a redone step would create it twice).
    const row = await this.exportAfterCreate().then((rows) => rows && findMade(rows, form));
    if (!row) return { actionId, ok: true, externalId: null };
    return { actionId, ok: true, externalId: row['product id'], listing: heldFromExport(listing, row, form, currency, path) };
  }

  private async exportAfterCreate() {
    try {
      return await downloadExport(this.session, this.exportTimeoutMs);
    } catch (err) {
      if (!(err instanceof SessionExpired)) return null;
    }
    try {
      await this.session.login();
      return await downloadExport(this.session, this.exportTimeoutMs);
    } catch {
      return null;
    }
  }

  private update(action: CallAction, checkpoint: Checkpoint): Promise<ActionOutcome> {
    return action.payload.relistFrom === 'ended' ? this.relist(action, checkpoint) : this.edit(action, checkpoint);
  }

  /**
   * An item withdrawn by hand (out of inventory, unsold) cannot be put back on sale where it is:
   * none of V&R's calls does that (the form edits, restore_from_sold only undoes a sale). So it is
   * made anew through the form, and only then is the withdrawn one deleted: never two items on
   * sale, and a create that fails leaves the withdrawn item as it was. The export is read first,
   * so a relist done again (a retry, a crash before its outcome was kept) takes the item an
   * earlier try made (newer than the withdrawn one, with our brand, model, year and price).
   */
  private async relist(action: CallAction, checkpoint: Checkpoint): Promise<ActionOutcome> {
    const { payload } = action;
    const id = need(payload.externalId, 'a relist needs the item id');
    const listing = need(payload.listing, 'a relist needs the listing');
    const currency = await this.currency();
    const form = listingToForm(listing, currency);
    const rows = await downloadExport(this.session, this.exportTimeoutMs);
    const withdrawn = rows.find((r) => r['product id'].trim() === id);
    // Back on sale, or sold, since the snapshot: an edit in place is all it needs.
    if (withdrawn && !isWithdrawn(withdrawn)) return this.edit(action, checkpoint);
    const made = findMade(rows, form, Number(id));
    if (!made && !withdrawn) throw new PlatformError('permanent', `V&R has no item ${id} to relist (deleted by hand?)`, { code: 'not_found', status: 404 });
    const outcome = made
      ? { actionId: action.actionId, ok: true as const, externalId: made['product id'], listing: heldFromExport(listing, made, form, currency) }
      : await this.create(action.actionId, listing, checkpoint);
    if (withdrawn) await this.delete(action.actionId, id);
    return outcome;
  }

  private async edit(action: CallAction, checkpoint: Checkpoint): Promise<ActionOutcome> {
    const { payload } = action;
    const id = need(payload.externalId, 'an update needs the item id');
    const listing = need(payload.listing, 'an update needs the listing');
    const currency = await this.currency();
    const form = listingToForm(listing, currency);
    const what = `item ${id}`;
    const brandId = await this.knownBrand(form);
    await checkpoint();
    await this.session.open(`${ADD_ITEM}/${encodeURIComponent(id)}`, what);
    const wasSold = await this.soldOnForm();
    await checkpoint();
    const path = await this.fillForm(form, brandId);
    let photos: Photo[] | undefined = payload.photos;
    if (payload.photosChanged !== false) {
      // Photos V&R already holds for the leading sources stay; from the first difference on, they are replaced.
      const page = await this.session.currentPage();
      const held = await heldPhotos(page);
      const baseline = payload.photos ?? [];
      let keep = 0;
      while (keep < form.photos.length && keep < held.length && baseline.some((p) => p.source === form.photos[keep] && p.url === held[keep]!.url)) keep += 1;
      await removePhotos(page, held.slice(keep).map((p) => p.mediaId));
      await this.uploadPhotos(form.photos.slice(keep), keep + 1, what, checkpoint);
      photos = undefined;
    }
    await checkpoint();
    await this.publish(what);
    photos ??= await this.photosShown(form.photos).catch(() => undefined);
    const wantSold = (payload.quantity ?? listing.quantity) === 0 || listing.state === 'sold';
    if (wantSold !== wasSold) await this.markSold(id, wantSold);
    return { actionId: action.actionId, ok: true, externalId: id, listing: heldListing(listing, id, wantSold, currency, photos, path) };
  }

  private async setSold(actionId: number, id: string, sold: boolean): Promise<ActionOutcome> {
    await this.markSold(id, sold);
    return { actionId, ok: true, externalId: id };
  }

  /**
   * mark_as_sold / restore_from_sold. `true` or an empty answer is done; `false` or `Err::…` is
   * fine only when the item already is as we want it, else a failure with the site's words.
   */
  private async markSold(id: string, sold: boolean): Promise<void> {
    const what = `${sold ? 'marking' : 'restoring'} item ${id} ${sold ? 'as sold' : 'from sold'}`;
    const answer = await this.ajax(`/ajax/${sold ? 'mark_as_sold' : 'restore_from_sold'}/${randomToken()}`, `product_id=${encodeURIComponent(id)}`, what);
    if (answer.ok) return;
    const state = await this.itemState(id);
    if (state === 'gone') throw new PlatformError('permanent', `V&R has no item ${id} (${what}: ${answer.message})`, { code: 'not_found', status: 404 });
    if (state.sold !== sold) throw new PlatformError('permanent', `V&R refused ${what}: ${answer.message}`, { code: 'refused' });
  }

  private async delete(actionId: number, id: string): Promise<ActionOutcome> {
    const what = `deleting item ${id}`;
    const answer = await this.ajax('/ajax/delete_item', `product_id=${encodeURIComponent(id)}`, what);
    if (!answer.ok && (await this.itemState(id)) !== 'gone') throw new PlatformError('permanent', `V&R refused ${what}: ${answer.message}`, { code: 'refused' });
    return { actionId, ok: true, externalId: id };
  }

  /** The item actions, sent the way the items page's own scripts send them. */
  private async ajax(path: string, body: string, what: string): Promise<{ ok: true } | { ok: false; message: string }> {
    // Sent from whatever page of the site the tab shows, with the items page as Referer (as its
    // scripts would send it): a sale's end then costs one request, not a navigation and a request.
    if (!this.session.onSite()) await this.session.open(ITEMS_PAGE, 'the items page');
    const answer = await this.session.fetch(
      path,
      { method: 'POST', body, referrer: ITEMS_PAGE, headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', 'X-Requested-With': 'XMLHttpRequest' } },
      what,
    );
    return readAjax(answer.text, what);
  }

  private async itemState(id: string): Promise<'gone' | { sold: boolean }> {
    try {
      await this.session.open(`${ADD_ITEM}/${encodeURIComponent(id)}`, `item ${id}`);
    } catch (err) {
      if (err instanceof PlatformError && err.details.status === 404) return 'gone';
      throw err;
    }
    return { sold: await this.soldOnForm() };
  }

  private async soldOnForm(): Promise<boolean> {
    const state = await this.session.read(() => {
      const form = document.querySelector<HTMLFormElement>('form#frm_step1');
      return form ? (form.dataset.productSold ?? (document.querySelector('.item_status') ? 'yes' : 'no')) : null;
    });
    if (state === null) throw garbage('the item form');
    return state === 'yes';
  }

  /**
   * Maps the export's category names to V&R ids by walking the item form's own selects, once
   * per path not yet seen (the tree rarely changes). A path that cannot be walked stays unknown,
   * and its listings carry no `platformCategory` (not compared) rather than a wrong one.
   */
  private async learnCategories(paths: string[]): Promise<void> {
    const unseen = [...new Set(paths.map((p) => p.trim()).filter((p) => p && !this.categoryIds.has(pathKey(p))))];
    if (!unseen.length) return;
    try {
      await this.session.open(ADD_ITEM, 'the item form');
      const page = await this.session.currentPage();
      for (const path of unseen) {
        const ids = await categoryIdsByNames(page, path.split('>').map((s) => s.trim()), this.timeoutMs);
        this.categoryIds.set(pathKey(path), ids);
      }
    } catch (err) {
      const e = classifyThrown(err, 'the item form');
      if (e.kind === 'blocked' || e.kind === 'unavailable' || err instanceof SessionExpired) throw err;
    }
  }

  close(): Promise<void> {
    return this.mutex.run(() => this.session.close());
  }
}

/** The site's AJAX answers: `true` or an empty body succeed; `false` and `Err::<message>` fail. */
export function readAjax(text: string, what: string): { ok: true } | { ok: false; message: string } {
  const body = text.trim();
  if (body === 'true' || body === '') return { ok: true };
  if (body === 'false') return { ok: false, message: 'V&R answered false' };
  if (body.startsWith('Err::')) return { ok: false, message: body.slice(5).trim() || 'V&R answered an error without a message' };
  throw garbage(what);
}

/** The listing form wrote, or null where V&R could not hold it (then no create made an item). */
function formOrNull(listing: Listing, currency: string): VrItemForm | null {
  try {
    return listingToForm(listing, currency);
  } catch (err) {
    if (err instanceof PlatformError) return null;
    throw err;
  }
}

/** What V&R holds after the form wrote `listing`, found in the export as `row`: photos paired by position. */
function heldFromExport(listing: Listing, row: VrExportRow, form: VrItemForm, currency: string, categoryPath?: string): Listing {
  const served = row['image url'].split('|').map((url) => ({ mediaId: '', url: url.trim() })).filter((p) => p.url);
  return heldListing(listing, row['product id'], false, currency, pairPhotos(form.photos, served), categoryPath ?? (row['category name'].trim() || undefined));
}

/** Each source we sent beside the photo V&R shows in its place; undefined when the counts differ. */
function pairPhotos(sources: string[], held: HeldPhoto[]): Photo[] | undefined {
  if (held.length !== sources.length) return undefined;
  return sources.map((source, i) => ({ source, url: held[i]!.url, ...(held[i]!.mediaId ? { id: held[i]!.mediaId } : {}) }));
}

function randomToken(): string {
  return Math.random().toString(36).slice(2, 12);
}

function need<T>(value: T | undefined | null, message: string): T {
  if (value === undefined || value === null) throw new PlatformError('permanent', message, { code: 'bad_action' });
  return value;
}

export function createVrAdapter(options: VrAdapterOptions): VrAdapter {
  return new VrAdapter(options);
}
