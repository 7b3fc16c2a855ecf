/** A Reverb category as `GET /categories/flat` names it. */
export interface ReverbCategory {
    uuid: string;
    full_name: string;
}
/**
 * Reverb's own instrument categories (uuid and full name), as real listings and a public
 * integration's category table show them. An account may add more through the control API.
 */
export declare const REVERB_CATEGORIES: readonly ReverbCategory[];
