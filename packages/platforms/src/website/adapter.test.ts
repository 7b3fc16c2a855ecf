import { plan, type ActionKind, type Listing, type ListingContext, type Photo, type Product } from '@gearsync/core';
import { startSandbox, type Sandbox } from '../../../../apps/sandbox/src/server.js';
import type { ActionOutcome, CallAction, FetchPage } from '../adapter.js';
import { PlatformError } from '../errors.js';
import { createWebsiteAdapter, type WebsiteAdapter, type WebsiteAdapterOptions } from './adapter.js';
import { testCredentials } from '../../../../apps/sandbox/src/test-credentials.js';
import { platformFailure as failure } from '../errors.testing.js';

const credentials = testCredentials;

let sandbox: Sandbox;
let adapter: WebsiteAdapter;
const control = (path: string) => `${sandbox.url}/_control/website${path}`;
const open = (extra: Partial<WebsiteAdapterOptions> = {}) =>
  createWebsiteAdapter({ baseUrl: `${sandbox.url}/website`, key: credentials.website.key, secret: credentials.website.secret, timeoutMs: 2000, retryBaseMs: 1, ...extra });

async function reopen(extra: Partial<WebsiteAdapterOptions>) {
  await adapter.close();
  adapter = open(extra);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.url}/_control/reset`, { method: 'POST' });
  adapter = open();
});
afterEach(() => adapter.close());

async function send(method: string, path: string, body: unknown) {
  const res = await fetch(control(path), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
  return (await res.json()) as any;
}
const seed = (listings: unknown[]) => send('PUT', '/listings', listings) as Promise<{ id: string; sku: string }[]>;
const configure = (patch: unknown) => send('PUT', '/config', patch);
const truth = async () => (await (await fetch(control('/listings'))).json()) as any[];

const canonical = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  title: `Gibson ${sku}`,
  description: 'Plays great',
  price: { amount: '2499.00', currency: 'USD' },
  quantity: 1,
  condition: 'very_good',
  images: [`https://img.example/${sku}.jpg`],
  brand: 'Gibson',
  ...extra,
});

const listing = (sku: string, extra: Partial<Listing> = {}): Listing => ({
  externalId: '',
  sku,
  title: `Fender ${sku}`,
  description: 'Original finish',
  price: { cents: 189900, currency: 'USD' },
  quantity: 1,
  condition: 'excellent',
  images: [`https://img.example/${sku}-1.jpg`, `https://img.example/${sku}-2.jpg`],
  state: 'active',
  brand: 'Fender',
  model: 'Telecaster',
  year: 1972,
  finish: 'Butterscotch',
  category: null,
  ...extra,
});

let nextActionId = 1;
const action = (kind: CallAction['kind'], payload: CallAction['payload'], sku: string | null = null): CallAction => ({ actionId: nextActionId++, kind, sku, payload });

async function collect(pages: AsyncIterable<FetchPage>): Promise<FetchPage[]> {
  const out: FetchPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}


describe('fetchListings', () => {
  it('reads every page and maps state, money and the item fields the shop shows as attributes', async () => {
    await seed([canonical('A', { year: 1959, finish: 'Sunburst' }), canonical('B', { status: 'sold' }), canonical('C', { status: 'ended' }), canonical('D'), canonical('E')]);
    await reopen({ perPage: 2 });
    const pages = await collect(adapter.fetchListings());
    expect(pages.map((p) => [p.page, p.totalPages, p.listings.length, p.calls])).toEqual([
      [1, 3, 2, 1],
      [2, 3, 2, 1],
      [3, 3, 1, 1],
    ]);
    const all = pages.flatMap((p) => p.listings);
    expect(all.map((l) => [l.sku, l.state])).toEqual([
      ['A', 'active'],
      ['B', 'sold'],
      ['C', 'ended'],
      ['D', 'active'],
      ['E', 'active'],
    ]);
    expect(all[0]).toMatchObject({ price: { cents: 249900, currency: 'USD' }, condition: 'very_good', brand: 'Gibson', year: 1959, finish: 'Sunburst', quantity: 1 });
    expect(adapter.calls()).toBe(3);
  });

  it('yields one empty page for an empty shop', async () => {
    const pages = await collect(adapter.fetchListings());
    expect(pages).toEqual([{ listings: [], page: 1, totalPages: 0, calls: 1 }]);
  });

  it('turns an HTML answer into a clear transient error', async () => {
    await configure({ garbageRate: 1 });
    const err = await failure(collect(adapter.fetchListings()));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/text\/html where JSON belongs/);
  });

  it('retries a failing read a couple of times, counting each attempt', async () => {
    await configure({ errorRate: 1, errorStatus: 503 });
    const err = await failure(collect(adapter.fetchListings()));
    expect(err).toMatchObject({ kind: 'transient', details: { status: 503 } });
    expect(adapter.calls()).toBe(3);
  });

  it('gives transient when nothing answers', async () => {
    await reopen({ baseUrl: 'http://127.0.0.1:9/website', getRetries: 0 });
    const err = await failure(adapter.findBySku('A'));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('says auth for a wrong secret, and never repeats the secret', async () => {
    await reopen({ secret: 'cs_wrong_secret' });
    const err = await failure(collect(adapter.fetchListings()));
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/woocommerce_rest_authentication_error/);
    expect(err.message).not.toContain('cs_wrong_secret');
    expect(err.message).not.toContain(credentials.website.key);
  });
});

