import { z } from 'zod';
/**
 * The one listing shape the control API speaks for every platform (CONTRACT.md). Each
 * emulation keeps its own records in its own wire terms and converts at this boundary.
 */
export declare const conditionSchema: z.ZodEnum<{
    new: "new";
    mint: "mint";
    excellent: "excellent";
    very_good: "very_good";
    good: "good";
    fair: "fair";
    poor: "poor";
    non_functioning: "non_functioning";
}>;
export declare const moneySchema: z.ZodObject<{
    amount: z.ZodString;
    currency: z.ZodString;
}, z.core.$strip>;
export declare const canonicalListingSchema: z.ZodObject<{
    sku: z.ZodDefault<z.ZodString>;
    description: z.ZodDefault<z.ZodString>;
    quantity: z.ZodDefault<z.ZodNumber>;
    condition: z.ZodDefault<z.ZodNullable<z.ZodEnum<{
        new: "new";
        mint: "mint";
        excellent: "excellent";
        very_good: "very_good";
        good: "good";
        fair: "fair";
        poor: "poor";
        non_functioning: "non_functioning";
    }>>>;
    images: z.ZodDefault<z.ZodArray<z.ZodString>>;
    status: z.ZodDefault<z.ZodEnum<{
        active: "active";
        ended: "ended";
        sold: "sold";
    }>>;
    brand: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    model: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    year: z.ZodOptional<z.ZodNullable<z.ZodNumber>>;
    finish: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    category: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    platformCategory: z.ZodOptional<z.ZodArray<z.ZodPipe<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>, z.ZodTransform<string, string | number>>>>;
    attributes: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodArray<z.ZodString>>>;
    sellerHub: z.ZodOptional<z.ZodBoolean>;
    title: z.ZodString;
    price: z.ZodObject<{
        amount: z.ZodString;
        currency: z.ZodString;
    }, z.core.$strip>;
    id: z.ZodOptional<z.ZodPipe<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>, z.ZodTransform<string, string | number>>>;
}, z.core.$strip>;
export type CanonicalListingInput = z.input<typeof canonicalListingSchema>;
export type CanonicalListing = z.output<typeof canonicalListingSchema> & {
    id?: string;
};
/** A hand edit names only what it changes: no defaults here, or a patch would reset the rest. */
export declare const listingPatchSchema: z.ZodObject<{
    sku: z.ZodOptional<z.ZodString>;
    title: z.ZodOptional<z.ZodString>;
    description: z.ZodOptional<z.ZodString>;
    price: z.ZodOptional<z.ZodObject<{
        amount: z.ZodString;
        currency: z.ZodString;
    }, z.core.$strip>>;
    quantity: z.ZodOptional<z.ZodNumber>;
    condition: z.ZodOptional<z.ZodNullable<z.ZodEnum<{
        new: "new";
        mint: "mint";
        excellent: "excellent";
        very_good: "very_good";
        good: "good";
        fair: "fair";
        poor: "poor";
        non_functioning: "non_functioning";
    }>>>;
    images: z.ZodOptional<z.ZodArray<z.ZodString>>;
    status: z.ZodOptional<z.ZodEnum<{
        active: "active";
        ended: "ended";
        sold: "sold";
    }>>;
    brand: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    model: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    year: z.ZodOptional<z.ZodNullable<z.ZodNumber>>;
    finish: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    category: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    platformCategory: z.ZodOptional<z.ZodArray<z.ZodPipe<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>, z.ZodTransform<string, string | number>>>>;
    attributes: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodArray<z.ZodString>>>;
}, z.core.$strict>;
export type ListingPatch = z.output<typeof listingPatchSchema>;
export declare const saleSchema: z.ZodObject<{
    sku: z.ZodString;
    quantity: z.ZodDefault<z.ZodNumber>;
    paid: z.ZodDefault<z.ZodBoolean>;
}, z.core.$strip>;
export type SaleRequest = z.output<typeof saleSchema>;
export declare function centsToAmount(cents: number): string;
export declare function amountToCents(amount: string): number;
