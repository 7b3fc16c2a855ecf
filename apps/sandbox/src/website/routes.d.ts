import { type Request, type Router } from 'express';
import type { PlatformBehaviour } from '../behaviour.js';
import type { OrderBook } from './orders.js';
import { type ProductStore } from './store.js';
export declare const API_BASE = "/wp-json/wc/v3";
/** WooCommerce's `woocommerce_rest_batch_items_limit`: create + update + delete together. */
export declare const BATCH_LIMIT = 100;
export interface Credentials {
    key: string;
    secret: string;
}
/** Stats name an endpoint by its route: `GET /products`, `GET /products/:id`, `POST /products/batch`. */
export declare function endpointOf(req: Request): string;
/** WooCommerce REST v3 for products, as the shop's WordPress answers it. */
export declare function wooRouter(store: ProductStore, orders: OrderBook, behaviour: PlatformBehaviour, credentials: Credentials, onSeen: (source: string) => void): Router;