describe('execute', () => {
  it('creates, updates, restocks, ends, deletes and links in one batch call', async () => {
    const [u, s, e, d] = await seed([canonical('U'), canonical('S'), canonical('E'), canonical('D')]);
    const actions = [
      action('create', { listing: listing('NEW') }, 'NEW'),
      action('update', { externalId: u!.id, listing: listing('U', { title: 'Fender U refinished', price: { cents: 150000, currency: 'USD' }, quantity: 2 }) }, 'U'),
      action('stock', { externalId: s!.id, quantity: 3 }, 'S'),
      action('end', { externalId: e!.id }, 'E'),
      action('delete', { externalId: d!.id }, 'D'),
      action('link', { externalId: '999' }, 'L'),
    ];
    const outcomes = await adapter.execute(actions);
    expect(adapter.calls()).toBe(1);
    expect(outcomes.map((o) => [o.actionId, o.ok])).toEqual(actions.map((a) => [a.actionId, true]));
    const [created, updated, stocked, ended, deleted, linked] = outcomes as Extract<(typeof outcomes)[number], { ok: true }>[];
    expect(created!.listing).toMatchObject({ sku: 'NEW', state: 'active', price: { cents: 189900 }, condition: 'excellent', model: 'Telecaster', year: 1972 });
    expect(created!.externalId).toBe(created!.listing!.externalId);
    expect(updated!.listing).toMatchObject({ externalId: u!.id, title: 'Fender U refinished', quantity: 2, price: { cents: 150000 } });
    expect(stocked!.listing).toMatchObject({ externalId: s!.id, quantity: 3, state: 'active' });
    expect(ended!.listing).toMatchObject({ externalId: e!.id, state: 'ended', quantity: 0 });
    expect(deleted).toEqual({ actionId: actions[4]!.actionId, ok: true, externalId: d!.id });
    expect(linked).toEqual({ actionId: actions[5]!.actionId, ok: true, externalId: '999' });

    const shop = await truth();
    expect(shop.map((l) => [l.sku, l.status, l.quantity])).toEqual([
      ['U', 'active', 2],
      ['S', 'active', 3],
      ['E', 'ended', 0],
      ['NEW', 'active', 1],
    ]);
    const stats = await (await fetch(control('/stats'))).json();
    expect(stats.byEndpoint).toEqual({ 'POST /products/batch': 1 });
  });

  it('fails only the bad entries; their batch-mates succeed', async () => {
    await seed([canonical('TAKEN')]);
    const actions = [
      action('create', { listing: listing('OK1') }, 'OK1'),
      action('create', { listing: listing('TAKEN') }, 'TAKEN'),
      action('update', { externalId: '987654', listing: listing('GHOST') }, 'GHOST'),
      action('create', { listing: listing('OK2') }, 'OK2'),
      action('create', { listing: listing('EUR', { price: { cents: 100, currency: 'EUR' } }) }, 'EUR'),
    ];
    const outcomes = await adapter.execute(actions);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, true, false]);
    expect(outcomes[1]).toMatchObject({ ok: false, status: 400, retryable: false, error: expect.stringMatching(/product_invalid_sku/) });
    expect(outcomes[2]).toMatchObject({ ok: false, error: expect.stringMatching(/woocommerce_rest_product_invalid_id/) });
    expect(outcomes[4]).toMatchObject({ ok: false, error: expect.stringMatching(/sells in USD/) });
    expect((await truth()).map((l) => l.sku)).toEqual(['TAKEN', 'OK1', 'OK2']);
    expect(adapter.calls()).toBe(1);
  });

  it('makes no request when every action is a link', async () => {
    const outcomes = await adapter.execute([action('link', { externalId: '1' }), action('link', { externalId: '2' })]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(adapter.calls()).toBe(0);
  });

  it('refuses more than 100 objects before calling', async () => {
    const many = Array.from({ length: 101 }, (_, i) => action('stock', { externalId: String(100 + i), quantity: 1 }));
    const err = await failure(adapter.execute(many));
    expect(err.kind).toBe('permanent');
    expect(adapter.calls()).toBe(0);
  });

  it('gives rate_limited with the Retry-After wait on 429', async () => {
    await configure({ rateLimit: { max: 1, perMs: 60_000 } });
    await adapter.findBySku('X');
    const err = await failure(adapter.execute([action('create', { listing: listing('R') })]));
    expect(err.kind).toBe('rate_limited');
    expect(err.details.retryAfterMs).toBeGreaterThan(0);
    expect(err.details.status).toBe(429);
  });

  it('gives transient on a 500 and does not retry the write', async () => {
    await configure({ errorRate: 1, errorStatus: 500 });
    const err = await failure(adapter.execute([action('create', { listing: listing('T') })]));
    expect(err).toMatchObject({ kind: 'transient', details: { status: 500 } });
    expect(adapter.calls()).toBe(1);
  });

  it('gives transient when the shop is down', async () => {
    await configure({ down: true });
    const err = await failure(adapter.execute([action('end', { externalId: '100' })]));
    expect(err).toMatchObject({ kind: 'transient', details: { status: 503 } });
  });
});

