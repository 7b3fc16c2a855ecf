import { createReverbAdapter, createWebsiteAdapter, type PlatformAdapter } from '@gearsync/platforms';
import { registerSecrets } from '@gearsync/runtime';
import type { Platform } from '@gearsync/core';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { testCredentials } from '../../sandbox/src/test-credentials.js';
import { registerWebhooks, webhookTargets } from '@gearsync/sync';
import { describeResults } from './webhooks.js';

let sandbox: Sandbox;
const opened: PlatformAdapter[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials: testCredentials });
});
afterAll(() => sandbox.close());
beforeEach(() => fetch(`${sandbox.url}/_control/reset`, { method: 'POST' }));
afterEach(async () => {
  await Promise.all(opened.splice(0).map((a) => a.close()));
});

const secrets = { WEBSITE_WEBHOOK_SECRET: 'website-hmac-key', REVERB_WEBHOOK_TOKEN: 'reverb-path-token-123', EBAY_WEBHOOK_TOKEN: 'ebay-path-token-456' };
const adapterOf = (platform: Platform): PlatformAdapter => {
  const adapter =
    platform === 'website'
      ? createWebsiteAdapter({ baseUrl: `${sandbox.url}/website`, key: testCredentials.website.key, secret: testCredentials.website.secret, timeoutMs: 2000 })
      : platform === 'reverb'
        ? createReverbAdapter({ baseUrl: `${sandbox.url}/reverb`, token: testCredentials.reverb.token, timeoutMs: 2000 })
        : null;
  if (!adapter) throw new Error(`no adapter should be opened for ${platform}`);
  opened.push(adapter);
  return adapter;
};

describe('npm run webhooks -- register', () => {
  it('registers the sale webhook of the shop and of Reverb once however often it runs, and says what it did', async () => {
    registerSecrets([secrets.REVERB_WEBHOOK_TOKEN]);
    const targets = webhookTargets(secrets, 'https://gearsync.example/');
    const first = await registerWebhooks(['website', 'reverb', 'vr'], adapterOf, targets);
    expect(first).toEqual([
      { platform: 'website', registered: [{ platform: 'website', topic: 'order.created', url: 'https://gearsync.example/webhooks/website', id: expect.any(String), created: true }] },
      { platform: 'reverb', registered: [{ platform: 'reverb', topic: 'orders/create', url: targets.reverb!.url, id: expect.any(String), created: true }] },
      { platform: 'vr', skipped: expect.stringMatching(/no webhooks/) },
    ]);
    expect(describeResults(first)).toMatch(/^reverb +orders\/create +https:\/\/gearsync\.example\/webhooks\/reverb\/\[redacted\] +registered \(id \d+\)$/m);
    const second = await registerWebhooks(['website', 'reverb', 'vr'], adapterOf, targets);
    expect(second.slice(0, 2)).toMatchObject([{ registered: [{ created: false }] }, { registered: [{ created: false }] }]);
    const printed = describeResults(second);
    expect(printed).toMatch(/^website +order\.created +https:\/\/gearsync\.example\/webhooks\/website +already registered \(id \d+\)$/m);
    expect(printed).toMatch(/^reverb +orders\/create +https:\/\/gearsync\.example\/webhooks\/reverb\/\[redacted\] +already registered \(id \d+\)$/m);
    const website = (await (await fetch(`${sandbox.url}/_control/website/stats`)).json()) as { webhooks: number };
    expect(website.webhooks).toBe(1);
    const reverb = (await (
      await fetch(`${sandbox.url}/reverb/api/webhooks/registrations`, { headers: { authorization: `Bearer ${testCredentials.reverb.token}`, 'accept-version': '3.0' } })
    ).json()) as { registrations: { url: string; topic: string }[] };
    expect(reverb.registrations).toEqual([expect.objectContaining({ url: targets.reverb!.url, topic: 'orders/create' })]);
  });

  it('never prints a path token', () => {
    registerSecrets([secrets.REVERB_WEBHOOK_TOKEN]);
    const url = webhookTargets(secrets, 'https://gearsync.example').reverb!.url;
    const text = describeResults([{ platform: 'reverb', registered: [{ platform: 'reverb', topic: 'orders/create', url, id: '7', created: true }] }]);
    expect(text).not.toContain(secrets.REVERB_WEBHOOK_TOKEN);
    expect(text).toContain('https://gearsync.example/webhooks/reverb/');
  });
});
