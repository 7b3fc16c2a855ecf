import { spawn } from 'node:child_process';
import { freePort, ROOT } from './harness.js';

/**
 * `npm run bench` on the smallest shop it takes: it runs through (the figures are not
 * asserted here, only that it finishes, exits 0 and prints its JSON line last), and a bench
 * that cannot run says so and exits non-zero instead of hanging.
 */
const bench = async (args: string[]) => {
  const env = {
    ...process.env,
    NODE_OPTIONS: '',
    API_PORT: String(await freePort()),
    SANDBOX_PORT: String(await freePort()),
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/gearsync_bt${Date.now().toString(36)}`,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/bench.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out, last: out.trim().split('\n').at(-1) ?? '' };
};

describe('npm run bench', () => {
  it('runs on 100 products with two replicas and prints its JSON line last', async () => {
    const { code, out, last } = await bench(['--products', '100', '--platforms', 'website,reverb', '--sales', '2', '--replicas', '2']);
    expect([code, code === 0 ? 'ok' : out.slice(-3000)]).toEqual([0, 'ok']);
    const result = JSON.parse(last) as Record<string, unknown>;
    expect(result).toMatchObject({ products: 100, platforms: ['website', 'reverb'], replicas: 2 });
    expect(['completed', 'completed_with_errors']).toContain(result.status);
    for (const key of ['wallMs', 'lowerBoundMs', 'ratioToBound', 'throttled', 'peakRssMb', 'oversellMs', 'apiCalls']) expect(result).toHaveProperty(key);
    expect(Object.keys(result.peakRssMb as object)).toEqual(expect.arrayContaining(['snapshot#1', 'snapshot#2', 'execute-reverb#2', 'plan', 'api']));
  }, 300_000);

  it('refuses a shop smaller than 100 at once, with a non-zero exit', async () => {
    const { code, out } = await bench(['--products', '20']);
    expect(code).toBe(2);
    expect(out).toMatch(/--products must be a whole number from 100/);
  }, 60_000);
});