describe('findBySku', () => {
  it('finds a product by SKU, drafts included, or answers null', async () => {
    await seed([canonical('A'), canonical('B', { status: 'ended' })]);
    expect(await adapter.findBySku('B')).toMatchObject({ sku: 'B', state: 'ended', title: 'Gibson B' });
    expect(await adapter.findBySku('nope')).toBeNull();
  });
});

const stats = async () => (await (await fetch(control('/stats'))).json()) as { media: number; byEndpoint: Record<string, number>; webhooks: number };
const account = (patch: unknown) => send('PUT', '/account', patch);
const wire = async (sku: string) => {
  const auth = `Basic ${Buffer.from(`${credentials.website.key}:${credentials.website.secret}`).toString('base64')}`;
  const res = await fetch(`${sandbox.url}/website/wp-json/wc/v3/products?sku=${sku}`, { headers: { authorization: auth } });
  return ((await res.json()) as any[])[0];
};
type Done = Extract<ActionOutcome, { ok: true }>;

describe('photos', () => {
  it('answers, for each photo sent on a create, the source beside the URL and media id the shop serves it at', async () => {
    const [created] = (await adapter.execute([action('create', { listing: listing('P') }, 'P')])) as Done[];
    const photos = created!.listing!.photos!;
    expect(photos.map((p) => p.source)).toEqual(['https://img.example/P-1.jpg', 'https://img.example/P-2.jpg']);
    for (const p of photos) {
      expect(p.url).toMatch(new RegExp(`^${sandbox.url}/website/wp-content/uploads/\\d{4}/\\d{2}/p-[12]\\.jpg$`));
      expect(p.id).toMatch(/^\d+$/);
    }
    expect(created!.listing!.images).toEqual(photos.map((p) => p.url));
    expect((await stats()).media).toBe(2);
  });

  it('sends no images on an update whose photos did not change, and keeps what the shop holds', async () => {
    const [created] = (await adapter.execute([action('create', { listing: listing('P') }, 'P')])) as Done[];
    const held = created!.listing!.photos!;
    const [updated] = (await adapter.execute([
      action('update', { externalId: created!.externalId!, listing: listing('P', { title: 'Fender P retitled' }), photos: held, photosChanged: false }, 'P'),
    ])) as Done[];
    expect(updated!.listing).toMatchObject({ title: 'Fender P retitled', images: held.map((p) => p.url), photos: held });
    expect((await stats()).media).toBe(2);
  });

  it('keeps held photos by id and downloads only the new one, in the order wanted', async () => {
    const [created] = (await adapter.execute([action('create', { listing: listing('P') }, 'P')])) as Done[];
    const held = created!.listing!.photos!;
    const images = ['https://img.example/P-2.jpg', 'https://img.example/P-new.jpg', 'https://img.example/P-1.jpg'];
    const [updated] = (await adapter.execute([action('update', { externalId: created!.externalId!, listing: listing('P', { images }), photos: held, photosChanged: true }, 'P')])) as Done[];
    const photos = updated!.listing!.photos!;
    expect(photos.map((p) => p.source)).toEqual(images);
    expect(photos[0]).toEqual(held[1]);
    expect(photos[2]).toEqual(held[0]);
    expect(photos[1]!.url).toMatch(/p-new\.jpg$/);
    expect((await stats()).media).toBe(3);
  });

  it('downloads again a photo whose media item the shop no longer has', async () => {
    const [created] = (await adapter.execute([action('create', { listing: listing('P') }, 'P')])) as Done[];
    const held: Photo[] = created!.listing!.photos!.map((p, i) => (i === 0 ? { ...p, id: '999999' } : p));
    const images = ['https://img.example/P-1.jpg', 'https://img.example/P-2.jpg', 'https://img.example/P-3.jpg'];
    const [updated] = await adapter.execute([action('update', { externalId: created!.externalId!, listing: listing('P', { images }), photos: held, photosChanged: true }, 'P')]);
    expect(updated).toMatchObject({ ok: true });
    expect((updated as Done).listing!.photos!.map((p) => p.source)).toEqual(images);
    expect(adapter.calls()).toBe(3);
    expect((await stats()).media).toBe(5);
  });
});

