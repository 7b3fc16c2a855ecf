import type { SandboxCredentials } from './emulations.js';
/** What a test's in-process sandbox accepts; adapters under test are given the same values. */
export declare const testCredentials: SandboxCredentials;
