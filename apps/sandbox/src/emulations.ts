import type { Emulation } from './emulation.js';
import { WebsiteEmulation } from './website/emulation.js';

export interface SandboxCredentials {
  ebay: { clientId: string; clientSecret: string; refreshToken: string };
  reverb: { token: string };
  vr: { username: string; password: string };
  website: { key: string; secret: string };
}

export function createEmulations(credentials: SandboxCredentials): Record<string, Emulation> {
  const list: Emulation[] = [new WebsiteEmulation(credentials.website)];
  return Object.fromEntries(list.map((e) => [e.name, e]));
}
