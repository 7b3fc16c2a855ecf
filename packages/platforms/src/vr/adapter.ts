import type { Listing } from '@gearsync/core';
import { noGate, type ActionOutcome, type CallAction, type CallGate, type FetchPage, type PlatformAdapter, type PlatformLimits } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { FormProblem, SessionExpired, VrBrowserSession, type FetchResult } from './browser.js';
import { classifyThrown, formRefused, garbage } from './classify.js';
import { downloadExport } from './export.js';
import { findBySkuIn, findCreated, heldListing, listingToForm, rowToListing, type VrItemForm } from './mapping.js';

export interface VrAdapterOptions {
  /** The site's root, e.g. http://127.0.0.1:4000/vr or https://www.vintageandrare.com. */
  baseUrl: string;
  username: string;
  password: string;
  executablePath?: string;
  /** Per navigation or request. */
  timeoutMs?: number;
  gate?: CallGate;
  headless?: boolean;
  /** The account's currency: the export carries bare numbers. */
  currency?: string;
}

const ITEM_FORM = 'form#frm_step1';
const ITEMS_PAGE = '/account/items';
/** Listings per FetchPage: the export is one file, handed on in slices the snapshot can write in batches. */
const SLICE = 500;

const one = { create: 1, update: 1, stock: 1, end: 1, delete: 1, link: 1 };

class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Vintage & Rare through its dealer website in a headless browser. One tab, one step at a
 * time; the session is re-opened when the site forgets it. V&R has no "end": an item that
 * sold elsewhere is marked sold.
 */
export class VrAdapter implements PlatformAdapter {
  readonly platform = 'vr' as const;
  readonly limits: PlatformLimits = { batchSize: one, mixKinds: false, concurrency: 1, lookupReadsEverything: true, arrivalJitterMs: 120 };
  private readonly session: VrBrowserSession;
  private readonly mutex = new Mutex();
  private readonly currency: string;

  constructor(options: VrAdapterOptions) {
    this.currency = options.currency ?? 'USD';
    this.session = new VrBrowserSession({
      baseUrl: options.baseUrl,
      username: options.username,
      password: options.password,
      executablePath: options.executablePath ?? '/usr/bin/chromium',
      headless: options.headless ?? true,
      timeoutMs: options.timeoutMs ?? 30_000,
      gate: options.gate ?? noGate,
    });
  }

