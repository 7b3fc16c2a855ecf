import { parseArgs } from 'node:util';
import { PLATFORMS, type Platform } from '@gearsync/core';
import { imports } from '@gearsync/db';
import { redactText } from '@gearsync/runtime';
import { openContext, requestImport } from '@gearsync/sync';

/**
 * `npm run import -- --from <platform> [--dry-run]`: onboarding a shop that already sells. The
 * platform's listings become products (or are linked to the ones they match); prints progress,
 * then what was created, linked and skipped, with the reasons.
 */
const { values } = parseArgs({ options: { from: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'timeout-s': { type: 'string', default: '3600' } } });
if (!values.from || !PLATFORMS.includes(values.from as Platform)) {
  process.stderr.write(`usage: npm run import -- --from <${PLATFORMS.join('|')}> [--dry-run]\n`);
  process.exit(2);
}
const ctx = openContext('cli', { role: 'producer' });
const out = (s: string) => process.stdout.write(s);
try {
  const row = await requestImport(ctx, values.from as Platform, values['dry-run']);
  out(`import ${row.id} from ${row.platform}${row.dryRun ? ' (dry run: nothing is changed)' : ''}\n`);
  const deadline = Date.now() + Number(values['timeout-s']) * 1000;
  let last = '';
  for (;;) {
    const now = (await imports.get(ctx.database.db, row.id))!;
    const line = `  ${now.status.padEnd(10)} ${now.read} listings read`;
    if (line !== last) {
      out(process.stdout.isTTY ? `\r${line.padEnd(50)}` : `${line}\n`);
      last = line;
    }
    if (now.status === 'completed' || now.status === 'failed') {
      out('\n');
      if (now.status === 'failed') {
        out(`import failed: ${now.error}\nrun it again: it continues where it stopped, and makes nothing twice\n`);
        process.exitCode = 1;
        break;
      }
      out(`${now.dryRun ? 'would create' : 'created'} ${now.created}, ${now.dryRun ? 'would link' : 'linked'} ${now.linked}, skipped ${now.skipped.length}\n`);
      for (const d of now.decisions.filter((x) => x.kind !== 'skip').slice(0, 100)) out(`  ${d.kind === 'create' ? '+' : '='} ${(d.sku ?? '').padEnd(16)} ${d.externalId}  ${d.reason}\n`);
      for (const s of now.skipped.slice(0, 100)) out(`  - ${s.externalId}  ${s.reason}\n`);
      break;
    }
    if (Date.now() > deadline) throw new Error('gave up waiting; the import goes on in the background');
    await new Promise((r) => setTimeout(r, 500));
  }
} catch (err) {
  process.stderr.write(`import failed: ${redactText((err as Error).message)}\n`);
  process.exitCode = 1;
} finally {
  await ctx.close();
}
