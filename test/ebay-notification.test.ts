import { generateKeyPairSync, sign } from 'node:crypto';
import { products, runs } from '../packages/db/src/index.js';
import { createEbayAdapter } from '../packages/platforms/src/index.js';
import { createWorld, type World } from './harness.js';

/**
 * eBay's sale notification, end to end: the app registers a destination and an
 * ORDER_CONFIRMATION subscription (eBay challenges the endpoint first), a buyer pays on eBay,
 * eBay posts a signed message naming the order, the app verifies it with eBay's public key,
 * reads the order and ends the item on the web shop. A forged message changes nothing.
 */
const TOKEN = 'ebay-verification-token-for-the-tests-0123';
const platforms = ['website', 'ebay'];

interface Listed {
  sku: string;
  status: string;
}

describe('an eBay ORDER_CONFIRMATION notification', () => {
  let world: World;
  const items = ['N-1', 'N-2'].map((sku, i) => ({
    sku,
    brand: 'Fender',
    model: 'Stratocaster',
    title: `Fender Stratocaster ${sku}`,
    description: 'Original finish',
    year: 1965 + i,
    finish: 'Sunburst',
    category: 'Guitars>Electric solid body',
    condition: 'excellent' as const,
    priceCents: 189_900,
    currency: 'USD',
    quantity: 1,
    images: [`https://img.example/${sku}.jpg`],
    status: 'active' as const,
    platforms: null,
    attributes: {},
  }));

  beforeAll(async () => {
    world = await createWorld({ platforms, env: { EBAY_WEBHOOK_TOKEN: TOKEN } });
    // One at a time: on a busy machine seven processes compiling at once come up slowly.
    await world.startSandbox();
    await world.startApi();
    for (const stage of ['snapshot', 'plan', 'report']) await world.startWorker(stage);
    for (const platform of platforms) await world.startWorker('execute', platform);
    const db = world.database.db;
    await products.upsertMany(db, items);
    // The shop's settings, category map and eBay account come from the harness; the snapshot reads 33034's requirements from eBay.
    const first = await world.api<{ runId: string }>('POST', '/api/sync', {});
    expect((await world.waitForRun(first.body.runId)).status).toBe('completed');
    for (const platform of platforms) {
      const { body: listed } = await world.control<Listed[]>('GET', `/${platform}/listings`);
      expect(listed.map((l) => [l.sku, l.status]).sort()).toEqual([
        ['N-1', 'active'],
        ['N-2', 'active'],
      ]);
    }
    const { body: stats } = await world.control<{ byEndpoint: Record<string, number> }>('GET', '/ebay/stats');
    expect(stats.byEndpoint['contract:failed'] ?? 0).toBe(0);
    expect(stats.byEndpoint.refused ?? 0).toBe(0);
  }, 90_000);

  afterAll(async () => {
    await world?.close();
  });

  const webhookUrl = () => `${world.apiUrl}/webhooks/ebay/${TOKEN}`;
  const ebay = () =>
    createEbayAdapter({ baseUrl: `${world.sandboxUrl}/ebay`, clientId: 'demo-ebay-client', clientSecret: 'demo-ebay-secret', refreshToken: 'demo-ebay-refresh-token', timeoutMs: 5000 });
  const webhookRuns = async () => (await runs.list(world.database.db, 100)).filter((r) => r.trigger === 'webhook');

  it('registers through eBay’s challenge, and a signed sale ends the item on the shop', async () => {
    const adapter = ebay();
    try {
      const [registration] = await adapter.registerWebhooks(webhookUrl(), TOKEN);
      expect(registration).toMatchObject({ topic: 'ORDER_CONFIRMATION', created: true });
      expect((await adapter.registerWebhooks(webhookUrl(), TOKEN))[0]).toMatchObject({ created: false });
    } finally {
      await adapter.close();
    }

    expect((await world.control('POST', '/ebay/sales', { sku: 'N-1' })).status).toBe(200);
    // The sandbox delivers before it answers: the run exists now.
    const started = await webhookRuns();
    expect(started).toHaveLength(1);
    expect(started[0]!.skus).toEqual(['N-1']);
    await world.waitForRun(started[0]!.id);

    const { body: shop } = await world.control<Listed[]>('GET', '/website/listings');
    expect(shop.find((l) => l.sku === 'N-1')!.status).toBe('ended');
    expect(shop.find((l) => l.sku === 'N-2')!.status).toBe('active');
    expect((await products.bySku(world.database.db, 'N-1'))!.quantity).toBe(0);
  });

  it('refuses a forged notification with 401 and starts nothing', async () => {
    const before = (await webhookRuns()).length;
    const body = JSON.stringify({
      metadata: { topic: 'ORDER_CONFIRMATION', schemaVersion: '1.0', deprecated: false },
      notification: { notificationId: 'forged', eventDate: new Date().toISOString(), publishDate: new Date().toISOString(), publishAttemptCount: 1, data: { orderId: '27-10001-20001' } },
    });
    // Signed with a key of our own, under the id of none of eBay's.
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const signature = sign('sha1', Buffer.from(body), privateKey).toString('base64');
    const forged = Buffer.from(JSON.stringify({ alg: 'ECDSA', kid: '00000000-0000-0000-0000-000000000000', signature, digest: 'SHA1' })).toString('base64');
    const variants: Record<string, string>[] = [{ 'x-ebay-signature': forged }, {}];
    for (const headers of variants) {
      const res = await fetch(webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      expect(res.status).toBe(401);
    }
    expect((await webhookRuns()).length).toBe(before);
    const { body: shop } = await world.control<Listed[]>('GET', '/website/listings');
    expect(shop.find((l) => l.sku === 'N-2')!.status).toBe('active');
  });
});
