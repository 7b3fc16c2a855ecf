import { TOP_CATEGORIES, decadeOf, type VrItem } from './store.js';

/** Photo boxes on the add/edit form (`upload_file_box_1` …). */
export const PHOTO_BOXES = 20;
export const PROCESSING_DAYS = [1, 2, 3, 5, 7, 10, 14, 21, 30] as const;
export const MAX_MODEL_LENGTH = 120;

/** The add/edit form `frm_step1` as strings, the way the browser posts it. */
export interface FormValues {
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
  processing_time: string;
  images: string[];
}

export type FormFields = Pick<
  VrItem,
  'categories' | 'brand' | 'model' | 'year' | 'decade' | 'finish' | 'description' | 'priceCents' | 'externalId' | 'processingDays' | 'images'
>;

export function emptyForm(): FormValues {
  return {
    categ_level_0: '',
    categ_level_1: '',
    categ_level_2: '',
    categ_level_3: '',
    recipient_name: '',
    model_name: '',
    year: '',
    decade: '',
    finish_color: '',
    item_desc: '',
    price: '',
    external_id: '',
    processing_time: '3',
    images: [],
  };
}

export function formOf(item: VrItem): FormValues {
  const c = item.categories;
  return {
    categ_level_0: c[0] ?? '',
    categ_level_1: c[1] ?? '',
    categ_level_2: c[2] ?? '',
    categ_level_3: c[3] ?? '',
    recipient_name: item.brand,
    model_name: item.model,
    year: item.year,
    decade: item.decade,
    finish_color: item.finish,
    item_desc: item.description,
    price: (item.priceCents / 100).toFixed(2),
    external_id: item.externalId,
    processing_time: String(item.processingDays),
    images: [...item.images],
  };
}

function text(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

/** What was posted, kept as typed so the form can be shown again with the error. */
export function postedForm(body: Record<string, unknown>): FormValues {
  const images: string[] = [];
  for (let n = 1; n <= PHOTO_BOXES; n++) {
    const url = text(body, `upload_file_box_${n}`).trim();
    if (url) images.push(url);
  }
  return {
    categ_level_0: text(body, 'categ_level_0').trim(),
    categ_level_1: text(body, 'categ_level_1').trim(),
    categ_level_2: text(body, 'categ_level_2').trim(),
    categ_level_3: text(body, 'categ_level_3').trim(),
    recipient_name: text(body, 'recipient_name').trim(),
    model_name: text(body, 'model_name').trim(),
    year: text(body, 'year').trim(),
    decade: text(body, 'decade').trim(),
    finish_color: text(body, 'finish_color').trim(),
    item_desc: text(body, 'item_desc'),
    price: text(body, 'price').trim(),
    external_id: text(body, 'external_id').trim(),
    processing_time: text(body, 'processing_time').trim(),
    images,
  };
}

/** The site's own checks, with its messages; the fields to store when they pass. */
export function validateForm(v: FormValues): { ok: true; fields: FormFields } | { ok: false; error: string } {
  if (!(TOP_CATEGORIES as readonly string[]).includes(v.categ_level_0)) return { ok: false, error: 'Please select a category for your item.' };
  if (!v.recipient_name) return { ok: false, error: 'Please enter the brand of your item.' };
  if (!v.model_name) return { ok: false, error: 'Please enter the model name of your item.' };
  if (v.model_name.length > MAX_MODEL_LENGTH) return { ok: false, error: `The model name may be at most ${MAX_MODEL_LENGTH} characters long.` };
  const price = v.price.replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(price) || Number(price) <= 0) return { ok: false, error: 'Please enter a valid price.' };
  if (v.year && !/^(19|20)\d\d$/.test(v.year)) return { ok: false, error: 'Please enter a valid year (e.g. 1965).' };
  const days = v.processing_time ? Number(v.processing_time) : 3;
  if (!(PROCESSING_DAYS as readonly number[]).includes(days)) return { ok: false, error: 'Please select a processing time.' };
  const badPhoto = v.images.findIndex((u) => !/^https?:\/\/\S+$/i.test(u));
  if (badPhoto >= 0) return { ok: false, error: `Photo ${badPhoto + 1} is not a valid image address.` };
  const [whole, frac = ''] = price.split('.');
  return {
    ok: true,
    fields: {
      categories: [v.categ_level_0, v.categ_level_1, v.categ_level_2, v.categ_level_3].filter((c) => c !== ''),
      brand: v.recipient_name,
      model: v.model_name,
      year: v.year,
      decade: v.decade || decadeOf(v.year),
      finish: v.finish_color,
      // Stored as posted: browsers send a textarea's line breaks as CRLF.
      description: v.item_desc,
      priceCents: Number(whole) * 100 + Number((frac + '00').slice(0, 2)),
      externalId: v.external_id,
      processingDays: days,
      images: v.images,
    },
  };
}
