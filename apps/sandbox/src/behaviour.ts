import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';

/** How an emulated platform misbehaves, set through `PUT /_control/:platform/config`. */
export const behaviourSchema = z
  .object({
    rateLimit: z.object({ max: z.number().int().positive(), perMs: z.number().int().positive() }).nullable(),
    latencyMs: z.number().int().min(0),
    errorRate: z.number().min(0).max(1),
    errorStatus: z.number().int().min(400).max(599),
    down: z.boolean(),
    webhookUrl: z.string().url().nullable(),
    webhookSecret: z.string().nullable(),
    /** Send Retry-After on 429 answers (Reverb does not promise it). */
    retryAfter: z.boolean(),
    /** Reverb documents 412 for validation errors and answers 422 in practice. */
    validationStatus: z.number().int().min(400).max(499),
    /** V&R: hide the new item's id after a create (it often does). */
    hideNewId: z.boolean(),
    /** Reverb: how long fetching a photo sent by URL takes; until then the listing does not show it (and stays a draft). */
    photoImportMs: z.number().int().min(0),
    /** V&R: the nightly maintenance window, answering 503. */
    maintenance: z.boolean(),
    /** Answer garbage (HTML where JSON belongs) for this fraction of calls. */
    garbageRate: z.number().min(0).max(1),
    /** eBay: access tokens live this many seconds. */
    tokenTtlSeconds: z.number().int().positive(),
    /** V&R: how long the inventory export takes to start answering (a large shop's takes minutes). */
    exportDelayMs: z.number().int().min(0),
    /** V&R: columns the export carries after its known ones. */
    exportExtraColumns: z.array(z.string()),
    /** V&R: Cloudflare challenges every request (403, `cf-mitigated: challenge`). */
    challenge: z.boolean(),
    /** V&R: the `cf_clearance` cookie value that passes the challenge (a real browser's), and the user agent it is tied to. */
    cfClearance: z.string().nullable(),
    cfUserAgent: z.string().nullable(),
    /**
     * Bulk and batch calls (eBay's bulk inventory items, WooCommerce's batch): the next `times`
     * entries for a SKU fail alone with `status`, while the rest of the call succeeds.
     */
    entryFaults: z.record(z.string(), z.object({ status: z.number().int().min(400).max(599), times: z.number().int().positive() })),
  })
  .partial()
  .strict();

export type BehaviourPatch = z.output<typeof behaviourSchema>;

export interface Behaviour {
  rateLimit: { max: number; perMs: number } | null;
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
  entryFaults: Record<string, { status: number; times: number }>;
}

export const defaultBehaviour = (): Behaviour => ({
  rateLimit: null,
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 500,
  down: false,
  webhookUrl: null,
  webhookSecret: null,
  retryAfter: true,
  validationStatus: 422,
  hideNewId: false,
  photoImportMs: 0,
  maintenance: false,
  garbageRate: 0,
  tokenTtlSeconds: 7200,
  exportDelayMs: 0,
  exportExtraColumns: [],
  challenge: false,
  cfClearance: null,
  cfUserAgent: null,
  entryFaults: {},
});

/**
 * Stats key: requests a platform refused (answered 4xx other than 404 and 429), and entries of
 * bulk or batch calls refused on their own. A client that sends only what the platform takes
 * leaves it at 0; lookups of what is absent (404) and throttling (429) are not refusals.
 */
export const REFUSED = 'refused';

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
export class PlatformBehaviour {
  config: Behaviour = defaultBehaviour();
  stats: Stats = emptyStats();
  private inFlight = 0;
  private recent: number[] = [];

  reset(): void {
    this.config = defaultBehaviour();
    this.stats = emptyStats();
    this.recent = [];
  }

  configure(patch: BehaviourPatch): Behaviour {
    this.config = { ...this.config, ...patch };
    return this.config;
  }

  /** The status an injected fault gives this SKU's entry of a bulk call, once per `times`; else null. */
  entryFault(sku: unknown): number | null {
    const fault = typeof sku === 'string' ? this.config.entryFaults[sku] : undefined;
    if (!fault || fault.times <= 0) return null;
    fault.times -= 1;
    return fault.status;
  }

  /** Entries of a bulk or batch call that the platform refused on their own (the call itself succeeded). */
  refusedEntries(n: number): void {
    if (n > 0) this.stats.byEndpoint[REFUSED] = (this.stats.byEndpoint[REFUSED] ?? 0) + n;
  }

  /** Injected faults are counted beside the endpoints, so a test can tell that it met some. */
  private count(key: string): void {
    this.stats.byEndpoint[key] = (this.stats.byEndpoint[key] ?? 0) + 1;
  }

  /** Express middleware: counts the call, then applies down / rate limit / latency / errors. */
  middleware(faults: FaultAnswers, endpointOf: (req: Request) => string) {
    return async (req: Request, res: Response, next: NextFunction) => {
      const endpoint = endpointOf(req);
      this.stats.calls += 1;
      this.stats.byEndpoint[endpoint] = (this.stats.byEndpoint[endpoint] ?? 0) + 1;
      if (req.method !== 'GET' && req.method !== 'HEAD') this.stats.writes += 1;
      this.inFlight += 1;
      this.stats.maxConcurrent = Math.max(this.stats.maxConcurrent, this.inFlight);
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          this.inFlight -= 1;
        }
      };
      res.on('finish', release);
      res.on('close', release);
      res.on('finish', () => {
        if (res.statusCode >= 400 && res.statusCode < 500 && res.statusCode !== 404 && res.statusCode !== 429) this.count(REFUSED);
      });

      const cfg = this.config;
      if (cfg.down) return faults.down(res);
      if (cfg.rateLimit) {
        const now = Date.now();
        const since = now - cfg.rateLimit.perMs;
        while (this.recent.length && this.recent[0]! <= since) this.recent.shift();
        if (this.recent.length >= cfg.rateLimit.max) {
          this.stats.throttled += 1;
          const waitMs = this.recent[0]! + cfg.rateLimit.perMs - now;
          return faults.throttled(res, cfg.retryAfter ? Math.max(1, Math.ceil(waitMs / 1000)) : null);
        }
        this.recent.push(now);
      }
      if (cfg.latencyMs > 0) await new Promise((r) => setTimeout(r, cfg.latencyMs));
      if (cfg.errorRate > 0 && Math.random() < cfg.errorRate) {
        this.count('fault:error');
        return faults.error(res, cfg.errorStatus);
      }
      if (cfg.garbageRate > 0 && Math.random() < cfg.garbageRate) {
        this.count('fault:garbage');
        return faults.garbage(res);
      }
      next();
    };
  }
}

function emptyStats(): Stats {
  return { calls: 0, byEndpoint: {}, throttled: 0, maxConcurrent: 0, writes: 0 };
}
