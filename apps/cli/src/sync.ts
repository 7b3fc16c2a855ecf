import { parseArgs } from 'node:util';
import { PLATFORMS, readiness, type Platform } from '@gearsync/core';
import { actions, products, runs, settings, type RunSummary } from '@gearsync/db';
import { redactText } from '@gearsync/runtime';
import { openContext, requestRun } from '@gearsync/sync';

/**
 * `npm run sync -- [--dry-run] [--platform P]… [--sku S]…`: starts a run from the terminal
 * (through Postgres and the queue, as the API would), shows its progress, and prints the plan
 * (dry run) or the report.
 */
const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    platform: { type: 'string', multiple: true },
    sku: { type: 'string', multiple: true },
    'timeout-s': { type: 'string', default: '3600' },
  },
});
const bad = (values.platform ?? []).filter((p) => !PLATFORMS.includes(p as Platform));
if (bad.length) {
  process.stderr.write(`unknown platform ${bad.join(', ')}; use ${PLATFORMS.join(', ')}\n`);
  process.exit(2);
}

const ctx = (() => {
  try {
    return openContext('cli', { role: 'producer' });
  } catch (err) {
    // A configuration error is one line a person can act on, not a stack trace.
    process.stderr.write(`sync: ${redactText((err as Error).message)}\n`);
    process.exit(2);
  }
})();
const out = (s: string) => process.stdout.write(s);
try {
  const platforms = (values.platform as Platform[] | undefined) ?? (ctx.config.PLATFORMS as Platform[]);
  // A dry run reads what eBay requires of each mapped category (its snapshot does): its readiness
  // comes after that read, so a shop's first dry run shows every gap, eBay's aspects included.
  if (!values['dry-run']) await printReadiness(platforms);
  const ticket = await requestRun(ctx, { trigger: 'cli', platforms: values.platform as Platform[] | undefined, skus: values.sku ?? null, dryRun: values['dry-run'] });
  out(`run ${ticket.runId}${ticket.deduplicated ? ' (joined the run already going)' : ''}\n`);
  const deadline = Date.now() + Number(values['timeout-s']) * 1000;
  let last = '';
  for (;;) {
    const run = (await runs.get(ctx.database.db, ticket.runId))!;
    const p = (await runs.progress(ctx.database.db, [run.id])).get(run.id)!;
    const line = `  ${run.status.padEnd(20)} ${p.total ? `${p.total - p.pending}/${p.total} actions` : ''}${p.failed ? `, ${p.failed} failed` : ''}`;
    if (line !== last) {
      out(process.stdout.isTTY ? `\r${line.padEnd(60)}` : `${line}\n`);
      last = line;
    }
    if (['planned', 'awaiting_approval', 'completed', 'completed_with_errors', 'failed'].includes(run.status)) {
      out('\n');
      if (values['dry-run']) await printReadiness(platforms);
      if (run.status === 'planned' || run.status === 'awaiting_approval') await printPlan(run.id, run.status === 'awaiting_approval');
      else printReport(run.summary, run.stages);
      process.exitCode = run.status === 'failed' ? 1 : 0;
      break;
    }
    if (Date.now() > deadline) throw new Error('gave up waiting; the run goes on in the background');
    await new Promise((r) => setTimeout(r, 500));
  }
} catch (err) {
  process.stderr.write(`sync failed: ${redactText((err as Error).message)}\n`);
  process.exitCode = 1;
} finally {
  await ctx.close();
}

/** What would stop a listing, before the plan: a dealer fixes these in one sitting. */
async function printReadiness(platforms: Platform[]) {
  const db = ctx.database.db;
  const [context, forSale] = await Promise.all([settings.listingContext(db), products.forSale(db)]);
  const r = readiness(forSale, platforms, context);
  if (r.ready) return out('ready: every product renders on every platform it should be listed on\n\n');
  out(`not ready: ${r.problems.length} thing(s) stop listings (fix them in Settings on the page, or PUT /api/settings/…):\n`);
  for (const p of r.problems.slice(0, 50)) out(`  ✗ ${p.message}${p.sku ? `  [${p.sku}]` : ''}${p.products > 1 ? `  (${p.products} products)` : ''}\n`);
  if (r.problems.length > 50) out(`  … and ${r.problems.length - 50} more (GET /api/readiness)\n`);
  out('\n');
}

async function printPlan(runId: string, held: boolean) {
  const rows = await actions.listForRun(ctx.database.db, runId);
  if (!rows.length) return out('nothing to do: every platform matches the inventory\n');
  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.platform} · ${row.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  out(held ? `plan held for approval (POST /api/sync/runs/${runId}/approve):\n` : 'plan (dry run, nothing changed):\n');
  for (const [key, list] of [...groups].sort()) {
    out(`\n${key} (${list.length})\n`);
    for (const row of list.slice(0, 200)) out(`  ${row.status === 'failed' ? '✗' : '~'} ${(row.sku ?? '(no sku)').padEnd(14)} ${row.reason}${row.error ? `  — ${row.error}` : ''}\n`);
    if (list.length > 200) out(`  … and ${list.length - 200} more\n`);
  }
}

function printReport(summary: RunSummary | null, stages: Record<string, { ms?: number }>) {
  if (!summary) return;
  out('report:\n');
  for (const [platform, kinds] of Object.entries(summary.platforms)) {
    const cells = Object.entries(kinds ?? {}).map(([kind, c]) => `${kind} ${c.succeeded}/${c.planned}${c.failed ? ` (${c.failed} failed)` : ''}`);
    out(`  ${platform.padEnd(8)} ${cells.join(', ') || 'nothing to do'}   calls: ${summary.apiCalls[platform as Platform] ?? 0}\n`);
  }
  out(`  sales detected: ${summary.salesDetected}, orphans: ${summary.orphans}, drift: ${summary.drift}\n`);
  out(`  stages: ${Object.entries(stages).map(([s, t]) => `${s} ${t.ms ?? '?'} ms`).join(', ')}\n`);
}
