import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
/** How an emulated platform misbehaves, set through `PUT /_control/:platform/config`. */
export declare const behaviourSchema: z.ZodObject<{
    rateLimit: z.ZodOptional<z.ZodNullable<z.ZodObject<{
        max: z.ZodNumber;
        perMs: z.ZodNumber;
    }, z.core.$strip>>>;
    latencyMs: z.ZodOptional<z.ZodNumber>;
    errorRate: z.ZodOptional<z.ZodNumber>;
    errorStatus: z.ZodOptional<z.ZodNumber>;
    down: z.ZodOptional<z.ZodBoolean>;
    webhookUrl: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    webhookSecret: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    retryAfter: z.ZodOptional<z.ZodBoolean>;
    validationStatus: z.ZodOptional<z.ZodNumber>;
    hideNewId: z.ZodOptional<z.ZodBoolean>;
    photoImportMs: z.ZodOptional<z.ZodNumber>;
    maintenance: z.ZodOptional<z.ZodBoolean>;
    garbageRate: z.ZodOptional<z.ZodNumber>;
    tokenTtlSeconds: z.ZodOptional<z.ZodNumber>;
    exportDelayMs: z.ZodOptional<z.ZodNumber>;
    exportExtraColumns: z.ZodOptional<z.ZodArray<z.ZodString>>;
    challenge: z.ZodOptional<z.ZodBoolean>;
    cfClearance: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    cfUserAgent: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    entryFaults: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodObject<{
        status: z.ZodNumber;
        times: z.ZodNumber;
    }, z.core.$strip>>>;
}, z.core.$strict>;
export type BehaviourPatch = z.output<typeof behaviourSchema>;
export interface Behaviour {
    rateLimit: {
        max: number;
        perMs: number;
    } | null;
    latencyMs: number;
    errorRate: number;
    errorStatus: number;
    down: boolean;
    webhookUrl: string | null;
    webhookSecret: string | null;
    retryAfter: boolean;
    validationStatus: number;
    hideNewId: boolean;
    photoImportMs: number;
    maintenance: boolean;
    garbageRate: number;
    tokenTtlSeconds: number;
    exportDelayMs: number;
    exportExtraColumns: string[];
    challenge: boolean;
    cfClearance: string | null;
    cfUserAgent: string | null;
    entryFaults: Record<string, {
        status: number;
        times: number;
    }>;
}
export declare const defaultBehaviour: () => Behaviour;
export interface Stats {
    calls: number;
    byEndpoint: Record<string, number>;
    throttled: number;
    maxConcurrent: number;
    writes: number;
}
/** What a platform answers when it misbehaves on purpose, in its own error format. */
export interface FaultAnswers {
    throttled(res: Response, retryAfterSeconds: number | null): void;
    error(res: Response, status: number): void;
    down(res: Response): void;
    garbage(res: Response): void;
}
/**
 * Config, stats and injected faults for one emulated platform. The rate limit is a sliding
 * window of `max` calls per `perMs`, the strictest reading of a platform's published budget.
 */
export declare class PlatformBehaviour {
    config: Behaviour;
    stats: Stats;
    private inFlight;
    private recent;
    reset(): void;
    configure(patch: BehaviourPatch): Behaviour;
    /** The status an injected fault gives this SKU's entry of a bulk call, once per `times`; else null. */
    entryFault(sku: unknown): number | null;
    /** Express middleware: counts the call, then applies down / rate limit / latency / errors. */
    middleware(faults: FaultAnswers, endpointOf: (req: Request) => string): (req: Request, res: Response, next: NextFunction) => Promise<void>;
}
