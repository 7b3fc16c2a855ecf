import type { Router } from 'express';
import { PlatformBehaviour } from '../behaviour.js';
import type { CanonicalListing, ListingPatch } from '../canonical.js';
import type { ControlListing, Emulation } from '../emulation.js';
import { STORE_CURRENCY, quantityOf, toControl, toInput } from './control-mapping.js';
import { wooRouter, type Credentials } from './routes.js';
import { ProductStore, type WooProduct } from './store.js';
import { deliver, orderFor } from './webhook.js';

/** The dealer's WooCommerce shop: REST v3 products, batch writes, signed order webhooks. */
export class WebsiteEmulation implements Emulation {
  readonly name = 'website' as const;
  readonly behaviour = new PlatformBehaviour();
  private readonly store = new ProductStore();
  private nextOrderId = 5000;
  /** The shop's own URL for `X-WC-Webhook-Source`, learnt from the requests it serves. */
  private source = 'http://127.0.0.1/website/';

  constructor(private readonly credentials: Credentials) {}

  router(): Router {
    return wooRouter(this.store, this.behaviour, this.credentials, (source) => {
      this.source = source;
    });
  }

  reset(): void {
    this.store.clear();
    this.behaviour.reset();
    this.nextOrderId = 5000;
  }

  replace(listings: CanonicalListing[]): ControlListing[] {
    this.store.clear();
    return this.add(listings);
  }

  add(listings: CanonicalListing[]): ControlListing[] {
    return listings.map((listing) => toControl(this.created(this.store.create(toInput(listing, this.store)))));
  }

  patch(sku: string, fields: ListingPatch): ControlListing | null {
    const product = this.store.findBySku(sku);
    if (!product) return null;
    return toControl(this.created(this.store.update(product.id, toInput(fields, this.store))));
  }

  list(): ControlListing[] {
    return this.store.all().map(toControl);
  }

  async sell(sku: string, quantity: number): Promise<ControlListing | null> {
    const product = this.store.findBySku(sku);
    if (!product || product.status !== 'publish' || product.stock_status !== 'instock' || quantityOf(product) < quantity) return null;
    const left = quantityOf(product) - quantity;
    const sold = this.created(this.store.update(product.id, { manage_stock: true, stock_quantity: left }));
    const { webhookUrl, webhookSecret } = this.behaviour.config;
    if (webhookUrl) {
      const orderId = this.nextOrderId++;
      const order = orderFor(orderId, orderId * 10 + 1, sold, quantity, STORE_CURRENCY, Date.now());
      await deliver(webhookUrl, webhookSecret ?? '', { source: this.source, topic: 'order.created', webhookId: 1, payload: order });
    }
    return toControl(sold);
  }

  /** The control API speaks for a shop manager: a refusal here is a broken test fixture. */
  private created(result: ReturnType<ProductStore['create']>): WooProduct {
    if ('code' in result) throw new Error(`website: ${result.message} (${result.code})`);
    return result;
  }
}
