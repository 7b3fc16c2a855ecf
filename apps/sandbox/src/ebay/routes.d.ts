import { type Request, type Router } from 'express';
import type { PlatformBehaviour } from '../behaviour.js';
import type { EbayAccount } from './account.js';
import { type EbayCredentials, type TokenRegistry } from './oauth.js';
import type { NotificationHub } from './notifications.js';
import { type OrderBook } from './orders.js';
import { type InventoryStore } from './store.js';
import { type TradingListing } from './trading.js';
export declare const INVENTORY_BASE = "/sell/inventory/v1";
export declare const FULFILLMENT_BASE = "/sell/fulfillment/v1";
/** The bulk calls' limit, stated in the contract's prose only. */
export declare const BULK_LIMIT = 25;
/** `bulk_migrate_listing` takes at most 5 listings a call. */
export declare const MIGRATE_LIMIT = 5;
/** Stats key: requests any eBay API refused (4xx other than 404 and 429). */
export declare const REFUSED = "refused";
/** Stats name an endpoint by its route: `PUT /inventory_item/{sku}`, `POST /offer/{offerId}/publish`. */
export declare function endpointOf(req: Request): string;
/**
 * The Sell Inventory API and the OAuth token endpoint, as eBay answers them: every request
 * under the API base passes eBay's contract first, then the gateway's token check.
 */
export declare function ebayRouter(options: {
    store: InventoryStore;
    behaviour: PlatformBehaviour;
    credentials: EbayCredentials;
    tokens: TokenRegistry;
    account: EbayAccount;
    orders: OrderBook;
    notifications: NotificationHub;
    trading: () => TradingListing[];
    migrate: (listingId: string) => {
        ok: true;
        sku: string;
        offerId: string;
        marketplaceId: string;
        locale: string;
    } | {
        ok: false;
        reason: string;
    };
    /** Where the router is mounted on the server (`/ebay`): the contract's server URL starts there. */
    mountPath: string;
}): Router;
