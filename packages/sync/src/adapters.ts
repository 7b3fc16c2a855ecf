import type { Platform } from '@gearsync/core';
import { createReverbAdapter, createWebsiteAdapter, type CallGate, type PlatformAdapter } from '@gearsync/platforms';
import type { Config } from '@gearsync/runtime';

/** The one place configuration becomes a platform adapter. */
export function createAdapter(platform: Platform, config: Config, gate: CallGate): PlatformAdapter {
  const timeoutMs = config.HTTP_TIMEOUT_MS;
  const baseUrl = config.platformUrls[platform];
  switch (platform) {
    case 'website':
      return createWebsiteAdapter({ baseUrl, key: config.WEBSITE_KEY, secret: config.WEBSITE_SECRET, timeoutMs, gate });
    case 'reverb':
      return createReverbAdapter({ baseUrl, token: config.REVERB_TOKEN, timeoutMs, gate });
    default:
      throw new Error(`no adapter for platform "${platform}" yet`);
  }
}
