import { type CanonicalListing, type ListingPatch } from '../canonical.js';
import type { ControlListing } from '../emulation.js';
import { type ProductInput, type ProductStore, type WooProduct } from './store.js';
/** A WooCommerce store has one currency for every product (Settings → General). */
export declare const STORE_CURRENCY = "USD";
/**
 * WooCommerce has no column for a guitar's brand, model, year, finish or condition: a shop
 * shows them as custom product attributes ("Additional information" on the product page),
 * under the names a buyer reads.
 */
export declare const ATTRIBUTE: {
    readonly brand: "Brand";
    readonly model: "Model";
    readonly year: "Year";
    readonly finish: "Finish";
    readonly condition: "Condition";
};
export declare function quantityOf(p: WooProduct): number;
/** publish with stock → active; publish without → sold; draft, pending, private → ended. */
export declare function toControl(p: WooProduct): ControlListing;
/** The product fields a canonical (partial) listing sets, as a shop manager would in wp-admin. */
export declare function toInput(c: Partial<CanonicalListing> | ListingPatch, store: ProductStore, current?: WooProduct): ProductInput;
