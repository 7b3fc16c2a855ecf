import { type Router } from 'express';
import type { TokenRegistry } from './oauth.js';
/** One active listing as the Trading API's `GetMyeBaySelling` shows it. */
export interface TradingListing {
    itemId: string;
    sku: string;
    title: string;
    quantity: number;
    price: string;
    currency: string;
}
/**
 * The one Trading API call an Inventory API integration still needs: `GetMyeBaySelling`, the
 * seller's active listings with their item ids and SKUs, whichever tool made them. It is how a
 * listing made in Seller Hub is found, to be migrated (the Inventory API cannot see it).
 * XML over `POST /ws/api.dll`, the OAuth user token in `X-EBAY-API-IAF-TOKEN`; errors come
 * back as HTTP 200 with `<Ack>Failure</Ack>`, as the Trading API answers them.
 */
export declare function tradingRouter(tokens: TokenRegistry, listings: () => TradingListing[]): Router;