describe('stock', () => {
  it('sends stock_status with every quantity, so a shop that does not manage stock stops selling at 0', async () => {
    await account({ manageStock: false });
    const [a, b] = await seed([canonical('A'), canonical('B')]);
    const [stocked, ended] = (await adapter.execute([action('stock', { externalId: a!.id, quantity: 0 }, 'A'), action('end', { externalId: b!.id }, 'B')])) as Done[];
    expect(stocked!.listing).toMatchObject({ quantity: 0, state: 'sold' });
    expect(ended!.listing).toMatchObject({ quantity: 0, state: 'ended' });
    expect(await wire('A')).toMatchObject({ manage_stock: false, stock_quantity: null, stock_status: 'outofstock' });
    expect(await wire('B')).toMatchObject({ status: 'draft', stock_status: 'outofstock' });
    const [restocked] = (await adapter.execute([action('stock', { externalId: a!.id, quantity: 1 }, 'A')])) as Done[];
    expect(restocked!.listing).toMatchObject({ quantity: 1, state: 'active' });
  });
});

describe('categories', () => {
  it('files a product under the mapped category ids and reads them back', async () => {
    await account({ categories: [{ id: 21, name: 'Electric Guitars' }, { id: 22, name: 'Vintage' }] });
    const [created] = (await adapter.execute([action('create', { listing: listing('C', { platformCategory: ['21', '22'] }) }, 'C')])) as Done[];
    expect(created!.listing!.platformCategory).toEqual(['21', '22']);
    expect((await adapter.findBySku('C'))!.platformCategory).toEqual(['21', '22']);
    // Unmapped, the shop files it under its default category, and we send none.
    const [plain] = (await adapter.execute([action('create', { listing: listing('D') }, 'D')])) as Done[];
    expect(plain!.listing!.platformCategory).toEqual(['15']);
  });

  it('fails the entry the shop refuses for an unknown category, and refuses an id that is not one before the call', async () => {
    const outcomes = await adapter.execute([
      action('create', { listing: listing('X', { platformCategory: ['77'] }) }, 'X'),
      action('create', { listing: listing('Y', { platformCategory: ['guitars'] }) }, 'Y'),
      action('create', { listing: listing('Z') }, 'Z'),
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, true]);
    expect(outcomes[0]).toMatchObject({ status: 400, retryable: false, error: expect.stringMatching(/woocommerce_rest_term_invalid/) });
    expect(outcomes[1]).toMatchObject({ error: expect.stringMatching(/whole numbers, not "guitars"/) });
    expect((await truth()).map((l) => l.sku)).toEqual(['Z']);
  });
});

