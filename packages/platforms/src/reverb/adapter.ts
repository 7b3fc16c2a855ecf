import type { CallGate, PlatformAdapter } from '../adapter.js';
import { CALL_SHAPES } from '../call-shapes.js';
import { PlatformError } from '../errors.js';
import { ReverbClient } from './client.js';
import { fetchListings, findBySku, registerWebhooks, salesSince, type Reader } from './reads.js';
import { runAction, type Writer } from './writes.js';

export { SALE_TOPIC } from './reads.js';

export interface ReverbAdapterOptions {
  /** Without `/api`: `https://api.reverb.com`, or the sandbox's `http://127.0.0.1:4000/reverb`. */
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  gate?: CallGate;
  /** Listings per page when reading; Reverb defaults to 24, and 50 is known to be safe. */
  perPage?: number;
  concurrency?: number;
  /**
   * Waits between reads while Reverb fetches the photos of a write (it shows a photo, and
   * publishes a new listing, only once fetched). Default 0.5, 1, 2, 4 and 8 s.
   */
  photoWaitMs?: number[];
}

/** Reverb API v3: one listing per call (Reverb has no batch endpoint). The choices it leaves us are `Writer`'s. */
export function createReverbAdapter(options: ReverbAdapterOptions): PlatformAdapter {
  const client = new ReverbClient(options);
  const reader: Reader = { client, perPage: options.perPage ?? 50 };
  const writer: Writer = { client, photoWaits: options.photoWaitMs ?? [500, 1_000, 2_000, 4_000, 8_000] };
  return {
    platform: 'reverb',
    limits: { ...CALL_SHAPES.reverb, concurrency: options.concurrency ?? 2 },
    fetchListings: () => fetchListings(reader),
    async execute(actions) {
      if (actions.length > 1) throw new PlatformError('permanent', `Reverb takes one listing a call; got ${actions.length} actions`);
      return Promise.all(actions.map((a) => runAction(writer, a)));
    },
    findBySku: (sku) => findBySku(reader, sku),
    salesSince: (since) => salesSince(reader, since),
    registerWebhooks: (url) => registerWebhooks(reader, url),
    calls: () => client.calls(),
    async close() {
      client.close();
    },
  };
}