  calls(): number {
    return this.session.calls();
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

  async *fetchListings(): AsyncIterable<FetchPage> {
    const before = this.calls();
    const rows = await this.step(() => downloadExport(this.session));
    const totalPages = Math.max(1, Math.ceil(rows.length / SLICE));
    for (let page = 1; page <= totalPages; page++) {
      // Mapped a slice at a time: a big export is not held twice over.
      const listings = rows.slice((page - 1) * SLICE, page * SLICE).map((r) => rowToListing(r, this.currency));
      yield { listings, page, totalPages, calls: page === 1 ? this.calls() - before : 0 };
    }
  }

  async findBySku(sku: string): Promise<Listing | null> {
    const rows = await this.step(() => downloadExport(this.session));
    const row = findBySkuIn(rows, sku);
    return row ? rowToListing(row, this.currency) : null;
  }

  async execute(actions: CallAction[]): Promise<ActionOutcome[]> {
    const outcomes: ActionOutcome[] = [];
    for (const action of actions) {
      try {
        outcomes.push(await this.step(() => this.perform(action)));
      } catch (err) {
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

  private perform(action: CallAction): Promise<ActionOutcome> {
    const { payload } = action;
    switch (action.kind) {
      case 'create':
        return this.create(action.actionId, need(payload.listing, 'a create needs the listing'));
      case 'update':
        return this.update(action.actionId, need(payload.externalId, 'an update needs the item id'), need(payload.listing, 'an update needs the listing'), payload.quantity);
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

  /** Fills and posts the item form open in the tab. */
  private async submitItem(form: VrItemForm, what: string) {
    try {
      const result = await this.session.submitForm(ITEM_FORM, { fields: form.fields, photos: { prefix: 'upload_file_box_', urls: form.photos } }, what);
      if (result.error) throw formRefused(what, result.error);
      return result;
    } catch (err) {
      if (err instanceof FormProblem) throw formProblem(err, what);
      throw err;
    }
  }

  private async create(actionId: number, listing: Listing): Promise<ActionOutcome> {
    const form = listingToForm(listing, this.currency);
    await this.session.open('/instruments/add_edit_item', 'the item form');
    const result = await this.submitItem(form, 'the new item');
    const shown = new URL(result.url).searchParams.get('id');
    if (shown && /^\d+$/.test(shown)) return { actionId, ok: true, externalId: shown, listing: heldListing(listing, shown, false, this.currency) };
    if (!/published and live/i.test(result.pageText) && new URL(result.url).searchParams.get('published') !== '1') {
      // The item may exist: the executor looks the SKU up before it creates again.
      throw garbage('the new item');
    }
    // The site often keeps the new id to itself: the next export has it. The item exists now,
    // so nothing from here on may throw (a redone step would create it twice).
    const row = await this.exportAfterCreate().then((rows) => rows && findCreated(rows, form));
    if (!row) return { actionId, ok: true, externalId: null };
    return { actionId, ok: true, externalId: row['product id'], listing: rowToListing(row, this.currency) };
  }

  private async exportAfterCreate() {
    try {
      return await downloadExport(this.session);
    } catch (err) {
      if (!(err instanceof SessionExpired)) return null;
    }
    try {
      await this.session.login();
      return await downloadExport(this.session);
    } catch {
      return null;
    }
  }

  private async update(actionId: number, id: string, listing: Listing, quantity: number | undefined): Promise<ActionOutcome> {
    const form = listingToForm(listing, this.currency);
    const path = `/instruments/add_edit_item/${encodeURIComponent(id)}`;
    await this.session.open(path, `item ${id}`);
    const wasSold = await this.soldOnForm();
    await this.submitItem(form, `item ${id}`);
    const wantSold = (quantity ?? listing.quantity) === 0 || listing.state === 'sold';
    if (wantSold !== wasSold) await this.markSold(id, wantSold);
    return { actionId, ok: true, externalId: id, listing: heldListing(listing, id, wantSold, this.currency) };
  }

  private async setSold(actionId: number, id: string, sold: boolean): Promise<ActionOutcome> {
    await this.markSold(id, sold);
    return { actionId, ok: true, externalId: id };
  }

  /** mark_as_sold / restore_from_sold; a `false` is fine when the item already is as we want it. */
  private async markSold(id: string, sold: boolean): Promise<void> {
    const what = `${sold ? 'marking' : 'restoring'} item ${id} ${sold ? 'as sold' : 'from sold'}`;
    const path = `/ajax/${sold ? 'mark_as_sold' : 'restore_from_sold'}/${encodeURIComponent(id)}`;
    if (await this.ajax(path, '', what)) return;
    const state = await this.itemState(id);
    if (state === 'gone') throw new PlatformError('permanent', `V&R has no item ${id}`, { code: 'not_found', status: 404 });
    if (state.sold !== sold) throw new PlatformError('permanent', `V&R answered false to ${what}`, { code: 'refused' });
  }

  private async delete(actionId: number, id: string): Promise<ActionOutcome> {
    const what = `deleting item ${id}`;
    if (!(await this.ajax('/ajax/delete_item', `product_id=${encodeURIComponent(id)}`, what)) && (await this.itemState(id)) !== 'gone') {
      throw new PlatformError('permanent', `V&R answered false to ${what}`, { code: 'refused' });
    }
    return { actionId, ok: true, externalId: id };
  }

  /** The item actions, sent the way the items page's own scripts send them. */
  private async ajax(path: string, body: string, what: string): Promise<boolean> {
    // Sent from whatever page of the site the tab shows, with the items page as Referer (as its
    // scripts would send it): a sale's end then costs one request, not a navigation and a request.
    if (!this.session.onSite()) await this.session.open(ITEMS_PAGE, 'the items page');
    const answer: FetchResult = await this.session.fetch(
      path,
      { method: 'POST', body, referrer: ITEMS_PAGE, headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', 'X-Requested-With': 'XMLHttpRequest' } },
      what,
    );
    const text = answer.text.trim();
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw garbage(what);
  }

  private async itemState(id: string): Promise<'gone' | { sold: boolean }> {
    try {
      await this.session.open(`/instruments/add_edit_item/${encodeURIComponent(id)}`, `item ${id}`);
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

  close(): Promise<void> {
    return this.mutex.run(() => this.session.close());
  }
}

function need<T>(value: T | undefined | null, message: string): T {
  if (value === undefined || value === null) throw new PlatformError('permanent', message, { code: 'bad_action' });
  return value;
}

function formProblem(err: FormProblem, what: string): PlatformError {
  switch (err.kind) {
    case 'no_option':
      return new PlatformError('permanent', `V&R's form offers no "${err.detail}" for ${what}`, { code: 'validation' });
    case 'too_many_photos':
      return new PlatformError('permanent', `V&R takes at most ${err.detail} photos for ${what}`, { code: 'validation' });
    case 'no_field':
      return new PlatformError('permanent', `V&R's item form has no field "${err.detail}": the site changed`, { code: 'site_changed' });
  }
}

export function createVrAdapter(options: VrAdapterOptions): VrAdapter {
  return new VrAdapter(options);
}
