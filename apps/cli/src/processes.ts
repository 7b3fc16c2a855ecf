import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@gearsync/runtime';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

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
export function supervise(
  list: { name: string; args: string[] }[],
  env: NodeJS.ProcessEnv,
  logger: Logger,
  options: { quiet?: boolean; onDeath?: () => void } = {},
): { children: Supervised[]; stop(): Promise<void> } {
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
    // `node --import tsx`: one process per stage, so signals and memory figures are the program's own.
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = `${name.padEnd(15)}| `;
    // Quiet mode still keeps each process's last lines, to show why one died.
    const tail: string[] = [];
    const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (!options.quiet) stream.write(prefix + line + '\n');
      }
    };
    child.stdout!.on('data', forward(process.stdout));
    child.stderr!.on('data', forward(process.stderr));
    child.on('exit', (code, signal) => {
      if (!stopping) {
        logger.error('a process stopped unexpectedly; stopping the rest', { name, code, signal, lastLines: tail.slice(-15) });
        if (options.onDeath) options.onDeath();
        else void stop().then(() => process.exit(1));
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

/**
 * Peak resident memory (VmHWM) in MB of the process itself, and of the largest process it
 * started (V&R's Chromium), which is a separate process with its own budget.
 */
export async function peakRssMb(pid: number): Promise<{ self: number; children: number }> {
  const { readdir, readFile } = await import('node:fs/promises');
  const hwm = async (p: number) => {
    try {
      const status = await readFile(`/proc/${p}/status`, 'utf8');
      return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      return 0;
    }
  };
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const tree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, parent] of parents) if (tree.has(parent) && !tree.has(child)) (tree.add(child), (grew = true));
  }
  tree.delete(pid);
  let children = 0;
  for (const p of tree) children = Math.max(children, await hwm(p));
  return { self: await hwm(pid), children };
}
