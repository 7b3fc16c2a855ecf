import type { Condition, Platform } from './types.js';

/**
 * One table per platform. A grade missing from a table has no equivalent there: rendering
 * fails with a reason rather than falling back to a neighbouring grade (a "mint" guitar sold
 * as "excellent" is a misdescription; one sold as "mint" that is not is a return).
 */
export const EBAY_CONDITIONS: Partial<Record<Condition, string>> = {
  new: 'NEW',
  excellent: 'USED_EXCELLENT',
  very_good: 'USED_VERY_GOOD',
  good: 'USED_GOOD',
  fair: 'USED_ACCEPTABLE',
  non_functioning: 'FOR_PARTS_OR_NOT_WORKING',
};

/** Each grade as the trade words it, for places that show it as text (a shop's product page). */
export const GRADE_WORDS: Record<Condition, string> = {
  new: 'New',
  mint: 'Mint',
  excellent: 'Excellent',
  very_good: 'Very Good',
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
  non_functioning: 'Non Functioning',
};

/** The grade a shop's words name ("Very Good", "brand new"), or null. */
export function gradeFromWords(words: string | null | undefined): Condition | null {
  const text = words?.trim().toLowerCase();
  if (!text) return null;
  if (text === 'brand new') return 'new';
  const hit = (Object.entries(GRADE_WORDS) as [Condition, string][]).find(([, w]) => w.toLowerCase() === text);
  return hit ? hit[0] : null;
}

/**
 * eBay conditions for each of our grades, finest first. eBay's 3000 (`USED_EXCELLENT`) is plain
 * "Used" in categories without finer used grades (Electric Guitars 33034 takes 1000, 1500, 2500,
 * 3000, 7000): a mint, excellent or good vintage guitar is 3000 there, with our grade in
 * `conditionDescription`. Where a category takes the finer grades (Microphones 176984), each
 * grade goes to its own. Never a grade's neighbour: a "fair" item is not sold as "very good".
 */
const EBAY_PREFERENCE: Record<Condition, [enumName: string, id: string][]> = {
  new: [['NEW', '1000']],
  mint: [['LIKE_NEW', '2750'], ['USED_EXCELLENT', '3000']],
  excellent: [['USED_EXCELLENT', '3000']],
  very_good: [['USED_VERY_GOOD', '4000'], ['USED_EXCELLENT', '3000']],
  good: [['USED_GOOD', '5000'], ['USED_EXCELLENT', '3000']],
  fair: [['USED_ACCEPTABLE', '6000'], ['USED_EXCELLENT', '3000']],
  poor: [['USED_ACCEPTABLE', '6000'], ['USED_EXCELLENT', '3000']],
  non_functioning: [['FOR_PARTS_OR_NOT_WORKING', '7000']],
};

/** Our grade in a category that accepts these condition ids (eBay's Metadata API), or why it cannot be said there. */
export function ebayConditionFor(
  grade: Condition,
  acceptedIds: readonly string[],
): { ok: true; code: string; id: string; description?: string } | { ok: false; reason: string } {
  const accepted = new Set(acceptedIds);
  for (const [code, id] of EBAY_PREFERENCE[grade]) {
    if (!accepted.has(id)) continue;
    // 3000 stands for every used grade where the category has no finer one, and an eBay grade
    // that is not our grade's own twin (poor as Acceptable, mint as Like New) stands for more than it: say which.
    const words = id === '3000' || EBAY_CONDITIONS[grade] !== code;
    return { ok: true, code, id, ...(words ? { description: GRADE_WORDS[grade] } : {}) };
  }
  return { ok: false, reason: `accepts no eBay condition for "${grade}" (it takes ${[...accepted].sort().join(', ') || 'none'})` };
}

/** Our grade back from an eBay condition and its description (ours where we wrote it). */
export function fromEbayConditionWithDescription(code: string | null | undefined, description: string | null | undefined): Condition | null {
  const words = description?.trim().toLowerCase();
  if (words) {
    const hit = (Object.entries(GRADE_WORDS) as [Condition, string][]).find(([, w]) => w.toLowerCase() === words);
    if (hit) return hit[0];
  }
  if (code === 'LIKE_NEW') return 'mint';
  return fromEbayCondition(code);
}

export const REVERB_CONDITIONS: Record<Condition, { uuid: string; displayName: string; slug: string }> = {
  new: { uuid: '7c3f45de-2ae0-4c81-8400-fdb6b1d74890', displayName: 'Brand New', slug: 'brand-new' },
  mint: { uuid: 'ac5b9c1e-dc78-466d-b0b3-7cf712967a48', displayName: 'Mint', slug: 'mint' },
  excellent: { uuid: 'df268ad1-c462-4ba6-b6db-e007e23922ea', displayName: 'Excellent', slug: 'excellent' },
  very_good: { uuid: 'ae4d9114-1bd7-4ec5-a4ba-6653af5ac84d', displayName: 'Very Good', slug: 'very-good' },
  good: { uuid: 'f7a3f48c-972a-44c6-b01a-0cd27488d3f6', displayName: 'Good', slug: 'good' },
  fair: { uuid: '98777886-76d0-44c8-865e-bb40e669e934', displayName: 'Fair', slug: 'fair' },
  poor: { uuid: '6a9dfcad-600b-46c8-9e08-ce6e5057921e', displayName: 'Poor', slug: 'poor' },
  non_functioning: { uuid: 'fbf35668-96a0-4baa-bcde-ab18d6b1b329', displayName: 'Non Functioning', slug: 'non-functioning' },
};
/** Reverb's B-Stock: a grade of its own that none of ours matches. */
export const REVERB_B_STOCK_UUID = '9225283f-60c2-4413-ad18-1f5eba7a856f';

export function toPlatformCondition(platform: Platform, condition: Condition): { ok: true; code: string | null } | { ok: false; reason: string } {
  switch (platform) {
    case 'ebay': {
      const code = EBAY_CONDITIONS[condition];
      return code ? { ok: true, code } : { ok: false, reason: `condition "${condition}" has no eBay equivalent` };
    }
    case 'reverb':
      return { ok: true, code: REVERB_CONDITIONS[condition].uuid };
    case 'website':
      return { ok: true, code: condition };
    case 'vr':
      // Vintage & Rare keeps no condition field at all.
      return { ok: true, code: null };
  }
}

export function fromEbayCondition(code: string | null | undefined): Condition | null {
  if (!code) return null;
  const hit = Object.entries(EBAY_CONDITIONS).find(([, c]) => c === code);
  return hit ? (hit[0] as Condition) : null;
}

export function fromReverbCondition(uuid: string | null | undefined): Condition | null {
  if (!uuid) return null;
  const hit = Object.entries(REVERB_CONDITIONS).find(([, c]) => c.uuid === uuid);
  return hit ? (hit[0] as Condition) : null;
}

/** Reverb lets only new, B-stock and mint items hold more than one unit. */
export function reverbAllowsMultipleUnits(condition: Condition): boolean {
  return condition === 'new' || condition === 'mint';
}
