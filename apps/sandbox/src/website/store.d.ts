import { type WooError } from './errors.js';
export declare const WOO_STATUSES: readonly ["publish", "draft", "pending", "private", "trash"];
export type WooStatus = (typeof WOO_STATUSES)[number];
export type StockStatus = 'instock' | 'outofstock' | 'onbackorder';
export interface WooImage {
    id: number;
    src: string;
    name: string;
    alt: string;
}
export interface WooCategory {
    id: number;
    name: string;
    slug: string;
}
/** A media library item: a sideloaded photo, kept under the shop's own uploads URL. */
export interface MediaItem {
    id: number;
    /** Under `wp-content/uploads/`, e.g. `2026/12/strat-1.jpg`. */
    file: string;
    name: string;
    /** The URL it was downloaded from. */
    source: string;
}
/** The shop's settings that decide how products are written (WooCommerce → Settings). */
export interface ShopAccount {
    /** "Enable stock management" (`woocommerce_manage_stock`): off, only `stock_status` counts. */
    manageStock: boolean;
}
/** WordPress's `default_product_cat`: every shop has it, and a product filed nowhere lands in it. */
export declare const UNCATEGORIZED: WooCategory;
/**
 * A product attribute. Custom ones (id 0) are named per product and hold free text: the shop
 * shows the visible ones in the product page's "Additional information" tab.
 */
export interface WooAttribute {
    id: number;
    name: string;
    position: number;
    visible: boolean;
    variation: boolean;
    options: string[];
}
export interface WooMeta {
    id: number;
    key: string;
    value: unknown;
}
/** A simple product as WooCommerce REST v3 answers it (the fields a gear shop uses). */
export interface WooProduct {
    id: number;
    name: string;
    slug: string;
    type: 'simple';
    status: WooStatus;
    sku: string;
    description: string;
    short_description: string;
    price: string;
    regular_price: string;
    sale_price: string;
    manage_stock: boolean;
    stock_quantity: number | null;
    stock_status: StockStatus;
    images: WooImage[];
    categories: WooCategory[];
    attributes: WooAttribute[];
    meta_data: WooMeta[];
    date_created: string;
    date_created_gmt: string;
    date_modified: string;
    date_modified_gmt: string;
}
export type ProductInput = Record<string, unknown>;
/**
 * The shop's catalogue. Writes are validated as a whole before anything changes, so a
 * refused entry leaves its product exactly as it was.
 */
export declare class ProductStore {
    private products;
    private categories;
    /** Products and media items share WordPress's post ids. */
    private media;
    private nextPostId;
    private nextTermId;
    private nextMetaId;
    /** Creation order (the `date` orderby) needs a strict order even within one millisecond. */
    private lastStamp;
    account: ShopAccount;
    /** The shop's own address (`http://host:port/website/`), which its upload URLs start with. */
    origin: string;
    clear(): void;
    /** The catalogue emptied; the shop's settings, categories and media library stay. */
    clearProducts(): void;
    get(id: number): WooProduct | undefined;
    all(): WooProduct[];
    mediaCount(): number;
    mediaItem(file: string): MediaItem | undefined;
    /** The shop manager's own categories, added to (or renaming) what the shop has. */
    setCategories(list: {
        id: number;
        name: string;
    }[]): void;
    query(filter: {
        status: WooStatus | 'any';
        skus: string[] | null;
        orderby: 'id' | 'date' | 'title';
        order: 'asc' | 'desc';
    }): WooProduct[];
    findBySku(sku: string): WooProduct | undefined;
    /** The term with that name, made on first use (the control API's way to file a product). */
    categoryNamed(name: string): WooCategory;
    listCategories(): WooCategory[];
    create(input: ProductInput): WooProduct | WooError;
    update(id: number, input: ProductInput): WooProduct | WooError;
    /**
     * A sale, as WooCommerce's order processing does it: stock goes down only where stock is
     * managed; with store-wide stock management off nothing changes and the item stays for sale.
     */
    sell(id: number, quantity: number): WooProduct;
    /** Without `force` a product goes to the trash, as in wp-admin; the batch always forces. */
    delete(id: number, force: boolean): WooProduct | WooError;
    /** A copy as the API answers it: image URLs under the shop's own address, stock as the store setting shows it. */
    private present;
    private stamp;
    /** A copy of `base` with `input` applied, or the first reason it is refused. */
    private apply;
    /**
     * WordPress sideloads every `{src}` into a new media item (the same URL twice makes two, the
     * second file renamed `-1`); `{id}` keeps a media item the library already holds.
     */
    private imagesOf;
    private sideload;
    /** meta_data entries upsert by key (or by id); `value: null` with an id deletes that entry. */
    private applyMeta;
}
