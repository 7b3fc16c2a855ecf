import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { PLATFORMS, type Platform } from '@gearsync/core';
import { redactText } from '@gearsync/runtime';
import { openContext, registerWebhooks, webhookBaseProblem, webhookTargets, type RegisterResult } from '@gearsync/sync';

/** One line a registration; URLs pass the redactor, since Reverb's and eBay's carry a secret token. */
export function describeResults(results: RegisterResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if ('registered' in r) {
      for (const w of r.registered) lines.push(`${r.platform.padEnd(8)} ${w.topic.padEnd(22)} ${redactText(w.url)}  ${w.created ? 'registered' : 'already registered'} (id ${w.id})`);
      if (!r.registered.length) lines.push(`${r.platform.padEnd(8)} nothing registered`);
    } else if ('skipped' in r) {
      lines.push(`${r.platform.padEnd(8)} skipped: ${r.skipped}`);
    } else {
      lines.push(`${r.platform.padEnd(8)} FAILED: ${redactText(r.error)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const usage = 'usage: npm run webhooks -- register [--url <public base URL of the API>] [--platform P]…\n';

/** `npm run webhooks -- register`: our sale webhooks, registered with every enabled platform that has them. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, platform: { type: 'string', multiple: true } } });
  if (positionals[0] !== 'register' || positionals.length > 1) {
    process.stderr.write(usage);
    process.exitCode = 2;
    return;
  }
  const bad = (values.platform ?? []).filter((p) => !PLATFORMS.includes(p as Platform));
  if (bad.length) {
    process.stderr.write(`unknown platform ${bad.join(', ')}; use ${PLATFORMS.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  let ctx;
  try {
    ctx = openContext('webhooks', { role: 'producer' });
  } catch (err) {
    process.stderr.write(`webhooks failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  try {
    const publicUrl = values.url ?? ctx.config.apiUrl;
    const problem = webhookBaseProblem(publicUrl);
    if (problem) throw new Error(problem);
    const enabled = ctx.config.PLATFORMS as Platform[];
    const chosen = values.platform?.length ? enabled.filter((p) => values.platform!.includes(p)) : enabled;
    process.stdout.write(`registering sale webhooks for ${publicUrl}\n`);
    // The call gate lives in Redis, and a producer connection queues nothing while it connects.
    if (ctx.redis.status !== 'ready') await Promise.race([once(ctx.redis, 'ready'), new Promise((_, reject) => setTimeout(() => reject(new Error('Redis did not answer within 10 s')), 10_000).unref())]);
    const results = await registerWebhooks(chosen, (platform) => ctx.adapter(platform), webhookTargets(ctx.config, publicUrl));
    process.stdout.write(describeResults(results));
    if (results.some((r) => 'error' in r)) process.exitCode = 1;
  } catch (err) {
    process.stderr.write(`webhooks failed: ${redactText((err as Error).message)}\n`);
    process.exitCode = 1;
  } finally {
    await ctx.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
