import type { Response } from 'express';
import type { FaultAnswers } from '../behaviour.js';
/** V&R fails as a PHP site behind Cloudflare does: HTML pages, never JSON. */
export declare const vrFaults: FaultAnswers;
export declare function sendMaintenance(res: Response): void;
export declare function sendChallenge(res: Response): void;
