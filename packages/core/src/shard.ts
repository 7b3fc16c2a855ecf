import { fuzzyKey } from './match.js';
import { destructiveHolds } from './guards.js';
import type { PlanResult } from './plan.js';
import type { Platform } from './types.js';

/**
 * Splits a big plan into parts that each hold everything one product's decision needs, so the
 * planner's memory stays flat as the inventory grows. A remote listing goes where its product
 * is: by the baseline that names it, else by its SKU, else (no SKU) by brand + model + year;
 * products are placed by brand + model + year, so every candidate of a fuzzy match meets its
 * listing in the same part. What matches nothing lands somewhere and is an orphan there.
 */
export interface ProductKey {
  id: number;
  sku: string;
  brand: string;
  model: string;
  year: number | null;
}

export interface RemoteKey {
  rowId: number;
  platform: Platform;
  externalId: string;
  sku: string | null;
  brand: string | null;
  model: string | null;
  year: number | null;
}

export interface BaselineKey {
  productId: number;
  platform: Platform;
  externalId: string;
}

export interface Shards {
  products: number[][];
  remote: number[][];
}

function bucket(text: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

export function assignShards(products: ProductKey[], remote: RemoteKey[], baselines: BaselineKey[], count: number): Shards {
  const out: Shards = { products: Array.from({ length: count }, () => []), remote: Array.from({ length: count }, () => []) };
  const shardOfProduct = new Map<number, number>();
  const shardOfSku = new Map<string, number>();
  for (const p of products) {
    const shard = bucket(fuzzyKey(p.brand, p.model, p.year) ?? `sku:${p.sku}`, count);
    shardOfProduct.set(p.id, shard);
    shardOfSku.set(p.sku.trim(), shard);
    out.products[shard]!.push(p.id);
  }
  const shardOfExternal = new Map<string, number>();
  for (const b of baselines) {
    const shard = shardOfProduct.get(b.productId);
    if (shard !== undefined) shardOfExternal.set(`${b.platform}\u0000${b.externalId}`, shard);
  }
  for (const r of remote) {
    const fuzzy = fuzzyKey(r.brand, r.model, r.year);
    const shard =
      shardOfExternal.get(`${r.platform}\u0000${r.externalId}`) ??
      (r.sku?.trim() ? shardOfSku.get(r.sku.trim()) : undefined) ??
      (fuzzy ? bucket(fuzzy, count) : bucket(`ext:${r.externalId}`, count));
    out.remote[shard]!.push(r.rowId);
  }
  return out;
}

/** The parts of a sharded plan as one; the guard weighs the whole platform, not a part. */
export function mergePlans(parts: PlanResult[], maxDestructivePct: number): PlanResult {
  const counts = new Map<Platform, { platform: Platform; destructive: number; total: number }>();
  for (const part of parts) {
    for (const c of part.guardCounts) {
      const sum = counts.get(c.platform) ?? { platform: c.platform, destructive: 0, total: 0 };
      sum.destructive += c.destructive;
      sum.total += c.total;
      counts.set(c.platform, sum);
    }
  }
  const guardCounts = [...counts.values()];
  return {
    actions: parts.flatMap((p) => p.actions),
    sales: parts.flatMap((p) => p.sales),
    baselineUpdates: parts.flatMap((p) => p.baselineUpdates),
    orphans: parts.flatMap((p) => p.orphans),
    drift: parts.flatMap((p) => p.drift),
    guardCounts,
    held: destructiveHolds(guardCounts, maxDestructivePct),
  };
}
