import type { Platform } from '@gearsync/core';
import { createEbayAdapter, createReverbAdapter, createVrAdapter, createWebsiteAdapter, type CallGate, type PlatformAdapter } from '@gearsync/platforms';
import type { Config } from '@gearsync/runtime';

/** The one place configuration becomes a platform adapter. */
export function createAdapter(platform: Platform, config: Config, gate: CallGate): PlatformAdapter {
  const timeoutMs = config.HTTP_TIMEOUT_MS;
  const baseUrl = config.platformUrls[platform];
  switch (platform) {
    case 'website':
      return createWebsiteAdapter({ baseUrl, key: config.WEBSITE_KEY, secret: config.WEBSITE_SECRET, currency: config.WEBSITE_CURRENCY, timeoutMs, gate });
    case 'reverb':
      return createReverbAdapter({ baseUrl, token: config.REVERB_TOKEN, timeoutMs, gate });
    case 'vr':
      return createVrAdapter({
        baseUrl,
        currency: config.VR_CURRENCY,
        username: config.VR_USERNAME,
        password: config.VR_PASSWORD,
        executablePath: config.PUPPETEER_EXECUTABLE_PATH,
        timeoutMs,
        exportTimeoutMs: config.VR_EXPORT_TIMEOUT_MS,
        cookies: config.VR_COOKIES,
        userAgent: config.VR_USER_AGENT,
        gate,
      });
    case 'ebay':
      return createEbayAdapter({
        baseUrl,
        clientId: config.EBAY_CLIENT_ID,
        clientSecret: config.EBAY_CLIENT_SECRET,
        refreshToken: config.EBAY_REFRESH_TOKEN,
        marketplaceId: config.EBAY_MARKETPLACE_ID,
        activeInventoryReport: config.EBAY_ACTIVE_REPORT === 'on' ? { timeoutMs: config.EBAY_REPORT_TIMEOUT_MS } : false,
        offerSweep: config.EBAY_OFFER_SWEEP_RUNS > 0 ? { runs: config.EBAY_OFFER_SWEEP_RUNS } : false,
        timeoutMs,
        gate,
      });
  }
}
