export { startSandbox, type Sandbox, type SandboxOptions } from './server.js';
export type { SandboxCredentials } from './emulations.js';
