import { type CanonicalListing, type ListingPatch } from '../canonical.js';
import type { ControlListing } from '../emulation.js';
import { type ReverbPhoto } from './photos.js';
/** Listing states as real accounts show them. */
export declare const LISTING_STATES: readonly ["draft", "live", "ended", "sold_out", "ordered", "suspended", "seller_unavailable"];
export type ListingState = (typeof LISTING_STATES)[number];
export interface ShippingRate {
    region_code: string;
    rate: {
        amount: string;
        currency: string;
    };
}
/** One Reverb listing as the emulation keeps it, in Reverb's own terms. */
export interface ReverbRecord {
    id: number;
    sku: string;
    make: string;
    model: string;
    title: string;
    description: string;
    finish: string;
    /** Reverb keeps the year as free text ("1965", "1960s"). */
    year: string;
    conditionUuid: string | null;
    priceCents: number;
    currency: string;
    /** For a one-off (`has_inventory: false`) Reverb ignores inventory writes: it is 1 while on sale. */
    inventory: number;
    hasInventory: boolean;
    state: ListingState;
    photos: ReverbPhoto[];
    categories: string[];
    shippingProfileId: string | null;
    shippingRates: ShippingRate[];
    createdAt: string;
    updatedAt: string;
    publishedAt: string | null;
}
export interface ReverbOrder {
    order_number: string;
    uuid: string;
    order_bundle_id: string;
    status: 'unpaid' | 'paid' | 'shipped' | 'received' | 'cancelled';
    sku: string;
    product_id: string;
    title: string;
    quantity: number;
    priceCents: number;
    currency: string;
    created_at: string;
    updated_at: string;
    paid_at: string | null;
}
/** The HAL+JSON body Reverb answers for a listing; `apiRoot` is the absolute `/api` URL. */
export declare function renderListing(r: ReverbRecord, apiRoot: string, webRoot: string, categoryName: (uuid: string) => string | undefined): {
    id: number;
    sku: string;
    make: string;
    model: string;
    title: string;
    description: string;
    finish: string;
    year: string;
    condition: {
        uuid: string;
        display_name: string;
        slug: string;
    } | null;
    price: {
        amount: string;
        amount_cents: number;
        currency: string;
        symbol: string;
        display: string;
    };
    inventory: number;
    has_inventory: boolean;
    state: {
        slug: "draft" | "ended" | "live" | "sold_out" | "ordered" | "suspended" | "seller_unavailable";
        description: string;
    };
    categories: {
        uuid: string;
        full_name: string;
    }[];
    shipping_profile_id: string | number | null;
    shipping: {
        local: boolean;
        rates: {
            region_code: string;
            rate: {
                amount: string;
                amount_cents: number;
                currency: string;
                symbol: string;
                display: string;
            };
        }[];
    };
    photos: {
        _links: Record<"full" | "large_crop" | "small_crop" | "thumbnail", {
            href: string;
        }>;
    }[];
    created_at: string;
    updated_at: string;
    published_at: string | null;
    _links: {
        self: {
            href: string;
        };
        update: {
            method: string;
            href: string;
        };
        end: {
            method: string;
            href: string;
        };
        images: {
            href: string;
        };
        web: {
            href: string;
        };
    };
};
/** The order body Reverb answers (and posts to `orders/create` webhooks). */
export declare function renderOrder(o: ReverbOrder, apiRoot: string | null): {
    _links: {
        self: {
            href: string;
        };
        listing: {
            href: string;
        };
    };
    order_number: string;
    uuid: string;
    order_bundle_id: string;
    status: "paid" | "shipped" | "received" | "unpaid" | "cancelled";
    sku: string;
    product_id: string;
    title: string;
    quantity: number;
    amount_product: {
        amount: string;
        amount_cents: number;
        currency: string;
        symbol: string;
        display: string;
    };
    total: {
        amount: string;
        amount_cents: number;
        currency: string;
        symbol: string;
        display: string;
    };
    shipping_method: string;
    created_at: string;
    updated_at: string;
    paid_at: string | null;
} | {
    _links?: undefined;
    order_number: string;
    uuid: string;
    order_bundle_id: string;
    status: "paid" | "shipped" | "received" | "unpaid" | "cancelled";
    sku: string;
    product_id: string;
    title: string;
    quantity: number;
    amount_product: {
        amount: string;
        amount_cents: number;
        currency: string;
        symbol: string;
        display: string;
    };
    total: {
        amount: string;
        amount_cents: number;
        currency: string;
        symbol: string;
        display: string;
    };
    shipping_method: string;
    created_at: string;
    updated_at: string;
    paid_at: string | null;
};
export declare function toControl(r: ReverbRecord): ControlListing;
/** A listing made by hand in Reverb's web UI; `rehost` makes Reverb's copy of each photo. */
export declare function fromControl(c: CanonicalListing, id: number, now: string, rehost: (url: string) => ReverbPhoto): ReverbRecord;
/** A hand edit in Reverb's web UI, expressed in control terms. */
export declare function applyControlPatch(r: ReverbRecord, p: ListingPatch, now: string, rehost: (url: string) => ReverbPhoto): void;
