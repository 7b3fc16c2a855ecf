import { type Router } from 'express';
export interface WireOrder {
    orderId: string;
    legacyOrderId: string;
    creationDate: string;
    lastModifiedDate: string;
    orderFulfillmentStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'FULFILLED';
    orderPaymentStatus: 'PAID' | 'PENDING' | 'FAILED';
    sellerId: string;
    buyer: {
        username: string;
    };
    pricingSummary: {
        priceSubtotal: Amount;
        total: Amount;
    };
    lineItems: {
        lineItemId: string;
        legacyItemId: string;
        sku: string;
        title: string;
        quantity: number;
        lineItemCost: Amount;
        total: Amount;
        lineItemFulfillmentStatus: 'NOT_STARTED';
        listingMarketplaceId: string;
        purchaseMarketplaceId: string;
    }[];
}
type Amount = {
    value: string;
    currency: string;
};
/** The seller's orders as the Fulfillment API serves them. */
export declare class OrderBook {
    private orders;
    private seq;
    clear(): void;
    all(): WireOrder[];
    get(orderId: string): WireOrder | undefined;
    /** A buyer's checkout of one listing: one order with one line item, paid at once. */
    add(sale: {
        sku: string;
        title: string;
        quantity: number;
        unitPrice: Amount;
        listingId: string;
        marketplaceId: string;
    }): WireOrder;
}
/** Mounted at the Fulfillment API's base, `/sell/fulfillment/v1`. */
export declare function fulfillmentRouter(book: OrderBook): Router;
export {};
