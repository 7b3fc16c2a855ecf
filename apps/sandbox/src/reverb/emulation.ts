import type { Router } from 'express';
import { PlatformBehaviour } from '../behaviour.js';
import type { CanonicalListing, ListingPatch } from '../canonical.js';
import type { ControlListing, Emulation } from '../emulation.js';
import { applyControlPatch, fromControl, LISTING_STATES, toControl, type ListingState, type ReverbOrder, type ReverbRecord } from './record.js';
import { reverbRouter } from './routes.js';
import { checkListing, type FieldErrors, type ParsedWrite } from './validation.js';

/** What an API operation answers: the listing it touched, or Reverb's error status and body. */
export type OpResult = { ok: true; record: ReverbRecord } | { ok: false; status: number; body: { message: string; errors?: FieldErrors } };

export const END_REASONS = ['not_sold', 'reverb_sale'] as const;
export type EndReason = (typeof END_REASONS)[number];

const FIRST_ID = 70_000_001;
const FIRST_ORDER = 1_000_001;

/**
 * Reverb API v3 as documented: one listing per call, drafts unless published, SKUs unique,
 * inventory reaching 0 ends a listing, ending twice refused. Records are kept in Reverb's
 * own terms; the control API converts at its boundary.
 */
export class ReverbEmulation implements Emulation {
  readonly name = 'reverb' as const;
  readonly behaviour = new PlatformBehaviour();
  private records = new Map<number, ReverbRecord>();
  private orders: ReverbOrder[] = [];
  private nextId = FIRST_ID;
  private nextOrder = FIRST_ORDER;

  constructor(private readonly credentials: { token: string }) {}

  router(): Router {
    return reverbRouter(this, this.credentials.token);
  }

  reset(): void {
    this.records.clear();
    this.orders = [];
    this.nextId = FIRST_ID;
    this.nextOrder = FIRST_ORDER;
    this.behaviour.reset();
  }

  replace(listings: CanonicalListing[]): ControlListing[] {
    this.records.clear();
    return this.add(listings);
  }

  add(listings: CanonicalListing[]): ControlListing[] {
    const now = new Date().toISOString();
    return listings.map((c) => {
      const record = fromControl(c, this.claimId(c.id), now);
      this.records.set(record.id, record);
      return toControl(record);
    });
  }

  patch(sku: string, fields: ListingPatch): ControlListing | null {
    const record = this.all().find((r) => r.sku === sku);
    if (!record) return null;
    applyControlPatch(record, fields, new Date().toISOString());
    return toControl(record);
  }

  list(): ControlListing[] {
    return this.all().map(toControl);
  }

  async sell(sku: string, quantity: number): Promise<ControlListing | null> {
    const record = this.all().find((r) => r.sku === sku && r.state === 'live' && r.inventory >= quantity);
    if (!record) return null;
    const now = new Date().toISOString();
    record.inventory -= quantity;
    if (record.inventory === 0) record.state = 'sold';
    record.updatedAt = now;
    const order: ReverbOrder = {
      order_number: String(this.nextOrder++),
      sku: record.sku,
      quantity,
      product_id: String(record.id),
      title: record.title,
      status: 'paid',
      created_at: now,
      updated_at: now,
    };
    this.orders.push(order);
    await this.notify(order);
    return toControl(record);
  }

  all(): ReverbRecord[] {
    return [...this.records.values()].sort((a, b) => a.id - b.id);
  }

  get(id: number): ReverbRecord | undefined {
    return this.records.get(id);
  }

