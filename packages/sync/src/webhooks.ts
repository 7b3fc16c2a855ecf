import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import type { Platform } from '@gearsync/core';
import type { PlatformAdapter, WebhookRegistration } from '@gearsync/platforms';
import type { RegisterWebhooksJob } from '@gearsync/queue';
import { redactText, type Config } from '@gearsync/runtime';
import type { ProducerContext, SyncContext } from './context.js';

/** Where each platform's sale notifications reach our API (CONTRACT.md, "App HTTP API"), and what signs them. */
export interface WebhookTarget {
  platform: Platform;
  url: string;
  /** The HMAC key (WooCommerce) or verification token (eBay) the platform is given; Reverb's are unsigned. */
  secret?: string;
}

export function webhookTargets(config: Pick<Config, 'WEBSITE_WEBHOOK_SECRET' | 'REVERB_WEBHOOK_TOKEN' | 'EBAY_WEBHOOK_TOKEN'>, publicUrl: string): Record<Platform, WebhookTarget | null> {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    website: { platform: 'website', url: `${base}/webhooks/website`, secret: config.WEBSITE_WEBHOOK_SECRET },
    // Reverb signs nothing: the secret token in the path is the proof.
    reverb: { platform: 'reverb', url: `${base}/webhooks/reverb/${config.REVERB_WEBHOOK_TOKEN}` },
    ebay: { platform: 'ebay', url: `${base}/webhooks/ebay/${config.EBAY_WEBHOOK_TOKEN}`, secret: config.EBAY_WEBHOOK_TOKEN },
    // Vintage & Rare sends nothing; the sale watch reads its export.
    vr: null,
  };
}

export type RegisterResult =
  | { platform: Platform; registered: WebhookRegistration[] }
  | { platform: Platform; skipped: string }
  | { platform: Platform; error: string };

/** A public base URL the platforms can call back: http(s) and a host. */
export function webhookBaseProblem(url: string): string | null {
  return /^https?:\/\/[^\s/]+/.test(url) ? null : `not a URL for the API: "${url}"`;
}

/**
 * Registers our sale webhook with each platform that has them. Each adapter looks before it
 * registers, so running this again registers nothing new and never two for one URL.
 */
export async function registerWebhooks(platforms: Platform[], adapterOf: (platform: Platform) => PlatformAdapter, targets: Record<Platform, WebhookTarget | null>): Promise<RegisterResult[]> {
  const results: RegisterResult[] = [];
  for (const platform of platforms) {
    const target = targets[platform];
    if (!target) {
      results.push({ platform, skipped: 'sends no webhooks (the sale watch reads its sales)' });
      continue;
    }
    const adapter = adapterOf(platform);
    if (!adapter.registerWebhooks) {
      results.push({ platform, skipped: 'its adapter cannot register webhooks yet' });
      continue;
    }
    try {
      results.push({ platform, registered: await adapter.registerWebhooks(target.url, target.secret) });
    } catch (err) {
      results.push({ platform, error: (err as Error).message });
    }
  }
  return results;
}

/** Results fit to leave the process (a job's return value, an API answer): Reverb's and eBay's URLs carry a secret token. */
export function redactResults(results: RegisterResult[]): RegisterResult[] {
  return results.map((r) => {
    if ('registered' in r) return { platform: r.platform, registered: r.registered.map((w) => ({ ...w, url: redactText(w.url) })) };
    if ('error' in r) return { platform: r.platform, error: redactText(r.error) };
    return r;
  });
}

/**
 * The `register-webhooks` job, run where the adapters live (the watch worker beside the snapshot
 * worker), so the API asks for a registration without calling a platform itself.
 */
export async function runWebhookRegistration(ctx: SyncContext, job: RegisterWebhooksJob): Promise<RegisterResult[]> {
  const enabled = ctx.config.PLATFORMS as Platform[];
  const chosen = job.platforms.filter((p) => enabled.includes(p));
  const results = redactResults(await registerWebhooks(chosen, (platform) => ctx.adapter(platform), webhookTargets(ctx.config, job.url)));
  ctx.logger.info('registered sale webhooks', { results });
  return results;
}

export interface WebhookRegistrationView {
  registrationId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  url: string;
  platforms: Platform[];
  results: RegisterResult[] | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const JOB_PREFIX = 'webhooks-';

/** Asks the watch worker to register our sale webhooks at `url`; the answer's id is read back with `webhookRegistration`. */
export async function requestWebhookRegistration(ctx: ProducerContext, url: string, platforms: Platform[]): Promise<WebhookRegistrationView> {
  const registrationId = randomUUID();
  const data: RegisterWebhooksJob = { url, platforms };
  // Registering is idempotent, but a failure is the dealer's to see and retry, not ours to repeat.
  const job = await ctx.queues.watch.add('register-webhooks', data, { jobId: `${JOB_PREFIX}${registrationId}`, attempts: 1, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } });
  return viewOf(registrationId, job, 'queued');
}

/** A registration asked for earlier, as far as it has got; null when there is none by that id (or it has expired). */
export async function webhookRegistration(ctx: ProducerContext, registrationId: string): Promise<WebhookRegistrationView | null> {
  const job = await ctx.queues.watch.getJob(`${JOB_PREFIX}${registrationId}`);
  if (!job || job.name !== 'register-webhooks') return null;
  const state = await job.getState();
  const status = state === 'completed' ? 'done' : state === 'failed' ? 'failed' : state === 'active' ? 'running' : 'queued';
  return viewOf(registrationId, job, status);
}

function viewOf(registrationId: string, job: Job, status: WebhookRegistrationView['status']): WebhookRegistrationView {
  const data = job.data as RegisterWebhooksJob;
  return {
    registrationId,
    status,
    url: data.url,
    platforms: data.platforms,
    results: status === 'done' ? (job.returnvalue as RegisterResult[]) : null,
    error: status === 'failed' ? redactText(job.failedReason ?? 'failed') : null,
    createdAt: new Date(job.timestamp).toISOString(),
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
