import { WebsiteEmulation } from './website/emulation.js';
import { ReverbEmulation } from './reverb/emulation.js';
import { VrEmulation } from './vr/emulation.js';
import { EbayEmulation } from './ebay/emulation.js';
export function createEmulations(credentials) {
    const list = [new WebsiteEmulation(credentials.website), new ReverbEmulation(credentials.reverb), new VrEmulation(credentials.vr), new EbayEmulation(credentials.ebay)];
    return Object.fromEntries(list.map((e) => [e.name, e]));
}
//# sourceMappingURL=emulations.js.map