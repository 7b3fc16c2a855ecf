import type { Emulation } from './emulation.js';
export interface SandboxCredentials {
    ebay: {
        clientId: string;
        clientSecret: string;
        refreshToken: string;
    };
    reverb: {
        token: string;
    };
    vr: {
        username: string;
        password: string;
    };
    website: {
        key: string;
        secret: string;
    };
}
export declare function createEmulations(credentials: SandboxCredentials): Record<string, Emulation>;
