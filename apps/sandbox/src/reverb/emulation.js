import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PlatformBehaviour } from '../behaviour.js';
import { REVERB_CATEGORIES } from './categories.js';
import { rehost, servesAt, shown } from './photos.js';
import { applyControlPatch, fromControl, LISTING_STATES, renderOrder, toControl } from './record.js';
import { reverbRouter } from './routes.js';
import { checkListing } from './validation.js';
export const END_REASONS = ['not_sold', 'reverb_sale'];
export const WEBHOOK_TOPICS = ['orders/create', 'listings/update'];
const FIRST_ID = 70_000_001;
const FIRST_ORDER = 1_000_001;
const FIRST_IMAGE = 900_000_001;
/** The shipping profile of listings made by hand before the account's profiles are set. */
const HAND_MADE_PROFILE = '1';
const accountSchema = z
    .object({
    shippingProfiles: z.array(z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).transform(String)),
    categories: z.array(z.object({ uuid: z.string().uuid(), fullName: z.string().min(1) })),
})
    .partial()
    .strict();
/**
 * Reverb API v3 as documented and as real accounts behave: one listing per call, drafts unless
 * published, publishing needs a category and shipping, photos rehosted and added to (not
 * replaced) when sent again, SKUs unique, one-offs hold one unit, only drafts deleted.
 * Records are kept in Reverb's own terms; the control API converts at its boundary.
 */
