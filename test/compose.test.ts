import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig, PLATFORMS } from '../packages/runtime/src/index.js';
import { ROOT } from './harness.js';

/**
 * Docker is not on every machine that runs the suite, so this reads docker-compose.yml and the
 * Dockerfile and checks what can be checked without it: each service runs a compiled entry point
 * that the build produces, with the variables its process needs, on the ports and images the
 * README promises.
 */
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const dockerfile = read('Dockerfile');
const readme = read('README.md');
const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; engines: { node: string } };
const services = compose.services;
const ours = Object.entries(services).filter(([, s]) => s.build);

/** `${NAME:-default}` as compose substitutes it with nothing set in the shell. */
const substitute = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));

describe('docker-compose.yml and the Dockerfile', () => {
  it('runs in every service of ours a compiled entry point that the build produces', () => {
    const references = (JSON.parse(read('tsconfig.build.json')) as { references: { path: string }[] }).references.map((r) => r.path.replace(/^\.\//, '').replace(/\/tsconfig\.build\.json$/, ''));
    expect(ours.length).toBeGreaterThanOrEqual(9);
    for (const [name, service] of ours) {
      const [node, condition, entry] = service.command ?? [];
      expect([name, node, condition]).toEqual([name, 'node', '--conditions=gearsync-dist']);
      const m = /^((?:apps|packages)\/[a-z]+)\/dist\/(.+)\.js$/.exec(entry ?? '');
      expect([name, m ? 'compiled entry' : entry]).toEqual([name, 'compiled entry']);
      expect([name, existsSync(join(ROOT, m![1]!, 'src', `${m![2]}.ts`))]).toEqual([name, true]);
      expect(references).toContain(m![1]);
    }
  });

  it('has one executor per platform, and each worker service names a stage the worker knows', () => {
    const stages = new Set<string>();
    for (const [, service] of ours.filter(([, s]) => s.command?.[2] === 'apps/workers/dist/main.js')) {
      const [stage, flag, platform] = service.command!.slice(3);
      stages.add(stage === 'execute' ? `execute:${platform}` : stage!);
      if (stage === 'execute') expect(flag).toBe('--platform');
    }
    expect([...stages].sort()).toEqual(['plan', 'report', 'snapshot', ...PLATFORMS.map((p) => `execute:${p}`)].sort());
    const main = read('apps/workers/src/main.ts');
    for (const stage of ['snapshot', 'plan', 'execute', 'report']) expect(main).toMatch(new RegExp(`\\b${stage}: start`));
  });

  it('gives every process a configuration that loads, pointed at the other services', () => {
    for (const [name, service] of ours) {
      const env = substitute(service.environment ?? {});
      const config = loadConfig(env);
      expect([name, config.DATABASE_URL]).toEqual([name, expect.stringMatching(/@postgres:5432\//)]);
      expect([name, config.REDIS_URL]).toEqual([name, 'redis://redis:6379']);
      for (const platform of PLATFORMS) expect(config.platformUrls[platform]).toBe(`http://sandbox:4000/${platform}`);
      expect(config.apiUrl).toBe('http://api:3000');
      expect(config.API_TOKEN).toBeTruthy();
      expect(env.NODE_OPTIONS).toMatch(/--max-old-space-size=\d+/);
    }
    // Containers listen beyond their own loopback.
    expect(services.api!.environment!.API_HOST).toBe('0.0.0.0');
    expect(services.sandbox!.environment!.SANDBOX_HOST).toBe('0.0.0.0');
  });

  it('publishes the ports and runs the images the README names', () => {
    expect(services.api!.ports).toEqual(['3000:3000']);
    expect(services.sandbox!.ports).toEqual(['4000:4000']);
    expect(readme).toContain('http://localhost:3000/login');
    expect(readme).toMatch(/Postgres 15 and Redis 7/);
    expect(services.postgres!.image).toBe('postgres:15');
    expect(services.redis!.image).toBe('redis:7');
    expect(services.redis!.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction']));
    expect(readme).toContain(services.api!.environment!.API_TOKEN!.replace(/^\$\{API_TOKEN:-(.*)\}$/, '$1'));
  });

  it('migrates first and seeds the demo as npm run demo does', () => {
    for (const [name, service] of ours.filter(([n]) => n !== 'migrate' && n !== 'sandbox')) {
      expect([name, service.depends_on?.migrate?.condition]).toEqual([name, 'service_completed_successfully']);
    }
    expect(services.migrate!.command![2]).toBe('packages/db/dist/migrate-cli.js');
    expect(services.seed!.command!.slice(2)).toEqual(['apps/cli/dist/demo.js', '--seed-only']);
    expect(services.seed!.restart).toBe('no');
    expect(substitute(services.seed!.environment!).GEARSYNC_MODE).toBe('demo');
    expect(read('package.json')).toContain('"demo:seed": "tsx apps/cli/src/demo.ts --seed-only"');
    expect(read('apps/cli/src/demo.ts')).toContain("'seed-only'");
  });

  it('builds with every dependency and runs with production dependencies only, compiled', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    const [build, run] = stages as [string, string];
    expect(build).toMatch(/RUN npm ci/);
    expect(build).toMatch(/RUN npm run build/);
    expect(run).toMatch(/npm ci --omit=dev/);
    expect(run).not.toMatch(/tsx/);
    expect(run).toMatch(/CMD \["node", "--conditions=gearsync-dist", "apps\/cli\/dist\/start\.js"\]/);
    expect(run).toMatch(/apt-get install[^\n]*chromium/);
    expect(run).toContain('packages/db/migrations');
    for (const group of ['apps', 'packages']) {
      for (const dir of ['api', 'workers', 'sandbox', 'cli', 'core', 'db', 'queue', 'platforms', 'sync', 'runtime']) {
        if (!existsSync(join(ROOT, group, dir, 'src'))) continue;
        expect(run).toContain(`COPY --from=build /app/${group}/${dir}/dist ${group}/${dir}/dist`);
        expect(run).toContain(`COPY --from=build /app/${group}/${dir}/package.json ${group}/${dir}/`);
      }
    }
    // The image installs and builds its own: nothing of the host's node_modules or dist/ gets in.
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const pattern of ['node_modules', '**/node_modules', '**/dist']) expect(ignored).toContain(pattern);
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.dependencies.puppeteer).toBeUndefined();
    expect(build.split('\n')[0]).toMatch(/^node:(\d+)/);
    expect(Number(/^node:(\d+)/.exec(build)![1])).toBeGreaterThanOrEqual(Number(/\d+/.exec(pkg.engines.node)![0]));
  });
});
