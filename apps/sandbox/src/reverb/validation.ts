import { amountToCents } from '../canonical.js';
import { conditionByUuid } from './conditions.js';
import type { ReverbRecord } from './record.js';

/** The listing fields a write may carry, already in record terms. */
export type ListingFields = Partial<
  Pick<ReverbRecord, 'sku' | 'make' | 'model' | 'title' | 'description' | 'finish' | 'year' | 'conditionUuid' | 'priceCents' | 'currency' | 'inventory' | 'hasInventory' | 'photos'>
>;

/** Reverb's validation answer: `{message, errors: {field: [msg]}}`. */
export type FieldErrors = Record<string, string[]>;

export interface ParsedWrite {
  fields: ListingFields;
  publish: boolean | undefined;
  errors: FieldErrors;
}

function add(errors: FieldErrors, field: string, message: string) {
  (errors[field] ??= []).push(message);
}

const TEXT_FIELDS = ['sku', 'make', 'model', 'title', 'description', 'finish'] as const;

/**
 * Reads a POST/PUT listing body. Fields Reverb knows but the emulation does not keep
 * (categories, shipping, location…) are ignored, as Reverb ignores what it does not need.
 */
export function parseListingBody(body: Record<string, unknown>): ParsedWrite {
  const errors: FieldErrors = {};
  const fields: ListingFields = {};

  for (const key of TEXT_FIELDS) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') add(errors, key, 'must be a string');
    else fields[key] = value.trim();
  }
  if (body.year !== undefined && body.year !== null) {
    if (typeof body.year === 'string' || typeof body.year === 'number') fields.year = String(body.year);
    else add(errors, 'year', 'must be a string');
  }
  if (body.condition !== undefined) {
    const uuid = typeof body.condition === 'object' && body.condition ? (body.condition as { uuid?: unknown }).uuid : undefined;
    if (typeof uuid !== 'string' || !conditionByUuid(uuid)) add(errors, 'condition', 'is not a valid condition');
    else fields.conditionUuid = uuid;
  }
  if (body.price !== undefined) {
    const price = typeof body.price === 'object' && body.price ? (body.price as { amount?: unknown; currency?: unknown }) : {};
    const amount = typeof price.amount === 'number' ? price.amount.toFixed(2) : price.amount;
    if (typeof amount !== 'string' || !/^\d+(\.\d{1,2})?$/.test(amount.trim())) add(errors, 'price', 'amount must be a decimal amount like "1299.00"');
    else if (amountToCents(amount.trim()) <= 0) add(errors, 'price', 'must be greater than 0');
    else fields.priceCents = amountToCents(amount.trim());
    if (price.currency !== undefined) {
      if (typeof price.currency !== 'string' || !/^[A-Z]{3}$/.test(price.currency)) add(errors, 'price', 'currency is not a valid currency code');
      else fields.currency = price.currency;
    }
  }
  if (body.inventory !== undefined) {
    if (typeof body.inventory !== 'number' || !Number.isInteger(body.inventory) || body.inventory < 0) add(errors, 'inventory', 'must be a whole number, 0 or more');
    else fields.inventory = body.inventory;
  }
  if (body.has_inventory !== undefined) {
    if (typeof body.has_inventory !== 'boolean') add(errors, 'has_inventory', 'must be true or false');
    else fields.hasInventory = body.has_inventory;
  }
  if (body.photos !== undefined) {
    if (!Array.isArray(body.photos) || !body.photos.every((p) => typeof p === 'string' && /^https?:\/\/\S+$/.test(p))) {
      add(errors, 'photos', 'must be a list of photo URLs');
    } else fields.photos = body.photos as string[];
  }
  let publish: boolean | undefined;
  if (body.publish !== undefined) {
    if (typeof body.publish !== 'boolean') add(errors, 'publish', 'must be true or false');
    else publish = body.publish;
  }
  return { fields, publish, errors };
}

/** Rules over the listing as it would be after the write. */
export function checkListing(r: ReverbRecord, publishing: boolean, others: readonly ReverbRecord[], errors: FieldErrors): void {
  for (const key of ['make', 'model', 'title'] as const) if (!r[key]) add(errors, key, "can't be blank");
  if (!r.conditionUuid) add(errors, 'condition', "can't be blank");
  if (r.priceCents <= 0) add(errors, 'price', "can't be blank");
  if (r.sku && others.some((o) => o.id !== r.id && o.sku === r.sku)) add(errors, 'sku', 'has already been taken');
  const condition = conditionByUuid(r.conditionUuid);
  if (r.inventory > 1 && condition && !condition.multipleUnits) {
    add(errors, 'inventory', `can only be more than 1 for Brand New, Mint or B-Stock items, not ${condition.display_name}`);
  }
  if (publishing && r.inventory < 1) add(errors, 'inventory', 'must be at least 1 to publish');
}