describe('salesSince', () => {
  it('reads the sales of orders changed since then, and moves the cursor past them', async () => {
    await account({ manageStock: false });
    const [a] = await seed([canonical('A')]);
    const since = new Date(Date.now() - 60_000);
    expect(await adapter.salesSince(since)).toEqual({ sales: [], cursor: since });
    await send('POST', '/sales', { sku: 'A' });
    const { sales, cursor } = await adapter.salesSince(since);
    expect(sales).toEqual([{ orderId: expect.stringMatching(/^\d+$/), sku: 'A', externalId: a!.id, quantity: 1, at: expect.any(Date), price: { cents: 249900, currency: 'USD' } }]);
    expect(cursor.getTime()).toBeGreaterThan(since.getTime());
    // The shop does not manage stock: the product is still for sale, only the order tells.
    expect((await adapter.findBySku('A'))!.state).toBe('active');
    expect((await adapter.salesSince(cursor)).sales).toEqual([]);
  });
});

describe('registerWebhooks', () => {
  it('registers order.created once for a URL however often it is asked', async () => {
    const url = 'http://127.0.0.1:3000/webhooks/website';
    expect(await adapter.registerWebhooks(url, 'whsec')).toEqual([{ platform: 'website', topic: 'order.created', url, id: expect.any(String), created: true }]);
    const again = await adapter.registerWebhooks(url, 'whsec');
    expect(again).toEqual([{ platform: 'website', topic: 'order.created', url, id: expect.any(String), created: false }]);
    expect((await stats()).webhooks).toBe(1);
  });

  it('re-activates a webhook the shop disabled, with our secret, and removes duplicates for the URL', async () => {
    const url = 'http://127.0.0.1:3000/webhooks/website';
    const auth = `Basic ${Buffer.from(`${credentials.website.key}:${credentials.website.secret}`).toString('base64')}`;
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.url}/website/wp-json/wc/v3${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) }).then((r) => r.json() as Promise<any>);
    const first = await api('POST', '/webhooks', { topic: 'order.created', delivery_url: url, secret: 'old', status: 'disabled' });
    await api('POST', '/webhooks', { topic: 'order.created', delivery_url: url, secret: 'old' });
    const [registration] = await adapter.registerWebhooks(url, 'new');
    expect(registration).toMatchObject({ id: String(first.id), created: false });
    expect(await api('GET', '/webhooks')).toEqual([expect.objectContaining({ id: first.id, status: 'active', secret: 'new', delivery_url: url })]);
  });
});

