import type { Emulation } from './emulation.js';
import { WebsiteEmulation } from './website/emulation.js';
import { ReverbEmulation } from './reverb/emulation.js';
import { VrEmulation } from './vr/emulation.js';
import { EbayEmulation } from './ebay/emulation.js';

export interface SandboxCredentials {
  ebay: { clientId: string; clientSecret: string; refreshToken: string };
  reverb: { token: string };
  vr: { username: string; password: string };
  website: { key: string; secret: string };
}

export function createEmulations(credentials: SandboxCredentials): Record<string, Emulation> {
  const list: Emulation[] = [new WebsiteEmulation(credentials.website), new ReverbEmulation(credentials.reverb), new VrEmulation(credentials.vr), new EbayEmulation(credentials.ebay)];
  return Object.fromEntries(list.map((e) => [e.name, e]));
}
