import type { Emulation } from './emulation.js';
/** `/_control`: the test harness's view of every emulated platform, in one canonical shape. */
export declare function controlRouter(emulations: Record<string, Emulation>): import("express-serve-static-core").Router;
