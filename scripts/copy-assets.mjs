// After `tsc -b`: every non-TypeScript file under a workspace's src/ (the page's HTML, CSS and
// browser script, the eBay contract) is copied to the same place under dist/, where the compiled
// code looks for it relative to itself.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

for (const group of ['apps', 'packages']) {
  for (const name of readdirSync(group)) {
    const src = join(group, name, 'src');
    if (!existsSync(src)) continue;
    cpSync(src, join(group, name, 'dist'), { recursive: true, filter: (from) => !/\.ts$/.test(from) });
  }
}