export class ReverbEmulation {
    credentials;
    name = 'reverb';
    behaviour = new PlatformBehaviour();
    records = new Map();
    orders = [];
    registrations = [];
    extraCategories = [];
    shippingProfiles = null;
    nextId = FIRST_ID;
    nextOrder = FIRST_ORDER;
    nextImage = FIRST_IMAGE;
    nextRegistration = 1;
    constructor(credentials) {
        this.credentials = credentials;
    }
    router() {
        return reverbRouter(this, this.credentials.token);
    }
    reset() {
        this.records.clear();
        this.orders = [];
        this.registrations = [];
        this.extraCategories = [];
        this.shippingProfiles = null;
        this.nextId = FIRST_ID;
        this.nextOrder = FIRST_ORDER;
        this.nextImage = FIRST_IMAGE;
        this.nextRegistration = 1;
        this.behaviour.reset();
    }
    configureAccount(body) {
        const parsed = accountSchema.safeParse(body);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            return { ok: false, message: `${issue.path.join('.') || 'body'}: ${issue.message}` };
        }
        const { shippingProfiles, categories } = parsed.data;
        if (shippingProfiles)
            this.shippingProfiles = [...new Set([...(this.shippingProfiles ?? []), ...shippingProfiles])];
        for (const c of categories ?? []) {
            if (!this.category(c.uuid))
                this.extraCategories.push({ uuid: c.uuid, full_name: c.fullName });
        }
        return { ok: true, account: { shippingProfiles: this.shippingProfiles ?? [], categories: this.categories().map((c) => ({ uuid: c.uuid, fullName: c.full_name })) } };
    }
    categories() {
        return [...REVERB_CATEGORIES, ...this.extraCategories];
    }
    category(uuid) {
        return REVERB_CATEGORIES.find((c) => c.uuid === uuid) ?? this.extraCategories.find((c) => c.uuid === uuid);
    }
    get accountView() {
        return { categoryKnown: (uuid) => this.category(uuid) !== undefined, shippingProfiles: this.shippingProfiles };
    }
    replace(listings) {
        this.records.clear();
        return this.add(listings);
    }
    add(listings) {
        const now = new Date().toISOString();
        return listings.map((c) => {
            const record = fromControl(c, this.claimId(c.id), now, (url) => this.upload(url));
            // Reverb's own pages make a seller choose shipping before a listing goes live.
            record.shippingProfileId = this.shippingProfiles?.[0] ?? HAND_MADE_PROFILE;
            this.records.set(record.id, record);
            return toControl(record);
        });
    }
    patch(sku, fields) {
        const record = this.all().find((r) => r.sku === sku);
        if (!record)
            return null;
        applyControlPatch(record, fields, new Date().toISOString(), (url) => this.upload(url));
        return toControl(record);
    }
    list() {
        return this.all().map(toControl);
    }
    /**
     * A buyer buys. Paid: inventory down, `sold_out` at 0, a `paid` order. Not paid yet: the
     * listing shows `ordered` at 0 and the order is `unpaid`.
     */
    async sell(sku, quantity, options = { paid: true }) {
        const record = this.all().find((r) => r.sku === sku && r.state === 'live' && r.inventory >= quantity);
        if (!record)
            return null;
        const now = new Date().toISOString();
        record.inventory -= quantity;
        if (record.inventory === 0)
            record.state = options.paid ? 'sold_out' : 'ordered';
        record.updatedAt = now;
        const number = String(this.nextOrder++);
        const order = {
            order_number: number,
            uuid: randomUUID(),
            order_bundle_id: number,
            status: options.paid ? 'paid' : 'unpaid',
            sku: record.sku,
            product_id: String(record.id),
            title: record.title,
            quantity,
            priceCents: record.priceCents,
            currency: record.currency,
            created_at: now,
            updated_at: now,
            paid_at: options.paid ? now : null,
        };
        this.orders.push(order);
        await this.notify(order);
        return toControl(record);
    }
    all() {
        return [...this.records.values()].sort((a, b) => a.id - b.id);
    }
    get(id) {
        return this.records.get(id);
    }
    create(write) {
        const now = new Date().toISOString();
        const f = write.fields;
        const publish = write.publish === true;
        // Reverb takes a listing as a one-off unless told it has inventory; a one-off holds one unit.
        const hasInventory = f.hasInventory ?? false;
        const record = {
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
            inventory: hasInventory ? (f.inventory ?? 1) : 1,
            hasInventory,
            state: publish ? 'live' : 'draft',
            photos: [],
            categories: f.categories ?? [],
            shippingProfileId: f.shippingProfileId ?? null,
            shippingRates: f.shippingRates ?? [],
            createdAt: now,
            updatedAt: now,
            publishedAt: publish ? now : null,
        };
        const errors = { ...write.errors };
        checkListing(record, write, publish, this.all(), this.accountView, errors);
        if (Object.keys(errors).length)
            return this.invalid(errors);
        record.id = this.nextId++;
        record.photos = (write.photos ?? []).map((url) => this.upload(url, this.behaviour.config.photoImportMs));
        // Reverb puts a listing live only once it has fetched its photos; until then it stays a draft.
        if (publish && shown(record.photos).length < record.photos.length) {
            record.state = 'draft';
            record.publishedAt = null;
        }
        this.records.set(record.id, record);
        return { ok: true, record };
    }
    /**
     * Partial update: only the fields sent change. `publish: true` takes a draft or ended listing
     * live. Photos sent are imported and ADDED; with `photo_upload_method: override_position` the
     * URLs of photos the listing already has put those first, in that order (new URLs are imported
     * in their place), and photos not named stay after them: only a DELETE removes a photo.
     */
    update(id, write) {
        const current = this.records.get(id);
        if (!current)
            return notFound();
        const next = { ...current, ...definedOnly(write.fields) };
        // A one-off ignores inventory writes (Reverb's "quantity will be ignored").
        if (!next.hasInventory)
            next.inventory = current.inventory;
        const errors = { ...write.errors };
        const publishing = write.publish === true && next.state !== 'live';
        if (publishing && next.state !== 'draft' && next.state !== 'ended') {
            (errors.publish ??= []).push(`a listing that is ${next.state.replace('_', ' ')} cannot be published`);
        }
        if (publishing && !next.hasInventory)
            next.inventory = 1;
        checkListing(next, write, publishing, this.all(), this.accountView, errors);
        if (Object.keys(errors).length)
            return this.invalid(errors);
        const now = new Date().toISOString();
        if (write.photos)
            next.photos = this.placePhotos(current.photos, write.photos, write.photoUploadMethod);
        if (publishing && shown(next.photos).length === next.photos.length) {
            next.state = 'live';
            next.publishedAt ??= now;
        }
        // Inventory set to 0 takes the listing off sale: ended, not sold (no sale happened).
        if (next.state === 'live' && next.inventory === 0)
            next.state = 'ended';
        next.updatedAt = now;
        this.records.set(id, next);
        return { ok: true, record: next };
    }
    end(id, reason) {
        const record = this.records.get(id);
        if (!record)
            return notFound();
        if (record.state !== 'live') {
            const message = record.state === 'ended' ? 'This listing has already ended.' : `This listing is ${record.state.replace('_', ' ')} and cannot be ended.`;
            return { ok: false, status: 422, body: { message } };
        }
        record.state = reason === 'reverb_sale' ? 'sold_out' : 'ended';
        record.updatedAt = new Date().toISOString();
        return { ok: true, record };
    }
    remove(id) {
        const record = this.records.get(id);
        if (!record)
            return notFound();
        if (record.state !== 'draft') {
            return { ok: false, status: 406, body: { message: 'Only drafts can be deleted. End this listing instead.' } };
        }
        this.records.delete(id);
        return { ok: true, record };
    }
    removePhoto(id, imageId) {
        const record = this.records.get(id);
        if (!record)
            return notFound();
        if (!shown(record.photos).some((p) => p.id === imageId))
            return { ok: false, status: 404, body: { message: 'The requested image could not be found.' } };
        record.photos = record.photos.filter((p) => p.id !== imageId);
        record.updatedAt = new Date().toISOString();
        return { ok: true, record };
    }
    ordersUpdatedBetween(start, end) {
        return this.orders
            .filter((o) => {
            const at = Date.parse(o.updated_at);
            return (start === null || at >= start) && (end === null || at <= end);
        })
            .reverse();
    }
    webhooks() {
        return [...this.registrations];
    }
    /** Reverb keeps what it is given: registering one URL twice makes two registrations. */
    register(url, topic) {
        const registration = { id: this.nextRegistration++, url, topic, created_at: new Date().toISOString() };
        this.registrations.push(registration);
        return registration;
    }
    unregister(id) {
        const before = this.registrations.length;
        this.registrations = this.registrations.filter((r) => r.id !== id);
        return this.registrations.length < before;
    }
    invalid(errors) {
        return { ok: false, status: this.behaviour.config.validationStatus, body: { message: 'The listing could not be saved.', errors } };
    }
    upload(url, importMs = 0) {
        return rehost(url, this.nextImage++, importMs);
    }
    placePhotos(current, urls, method) {
        const importMs = this.behaviour.config.photoImportMs;
        if (method !== 'override_position')
            return [...current, ...urls.map((u) => this.upload(u, importMs))];
        const placed = [];
        for (const url of urls) {
            const existing = shown(current).find((p) => !placed.includes(p) && servesAt(p, url));
            placed.push(existing ?? this.upload(url, importMs));
        }
        return [...placed, ...current.filter((p) => !placed.includes(p))];
    }
    claimId(requested) {
        const wanted = requested && /^\d+$/.test(requested) ? Number(requested) : null;
        if (wanted !== null && !this.records.has(wanted)) {
            this.nextId = Math.max(this.nextId, wanted + 1);
            return wanted;
        }
        return this.nextId++;
    }
    /**
     * Reverb webhooks are unsigned: the receiver trusts the secret token in its own URL. The
     * order goes to every `orders/create` registration and to the configured `webhookUrl`.
     */
    async notify(order) {
        const urls = new Set(this.registrations.filter((r) => r.topic === 'orders/create').map((r) => r.url));
        if (this.behaviour.config.webhookUrl)
            urls.add(this.behaviour.config.webhookUrl);
        // The sandbox only ever calls loopback addresses, whatever was registered.
        for (const url of urls)
            if (!isLoopback(url))
                urls.delete(url);
        const body = JSON.stringify(renderOrder(order, null));
        await Promise.all([...urls].map(async (url) => {
            try {
                await fetch(url, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json', 'x-reverb-topic': 'orders/create' },
                    body,
                    signal: AbortSignal.timeout(5_000),
                });
            }
            catch {
                // A receiver that is down loses the notification, as with Reverb; the sale stays recorded.
            }
        }));
    }
}
export function isState(value) {
    return LISTING_STATES.includes(value);
}
function isLoopback(url) {
    try {
        const host = new URL(url).hostname;
        return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
    }
    catch {
        return false;
    }
}
function notFound() {
    return { ok: false, status: 404, body: { message: 'The requested listing could not be found.' } };
}
function definedOnly(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
//# sourceMappingURL=emulation.js.map