import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { dropDatabase } from '../packages/db/src/index.js';
import { ROOT } from './harness.js';

/**
 * Production runs the compiled JavaScript (`npm start`, the Dockerfile, docker compose), while
 * the rest of the suite runs the sources through tsx: this is the one place the build itself is
 * proven. A source file that only tsx can load (one reaching outside its workspace, say) breaks
 * `npm run build` and every production start with it.
 */
const run = promisify(execFile);

async function node(entry: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--conditions=gearsync-dist', entry], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the compiled build', () => {
  const database = `postgres://postgres@127.0.0.1:5432/gearsync_build${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

  beforeAll(async () => {
    await run('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  }, 240_000);
  afterAll(async () => dropDatabase(database));

  it('migrates a new database from the compiled entry point, migrations copied beside it', async () => {
    const { code, output } = await node('packages/db/dist/migrate-cli.js', { DATABASE_URL: database, LOG_FORMAT: 'json' });
    expect({ code, applied: output.includes('migrations applied') }).toEqual({ code: 0, applied: true });
  });

  it('loads the whole API from compiled code, and a missing setting is one clear line', async () => {
    const { code, output } = await node('apps/api/dist/main.js', {
      GEARSYNC_MODE: 'production',
      NODE_ENV: 'production',
      DATABASE_URL: database,
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_FORMAT: 'json',
    });
    const lines = output.trim().split('\n');
    expect({ code, lines: lines.length }).toEqual({ code: 1, lines: 1 });
    expect(lines[0]).toContain('API_TOKEN');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
