import { z } from 'zod';
/** One leaf category as eBay's Metadata and Taxonomy APIs describe it. */
export interface CategoryRule {
    name: string;
    /** Condition ids the category accepts (Metadata API `itemConditions[].conditionId`). */
    conditions: string[];
    /** Aspects a listing in it must carry (Taxonomy API `aspectConstraint.aspectRequired`). */
    requiredAspects: string[];
    /** Aspects eBay suggests there without requiring them. */
    recommendedAspects?: string[];
}
/** eBay's condition ids and the enum names the Inventory API writes them as. */
export declare const CONDITION_IDS: Record<string, string>;
/** How the Metadata API words each condition id in a category. */
export declare const CONDITION_WORDS: Record<string, string>;
/**
 * What the emulation ships: the common instrument categories with the conditions and
 * required aspects eBay answers for them (platforms.md). Musical-instrument categories take
 * plain "Used" (3000) only; microphones and books take the finer used grades.
 */
export declare function defaultCategories(): Record<string, CategoryRule>;
/** `PUT /_control/ebay/account`: the seller's own setup, merged into what ships (CONTRACT.md). */
export declare const accountPatchSchema: z.ZodObject<{
    policies: z.ZodOptional<z.ZodObject<{
        fulfillment: z.ZodOptional<z.ZodArray<z.ZodString>>;
        payment: z.ZodOptional<z.ZodArray<z.ZodString>>;
        return: z.ZodOptional<z.ZodArray<z.ZodString>>;
    }, z.core.$strict>>;
    locations: z.ZodOptional<z.ZodArray<z.ZodString>>;
    categories: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodNullable<z.ZodObject<{
        name: z.ZodOptional<z.ZodString>;
        conditions: z.ZodOptional<z.ZodArray<z.ZodString>>;
        requiredAspects: z.ZodOptional<z.ZodArray<z.ZodString>>;
        recommendedAspects: z.ZodOptional<z.ZodArray<z.ZodString>>;
    }, z.core.$strict>>>>;
}, z.core.$strict>;
export type AccountPatch = z.output<typeof accountPatchSchema>;
export type PolicyKind = 'fulfillment' | 'payment' | 'return';
/**
 * The account a publish is checked against. Until policies or locations are set (here or,
 * for locations, with `POST /location/{key}`), any well-formed one is accepted (CONTRACT.md).
 */
export declare class EbayAccount {
    categories: Record<string, CategoryRule>;
    private policies;
    private configuredLocations;
    readonly locations: Map<string, Record<string, unknown>>;
    reset(): void;
    apply(patch: AccountPatch): void;
    view(): Record<string, unknown>;
    hasPolicy(kind: PolicyKind, id: string): boolean;
    knownLocations(): string[] | null;
    hasLocation(key: string): boolean;
}
