import { amountToCents, centsToAmount } from '../canonical.js';
import { conditionByGrade, conditionByUuid } from './conditions.js';
import { photoHref, photoLinks, servesAt, shown } from './photos.js';
/** Listing states as real accounts show them. */
export const LISTING_STATES = ['draft', 'live', 'ended', 'sold_out', 'ordered', 'suspended', 'seller_unavailable'];
const STATE_DESCRIPTIONS = {
    draft: 'Draft',
    live: 'Live',
    ended: 'Ended',
    sold_out: 'Sold Out',
    ordered: 'Ordered',
    suspended: 'Suspended',
    seller_unavailable: 'Seller Unavailable',
};
const SYMBOLS = { USD: '$', CAD: '$', AUD: '$', EUR: '€', GBP: '£', JPY: '¥' };
function money(cents, currency) {
    const amount = centsToAmount(cents);
    const symbol = SYMBOLS[currency] ?? '';
    return { amount, amount_cents: cents, currency, symbol, display: `${symbol}${amount}` };
}
/** The HAL+JSON body Reverb answers for a listing; `apiRoot` is the absolute `/api` URL. */
export function renderListing(r, apiRoot, webRoot, categoryName) {
    const condition = conditionByUuid(r.conditionUuid);
    const self = `${apiRoot}/listings/${r.id}`;
    return {
        id: r.id,
        sku: r.sku,
        make: r.make,
        model: r.model,
        title: r.title,
        description: r.description,
        finish: r.finish,
        year: r.year,
        condition: condition ? { uuid: condition.uuid, display_name: condition.display_name, slug: condition.slug } : null,
        price: money(r.priceCents, r.currency),
        inventory: r.inventory,
        has_inventory: r.hasInventory,
        state: { slug: r.state, description: STATE_DESCRIPTIONS[r.state] },
        categories: r.categories.map((uuid) => ({ uuid, full_name: categoryName(uuid) ?? '' })),
        shipping_profile_id: r.shippingProfileId === null ? null : /^\d+$/.test(r.shippingProfileId) ? Number(r.shippingProfileId) : r.shippingProfileId,
        shipping: {
            local: false,
            rates: r.shippingRates.map((s) => ({ region_code: s.region_code, rate: money(amountToCents(s.rate.amount), s.rate.currency) })),
        },
        // Reverb serves its own copies; the URL each was fetched from never comes back.
        photos: shown(r.photos).map((p) => ({ _links: photoLinks(p) })),
        created_at: r.createdAt,
        updated_at: r.updatedAt,
        published_at: r.publishedAt,
        _links: {
            self: { href: self },
            update: { method: 'PUT', href: self },
            end: { method: 'PUT', href: `${apiRoot}/my/listings/${r.id}/state/end` },
            images: { href: `${self}/images` },
            web: { href: `${webRoot}/item/${r.id}` },
        },
    };
}
/** The order body Reverb answers (and posts to `orders/create` webhooks). */
export function renderOrder(o, apiRoot) {
    const links = apiRoot
        ? { _links: { self: { href: `${apiRoot}/my/orders/selling/${o.order_number}` }, listing: { href: `${apiRoot}/listings/${o.product_id}` } } }
        : {};
    return {
        order_number: o.order_number,
        uuid: o.uuid,
        order_bundle_id: o.order_bundle_id,
        status: o.status,
        sku: o.sku,
        product_id: o.product_id,
        title: o.title,
        quantity: o.quantity,
        amount_product: money(o.priceCents, o.currency),
        total: money(o.priceCents * o.quantity, o.currency),
        shipping_method: 'shipped',
        created_at: o.created_at,
        updated_at: o.updated_at,
        paid_at: o.paid_at,
        ...links,
    };
}
export function toControl(r) {
    const year = /^\d{4}$/.test(r.year) ? Number(r.year) : null;
    return {
        id: String(r.id),
        sku: r.sku,
        title: r.title,
        description: r.description,
        price: { amount: centsToAmount(r.priceCents), currency: r.currency },
        quantity: r.inventory,
        condition: conditionByUuid(r.conditionUuid)?.grade ?? null,
        images: shown(r.photos).map((p) => photoHref(p, 'full')),
        status: r.state === 'live' ? 'active' : r.state === 'sold_out' || r.state === 'ordered' ? 'sold' : 'ended',
        brand: r.make,
        model: r.model,
        year,
        finish: r.finish || null,
        platformCategory: [...r.categories],
    };
}
const STATUS_TO_STATE = { active: 'live', ended: 'ended', sold: 'sold_out' };
/** A listing made by hand in Reverb's web UI; `rehost` makes Reverb's copy of each photo. */
export function fromControl(c, id, now, rehost) {
    const hasInventory = c.quantity > 1;
    return {
        id,
        sku: c.sku,
        make: c.brand ?? '',
        model: c.model ?? '',
        title: c.title,
        description: c.description,
        finish: c.finish ?? '',
        year: c.year == null ? '' : String(c.year),
        conditionUuid: conditionByGrade(c.condition)?.uuid ?? null,
        priceCents: amountToCents(c.price.amount),
        currency: c.price.currency,
        inventory: c.quantity,
        hasInventory,
        state: STATUS_TO_STATE[c.status],
        photos: c.images.map(rehost),
        categories: [...(c.platformCategory ?? [])],
        shippingProfileId: null,
        shippingRates: [],
        createdAt: now,
        updatedAt: now,
        publishedAt: c.status === 'active' ? now : null,
    };
}
/** A hand edit in Reverb's web UI, expressed in control terms. */
export function applyControlPatch(r, p, now, rehost) {
    if (p.sku !== undefined)
        r.sku = p.sku;
    if (p.title !== undefined)
        r.title = p.title;
    if (p.description !== undefined)
        r.description = p.description;
    if (p.price !== undefined) {
        r.priceCents = amountToCents(p.price.amount);
        r.currency = p.price.currency;
    }
    if (p.condition !== undefined)
        r.conditionUuid = conditionByGrade(p.condition)?.uuid ?? null;
    if (p.quantity !== undefined) {
        // Reverb's page takes more than one unit only by turning inventory tracking on, which it
        // offers for new, mint and B-stock items alone: a used one-off stays at one.
        if (p.quantity <= 1)
            r.inventory = p.quantity;
        else if (conditionByUuid(r.conditionUuid)?.multipleUnits) {
            r.inventory = p.quantity;
            r.hasInventory = true;
        }
    }
    if (p.platformCategory !== undefined)
        r.categories = [...p.platformCategory];
    // A photo the seller keeps is named by the URL Reverb serves it at; any other URL is a new upload.
    if (p.images !== undefined)
        r.photos = p.images.map((url) => r.photos.find((ph) => servesAt(ph, url)) ?? rehost(url));
    if (p.status !== undefined)
        r.state = STATUS_TO_STATE[p.status];
    if (p.brand !== undefined)
        r.make = p.brand ?? '';
    if (p.model !== undefined)
        r.model = p.model ?? '';
    if (p.year !== undefined)
        r.year = p.year == null ? '' : String(p.year);
    if (p.finish !== undefined)
        r.finish = p.finish ?? '';
    r.updatedAt = now;
}
//# sourceMappingURL=record.js.map