import { createHash, createHmac } from 'node:crypto';
import { listings, products, runs } from '../packages/db/src/index.js';
import { createWorld, type World } from './harness.js';

/**
 * Sale notifications: a signed (WooCommerce) or secret-path (Reverb, eBay) POST starts a
 * targeted run for the SKUs sold; anything unsigned, mis-signed or unreadable starts nothing.
 */
const SECRET = 'wc-webhook-secret-for-tests';
const REVERB_TOKEN = 'reverb-path-token-for-tests';
const EBAY_TOKEN = 'ebay-path-token-for-tests';

interface Ticket {
  runId: string;
  status: string;
  deduplicated: boolean;
  skus: string[];
}

const order = (id: number, skus: string[]) => ({
  id,
  status: 'processing',
  currency: 'USD',
  total: '1299.00',
  line_items: skus.map((sku, i) => ({ id: i + 1, name: `Item ${sku}`, product_id: 100 + i, variation_id: 0, quantity: 1, sku, price: 1299, total: '1299.00' })),
});

const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body, 'utf8').digest('base64');

describe('sale webhooks', () => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld({
      platforms: ['website', 'reverb', 'ebay'],
      env: { WEBSITE_WEBHOOK_SECRET: SECRET, REVERB_WEBHOOK_TOKEN: REVERB_TOKEN, EBAY_WEBHOOK_TOKEN: EBAY_TOKEN },
    });
    await Promise.all([world.startApi(), world.startSandbox()]);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${world.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: json as Ticket & { error?: { code: string; message: string } } };
  };
  const runCount = async () => (await runs.list(world.database.db, 1000)).length;

  describe('website (WooCommerce)', () => {
    it('starts a targeted run for the SKUs of a signed order', async () => {
      const body = JSON.stringify(order(501, ['GS-W1', 'GS-W2']));
      const res = await post('/webhooks/website', body, { 'x-wc-webhook-signature': sign(body), 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-resource': 'order' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'queued', deduplicated: false, skus: ['GS-W1', 'GS-W2'] });
      expect(await runs.get(world.database.db, res.body.runId)).toMatchObject({ trigger: 'webhook', skus: ['GS-W1', 'GS-W2'], dryRun: false, status: 'queued' });
    });

    it('refuses a wrong or missing signature and starts nothing', async () => {
      const before = await runCount();
      const body = JSON.stringify(order(502, ['GS-W3']));
      expect((await post('/webhooks/website', body, { 'x-wc-webhook-signature': sign(body, 'someone-elses-secret') })).status).toBe(401);
      expect((await post('/webhooks/website', body)).status).toBe(401);
      const tampered = JSON.stringify(order(502, ['GS-W4']));
      const res = await post('/webhooks/website', tampered, { 'x-wc-webhook-signature': sign(body) });
      expect(res.status).toBe(401);
      expect(res.body.error!.code).toBe('bad_signature');
      expect(await runCount()).toBe(before);
    });

    it('answers 400 to a signed body that is not an order, and starts nothing', async () => {
      const before = await runCount();
      for (const garbage of ['<html>oops</html>', '{"id": 7, "line_items": "none"}', '[1,2,3]']) {
        const res = await post('/webhooks/website', garbage, { 'x-wc-webhook-signature': sign(garbage) });
        expect(res.status).toBe(400);
      }
      expect(await runCount()).toBe(before);
    });

    it('accepts WooCommerce\'s unsigned ping when the webhook is created', async () => {
      const before = await runCount();
      const res = await post('/webhooks/website', 'webhook_id=12', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(res.status).toBe(200);
      expect(await runCount()).toBe(before);
    });

    it('starts a targeted run each time an order is delivered again (the sale itself is recorded once by the planner)', async () => {
      const body = JSON.stringify(order(503, ['GS-W5']));
      const first = await post('/webhooks/website', body, { 'x-wc-webhook-signature': sign(body) });
      const again = await post('/webhooks/website', body, { 'x-wc-webhook-signature': sign(body) });
      expect(first.status).toBe(202);
      expect(again.status).toBe(202);
      expect(again.body.deduplicated).toBe(false);
      expect(again.body.runId).not.toBe(first.body.runId);
    });

    it('receives the order webhook the shop sends when a buyer pays', async () => {
      await world.control('PUT', '/website/listings', [
        { sku: 'GS-SOLD', title: 'Gibson Les Paul 1959', description: '', price: { amount: '250000.00', currency: 'USD' }, quantity: 1, condition: 'good', images: [], status: 'active' },
      ]);
      expect((await world.control('PUT', '/website/config', { webhookUrl: `${world.apiUrl}/webhooks/website`, webhookSecret: SECRET })).status).toBe(200);
      const before = await runCount();
      expect((await world.control('POST', '/website/sales', { sku: 'GS-SOLD' })).status).toBeLessThan(300);
      const list = await runs.list(world.database.db, 100);
      expect(list.length).toBe(before + 1);
      expect(list[0]).toMatchObject({ trigger: 'webhook', skus: ['GS-SOLD'] });
    });
  });

  describe('reverb', () => {
    it('starts a targeted run for the order\'s SKU on the secret path', async () => {
      const res = await post(`/webhooks/reverb/${REVERB_TOKEN}`, JSON.stringify({ order_number: '1001', sku: 'GS-R1', quantity: 1, product_id: '9001' }), { 'x-reverb-topic': 'orders/create' });
      expect(res.status).toBe(202);
      expect(await runs.get(world.database.db, res.body.runId)).toMatchObject({ trigger: 'webhook', skus: ['GS-R1'] });
    });

    it('finds the SKU from the listing id when the notification has none', async () => {
      const [row] = await products.upsertMany(world.database.db, [
        { sku: 'GS-R2', brand: 'Gibson', model: 'ES-335', title: 'Gibson ES-335', condition: 'good', priceCents: 350000, currency: 'USD', quantity: 1, images: [], status: 'active' },
      ]);
      const listing = { externalId: '9002', sku: 'GS-R2', title: 'Gibson ES-335', description: '', price: { cents: 350000, currency: 'USD' }, quantity: 1, condition: 'good' as const, images: [], state: 'active' as const };
      await listings.write(world.database.db, [{ productId: row!.id, platform: 'reverb', externalId: '9002', listing, hash: 'h', error: null }]);
      const res = await post(`/webhooks/reverb/${REVERB_TOKEN}`, JSON.stringify({ order_number: '1002', product_id: 9002, quantity: 1 }));
      expect(res.status).toBe(202);
      expect(res.body.skus).toEqual(['GS-R2']);
    });

    it('refuses a wrong token and a body it cannot read', async () => {
      const before = await runCount();
      expect((await post('/webhooks/reverb/guessed-token', JSON.stringify({ sku: 'GS-R1' }))).status).toBe(401);
      expect((await post(`/webhooks/reverb/${REVERB_TOKEN}`, 'not json at all')).status).toBe(400);
      expect((await post(`/webhooks/reverb/${REVERB_TOKEN}`, JSON.stringify({ hello: 'world' }))).status).toBe(400);
      expect(await runCount()).toBe(before);
    });
  });

  describe('ebay', () => {
    // Signed ORDER_CONFIRMATION notifications, end to end: test/ebay-notification.test.ts.
    it('refuses an unsigned notification, JSON or SOAP XML, even on the right path, and starts nothing', async () => {
      const before = await runCount();
      const json = await post(`/webhooks/ebay/${EBAY_TOKEN}`, JSON.stringify({ metadata: { topic: 'ORDER_CONFIRMATION' }, notification: { data: { orderId: '12-0001', lineItems: [{ sku: 'GS-E1', quantity: 1 }] } } }));
      expect(json.status).toBe(401);
      expect(json.body.error!.code).toBe('bad_signature');
      const xml = '<?xml version="1.0"?><soapenv:Envelope><soapenv:Body><GetItemTransactionsResponse><Item><ItemID>110001</ItemID><SKU>GS-E2</SKU></Item></GetItemTransactionsResponse></soapenv:Body></soapenv:Envelope>';
      expect((await post(`/webhooks/ebay/${EBAY_TOKEN}`, xml, { 'content-type': 'text/xml' })).status).toBe(401);
      expect(await runCount()).toBe(before);
    });

    it('answers eBay\'s endpoint challenge', async () => {
      const res = await fetch(`${world.apiUrl}/webhooks/ebay/${EBAY_TOKEN}?challenge_code=abc123`);
      expect(res.status).toBe(200);
      const endpoint = `${world.apiUrl}/webhooks/ebay/${EBAY_TOKEN}`;
      expect(await res.json()).toEqual({ challengeResponse: createHash('sha256').update(`abc123${EBAY_TOKEN}${endpoint}`).digest('hex') });
    });

    it('refuses a wrong token and starts nothing', async () => {
      const before = await runCount();
      expect((await post('/webhooks/ebay/nope', JSON.stringify({ notification: { data: { sku: 'GS-E1' } } }))).status).toBe(401);
      expect((await fetch(`${world.apiUrl}/webhooks/ebay/nope?challenge_code=x`)).status).toBe(401);
      expect(await runCount()).toBe(before);
    });
  });
});
