import { type Router } from 'express';
import { type ReverbEmulation } from './emulation.js';
/** `/reverb/api/…`: Reverb API v3 as its documentation describes it. */
export declare function reverbRouter(emu: ReverbEmulation, token: string): Router;
