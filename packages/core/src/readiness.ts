import { renderListing, settingsProblems } from './render.js';
import type { ListingContext, PlatformSettings } from './settings.js';
import type { Platform, Product } from './types.js';

export interface ReadinessProblem {
  platform: Platform;
  /** The dealer's category, where the problem is the category's (unmapped, its requirements unread). */
  category?: string;
  /** The product, where the problem is its own. */
  sku?: string;
  message: string;
  /** How many products it stops. */
  products: number;
}

export interface Readiness {
  ready: boolean;
  problems: ReadinessProblem[];
}

/** A product that is meant to be on sale on this platform (sold, archived and draft products are not). */
function wanted(product: Product, platform: Platform, enabled: readonly Platform[]): boolean {
  return product.status === 'active' && product.quantity > 0 && (product.platforms ?? enabled).includes(platform);
}

/**
 * Everything that would stop a listing, found before any platform call, grouped so a dealer can
 * fix it in one sitting: a missing setting once per platform, an unmapped category once with the
 * products it holds, then each product's own problems.
 */
export function readiness(products: Iterable<Product>, platforms: readonly Platform[], context: ListingContext): Readiness {
  const settings: ReadinessProblem[] = [];
  const blocked = new Set<Platform>();
  for (const platform of platforms) {
    for (const message of settingsProblems(platform, context.settings[platform] as PlatformSettings | undefined)) {
      settings.push({ platform, message: `${platform}: ${message}`, products: 0 });
      blocked.add(platform);
    }
  }
  const byCategory = new Map<string, ReadinessProblem>();
  const own: ReadinessProblem[] = [];
  for (const product of products) {
    for (const platform of platforms) {
      if (!wanted(product, platform, platforms)) continue;
      if (blocked.has(platform)) {
        for (const p of settings) if (p.platform === platform) p.products += 1;
        continue;
      }
      const r = renderListing(product, platform, context);
      if (r.ok) continue;
      if (r.scope === 'category' && r.category !== undefined) {
        const key = `${platform}\u0000${r.category}\u0000${r.reason}`;
        const hit = byCategory.get(key);
        if (hit) hit.products += 1;
        else byCategory.set(key, { platform, category: r.category, message: r.reason, products: 1 });
      } else {
        own.push({ platform, sku: product.sku, ...(product.category ? { category: product.category } : {}), message: r.reason, products: 1 });
      }
    }
  }
  const categories = [...byCategory.values()].sort((a, b) => b.products - a.products || a.message.localeCompare(b.message));
  const problems = [...settings, ...categories, ...own];
  return { ready: problems.length === 0, problems };
}
