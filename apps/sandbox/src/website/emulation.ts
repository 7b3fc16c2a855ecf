import type { Router } from 'express';
import { z } from 'zod';
import { PlatformBehaviour } from '../behaviour.js';
import type { CanonicalListing, ListingPatch } from '../canonical.js';
import type { ControlListing, Emulation } from '../emulation.js';
import { quantityOf, toControl, toInput } from './control-mapping.js';
import { OrderBook } from './orders.js';
import { wooRouter, type Credentials } from './routes.js';
import { ProductStore, type WooProduct } from './store.js';
import { deliver } from './webhook.js';

/** `PUT /_control/website/account`: the shop's own setup, merged into what it ships with. */
export const websiteAccountSchema = z
  .object({
    categories: z.array(z.object({ id: z.number().int().positive(), name: z.string().min(1) })),
    manageStock: z.boolean(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code'),
  })
  .partial()
  .strict();

/** The dealer's WooCommerce shop: REST v3 products, batch writes, media, orders and signed webhooks. */
export class WebsiteEmulation implements Emulation {
  readonly name = 'website' as const;
  readonly behaviour = new PlatformBehaviour();
  private readonly store = new ProductStore();
  private readonly orders = new OrderBook();

  constructor(private readonly credentials: Credentials) {}

  router(): Router {
    return wooRouter(this.store, this.orders, this.behaviour, this.credentials, (source) => {
      this.store.origin = source;
    });
  }

  reset(): void {
    this.store.clear();
    this.orders.clear();
    this.behaviour.reset();
  }

  configureAccount(patch: unknown): { ok: true; account: unknown } | { ok: false; message: string } {
    const parsed = websiteAccountSchema.safeParse(patch);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, message: `${issue.path.join('.') || 'body'}: ${issue.message}` };
    }
    if (parsed.data.categories) this.store.setCategories(parsed.data.categories);
    if (parsed.data.manageStock !== undefined) this.store.account.manageStock = parsed.data.manageStock;
    if (parsed.data.currency) this.store.account.currency = parsed.data.currency;
    const { manageStock, currency } = this.store.account;
    return { ok: true, account: { manageStock, currency, categories: this.store.listCategories().map(({ id, name }) => ({ id, name })) } };
  }

  /** Beside the call counts: the media library's size (every sideloaded photo is one item). */
  extraStats(): Record<string, number> {
    return { media: this.store.mediaCount(), orders: this.orders.query({ order: 'asc' }).length, webhooks: this.orders.webhookList().length };
  }

  replace(listings: CanonicalListing[]): ControlListing[] {
    this.store.clearProducts();
    return this.add(listings);
  }

  add(listings: CanonicalListing[]): ControlListing[] {
    return listings.map((listing) => this.control(this.created(this.store.create(toInput(listing, this.store)))));
  }

  patch(sku: string, fields: ListingPatch): ControlListing | null {
    const product = this.store.findBySku(sku);
    if (!product) return null;
    return this.control(this.created(this.store.update(product.id, toInput(fields, this.store, product))));
  }

  list(): ControlListing[] {
    return this.store.all().map((p) => this.control(p));
  }

  /** A buyer checks out: an order, stock down where the shop manages stock, `order.created` to every subscriber. */
  async sell(sku: string, quantity: number): Promise<ControlListing | null> {
    const product = this.store.findBySku(sku);
    if (!product || product.status !== 'publish' || product.stock_status !== 'instock' || quantityOf(product) < quantity) return null;
    const sold = this.store.sell(product.id, quantity);
    const order = this.orders.place(sold, quantity, this.store.account.currency);
    const source = this.store.origin;
    for (const hook of this.orders.subscribers('order.created')) {
      await deliver(hook.delivery_url, hook.secret, { source, topic: 'order.created', webhookId: hook.id, payload: order });
    }
    const { webhookUrl, webhookSecret } = this.behaviour.config;
    if (webhookUrl) await deliver(webhookUrl, webhookSecret ?? '', { source, topic: 'order.created', webhookId: 1, payload: order });
    return this.control(sold);
  }

  private control(product: WooProduct): ControlListing {
    return toControl(product, this.store.account.currency);
  }

  /** The control API speaks for a shop manager: a refusal here is a broken test fixture. */
  private created(result: ReturnType<ProductStore['create']>): WooProduct {
    if ('code' in result) throw new Error(`website: ${result.message} (${result.code})`);
    return result;
  }
}