describe('sync against the shop', () => {
  const context: ListingContext = {
    settings: { website: { currency: 'USD', priceRule: { markupPct: 0, endingCents: null } } },
    categories: { Guitars: { website: { categoryIds: [21] } } },
    requirements: {},
  };
  const product = (i: number): Product => ({
    id: i,
    sku: `G-${i}`,
    brand: 'Fender',
    model: 'Stratocaster',
    title: `Fender Stratocaster ${i}`,
    description: 'Plays well',
    year: 1960 + (i % 40),
    finish: 'Sunburst',
    category: 'Guitars',
    condition: 'excellent',
    price: { cents: 100000 + i, currency: 'USD' },
    quantity: 1,
    images: [1, 2, 3].map((n) => `https://img.example/g-${i}/photo-${n}.jpg`),
    status: 'active',
    platforms: null,
    attributes: {},
  });

  /** One full run as the pipeline makes it: snapshot, plan, one batch call per 100 actions, baselines from the outcomes. */
  async function sync(products: Product[], baselines: Map<number, Listing>): Promise<Partial<Record<ActionKind, number>>> {
    const listings = (await collect(adapter.fetchListings())).flatMap((p) => p.listings);
    const result = plan({
      platforms: ['website'],
      enabledPlatforms: ['website'],
      snapshot: { website: { complete: true, listings } },
      products: products.map((p) => {
        const base = baselines.get(p.id);
        return { product: p, baselines: base ? { website: { platform: 'website' as const, externalId: base.externalId, listing: base } } : {} };
      }),
      listing: context,
      skus: null,
      maxDestructivePct: 100,
      orphanPolicy: 'report',
    });
    for (const u of result.baselineUpdates) baselines.set(u.productId, u.listing);
    const todo = result.actions.filter((a) => !a.error);
    expect(result.actions.filter((a) => a.error)).toEqual([]);
    const counts: Partial<Record<ActionKind, number>> = {};
    for (let i = 0; i < todo.length; i += 100) {
      const chunk = todo.slice(i, i + 100).map((a) => ({ planned: a, call: action(a.kind, a.payload, a.sku) }));
      const outcomes = await adapter.execute(chunk.map((c) => c.call));
      outcomes.forEach((o, j) => {
        const { planned } = chunk[j]!;
        expect(o).toMatchObject({ ok: true });
        counts[planned.kind] = (counts[planned.kind] ?? 0) + 1;
        const base = baselines.get(planned.productId!);
        const listing = (o as Done).listing ?? planned.payload.listing;
        // Stock and end outcomes carry no photos: what the shop holds for our sources is unchanged.
        if (listing) baselines.set(planned.productId!, { ...listing, photos: listing.photos ?? base?.photos });
      });
    }
    return counts;
  }

  beforeEach(() => account({ categories: [{ id: 21, name: 'Electric Guitars' }] }));

  it('three syncs of 100 products with 3 photos each create them once and leave 300 media items, although every photo came back renamed', async () => {
    const products = Array.from({ length: 100 }, (_, i) => product(i + 1));
    const baselines = new Map<number, Listing>();
    expect(await sync(products, baselines)).toEqual({ create: 100 });
    expect((await stats()).media).toBe(300);
    const served = (await collect(adapter.fetchListings())).flatMap((p) => p.listings);
    expect(served).toHaveLength(100);
    for (const l of served) for (const url of l.images) expect(url).toMatch(/\/website\/wp-content\/uploads\//);
    expect(await sync(products, baselines)).toEqual({});
    expect((await stats()).media).toBe(300);
    expect(await sync(products, baselines)).toEqual({});
    expect((await stats()).media).toBe(300);
  });

  it('sends photos only for the listing whose photo changed, keeping its other two', async () => {
    const products = Array.from({ length: 5 }, (_, i) => product(i + 1));
    const baselines = new Map<number, Listing>();
    await sync(products, baselines);
    products[2] = { ...products[2]!, images: [products[2]!.images[0]!, 'https://img.example/g-3/photo-2b.jpg', products[2]!.images[2]!] };
    const before = await stats();
    expect(await sync(products, baselines)).toEqual({ update: 1 });
    const after = await stats();
    expect(after.media - before.media).toBe(1);
    expect(await sync(products, baselines)).toEqual({});
    const images = (await wire('G-3')).images as { id: number; src: string }[];
    // Every product's photos are called photo-N.jpg: the shop renames the third product's to photo-N-2.jpg.
    expect(images.map((i) => i.src)).toEqual([expect.stringMatching(/photo-1-2\.jpg$/), expect.stringMatching(/photo-2b\.jpg$/), expect.stringMatching(/photo-3-2\.jpg$/)]);
  });

  it('with store stock management off, a sale elsewhere takes the product off sale (outofstock)', async () => {
    await account({ manageStock: false });
    const products = [product(1), product(2)];
    const baselines = new Map<number, Listing>();
    await sync(products, baselines);
    products[0] = { ...products[0]!, quantity: 0, status: 'sold' };
    expect(await sync(products, baselines)).toEqual({ end: 1 });
    expect(await wire('G-1')).toMatchObject({ stock_status: 'outofstock', manage_stock: false });
    expect(await wire('G-2')).toMatchObject({ stock_status: 'instock' });
    expect(await sync(products, baselines)).toEqual({});
  });

  it('with store stock management off, an item of several units is not sent its stock again on every run', async () => {
    await account({ manageStock: false });
    const products = [{ ...product(1), condition: 'new' as const, quantity: 3 }];
    const baselines = new Map<number, Listing>();
    expect(await sync(products, baselines)).toEqual({ create: 1 });
    expect(await wire('G-1')).toMatchObject({ manage_stock: false, stock_quantity: null, stock_status: 'instock' });
    expect(await sync(products, baselines)).toEqual({});
    // Two sell elsewhere: one left, still for sale; then none, off sale.
    products[0] = { ...products[0]!, quantity: 1 };
    expect(await sync(products, baselines)).toEqual({ stock: 1 });
    expect(await sync(products, baselines)).toEqual({});
    expect(await wire('G-1')).toMatchObject({ stock_status: 'instock' });
    products[0] = { ...products[0]!, quantity: 0 };
    expect(await sync(products, baselines)).toEqual({ end: 1 });
    expect(await wire('G-1')).toMatchObject({ stock_status: 'outofstock' });
    expect(await sync(products, baselines)).toEqual({});
  });
});
