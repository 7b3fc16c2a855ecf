import type { Listing } from './types.js';

/** JSON with object keys sorted and null/undefined members left out, so equal content prints equal. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      const v = obj[key];
      if (v === null || v === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** FNV-1a, 64 bit, over the UTF-8 bytes; 16-bit limbs keep every product below 2^32. */
export function fnv1a64(input: string): string {
  let a0 = 0x2325, a1 = 0x8422, a2 = 0x9ce4, a3 = 0xcbf2;
  for (const byte of new TextEncoder().encode(input)) {
    a0 ^= byte;
    // Multiply by the FNV prime 2^40 + 0x1b3, mod 2^64.
    let r0 = a0 * 0x1b3;
    let r1 = a1 * 0x1b3;
    let r2 = a2 * 0x1b3 + a0 * 0x100;
    let r3 = a3 * 0x1b3 + a1 * 0x100;
    r1 += r0 >>> 16;
    r0 &= 0xffff;
    r2 += r1 >>> 16;
    r1 &= 0xffff;
    r3 += r2 >>> 16;
    r2 &= 0xffff;
    a0 = r0;
    a1 = r1;
    a2 = r2;
    a3 = r3 & 0xffff;
  }
  return [a3, a2, a1, a0].map((x) => x.toString(16).padStart(4, '0')).join('');
}

/** Stable content hash of a listing (the `last_written_hash` of platform_common). */
export function listingHash(listing: Listing): string {
  return fnv1a64(canonicalJson(listing));
}
