import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue } from '../apps/cli/src/catalogue.js';
import { products, settings } from '../packages/db/src/index.js';
import { createWorld, type ProcessHandle, type World } from './harness.js';

/**
 * `npm start` keeps its processes running: one killed outright is started again while the
 * others go on, a run in flight completes, and only a process that keeps dying stops the rest.
 */
describe('npm start, with processes killed under it', () => {
  let world: World;
  let start: ProcessHandle;
  const items = catalogue(12, { seed: 61 }).map((p) => ({ ...p, quantity: 1, condition: 'very_good' as const, platforms: null }));

  // Everything start printed (the harness keeps only its last lines in memory, all of it on disk).
  const printed = () => {
    try {
      return readFileSync(join(tmpdir(), 'gearsync-tests', world.id, 'start.log'), 'utf8');
    } catch {
      return ''; // not opened yet
    }
  };
  /** `process started` lines the supervisor logged: name → pids, oldest first. */
  const started = () => {
    const pids = new Map<string, number[]>();
    for (const line of printed().split('\n')) {
      if (!line.includes('"process started"')) continue;
      const record = JSON.parse(line) as { name: string; pid: number };
      pids.set(record.name, [...(pids.get(record.name) ?? []), record.pid]);
    }
    return pids;
  };
  const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} did not happen; start said:\n${printed().slice(-3000)}`);
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const apiAnswers = async () => (await fetch(`${world.apiUrl}/health`).catch(() => null))?.status === 200;

  beforeAll(async () => {
    world = await createWorld({ platforms: ['website'] });
    await world.startSandbox();
    await settings.setPlatformDefaults(world.database.db, 'website', { currency: 'USD' });
    await products.upsertMany(world.database.db, items);
    // Slow enough that the run is still going while its processes are killed.
    await world.control('PUT', '/website/config', { latencyMs: 1500 });
    start = await world.start('start', ['apps/cli/src/start.ts'], { LOG_LEVEL: 'info', LOG_FORMAT: 'json', RESTART_MAX: '3', RESTART_WINDOW: '10m' });
    await until('every process started and the API answering', async () => started().size === 5 && (await apiAnswers()), 90_000);
  }, 120_000);
  afterAll(async () => world?.close());

  it('restarts what was killed, keeps the rest, and the run in flight completes', async () => {
    const { body } = await world.api<{ runId: string }>('POST', '/api/sync', {});
    await world.waitForRun(body.runId, 60_000, ['executing', 'completed', 'completed_with_errors', 'failed']);
    const before = started();

    // One executor dies: it comes back, and nothing else stopped (the API still answers, same pid).
    process.kill(before.get('execute-website')![0]!, 'SIGKILL');
    await until('the executor restarted', () => (started().get('execute-website')?.length ?? 0) === 2);
    expect(await apiAnswers()).toBe(true);
    for (const name of ['api', 'snapshot', 'plan', 'report']) expect([name, started().get(name)]).toEqual([name, before.get(name)]);

    // Then every other kind at once.
    for (const name of ['api', 'snapshot', 'plan', 'report']) process.kill(before.get(name)![0]!, 'SIGKILL');
    await until('every process restarted', () => ['api', 'snapshot', 'plan', 'report'].every((name) => started().get(name)?.length === 2));
    await until('the API answering again', apiAnswers);
    for (const pids of started().values()) expect(alive(pids.at(-1)!)).toBe(true);

    const run = await world.waitForRun(body.runId, 120_000);
    expect(run.status).toBe('completed');
    const { body: remote } = await world.control<{ sku: string }[]>('GET', '/website/listings');
    expect(remote.map((l) => l.sku).sort()).toEqual(items.map((i) => i.sku).sort());
  }, 300_000);

  it('stops everything, with the last lines shown, when one process keeps dying', async () => {
    // The executor died once already; two more deaths make three within the window.
    for (let i = 0; i < 2; i++) {
      const pids = started().get('execute-website')!;
      process.kill(pids.at(-1)!, 'SIGKILL');
      if (i === 0) await until('the executor restarted again', () => started().get('execute-website')!.length === pids.length + 1);
    }
    await until('npm start exited', () => start.child.exitCode !== null);
    expect(start.child.exitCode).toBe(1);
    const record = printed()
      .split('\n')
      .filter((l) => l.includes('"a process keeps dying; stopping the rest"'))
      .map((l) => JSON.parse(l) as { name: string; lastLines: string[] })[0];
    expect(record?.name).toBe('execute-website');
    expect(record?.lastLines.length).toBeGreaterThan(0);
    for (const pids of started().values()) expect(alive(pids.at(-1)!)).toBe(false);
  }, 120_000);
});
