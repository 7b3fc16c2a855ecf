import { type VrItem, type VrStore } from './store.js';
export declare const MAX_PHOTOS = 20;
export declare const MAX_MODEL_LENGTH = 120;
export declare const PROCESSING_UNITS: readonly ["Days", "Weeks", "Months"];
export declare const DECADES: string[];
/**
 * The add/edit form `frm_step1` as the browser posts it (multipart), before any check. The live
 * form has no field for the dealer's own reference: an `external_id` posted with it is not kept.
 */
export interface FormValues {
    categ_level_0: string;
    categ_level_1: string;
    categ_level_2: string;
    categ_level_3: string;
    recipient_name: string;
    brand_make_id: string;
    model_name: string;
    year: string;
    decade: string;
    finish_color: string;
    item_desc: string;
    price: string;
    processing_time: string;
    hours_days_sel: string;
    unique_id: string;
    owner_id: string;
    product_id: string;
    shipping_fees_fee: string[];
    shipping_fees_destination: string[];
    photos: PostedPhoto[];
    delete_item_images: string[];
}
export interface PostedPhoto {
    thumb_name: string;
    file_unique_id: string;
    product_media_id: string;
    original_name: string;
    media_type: string;
    size: string;
    new_upload: string;
}
export type FormFields = Pick<VrItem, 'categoryIds' | 'brand' | 'model' | 'year' | 'decade' | 'finish' | 'description' | 'priceCents' | 'processingTime' | 'processingUnit' | 'photos' | 'shippingFees'>;
export declare function postedForm(body: Record<string, unknown>): FormValues;
/** What the form shows for an item (or a new one). */
export declare function formOf(item: VrItem | null): FormValues;
export interface FormContext {
    store: VrStore;
    userId: number;
    /** The item being edited; null on a create. */
    item: VrItem | null;
}
/** The site's own checks, in its words; the fields to store when they pass. Uploads named by the form are taken. */
export declare function validateForm(v: FormValues, ctx: FormContext): {
    ok: true;
    fields: FormFields;
    uploads: string[];
} | {
    ok: false;
    error: string;
};
