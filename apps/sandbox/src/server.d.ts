import type { Server } from 'node:http';
import type { Emulation } from './emulation.js';
import { type SandboxCredentials } from './emulations.js';
export interface SandboxOptions {
    port: number;
    host?: string;
    credentials: SandboxCredentials;
}
export interface Sandbox {
    server: Server;
    url: string;
    emulations: Record<string, Emulation>;
    close(): Promise<void>;
}
/** The four emulated platforms behind one HTTP server, plus `/_control`. */
export declare function startSandbox(options: SandboxOptions): Promise<Sandbox>;
