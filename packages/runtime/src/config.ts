import { z } from 'zod';
import { findBrowser } from './browser.js';

export const PLATFORMS = ['ebay', 'reverb', 'vr', 'website'] as const;
export type PlatformName = (typeof PLATFORMS)[number];

const platformList = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
  .pipe(z.array(z.enum(PLATFORMS)).min(1));

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalUrl = z.url().optional();

/** Every setting gearsync reads, with the defaults of CONTRACT.md. Nothing else reads process.env. */
const schema = z.object({
    NODE_ENV: z.string().default('development'),
    GEARSYNC_MODE: z.enum(['production', 'demo', 'test']).default('production'),
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/gearsync'),
    REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, _ - { } only').default('gearsync'),
    API_PORT: port.default(3000),
    API_HOST: z.string().default('127.0.0.1'),
    SANDBOX_PORT: port.default(4000),
    SANDBOX_HOST: z.string().default('127.0.0.1'),
    API_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
    LOGIN_USER: z.string().optional(),
    LOGIN_PASSWORD: z.string().optional(),
    SESSION_SECRET: z.string().optional(),
    PLATFORMS: platformList.default(['ebay', 'reverb', 'vr', 'website']),
    SYNC_CRON: z.string().default('*/15 * * * *'),
    SYNC_TZ: z.string().default('UTC'),
    SYNC_STALE_AFTER: z.string().default('24h'),
    SYNC_MAX_DESTRUCTIVE_PCT: z.coerce.number().min(0).max(100).default(20),
    SYNC_PLAN_MAX_AGE: z.string().default('1h'),
    /** Products planned together; a bigger shop is planned in parts of this size. */
    PLAN_SHARD_SIZE: positiveInt.default(2000),
    ORPHAN_POLICY: z.enum(['report', 'delete']).default('report'),
    EBAY_API_URL: optionalUrl,
    REVERB_API_URL: optionalUrl,
    VR_URL: optionalUrl,
    WEBSITE_URL: optionalUrl,
    EBAY_CLIENT_ID: z.string().default('demo-ebay-client'),
    EBAY_CLIENT_SECRET: z.string().default('demo-ebay-secret'),
    EBAY_REFRESH_TOKEN: z.string().default('demo-ebay-refresh-token'),
    EBAY_MARKETPLACE_ID: z.string().default('EBAY_US'),
    /** eBay prices and live state from the Feed API's active-inventory report, once per full snapshot. */
    EBAY_ACTIVE_REPORT: z.enum(['on', 'off']).default('on'),
    EBAY_REPORT_TIMEOUT_MS: positiveInt.default(300_000),
    /** Every SKU's offer is read once within this many full runs (a rotating slice each run). */
    EBAY_OFFER_SWEEP_RUNS: z.coerce.number().int().min(0).default(96),
    REVERB_TOKEN: z.string().default('demo-reverb-token'),
    VR_USERNAME: z.string().default('demo-dealer'),
    VR_PASSWORD: z.string().default('demo-vr-password'),
    /** V&R's inventory export alone: a large shop's takes minutes to start. */
    VR_EXPORT_TIMEOUT_MS: positiveInt.default(180000),
    /** The dealer's own browser cookies for V&R (`cf_clearance=…`), when Cloudflare challenges scripts. */
    VR_COOKIES: z.string().optional(),
    /** The user agent of the browser VR_COOKIES came from (Cloudflare ties its clearance to it). */
    VR_USER_AGENT: z.string().optional(),
    /** V&R's nightly maintenance, UTC (`HH:MM-HH:MM`, empty for none): runs do not even try V&R then. */
    VR_MAINTENANCE_HOURS: z
      .string()
      .regex(/^$|^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/, 'HH:MM-HH:MM (UTC), or empty')
      .default('03:00-05:00'),
    WEBSITE_KEY: z.string().default('ck_demo_website_key'),
    WEBSITE_SECRET: z.string().default('cs_demo_website_secret'),
    /** V&R's account currency (it has none per item); the site's own `vr_currency` cookie wins once seen. */
    VR_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code').default('USD'),
    /** The shop's one currency (WooCommerce → Settings → General): its products carry none of their own. */
    WEBSITE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code').default('USD'),
    WEBSITE_WEBHOOK_SECRET: z.string().default('demo-website-webhook-secret'),
    REVERB_WEBHOOK_TOKEN: z.string().default('demo-reverb-webhook-token'),
    EBAY_WEBHOOK_TOKEN: z.string().default('demo-ebay-webhook-token'),
    EBAY_RATE_MAX: positiveInt.default(50),
    EBAY_RATE_MS: positiveInt.default(1000),
    REVERB_RATE_MAX: positiveInt.default(20),
    REVERB_RATE_MS: positiveInt.default(1000),
    VR_RATE_MAX: positiveInt.default(2),
    VR_RATE_MS: positiveInt.default(1000),
    WEBSITE_RATE_MAX: positiveInt.default(10),
    WEBSITE_RATE_MS: positiveInt.default(1000),
    HTTP_TIMEOUT_MS: positiveInt.default(15000),
    EXECUTE_ATTEMPTS: positiveInt.default(5),
    /** Calls one executor process keeps in flight (V&R's browser always takes one at a time). */
    EXECUTE_CONCURRENCY: positiveInt.default(4),
    BACKOFF_MS: positiveInt.default(1000),
    RATE_LIMIT_RETRIES: positiveInt.default(20),
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(10000),
    LOCK_DURATION_MS: positiveInt.default(30000),
    /** How often a snapshot worker looks for runs whose jobs were lost. */
    RECOVERY_INTERVAL_MS: positiveInt.default(30000),
    /** Unset: the usual system paths are searched (see browser.ts). */
    PUPPETEER_EXECUTABLE_PATH: z.string().optional(),
    /** Where the API and the sandbox are reached by the CLI's demo and bench (other hosts in containers). */
    API_URL: optionalUrl,
    SANDBOX_URL: optionalUrl,
    DEMO_PRODUCTS: positiveInt.default(300),
    // The sale watch: how often each platform's new sales are read between full runs; 0 turns it off.
    EBAY_SALE_POLL_MS: z.coerce.number().int().min(0).default(30_000),
    REVERB_SALE_POLL_MS: z.coerce.number().int().min(0).default(30_000),
    WEBSITE_SALE_POLL_MS: z.coerce.number().int().min(0).default(30_000),
    VR_SALE_POLL_MS: z.coerce.number().int().min(0).default(120_000),
    /** An incoming-webhook URL (Slack or Discord) told of sales, held plans, failed actions and a platform refusing us. */
    NOTIFY_URL: optionalUrl,
    LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info'),
    /** json: one JSON object a line; pretty: one readable line an event; auto: pretty on a terminal, else json. */
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
    /** V8 heap cap of each long-running process `npm start` runs (--max-old-space-size); 0 leaves Node's default. */
    MAX_HEAP_MB: z.coerce.number().int().min(0).default(192),
    /** A process that dies this many times within RESTART_WINDOW stops the rest; before that it is restarted. */
    RESTART_MAX: positiveInt.default(5),
    RESTART_WINDOW: z.string().default('60s'),
  });

