import { amountToCents } from '../canonical.js';
import { conditionByUuid } from './conditions.js';
export const PHOTO_UPLOAD_METHODS = ['override_position'];
export function addError(errors, field, message) {
    (errors[field] ??= []).push(message);
}
const add = addError;
const TEXT_FIELDS = ['sku', 'make', 'model', 'title', 'description', 'finish'];
const AMOUNT = /^\d+(\.\d{1,2})?$/;
/** Reverb lists a category as one root plus up to two subcategories. */
export const MAX_CATEGORIES = 3;
/**
 * Reads a POST/PUT listing body. Fields Reverb knows but the emulation does not keep
 * (location, videos, offers…) are ignored, as Reverb ignores what it does not need.
 */
export function parseListingBody(body) {
    const errors = {};
    const fields = {};
    for (const key of TEXT_FIELDS) {
        const value = body[key];
        if (value === undefined || value === null)
            continue;
        if (typeof value !== 'string')
            add(errors, key, 'must be a string');
        else
            fields[key] = value.trim();
    }
    if (body.year !== undefined && body.year !== null) {
        if (typeof body.year === 'string' || typeof body.year === 'number')
            fields.year = String(body.year);
        else
            add(errors, 'year', 'must be a string');
    }
    if (body.condition !== undefined) {
        const uuid = typeof body.condition === 'object' && body.condition ? body.condition.uuid : undefined;
        if (typeof uuid !== 'string' || !conditionByUuid(uuid))
            add(errors, 'condition', 'is not a valid condition');
        else
            fields.conditionUuid = uuid;
    }
    if (body.price !== undefined) {
        const price = typeof body.price === 'object' && body.price ? body.price : {};
        const amount = typeof price.amount === 'number' ? price.amount.toFixed(2) : price.amount;
        if (typeof amount !== 'string' || !AMOUNT.test(amount.trim()))
            add(errors, 'price', 'amount must be a decimal amount like "1299.00"');
        else if (amountToCents(amount.trim()) <= 0)
            add(errors, 'price', 'must be greater than 0');
        else
            fields.priceCents = amountToCents(amount.trim());
        if (price.currency !== undefined) {
            if (typeof price.currency !== 'string' || !/^[A-Z]{3}$/.test(price.currency))
                add(errors, 'price', 'currency is not a valid currency code');
            else
                fields.currency = price.currency;
        }
    }
    if (body.inventory !== undefined) {
        if (typeof body.inventory !== 'number' || !Number.isInteger(body.inventory) || body.inventory < 0)
            add(errors, 'inventory', 'must be a whole number, 0 or more');
        else
            fields.inventory = body.inventory;
    }
    if (body.has_inventory !== undefined) {
        if (typeof body.has_inventory !== 'boolean')
            add(errors, 'has_inventory', 'must be true or false');
        else
            fields.hasInventory = body.has_inventory;
    }
    if (body.categories !== undefined) {
        const list = body.categories;
        const uuids = Array.isArray(list) ? list.map((c) => (c && typeof c === 'object' ? c.uuid : undefined)) : null;
        if (!uuids || !uuids.every((u) => typeof u === 'string'))
            add(errors, 'categories', 'must be a list of {uuid}');
        else
            fields.categories = uuids;
    }
    if (body.shipping_profile_id !== undefined && body.shipping_profile_id !== null) {
        const id = body.shipping_profile_id;
        if ((typeof id !== 'number' && typeof id !== 'string') || !/^\d+$/.test(String(id)))
            add(errors, 'shipping_profile_id', 'is not a valid shipping profile');
        else
            fields.shippingProfileId = String(id);
    }
    if (body.shipping !== undefined && body.shipping !== null) {
        const rates = typeof body.shipping === 'object' ? body.shipping.rates : undefined;
        const parsed = Array.isArray(rates) ? rates.map(parseRate) : null;
        if (!parsed || parsed.some((r) => r === null))
            add(errors, 'shipping', 'rates must be a list of {region_code, rate: {amount, currency}}');
        else
            fields.shippingRates = parsed;
    }
    let photos;
    if (body.photos !== undefined) {
        if (!Array.isArray(body.photos) || !body.photos.every((p) => typeof p === 'string' && /^https?:\/\/\S+$/.test(p))) {
            add(errors, 'photos', 'must be a list of photo URLs');
        }
        else
            photos = body.photos;
    }
    let photoUploadMethod;
    if (body.photo_upload_method !== undefined) {
        if (!PHOTO_UPLOAD_METHODS.includes(body.photo_upload_method))
            add(errors, 'photo_upload_method', `must be one of ${PHOTO_UPLOAD_METHODS.join(', ')}`);
        else
            photoUploadMethod = body.photo_upload_method;
    }
    let publish;
    if (body.publish !== undefined) {
        if (typeof body.publish !== 'boolean')
            add(errors, 'publish', 'must be true or false');
        else
            publish = body.publish;
    }
    return { fields, photos, photoUploadMethod, publish, errors };
}
function parseRate(raw) {
    if (!raw || typeof raw !== 'object')
        return null;
    const { region_code, rate } = raw;
    const r = rate && typeof rate === 'object' ? rate : null;
    const amount = typeof r?.amount === 'number' ? r.amount.toFixed(2) : r?.amount;
    if (typeof region_code !== 'string' || !region_code.trim() || typeof amount !== 'string' || !AMOUNT.test(amount) || typeof r?.currency !== 'string')
        return null;
    return { region_code, rate: { amount: amount.includes('.') ? amount : `${amount}.00`, currency: r.currency } };
}
/**
 * Rules over the listing as it would be after the write; `publishing` when it goes live by it.
 * Categories and the shipping profile are checked against the account when the write sends them.
 */
export function checkListing(r, write, publishing, others, account, errors) {
    for (const key of ['make', 'model', 'title'])
        if (!r[key])
            add(errors, key, "can't be blank");
    if (!r.conditionUuid)
        add(errors, 'condition', "can't be blank");
    if (r.priceCents <= 0)
        add(errors, 'price', "can't be blank");
    if (r.sku && others.some((o) => o.id !== r.id && o.sku === r.sku))
        add(errors, 'sku', 'has already been taken');
    const condition = conditionByUuid(r.conditionUuid);
    // Only new, B-stock and mint items are sold more than once; a used guitar is one of a kind.
    if (r.hasInventory && condition && !condition.multipleUnits) {
        add(errors, 'has_inventory', `can only be true for Brand New, Mint or B-Stock items, not ${condition.display_name}`);
    }
    const sent = write.fields;
    for (const uuid of sent.categories ?? [])
        if (!account.categoryKnown(uuid))
            add(errors, 'categories', `${uuid} is not a valid category`);
    if (r.categories.length > MAX_CATEGORIES)
        add(errors, 'categories', `can hold at most ${MAX_CATEGORIES} categories`);
    const profile = sent.shippingProfileId;
    if (profile !== undefined && profile !== null && account.shippingProfiles !== null && !account.shippingProfiles.includes(profile)) {
        add(errors, 'shipping_profile_id', `${profile} is not one of your shop's shipping profiles`);
    }
    if (publishing) {
        if (r.inventory < 1)
            add(errors, 'inventory', 'must be at least 1 to publish');
        if (r.categories.length === 0)
            add(errors, 'categories', 'must be chosen before the listing can be published');
        if (r.shippingProfileId === null && r.shippingRates.length === 0) {
            add(errors, 'shipping', 'a shipping profile (shipping_profile_id) or shipping rates are required to publish');
        }
    }
}
//# sourceMappingURL=validation.js.map