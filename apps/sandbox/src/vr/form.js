import { SHIPPING_DESTINATIONS, decadeOf } from './store.js';
export const MAX_PHOTOS = 20;
export const MAX_MODEL_LENGTH = 120;
export const PROCESSING_UNITS = ['Days', 'Weeks', 'Months'];
export const DECADES = Array.from({ length: 13 }, (_, i) => String(1900 + i * 10));
function text(body, name) {
    const v = body[name];
    return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}
/** `name[]` fields: multer's parser gives `name` an array; a plain parser keeps the brackets. */
function list(body, name) {
    const v = body[name] ?? body[`${name}[]`];
    if (v === undefined)
        return [];
    return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : ''));
}
export function postedForm(body) {
    const photoField = (name) => list(body, name);
    const ids = photoField('file_unique_id');
    const mediaIds = photoField('product_media_id');
    const count = Math.max(ids.length, mediaIds.length);
    const columns = ['thumb_name', 'file_unique_id', 'product_media_id', 'original_name', 'media_type', 'size', 'new_upload'].map((n) => [n, photoField(n)]);
    const photos = Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map(([n, values]) => [n, (values[i] ?? '').trim()])));
    return {
        categ_level_0: text(body, 'categ_level_0').trim(),
        categ_level_1: text(body, 'categ_level_1').trim(),
        categ_level_2: text(body, 'categ_level_2').trim(),
        categ_level_3: text(body, 'categ_level_3').trim(),
        recipient_name: text(body, 'recipient_name').trim(),
        brand_make_id: text(body, 'brand_make_id').trim(),
        model_name: text(body, 'model_name').trim(),
        year: text(body, 'year').trim(),
        decade: text(body, 'decade').trim(),
        finish_color: text(body, 'finish_color').trim(),
        item_desc: text(body, 'item_desc'),
        price: text(body, 'price').trim(),
        processing_time: text(body, 'processing_time').trim(),
        hours_days_sel: text(body, 'hours_days_sel').trim(),
        unique_id: text(body, 'unique_id').trim(),
        owner_id: text(body, 'owner_id').trim(),
        product_id: text(body, 'product_id').trim(),
        shipping_fees_fee: list(body, 'shipping_fees_fee').map((s) => s.trim()),
        shipping_fees_destination: list(body, 'shipping_fees_destination').map((s) => s.trim()),
        photos,
        delete_item_images: list(body, 'delete_item_images').map((s) => s.trim()).filter(Boolean),
    };
}
/** What the form shows for an item (or a new one). */
export function formOf(item) {
    const c = item?.categoryIds ?? [];
    return {
        categ_level_0: c[0] ?? '',
        categ_level_1: c[1] ?? '',
        categ_level_2: c[2] ?? '',
        categ_level_3: c[3] ?? '',
        recipient_name: item?.brand ?? '',
        brand_make_id: '',
        model_name: item?.model ?? '',
        year: item?.year ?? '',
        decade: item ? item.decade.replace(/s$/, '') : '',
        finish_color: item?.finish ?? '',
        item_desc: item?.description ?? '',
        price: item ? (item.priceCents / 100).toFixed(2) : '',
        processing_time: String(item?.processingTime ?? 3),
        hours_days_sel: item?.processingUnit ?? 'Days',
        unique_id: '',
        owner_id: '',
        product_id: String(item?.productId ?? 0),
        shipping_fees_fee: SHIPPING_DESTINATIONS.map((d) => item?.shippingFees[d] ?? ''),
        shipping_fees_destination: [...SHIPPING_DESTINATIONS],
        photos: [],
        delete_item_images: [],
    };
}
/** The site's own checks, in its words; the fields to store when they pass. Uploads named by the form are taken. */
export function validateForm(v, ctx) {
    const { store } = ctx;
    const fail = (error) => ({ ok: false, error });
    const levels = [v.categ_level_0, v.categ_level_1, v.categ_level_2, v.categ_level_3];
    const chosen = levels.slice(0, levels.findIndex((l) => l === '') === -1 ? 4 : levels.findIndex((l) => l === ''));
    if (levels.slice(chosen.length).some((l) => l !== ''))
        return fail('Please select the category levels in order.');
    if (!chosen.length)
        return fail('Please select a category for your item.');
    if (!store.categories.isChain(chosen))
        return fail('Please select a valid category for your item.');
    if (!v.recipient_name)
        return fail('Please enter the brand of your item.');
    const brandId = store.brandId(v.recipient_name);
    if (brandId === 0)
        return fail(`The brand "${v.recipient_name}" is not in our list. Please choose a brand from the suggestions, or contact us to add it.`);
    if (v.brand_make_id !== String(brandId))
        return fail('Please choose the brand from the suggestions.');
    if (!v.model_name)
        return fail('Please enter the model name of your item.');
    if (v.model_name.length > MAX_MODEL_LENGTH)
        return fail(`The model name may be at most ${MAX_MODEL_LENGTH} characters long.`);
    const price = v.price.replace(/,/g, '');
    if (!/^\d+(\.\d{1,2})?$/.test(price) || Number(price) <= 0)
        return fail('Please enter a valid price.');
    if (v.year && !/^(18|19|20)\d\d$/.test(v.year))
        return fail('Please enter a valid year (e.g. 1965).');
    if (v.decade && !DECADES.includes(v.decade))
        return fail('Please select a decade.');
    const time = Number(v.processing_time || '3');
    if (!Number.isInteger(time) || time < 1 || time > 99)
        return fail('Please enter a processing time.');
    if (!PROCESSING_UNITS.includes(v.hours_days_sel || 'Days'))
        return fail('Please select a processing time.');
    if (v.shipping_fees_destination.join('|') !== SHIPPING_DESTINATIONS.join('|') || v.shipping_fees_fee.length !== SHIPPING_DESTINATIONS.length) {
        return fail('Please fill in the shipping fees.');
    }
    if (v.shipping_fees_fee.some((f) => f !== '' && !/^\d+(\.\d{1,2})?$/.test(f)))
        return fail('Please enter valid shipping fees.');
    if (v.owner_id !== String(ctx.userId))
        return fail('You do not have access to this item.');
    if (v.product_id !== String(ctx.item?.productId ?? 0))
        return fail('You do not have access to this item.');
    const existing = ctx.item?.photos ?? [];
    const deleted = new Set(v.delete_item_images);
    const photos = [];
    const uploads = [];
    for (const p of v.photos) {
        if (p.new_upload === '1') {
            const upload = store.upload(p.file_unique_id);
            if (!upload || upload.userId !== ctx.userId || upload.thumbName !== p.thumb_name)
                return fail('One of your photos could not be found. Please upload it again.');
            if (p.media_type !== 'photo')
                return fail('Please upload photos only.');
            photos.push({ mediaId: store.mediaId(), url: upload.url });
            uploads.push(p.file_unique_id);
        }
        else {
            const kept = existing.find((e) => String(e.mediaId) === p.product_media_id);
            if (!kept)
                return fail('One of your photos could not be found. Please upload it again.');
            if (!deleted.has(p.product_media_id))
                photos.push(kept);
        }
    }
    // Photos the form did not name and did not drop stay, after the others.
    for (const e of existing)
        if (!deleted.has(String(e.mediaId)) && !photos.includes(e))
            photos.push(e);
    if (photos.length > MAX_PHOTOS)
        return fail(`You can add at most ${MAX_PHOTOS} photos.`);
    const [whole, frac = ''] = price.split('.');
    return {
        ok: true,
        uploads,
        fields: {
            categoryIds: chosen,
            brand: v.recipient_name,
            model: v.model_name,
            year: v.year,
            decade: v.decade ? `${v.decade}s` : decadeOf(v.year),
            finish: v.finish_color,
            // Stored as posted: browsers send a textarea's line breaks as CRLF.
            description: v.item_desc,
            priceCents: Number(whole) * 100 + Number((frac + '00').slice(0, 2)),
            processingTime: time,
            processingUnit: v.hours_days_sel || 'Days',
            photos,
            shippingFees: Object.fromEntries(SHIPPING_DESTINATIONS.map((d, i) => [d, v.shipping_fees_fee[i] ?? ''])),
        },
    };
}
//# sourceMappingURL=form.js.map