import { formatAmount, type Listing } from '@gearsync/core';
import { PlatformError } from '../errors.js';

/** The inventory export's columns, in the site's order; a last, empty column follows them. */
export const VR_EXPORT_COLUMNS = [
  'brand name',
  'category name',
  'product id',
  'external id',
  'product model name',
  'product price',
  'product price notax',
  'product description',
  'product year',
  'product sold',
  'product finish',
  'product in collective',
  'product in inventory',
  'product in reseller',
  'collective discount',
  'free shipping',
  'buy now',
  'show vat',
  'decade',
  'product order',
  'local pickup',
  'available for shipment',
  'processing time',
  'offer discount',
  'image url',
  'video url',
  'external link',
] as const;

export type VrColumn = (typeof VR_EXPORT_COLUMNS)[number];
export type VrExportRow = Record<VrColumn, string>;

/** The fields of the add/edit form `frm_step1` that a listing decides; the rest keep what the form holds. */
export interface VrItemForm {
  fields: {
    categ_level_0: string;
    categ_level_1: string;
    categ_level_2: string;
    categ_level_3: string;
    recipient_name: string;
    model_name: string;
    year: string;
    decade: string;
    finish_color: string;
    item_desc: string;
    price: string;
    external_id: string;
  };
  photos: string[];
}

/** V&R keeps no title: the site shows brand and model, so that is the title it gives back. */
export function vrTitle(brand: string | null | undefined, model: string | null | undefined): string {
  return [brand ?? '', model ?? ''].map((s) => s.trim()).filter(Boolean).join(' ');
}

/** Textarea posts arrive as CRLF and are kept so; ours are LF. */
function normaliseText(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** "1299.00", "1299", "1,299.00" (thousands separators appear in some exports); null when not a price. */
export function parseVrPrice(raw: string): number | null {
  const m = /^\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*$/.exec(raw);
  if (!m) return null;
  return Number(m[1]!.replace(/,/g, '')) * 100 + Number(((m[2] ?? '') + '00').slice(0, 2));
}

function parseYear(raw: string): number | null {
  const m = /\b(1[89]\d\d|20\d\d)\b/.exec(raw);
  return m ? Number(m[1]) : null;
}

const yes = (s: string) => s.trim().toLowerCase() === 'yes';

/** One export row in canonical terms. One item is one unit; "in inventory" = no on an unsold item means withdrawn. */
export function rowToListing(row: VrExportRow, currency: string): Listing {
  const id = row['product id'].trim();
  if (!/^\d+$/.test(id)) throw new PlatformError('transient', `V&R export has a row without a product id ("${id.slice(0, 40)}")`, { code: 'garbage' });
  const cents = parseVrPrice(row['product price']);
  if (cents === null) throw new PlatformError('transient', `V&R export gives item ${id} the price "${row['product price'].slice(0, 40)}"`, { code: 'garbage' });
  const sold = yes(row['product sold']);
  const forSale = !sold && yes(row['product in inventory']);
  const brand = row['brand name'].trim();
  const model = row['product model name'].trim();
  return {
    externalId: id,
    sku: row['external id'].trim() || null,
    title: vrTitle(brand, model),
    description: normaliseText(row['product description']),
    price: { cents, currency },
    quantity: forSale ? 1 : 0,
    condition: null,
    images: row['image url'].split('|').map((u) => u.trim()).filter(Boolean),
    state: sold ? 'sold' : forSale ? 'active' : 'ended',
    brand: brand || null,
    model: model || null,
    year: parseYear(row['product year']),
    finish: row['product finish'].trim() || null,
    category: row['category name'].trim() || null,
  };
}

function modelOf(listing: Listing): string {
  const model = listing.model?.trim();
  if (model) return model;
  const brand = listing.brand?.trim() ?? '';
  const title = listing.title.trim();
  return brand && title.toLowerCase().startsWith(`${brand.toLowerCase()} `) ? title.slice(brand.length + 1).trim() : title;
}

/** What to type into the form for a listing. Throws a permanent error where V&R cannot hold it. */
export function listingToForm(listing: Listing, currency: string): VrItemForm {
  if (listing.price.currency !== currency) {
    throw new PlatformError('permanent', `V&R account prices are in ${currency}; the listing is priced in ${listing.price.currency}`, { code: 'currency' });
  }
  const levels = (listing.category ?? '').split('>').map((c) => c.trim());
  if (levels.length > 4) throw new PlatformError('permanent', `V&R categories have at most 4 levels; got "${listing.category}"`, { code: 'category' });
  const year = listing.year == null ? '' : String(listing.year);
  return {
    fields: {
      categ_level_0: levels[0] ?? '',
      categ_level_1: levels[1] ?? '',
      categ_level_2: levels[2] ?? '',
      categ_level_3: levels[3] ?? '',
      recipient_name: listing.brand?.trim() ?? '',
      model_name: modelOf(listing),
      year,
      decade: year ? `${year.slice(0, 3)}0s` : '',
      finish_color: listing.finish?.trim() ?? '',
      item_desc: listing.description,
      price: formatAmount(listing.price.cents),
      external_id: listing.sku?.trim() ?? '',
    },
    photos: listing.images,
  };
}

/** What V&R holds after we wrote `listing` to item `externalId`: the same as its next export row gives. */
export function heldListing(listing: Listing, externalId: string, sold: boolean, currency: string): Listing {
  const { fields, photos } = listingToForm(listing, currency);
  const category = [fields.categ_level_0, fields.categ_level_1, fields.categ_level_2, fields.categ_level_3].filter(Boolean).join('>');
  return {
    externalId,
    sku: fields.external_id || null,
    title: vrTitle(fields.recipient_name, fields.model_name),
    description: normaliseText(fields.item_desc),
    price: { cents: listing.price.cents, currency },
    quantity: sold ? 0 : 1,
    condition: null,
    images: photos.map((u) => u.trim()).filter(Boolean),
    state: sold ? 'sold' : 'active',
    brand: fields.recipient_name || null,
    model: fields.model_name || null,
    year: listing.year ?? null,
    finish: fields.finish_color || null,
    category: category || null,
  };
}

/**
 * The item a create made, when the site did not show its id: by our SKU first, else by brand +
 * model + year. Ids only grow, so the newest match is the one just made.
 */
export function findCreated(rows: VrExportRow[], form: VrItemForm): VrExportRow | null {
  const newest = (candidates: VrExportRow[]) =>
    candidates.reduce<VrExportRow | null>((best, r) => (!best || Number(r['product id']) > Number(best['product id']) ? r : best), null);
  const sku = form.fields.external_id;
  if (sku) {
    const bySku = newest(rows.filter((r) => r['external id'].trim() === sku));
    if (bySku) return bySku;
  }
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return newest(
    rows.filter(
      (r) =>
        same(r['brand name'], form.fields.recipient_name) &&
        same(r['product model name'], form.fields.model_name) &&
        (parseYear(r['product year']) ?? '') === (form.fields.year ? Number(form.fields.year) : ''),
    ),
  );
}

/** The newest item carrying our SKU. */
export function findBySkuIn(rows: VrExportRow[], sku: string): VrExportRow | null {
  return rows
    .filter((r) => r['external id'].trim() === sku)
    .reduce<VrExportRow | null>((best, r) => (!best || Number(r['product id']) > Number(best['product id']) ? r : best), null);
}
