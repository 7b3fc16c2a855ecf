import type { CanonicalListing } from '../canonical.js';
type Grade = NonNullable<CanonicalListing['condition']>;
export interface ReverbCondition {
    uuid: string;
    display_name: string;
    slug: string;
    /** The canonical grade the control API speaks; B-Stock has none. */
    grade: Grade | null;
    /** Reverb lets only Brand New, Mint and B-Stock listings hold more than one unit. */
    multipleUnits: boolean;
}
/** Reverb's listing conditions, from its published condition list (platforms.md). */
export declare const REVERB_CONDITION_TABLE: readonly ReverbCondition[];
export declare function conditionByUuid(uuid: string | null | undefined): ReverbCondition | undefined;
export declare function conditionByGrade(grade: Grade | null): ReverbCondition | undefined;
export {};
