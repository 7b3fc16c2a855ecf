import type { CategoryTree } from './categories.js';
import { type FormValues } from './form.js';
import { type VrItem } from './store.js';
export declare function esc(s: string): string;
export declare function homePage(base: string, loggedIn: boolean, error?: string): string;
export declare function accountPage(base: string, flash: string | null): string;
export declare function exportPage(base: string): string;
export declare function itemsPage(base: string, items: VrItem[], page: number, pages: number, flash: string | null): string;
export declare const PUBLISHED = "Your item is now published and live on vintageandrare.com";
export declare function publishedPage(base: string): string;
export interface ItemFormOptions {
    error?: string;
    item: VrItem | null;
    userId: number;
    uniqueId: string;
    flash?: string | null;
}
/**
 * The add/edit form `frm_step1`. Lower category levels are filled by script after their parent's
 * change; the brand's id is set by the autosuggest's check; the description lives in a rich-text
 * editor whose content replaces the textarea's on submit; photos go through Dropzone; the
 * "Publish item" link submits by script.
 */
export declare function itemFormPage(base: string, action: string, values: FormValues, tree: CategoryTree, opts: ItemFormOptions): string;
export declare function maintenancePage(): string;
export declare function errorPage(base: string, status: number, message: string, loggedIn?: boolean): string;
/** The interstitial Cloudflare puts in front of a site it protects; its scripts live under /cdn-cgi/. */
export declare function challengePage(): string;
