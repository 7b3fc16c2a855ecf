import { z } from 'zod';
/** eBay's condition ids and the enum names the Inventory API writes them as. */
export const CONDITION_IDS = {
    NEW: '1000',
    LIKE_NEW: '2750',
    NEW_OTHER: '1500',
    NEW_WITH_DEFECTS: '1750',
    CERTIFIED_REFURBISHED: '2000',
    EXCELLENT_REFURBISHED: '2010',
    VERY_GOOD_REFURBISHED: '2020',
    GOOD_REFURBISHED: '2030',
    SELLER_REFURBISHED: '2500',
    PRE_OWNED_EXCELLENT: '2990',
    USED_EXCELLENT: '3000',
    PRE_OWNED_FAIR: '3010',
    USED_VERY_GOOD: '4000',
    USED_GOOD: '5000',
    USED_ACCEPTABLE: '6000',
    FOR_PARTS_OR_NOT_WORKING: '7000',
};
/** How the Metadata API words each condition id in a category. */
export const CONDITION_WORDS = {
    '1000': 'New',
    '1500': 'New other (see details)',
    '1750': 'New with defects',
    '2000': 'Certified - Refurbished',
    '2500': 'Seller refurbished',
    '2750': 'Like New',
    '3000': 'Used',
    '4000': 'Very Good',
    '5000': 'Good',
    '6000': 'Acceptable',
    '7000': 'For parts or not working',
};
const GUITAR_CONDITIONS = ['1000', '1500', '2500', '3000', '7000'];
/**
 * What the emulation ships: the common instrument categories with the conditions and
 * required aspects eBay answers for them (platforms.md). Musical-instrument categories take
 * plain "Used" (3000) only; microphones and books take the finer used grades.
 */
export function defaultCategories() {
    return {
        '33034': { name: 'Electric Guitars', conditions: GUITAR_CONDITIONS, requiredAspects: ['Brand'], recommendedAspects: ['Model', 'Body Type', 'Handedness', 'Body Colour', 'Year'] },
        '33021': { name: 'Acoustic Guitars', conditions: GUITAR_CONDITIONS, requiredAspects: ['Brand'], recommendedAspects: ['Model', 'Body Shape', 'Handedness', 'Year'] },
        '4713': { name: 'Bass Guitars', conditions: ['1000', '1500', '3000', '7000'], requiredAspects: ['Brand', 'Type'], recommendedAspects: ['Model', 'Number of Strings', 'Handedness'] },
        '38072': { name: 'Guitar Amplifiers', conditions: GUITAR_CONDITIONS, requiredAspects: ['Brand', 'Amplifier Type'], recommendedAspects: ['Model', 'Power', 'Number of Channels'] },
        '41415': { name: 'Distortion & Overdrive', conditions: ['1000', '1500', '2500', '3000', '7000'], requiredAspects: ['Brand', 'Type'], recommendedAspects: ['Model', 'Power Source'] },
        '176984': {
            name: 'Microphones',
            conditions: ['1000', '1500', '2500', '3000', '4000', '5000', '6000', '7000'],
            requiredAspects: ['Brand', 'Form Factor'],
            recommendedAspects: ['Model', 'Type', 'Connectivity'],
        },
        '261186': { name: 'Books', conditions: ['1000', '2750', '4000', '5000', '6000'], requiredAspects: ['Book Title', 'Author', 'Language'], recommendedAspects: ['Format', 'Publisher'] },
        '2228': { name: 'Textbooks, Education & Reference', conditions: ['1000', '2750', '4000', '5000', '6000'], requiredAspects: ['Book Title', 'Author', 'Language'] },
    };
}
/** `PUT /_control/ebay/account`: the seller's own setup, merged into what ships (CONTRACT.md). */
export const accountPatchSchema = z
    .object({
    policies: z
        .object({
        fulfillment: z.array(z.string().min(1)),
        payment: z.array(z.string().min(1)),
        return: z.array(z.string().min(1)),
    })
        .partial()
        .strict(),
    locations: z.array(z.string().min(1)),
    categories: z.record(z.string().regex(/^\d+$/, 'a numeric eBay category id'), z
        .object({
        name: z.string().min(1),
        conditions: z.array(z.string().regex(/^\d{4}$/, 'an eBay condition id like "3000"')),
        requiredAspects: z.array(z.string().min(1)),
        recommendedAspects: z.array(z.string().min(1)),
    })
        .partial()
        .strict()
        .nullable()),
})
    .partial()
    .strict();
/** Well-formed ids: business policy ids and location keys as eBay mints and accepts them. */
const POLICY_ID = /^\d{6,19}$|^[A-Za-z0-9_-]{1,40}$/;
const LOCATION_KEY = /^[A-Za-z0-9_-]{1,36}$/;
/**
 * The account a publish is checked against. Until policies or locations are set (here or,
 * for locations, with `POST /location/{key}`), any well-formed one is accepted (CONTRACT.md).
 */
export class EbayAccount {
    categories = defaultCategories();
    policies = { fulfillment: null, payment: null, return: null };
    configuredLocations = null;
    locations = new Map();
    reset() {
        this.categories = defaultCategories();
        this.policies = { fulfillment: null, payment: null, return: null };
        this.configuredLocations = null;
        this.locations.clear();
    }
    apply(patch) {
        for (const kind of ['fulfillment', 'payment', 'return']) {
            const ids = patch.policies?.[kind];
            if (ids)
                this.policies[kind] = new Set(ids);
        }
        if (patch.locations)
            this.configuredLocations = new Set(patch.locations);
        for (const [id, rule] of Object.entries(patch.categories ?? {})) {
            if (rule === null) {
                delete this.categories[id];
                continue;
            }
            const before = this.categories[id];
            this.categories[id] = {
                name: rule.name ?? before?.name ?? `Category ${id}`,
                conditions: rule.conditions ?? before?.conditions ?? [],
                requiredAspects: rule.requiredAspects ?? before?.requiredAspects ?? [],
                ...((rule.recommendedAspects ?? before?.recommendedAspects) ? { recommendedAspects: rule.recommendedAspects ?? before?.recommendedAspects } : {}),
            };
        }
    }
    view() {
        const list = (s) => (s ? [...s] : null);
        return {
            policies: { fulfillment: list(this.policies.fulfillment), payment: list(this.policies.payment), return: list(this.policies.return) },
            locations: this.knownLocations(),
            categories: this.categories,
        };
    }
    hasPolicy(kind, id) {
        const known = this.policies[kind];
        return known ? known.has(id) : POLICY_ID.test(id);
    }
    knownLocations() {
        if (!this.configuredLocations && this.locations.size === 0)
            return null;
        return [...new Set([...(this.configuredLocations ?? []), ...this.locations.keys()])];
    }
    hasLocation(key) {
        const known = this.knownLocations();
        return known ? known.includes(key) : LOCATION_KEY.test(key);
    }
}
//# sourceMappingURL=account.js.map