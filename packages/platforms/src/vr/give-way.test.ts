import type { Listing } from '@gearsync/core';
import { startSandbox, type Sandbox } from '../../../../apps/sandbox/src/server.js';
import { testCredentials } from '../../../../apps/sandbox/src/test-credentials.js';
import type { CallAction } from '../adapter.js';
import { CallYielded } from '../errors.js';
import { createVrAdapter, type VrAdapter } from './adapter.js';

/**
 * A full run's item form gives way to a sale waiting behind it: `yieldTo` is asked between the
 * form's steps, and a call given up has written nothing, so sending it again later is safe.
 */
let sandbox: Sandbox;
let adapter: VrAdapter;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials: testCredentials });
  adapter = createVrAdapter({ baseUrl: `${sandbox.url}/vr`, username: 'dealer', password: 'vr-pass', timeoutMs: 5_000 });
});
afterAll(async () => {
  await adapter.close();
  await sandbox.close();
});
beforeEach(() => fetch(`${sandbox.url}/_control/reset`, { method: 'POST' }));

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}/_control/vr${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as T;
}

const listing = (price: number): Listing => ({
  externalId: '',
  sku: 'GW-1',
  title: 'Gibson ES-335',
  description: '<p>Plays great.</p>',
  price: { cents: price, currency: 'USD' },
  quantity: 1,
  condition: 'excellent',
  images: [`${sandbox.url}/_images/gear/335-front.jpg`],
  state: 'active',
  brand: 'Gibson',
  model: 'ES-335',
  year: 1964,
  finish: 'Cherry',
  category: 'Electric guitars',
  platformCategory: ['51', '83'],
});

let nextAction = 1;
const act = (kind: CallAction['kind'], payload: CallAction['payload']): CallAction => ({ actionId: nextAction++, kind, sku: 'GW-1', payload });

/** Answers "a sale waits" at the `at`-th time it is asked; counts every question. */
function saleAt(at: number) {
  const asked = { n: 0 };
  return { asked, yieldTo: async () => ++asked.n === at };
}

const posts = async () => {
  const by = (await control<{ byEndpoint: Record<string, number> }>('GET', '/stats')).byEndpoint;
  return Object.entries(by).filter(([k]) => k.startsWith('POST /instruments/add_edit_item')).reduce((n, [, v]) => n + v, 0);
};

test('a create that gives way once the form is open publishes nothing; sent again, it is made once', async () => {
  const sale = saleAt(2);
  await expect(adapter.execute([act('create', { listing: listing(749900) })], { yieldTo: sale.yieldTo })).rejects.toBeInstanceOf(CallYielded);
  expect(sale.asked.n).toBe(2);
  expect(await control('GET', '/listings')).toEqual([]);
  expect(await posts()).toBe(0);

  const calm = saleAt(0);
  const [outcome] = await adapter.execute([act('create', { listing: listing(749900) })], { yieldTo: calm.yieldTo });
  expect(outcome).toMatchObject({ ok: true });
  expect(calm.asked.n).toBeGreaterThanOrEqual(4);
  expect(await control<unknown[]>('GET', '/listings')).toHaveLength(1);
});

test('an update that gives way just before publishing leaves the item as it was', async () => {
  const [made] = await adapter.execute([act('create', { listing: listing(749900) })]);
  const id = made!.ok ? made!.externalId! : '';
  const photos = made!.ok ? made!.listing!.photos : undefined;
  const postsBefore = await posts();
  // Asked before the form, before filling it, before publishing (no photos change): the third is the last before the write.
  const sale = saleAt(3);
  const update = act('update', { externalId: id, listing: { ...listing(699900), externalId: id }, photos, photosChanged: false });
  await expect(adapter.execute([update], { yieldTo: sale.yieldTo })).rejects.toBeInstanceOf(CallYielded);
  expect(await posts()).toBe(postsBefore);
  expect((await control<{ price: { amount: string } }[]>('GET', '/listings'))[0]!.price.amount).toBe('7499.00');

  const [outcome] = await adapter.execute([update], { yieldTo: saleAt(0).yieldTo });
  expect(outcome).toMatchObject({ ok: true, externalId: id });
  expect((await control<{ price: { amount: string } }[]>('GET', '/listings'))[0]!.price.amount).toBe('6999.00');
});

test('an end (what a sale needs) is one request and never asked to give way', async () => {
  const [made] = await adapter.execute([act('create', { listing: listing(749900) })]);
  const id = made!.ok ? made!.externalId! : '';
  const sale = saleAt(1);
  const [ended] = await adapter.execute([act('end', { externalId: id })], { yieldTo: sale.yieldTo });
  expect(ended).toMatchObject({ ok: true });
  expect(sale.asked.n).toBe(0);
  expect((await control<{ status: string }[]>('GET', '/listings'))[0]!.status).toBe('sold');
});