export type Env = z.infer<typeof schema>;

export interface RateBudget {
  max: number;
  perMs: number;
}

export interface Config extends Omit<Env, 'PUPPETEER_EXECUTABLE_PATH'> {
  /** The browser found (see browser.ts), or undefined when the machine has none. */
  PUPPETEER_EXECUTABLE_PATH: string | undefined;
  apiUrl: string;
  sandboxUrl: string;
  platformUrls: Record<PlatformName, string>;
  rate: Record<PlatformName, RateBudget>;
  /** The sale watch's interval per platform (0: off). */
  salePollMs: Record<PlatformName, number>;
  staleAfterMs: number;
  planMaxAgeMs: number;
  restartWindowMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses durations like `90s`, `15m`, `24h`, `7d`, or plain milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new ConfigError(`not a duration: "${text}" (use e.g. 90s, 15m, 24h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'ms']!;
  return Math.round(Number(m[1]) * unit);
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    // One line: it is what a person reads when a command refuses to start.
    const parts = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'} ${i.message}`);
    throw new ConfigError(`invalid configuration: ${parts.join('; ')}`);
  }
  const env = parsed.data;
  const sandbox = env.SANDBOX_URL ?? `http://127.0.0.1:${env.SANDBOX_PORT}`;
  return {
    ...env,
    apiUrl: env.API_URL ?? `http://127.0.0.1:${env.API_PORT}`,
    sandboxUrl: sandbox,
    platformUrls: {
      ebay: env.EBAY_API_URL ?? `${sandbox}/ebay`,
      reverb: env.REVERB_API_URL ?? `${sandbox}/reverb`,
      vr: env.VR_URL ?? `${sandbox}/vr`,
      website: env.WEBSITE_URL ?? `${sandbox}/website`,
    },
    rate: {
      ebay: { max: env.EBAY_RATE_MAX, perMs: env.EBAY_RATE_MS },
      reverb: { max: env.REVERB_RATE_MAX, perMs: env.REVERB_RATE_MS },
      vr: { max: env.VR_RATE_MAX, perMs: env.VR_RATE_MS },
      website: { max: env.WEBSITE_RATE_MAX, perMs: env.WEBSITE_RATE_MS },
    },
    salePollMs: { ebay: env.EBAY_SALE_POLL_MS, reverb: env.REVERB_SALE_POLL_MS, vr: env.VR_SALE_POLL_MS, website: env.WEBSITE_SALE_POLL_MS },
    staleAfterMs: parseDuration(env.SYNC_STALE_AFTER),
    planMaxAgeMs: parseDuration(env.SYNC_PLAN_MAX_AGE),
    restartWindowMs: parseDuration(env.RESTART_WINDOW),
    PUPPETEER_EXECUTABLE_PATH: findBrowser(env.PUPPETEER_EXECUTABLE_PATH) ?? undefined,
  };
}

