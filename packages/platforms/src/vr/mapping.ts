import { formatAmount, type Listing, type Photo } from '@gearsync/core';
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

/** What a listing decides on the add/edit form `frm_step1`; the rest keep what the form holds. */
export interface VrItemForm {
  /** V&R's numeric category ids, top level first. */
  categoryIds: string[];
  brand: string;
  model: string;
  year: string;
  /** The decade select's value, "1960". */
  decade: string;
  finish: string;
  /** HTML, set through the page's rich-text editor. */
  description: string;
  price: string;
  /** Source URLs, in order, the first the main photo. */
  photos: string[];
}

export const VR_MAX_PHOTOS = 20;

/** V&R keeps no title: the site shows brand and model, so that is the title it gives back. */
export function vrTitle(brand: string | null | undefined, model: string | null | undefined): string {
  return [brand ?? '', model ?? ''].map((s) => s.trim()).filter(Boolean).join(' ');
}

/** Textarea posts arrive as CRLF and are kept so; ours are LF. */
function normaliseText(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
const unescapeHtml = (s: string) =>
  s.replace(/&(lt|gt|nbsp|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', nbsp: '\u00a0', quot: '"', '#39': "'", amp: '&' })[e]!);
const HTML_TAG = /<\/?[a-z][^>]*>/i;

/**
 * The description as the site's rich-text editor keeps it. HTML goes in as it is; plain text
 * (most catalogues) is written as the editor would hold it (escaped, line breaks as `<br>`, one
 * paragraph), so what comes back can be read back to the very same text.
 */
export function descriptionHtml(text: string): string {
  const t = normaliseText(text);
  if (t === '' || HTML_TAG.test(t)) return t;
  return `<p>${escapeHtml(t).replace(/\n/g, '<br>')}</p>`;
}

/** The inverse of `descriptionHtml` where the HTML is exactly what it makes; other HTML stays HTML. */
export function descriptionText(html: string): string {
  const h = normaliseText(html);
  const inner = /^<p>([\s\S]*)<\/p>$/.exec(h)?.[1];
  if (inner === undefined || /<(?!br>)/i.test(inner)) return h;
  const text = unescapeHtml(inner.replace(/<br>/g, '\n'));
  return descriptionHtml(text) === h ? text : h;
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

/** Out of inventory and unsold: withdrawn from sale by hand. */
export function isWithdrawn(row: VrExportRow): boolean {
  return !yes(row['product sold']) && !yes(row['product in inventory']);
}

/** One export row in canonical terms. One item is one unit; "in inventory" = no on an unsold item means withdrawn. */
export function rowToListing(row: VrExportRow, currency: string, categoryIds?: (path: string) => string[] | undefined): Listing {
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
    description: descriptionText(row['product description']),
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
    ...withCategory(categoryIds?.(row['category name'].trim())),
  };
}

function withCategory(ids: string[] | undefined): Pick<Listing, 'platformCategory'> {
  return ids ? { platformCategory: ids } : {};
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
  const ids = listing.platformCategory ?? [];
  if (!ids.length) throw new PlatformError('permanent', 'the listing has no V&R category ids (map its category to V&R ids)', { code: 'category' });
  if (ids.length > 4 || ids.some((id) => !/^\d+$/.test(id))) {
    throw new PlatformError('permanent', `V&R category ids are up to 4 numbers, top level first; got [${ids.join(', ')}]`, { code: 'category' });
  }
  const brand = listing.brand?.trim() ?? '';
  if (!brand) throw new PlatformError('permanent', 'V&R needs a brand', { code: 'validation' });
  const images = listing.images.map((u) => u.trim()).filter(Boolean);
  if (images.length > VR_MAX_PHOTOS) throw new PlatformError('permanent', `V&R takes at most ${VR_MAX_PHOTOS} photos; the listing has ${images.length}`, { code: 'validation' });
  const year = listing.year == null ? '' : String(listing.year);
  return {
    categoryIds: [...ids],
    brand,
    model: modelOf(listing),
    year,
    decade: year ? `${year.slice(0, 3)}0` : '',
    finish: listing.finish?.trim() ?? '',
    description: descriptionHtml(listing.description),
    price: formatAmount(listing.price.cents),
    photos: images,
  };
}

/**
 * What V&R holds after we wrote `listing` to item `externalId`: its images are the sources we
 * sent (compared as such), `photos` what V&R serves for each, where we learnt it. No SKU: the
 * form keeps none (an item the dealer imported with a reference keeps that, never compared).
 */
export function heldListing(listing: Listing, externalId: string, sold: boolean, currency: string, photos?: Photo[], categoryPath?: string): Listing {
  const form = listingToForm(listing, currency);
  return {
    externalId,
    sku: null,
    title: vrTitle(form.brand, form.model),
    description: descriptionText(form.description),
    price: { cents: listing.price.cents, currency },
    quantity: sold ? 0 : 1,
    condition: null,
    images: form.photos,
    state: sold ? 'sold' : 'active',
    brand: form.brand || null,
    model: form.model || null,
    year: listing.year ?? null,
    finish: form.finish || null,
    category: categoryPath ?? listing.category ?? null,
    platformCategory: [...form.categoryIds],
    ...(photos ? { photos } : {}),
  };
}

const newest = (rows: VrExportRow[]): VrExportRow | null =>
  rows.reduce<VrExportRow | null>((best, r) => (!best || Number(r['product id']) > Number(best['product id']) ? r : best), null);

/**
 * The item the form made for `form`, when the site did not say which: V&R keeps no SKU, so it is
 * the newest unsold item with our brand, model, year and price (values the site keeps as typed;
 * the description's HTML it may reformat). Ids only grow: the one just made is the newest, and
 * `above` (an id known to be older, e.g. the item a relist replaces) rules out everything before it.
 */
export function findMade(rows: VrExportRow[], form: VrItemForm, above = 0): VrExportRow | null {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const cents = parseVrPrice(form.price);
  return newest(
    rows.filter(
      (r) =>
        Number(r['product id']) > above &&
        !yes(r['product sold']) &&
        same(r['brand name'], form.brand) &&
        same(r['product model name'], form.model) &&
        (parseYear(r['product year']) ?? '') === (form.year ? Number(form.year) : '') &&
        parseVrPrice(r['product price']) === cents,
    ),
  );
}

/** The newest item carrying our SKU: only items the dealer imported with a reference have one. */
export function findBySkuIn(rows: VrExportRow[], sku: string): VrExportRow | null {
  return newest(rows.filter((r) => r['external id'].trim() === sku));
}
