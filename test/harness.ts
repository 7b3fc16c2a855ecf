import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { dropDatabase, migrate, openDatabase, type Database } from '../packages/db/src/index.js';
import type { Platform } from '../packages/core/src/index.js';
import { configureSandboxAccounts, seedShopSettings } from '../apps/cli/src/shop.js';

/**
 * A world of its own for one test file: a fresh database, a fresh QUEUE_PREFIX, free ports,
 * and the real processes (sandbox, API, workers) started as child processes on them.
 */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A local stand-in for the dealer's Slack/Discord incoming webhook (`NOTIFY_URL`): keeps each message's text. */
export async function notifyReceiver(): Promise<{ url: string; messages: string[]; close(): void }> {
  const messages: string[] = [];
  const port = await freePort();
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      messages.push((JSON.parse(body) as { text: string }).text);
      res.end('ok');
    });
  }).listen(port, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/hook`, messages, close: () => server.close() };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

export interface ProcessHandle {
  name: string;
  child: ChildProcess;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface World {
  id: string;
  env: Record<string, string>;
  databaseUrl: string;
  database: Database;
  apiUrl: string;
  sandboxUrl: string;
  token: string;
  processes: ProcessHandle[];
  start(name: string, args: string[], extraEnv?: Record<string, string>): Promise<ProcessHandle>;
  startSandbox(): Promise<ProcessHandle>;
  startApi(): Promise<ProcessHandle>;
  startWorker(stage: string, platform?: string, extraEnv?: Record<string, string>): Promise<ProcessHandle>;
  startPipeline(platforms: string[]): Promise<void>;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  waitForRun(runId: string, timeoutMs?: number, until?: string[]): Promise<RunView>;
  /** A run's failed actions as `platform kind sku: error` lines, for an assertion that says why. */
  failedActions(runId: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface RunView {
  runId: string;
  status: string;
  summary: { platforms: Record<string, Record<string, { planned: number; succeeded: number; failed: number }>>; salesDetected: number; orphans: number; drift: number; apiCalls: Record<string, number> } | null;
  progress: { total: number; succeeded: number; failed: number; pending: number };
  [k: string]: unknown;
}

const LOG_ROOT = join(tmpdir(), 'gearsync-tests');

const FINAL = ['completed', 'completed_with_errors', 'failed', 'planned', 'awaiting_approval'];

export async function createWorld(options: { platforms?: string[]; env?: Record<string, string>; settings?: boolean } = {}): Promise<World> {
  const id = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/gearsync_${id}`;
  await migrate(databaseUrl);
  const database = openDatabase(databaseUrl, { max: 4 });
  // A shop ready to list: every platform's defaults and every catalogue category mapped (USD).
  if (options.settings !== false) {
    await seedShopSettings(database.db, { currency: 'USD' });
  }
  const apiPort = await freePort();
  const sandboxPort = await freePort();
  const token = `test-token-${id}`;
  const env: Record<string, string> = {
    GEARSYNC_MODE: 'test',
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `gs${id}`,
    API_PORT: String(apiPort),
    SANDBOX_PORT: String(sandboxPort),
    API_TOKEN: token,
    PLATFORMS: (options.platforms ?? ['website']).join(','),
    LOG_LEVEL: 'warn',
    BACKOFF_MS: '200',
    HTTP_TIMEOUT_MS: '5000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    LOCK_DURATION_MS: '5000',
    RECOVERY_INTERVAL_MS: '3000',
    NODE_OPTIONS: '',
    WEBSITE_RATE_MAX: '50',
    REVERB_RATE_MAX: '50',
    EBAY_RATE_MAX: '50',
    VR_RATE_MAX: '20',
    // Tests run at any hour: V&R's maintenance hours are the maintenance test's to set.
    VR_MAINTENANCE_HOURS: '',
    EBAY_SALE_POLL_MS: '0',
    REVERB_SALE_POLL_MS: '0',
    WEBSITE_SALE_POLL_MS: '0',
    VR_SALE_POLL_MS: '0',
    ...options.env,
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const processes: ProcessHandle[] = [];

  const request = async <T>(base: string, method: string, path: string, body?: unknown, auth = true) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T };
  };

  const waitFor = async (url: string, handle: ProcessHandle, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (handle.child.exitCode !== null) throw new Error(`${handle.name} exited early:\n${handle.output.join('')}`);
      try {
        const res = await fetch(url);
        if (res.status < 500) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${handle.name} did not come up at ${url}:\n${handle.output.join('')}`);
  };

  const world: World = {
    id,
    env,
    databaseUrl,
    database,
    apiUrl,
    sandboxUrl,
    token,
    processes,
    async start(name, args, extraEnv = {}) {
      // `node --import tsx`: one process, so signals reach the program itself (a crash test's SIGKILL too).
      const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      const output: string[] = [];
      // Every line also goes to a file, for reading after a failure: $TMPDIR/gearsync-tests/<world>/<process>.log
      mkdirSync(join(LOG_ROOT, id), { recursive: true });
      const log = createWriteStream(join(LOG_ROOT, id, `${name}.log`), { flags: 'a' });
      const keep = (chunk: Buffer) => {
        log.write(chunk);
        output.push(chunk.toString());
        if (output.length > 400) output.splice(0, output.length - 400);
      };
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      const handle: ProcessHandle = {
        name,
        child,
        output,
        stop: (signal = 'SIGTERM') =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
            child.once('exit', (code) => resolve(code));
            child.kill(signal);
          }),
      };
      processes.push(handle);
      return handle;
    },
    async startSandbox() {
      const h = await world.start('sandbox', ['apps/sandbox/src/main.ts']);
      await waitFor(`${sandboxUrl}/_health`, h);
      // The accounts as the shop's settings expect them: policies, locations, profiles, categories.
      if (options.settings !== false) await configureSandboxAccounts(sandboxUrl, env.PLATFORMS!.split(',') as Platform[]);
      return h;
    },
    async startApi() {
      const h = await world.start('api', ['apps/api/src/main.ts']);
      await waitFor(`${apiUrl}/health`, h);
      return h;
    },
    async startWorker(stage, platform, extraEnv) {
      return world.start(platform ? `${stage}-${platform}` : stage, ['apps/workers/src/main.ts', stage, ...(platform ? ['--platform', platform] : [])], extraEnv);
    },
    async startPipeline(platforms) {
      await Promise.all([
        world.startSandbox(),
        world.startApi(),
        world.startWorker('snapshot'),
        world.startWorker('plan'),
        world.startWorker('report'),
        ...platforms.map((p) => world.startWorker('execute', p)),
      ]);
    },
    api: (method, path, body) => request(apiUrl, method, path, body),
    control: (method, path, body) => request(sandboxUrl, method, `/_control${path}`, body, false),
    async waitForRun(runId, timeoutMs = 120_000, until = FINAL) {
      const deadline = Date.now() + timeoutMs;
      let last: RunView | null = null;
      while (Date.now() < deadline) {
        const { status, body } = await world.api<RunView>('GET', `/api/sync/runs/${runId}`);
        if (status === 200) {
          last = body;
          if (until.includes(body.status)) return body;
        }
        await new Promise((r) => setTimeout(r, 150));
      }
      const logs = processes.map((p) => `--- ${p.name}\n${p.output.slice(-30).join('')}`).join('\n');
      throw new Error(`run ${runId} did not finish (logs in ${join(LOG_ROOT, id)}): last ${JSON.stringify(last)}\n${logs}`);
    },
    async failedActions(runId) {
      const { body } = await world.api<{ platform: string; kind: string; sku: string | null; error: string | null }[]>('GET', `/api/sync/runs/${runId}/actions?status=failed`);
      return body.map((a) => `${a.platform} ${a.kind} ${a.sku}: ${a.error}`);
    },
    async close() {
      await Promise.all(processes.map((p) => p.stop('SIGTERM')));
      await database.close();
      const redis = new Redis('redis://127.0.0.1:6379');
      const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
      for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
      redis.disconnect();
      await dropDatabase(databaseUrl);
    },
  };
  return world;
}

/** Products' photos moved onto the sandbox's image host, so V&R can download them (it fetches every one). */
export function hostImages<T extends { images: string[] }>(world: World, items: T[]): T[] {
  for (const item of items) item.images = item.images.map((u) => u.replace(/^https:\/\/images\.gearsync\.example/, `${world.sandboxUrl}/_images`));
  return items;
}
