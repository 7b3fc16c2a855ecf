import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@gearsync/runtime';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

export interface Supervised {
  name: string;
  child: ChildProcess;
}

/** What `npm start` and `npm run demo` run: the API, the sandbox (demo only) and one process per worker. */
export function processList(platforms: string[], withSandbox: boolean): { name: string; args: string[] }[] {
  return [
    ...(withSandbox ? [{ name: 'sandbox', args: ['apps/sandbox/src/main.ts'] }] : []),
    { name: 'api', args: ['apps/api/src/main.ts'] },
    { name: 'snapshot', args: ['apps/workers/src/main.ts', 'snapshot'] },
    { name: 'plan', args: ['apps/workers/src/main.ts', 'plan'] },
    ...platforms.map((p) => ({ name: `execute-${p}`, args: ['apps/workers/src/main.ts', 'execute', '--platform', p] })),
    { name: 'report', args: ['apps/workers/src/main.ts', 'report'] },
  ];
}

/**
 * Starts each process with its output prefixed by its name; Ctrl-C (or SIGTERM) stops them
 * all, and one dying unexpectedly stops the rest, so nothing is left running half a pipeline.
 */
export function supervise(list: { name: string; args: string[] }[], env: NodeJS.ProcessEnv, logger: Logger, options: { quiet?: boolean } = {}): { children: Supervised[]; stop(): Promise<void> } {
  const children: Supervised[] = [];
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
  };
  for (const { name, args } of list) {
    const child = spawn(TSX, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = `${name.padEnd(15)}| `;
    const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      if (options.quiet) return;
      for (const line of chunk.toString().split('\n')) if (line) stream.write(prefix + line + '\n');
    };
    child.stdout!.on('data', forward(process.stdout));
    child.stderr!.on('data', forward(process.stderr));
    child.on('exit', (code, signal) => {
      if (!stopping) {
        logger.error('a process stopped unexpectedly; stopping the rest', { name, code, signal });
        void stop().then(() => process.exit(1));
      }
    });
    children.push({ name, child });
  }
  return { children, stop };
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing answered at ${url} within ${timeoutMs} ms`);
}
