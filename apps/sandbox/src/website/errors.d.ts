import type { Response } from 'express';
import type { FaultAnswers } from '../behaviour.js';
/** WordPress REST errors: `{code, message, data:{status}}`, the same inside a batch entry. */
export interface WooError {
    code: string;
    message: string;
    data: {
        status: number;
        params?: Record<string, string>;
    };
}
export declare function wooError(status: number, code: string, message: string, params?: Record<string, string>): WooError;
export declare function invalidParam(param: string, why: string): WooError;
export declare function sendError(res: Response, error: WooError): void;
/** Faults as a WordPress host gives them: the host's limiter, a dead PHP backend, a cache page. */
export declare const wooFaults: FaultAnswers;
