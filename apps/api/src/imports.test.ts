import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The specifiers a module loads at run time: type-only imports and exports are erased by the compiler, so they load nothing. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const onlyTypes = clause && (clause.isTypeOnly || (!clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
      if (!onlyTypes) out.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const onlyTypes = node.isTypeOnly || (clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** A workspace file for a specifier, or the name of the outside package it loads. */
function resolveSpecifier(from: string, specifier: string): { file: string } | { external: string } | null {
  if (specifier.startsWith('node:')) return null;
  if (specifier.startsWith('.')) {
    const base = resolve(dirname(from), specifier.replace(/\.js$/, '.ts'));
    return { file: existsSync(base) && statSync(base).isDirectory() ? join(base, 'index.ts') : base };
  }
  const workspace = /^@gearsync\/([a-z]+)(\/[a-z-]+)?$/.exec(specifier);
  if (workspace) {
    const dir = [join(ROOT, 'packages', workspace[1]!), join(ROOT, 'apps', workspace[1]!)].find((d) => existsSync(join(d, 'package.json')))!;
    const exports = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports as Record<string, { default: string }>;
    const entry = exports[`.${workspace[2] ?? ''}`];
    if (!entry) throw new Error(`${specifier} is not exported (imported by ${relative(ROOT, from)})`);
    return { file: join(dir, entry.default) };
  }
  return { external: specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]! };
}

/** Every workspace file and outside package a process started from `entry` loads, walking the source's imports. */
function moduleGraph(entry: string): { files: string[]; externals: Set<string> } {
  const seen = new Set<string>();
  const externals = new Set<string>();
  const todo = [resolve(ROOT, entry)];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      const target = resolveSpecifier(file, specifier);
      if (!target) continue;
      if ('external' in target) externals.add(target.external);
      else todo.push(target.file);
    }
  }
  return { files: [...seen].map((f) => relative(ROOT, f)), externals };
}

const adapterCode = (file: string) => /^packages\/platforms\/src\/(ebay|reverb|vr|website)\/(adapter|mapping|browser|item-form)\.ts$/.test(file) || file === 'packages/sync/src/adapters.ts';

describe('the API process', () => {
  it('loads no platform adapter and no browser', () => {
    const api = moduleGraph('apps/api/src/main.ts');
    expect(api.files).toContain('apps/api/src/routes/sync.ts');
    expect(api.files).toContain('packages/sync/src/trigger.ts');
    expect(api.files.filter(adapterCode)).toEqual([]);
    expect(api.files.filter((f) => f === 'packages/platforms/src/index.ts' || f === 'packages/sync/src/index.ts')).toEqual([]);
    expect(api.externals.has('puppeteer-core')).toBe(false);
  });

  it('is told apart from a worker, which loads every adapter and the browser', () => {
    const worker = moduleGraph('apps/workers/src/main.ts');
    expect(worker.files.filter(adapterCode)).toEqual(expect.arrayContaining(['packages/platforms/src/vr/browser.ts', 'packages/platforms/src/ebay/adapter.ts', 'packages/sync/src/adapters.ts']));
    expect(worker.externals.has('puppeteer-core')).toBe(true);
  });
});