  create(write: ParsedWrite): OpResult {
    const now = new Date().toISOString();
    const f = write.fields;
    const publish = write.publish === true;
    const inventory = f.inventory ?? 1;
    const record: ReverbRecord = {
      id: 0,
      sku: f.sku ?? '',
      make: f.make ?? '',
      model: f.model ?? '',
      title: f.title ?? '',
      description: f.description ?? '',
      finish: f.finish ?? '',
      year: f.year ?? '',
      conditionUuid: f.conditionUuid ?? null,
      priceCents: f.priceCents ?? 0,
      currency: f.currency ?? 'USD',
      inventory,
      hasInventory: f.hasInventory ?? f.inventory !== undefined,
      state: publish ? 'live' : 'draft',
      photos: f.photos ?? [],
      createdAt: now,
      updatedAt: now,
      publishedAt: publish ? now : null,
    };
    const errors = { ...write.errors };
    checkListing(record, publish, this.all(), errors);
    if (Object.keys(errors).length) return this.invalid(errors);
    record.id = this.nextId++;
    this.records.set(record.id, record);
    return { ok: true, record };
  }

  /** Partial update: only the fields sent change. `publish: true` takes a draft or ended listing live. */
  update(id: number, write: ParsedWrite): OpResult {
    const current = this.records.get(id);
    if (!current) return notFound();
    const next: ReverbRecord = { ...current, ...definedOnly(write.fields) };
    const errors = { ...write.errors };
    const publishing = write.publish === true && next.state !== 'live';
    if (publishing && (next.state === 'sold' || next.state === 'suspended')) {
      (errors.publish ??= []).push(`a ${next.state} listing cannot be published`);
    }
    checkListing(next, publishing, this.all(), errors);
    if (Object.keys(errors).length) return this.invalid(errors);
    const now = new Date().toISOString();
    if (publishing) {
      next.state = 'live';
      next.publishedAt ??= now;
    }
    // The seller setting inventory to 0 takes the listing off sale: ended, not sold (no sale happened).
    if (next.state === 'live' && next.inventory === 0) next.state = 'ended';
    next.updatedAt = now;
    this.records.set(id, next);
    return { ok: true, record: next };
  }

  end(id: number, reason: EndReason): OpResult {
    const record = this.records.get(id);
    if (!record) return notFound();
    if (record.state !== 'live') {
      return { ok: false, status: 422, body: { message: `This listing is ${record.state} and cannot be ended.` } };
    }
    record.state = reason === 'reverb_sale' ? 'sold' : 'ended';
    record.updatedAt = new Date().toISOString();
    return { ok: true, record };
  }

  remove(id: number): OpResult {
    const record = this.records.get(id);
    if (!record) return notFound();
    if (record.state !== 'draft') {
      return { ok: false, status: 422, body: { message: 'Only drafts can be deleted; end a live listing instead.' } };
    }
    this.records.delete(id);
    return { ok: true, record };
  }

  ordersUpdatedBetween(start: number | null, end: number | null): ReverbOrder[] {
    return this.orders.filter((o) => {
      const at = Date.parse(o.updated_at);
      return (start === null || at >= start) && (end === null || at <= end);
    });
  }

  invalid(errors: FieldErrors): OpResult {
    return { ok: false, status: this.behaviour.config.validationStatus, body: { message: 'The listing could not be saved.', errors } };
  }

  private claimId(requested: string | undefined): number {
    const wanted = requested && /^\d+$/.test(requested) ? Number(requested) : null;
    if (wanted !== null && !this.records.has(wanted)) {
      this.nextId = Math.max(this.nextId, wanted + 1);
      return wanted;
    }
    return this.nextId++;
  }

  /** Reverb webhooks are unsigned: the receiver trusts the secret token in its own URL. */
  private async notify(order: ReverbOrder): Promise<void> {
    const url = this.behaviour.config.webhookUrl;
    if (!url) return;
    const body = { order_number: order.order_number, sku: order.sku, quantity: order.quantity, product_id: order.product_id, created_at: order.created_at };
    try {
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-reverb-topic': 'orders/create' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      // A receiver that is down loses the notification, as with Reverb; the sale stays recorded.
    }
  }
}

export function isState(value: string): value is ListingState {
  return (LISTING_STATES as readonly string[]).includes(value);
}

function notFound(): OpResult {
  return { ok: false, status: 404, body: { message: 'The requested listing could not be found.' } };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