/**
 * What `npm start` refuses to run without. Only the API needs a credential, so only a production
 * start checks it: the CLI and the workers beside a demo run without one.
 */
export function checkProduction(config: Config): void {
  if (config.GEARSYNC_MODE === 'production' && !config.API_TOKEN && !config.LOGIN_PASSWORD) {
    throw new ConfigError('invalid configuration: API_TOKEN is required in production (or LOGIN_PASSWORD), e.g. API_TOKEN=$(openssl rand -hex 24) npm start');
  }
}

/** The environment with `overrides` on top: what a command passes on to the processes it starts. */
export function childEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** Configuration from the environment with `overrides` on top (e.g. the demo's mode). */
export function loadConfigWith(overrides: Record<string, string>): Config {
  return loadConfig(childEnv(overrides));
}

/** The values that must never reach a log line or an error message. */
export function secretsOf(config: Config): string[] {
  return [
    config.API_TOKEN,
    config.LOGIN_PASSWORD,
    config.SESSION_SECRET,
    config.EBAY_CLIENT_SECRET,
    config.EBAY_REFRESH_TOKEN,
    config.REVERB_TOKEN,
    config.VR_PASSWORD,
    ...(config.VR_COOKIES ?? '').split(';').map((c) => c.slice(c.indexOf('=') + 1).trim()),
    config.WEBSITE_KEY,
    config.WEBSITE_SECRET,
    config.WEBSITE_WEBHOOK_SECRET,
    config.REVERB_WEBHOOK_TOKEN,
    config.EBAY_WEBHOOK_TOKEN,
    // A Slack or Discord webhook URL is itself the credential.
    config.NOTIFY_URL,
  ].filter((s): s is string => typeof s === 'string' && s.length >= 6);
}
