import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatLine, parseLogLine, type Logger } from '@gearsync/runtime';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** True when this file runs as compiled JavaScript (`npm start`), false under tsx (demo, tests). */
export const COMPILED = import.meta.url.endsWith('.js');

export interface ProcessSpec {
  name: string;
  /** The entry point's source path, e.g. `apps/workers/src/main.ts`. */
  script: string;
  args: string[];
}

export interface Supervised {
  name: string;
  /** The current process; replaced when it is restarted. */
  child: ChildProcess;
  restarts: number;
}

/**
 * What `npm start` and `npm run demo` run: the API, the sandbox (demo only) and one process per
 * worker; `replicas` more executors per platform and snapshot workers share the same queues.
 */
export function processList(platforms: string[], withSandbox: boolean, replicas = 1): ProcessSpec[] {
  const worker = 'apps/workers/src/main.ts';
  const copies = (name: string, args: string[]) =>
    Array.from({ length: Math.max(1, replicas) }, (_, i) => ({ name: replicas > 1 ? `${name}#${i + 1}` : name, script: worker, args }));
  return [
    ...(withSandbox ? [{ name: 'sandbox', script: 'apps/sandbox/src/main.ts', args: [] }] : []),
    { name: 'api', script: 'apps/api/src/main.ts', args: [] },
    ...copies('snapshot', ['snapshot']),
    { name: 'plan', script: worker, args: ['plan'] },
    ...platforms.flatMap((p) => copies(`execute-${p}`, ['execute', '--platform', p])),
    { name: 'report', script: worker, args: ['report'] },
  ];
}

/**
 * How a process is started. Compiled: `node --conditions=gearsync-dist <package>/dist/….js`, so
 * `@gearsync/*` imports resolve to the compiled packages too; else `node --import tsx` on the
 * source. One Node process per stage either way, so signals and memory figures are its own.
 */
export function commandFor(spec: ProcessSpec, options: { compiled: boolean; maxHeapMb?: number }): string[] {
  const heap = options.maxHeapMb ? [`--max-old-space-size=${options.maxHeapMb}`] : [];
  if (!options.compiled) return [...heap, '--import', 'tsx', spec.script, ...spec.args];
  return [...heap, '--conditions=gearsync-dist', spec.script.replace('/src/', '/dist/').replace(/\.ts$/, '.js'), ...spec.args];
}

export interface SuperviseOptions {
  /** Keep children's output to ourselves (the bench); their last lines still show why one gave up. */
  quiet?: boolean;
  /** Called instead of stopping everything and exiting 1 when a process keeps dying. */
  onGiveUp?: (name: string) => void;
  compiled?: boolean;
  maxHeapMb?: number;
  /** A process dying this many times within `windowMs` is given up on. */
  restartMax?: number;
  windowMs?: number;
  /** Children's JSON lines become readable lines (a terminal); else they are passed on as they are. */
  readable?: boolean;
}

/**
 * Starts each process and keeps it running: one that dies is started again after a backoff
 * (0.5 s, doubling); only one that keeps dying (`restartMax` times within `windowMs`) stops the
 * rest, with its last lines shown. Ctrl-C (or SIGTERM) stops them all.
 */
export function supervise(list: ProcessSpec[], env: NodeJS.ProcessEnv, logger: Logger, options: SuperviseOptions = {}): { children: Supervised[]; stop(): Promise<void> } {
  const children: Supervised[] = [];
  const restartMax = options.restartMax ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const readable = options.readable ?? Boolean(process.stdout.isTTY);
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();
  const stop = async () => {
    stopping = true;
    for (const t of timers) clearTimeout(t);
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

  const launch = (spec: ProcessSpec, entry: Supervised | null, deaths: number[], tail: string[]) => {
    const command = commandFor(spec, { compiled: options.compiled ?? false, maxHeapMb: options.maxHeapMb });
    const child = spawn(process.execPath, command, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (stream: NodeJS.WriteStream) => {
      let partial = '';
      return (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!line) continue;
          tail.push(line);
          if (tail.length > 40) tail.shift();
          if (options.quiet) continue;
          const record = readable ? parseLogLine(line) : null;
          stream.write(record ? `${formatLine(record, { name: spec.name, colour: true })}\n` : readable ? `${spec.name.padEnd(15)}| ${line}\n` : `${line}\n`);
        }
      };
    };
    child.stdout!.on('data', forward(process.stdout));
    child.stderr!.on('data', forward(process.stderr));
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const now = Date.now();
      deaths.push(now);
      while (deaths.length && deaths[0]! < now - windowMs) deaths.shift();
      if (deaths.length >= restartMax) {
        logger.error('a process keeps dying; stopping the rest', { name: spec.name, code, signal, deaths: deaths.length, windowMs, lastLines: tail.slice(-15) });
        if (options.onGiveUp) options.onGiveUp(spec.name);
        else void stop().then(() => process.exit(1));
        return;
      }
      const delay = Math.min(30_000, 500 * 2 ** (deaths.length - 1));
      logger.warn('a process died; restarting it', { name: spec.name, code, signal, inMs: delay, lastLines: tail.slice(-5) });
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) launch(spec, supervised, deaths, tail);
      }, delay);
      timers.add(timer);
    });
    const supervised = entry ?? { name: spec.name, child, restarts: 0 };
    if (entry) {
      entry.child = child;
      entry.restarts += 1;
    } else children.push(supervised);
    logger.info('process started', { name: spec.name, pid: child.pid, restarts: supervised.restarts });
    return supervised;
  };
  for (const spec of list) launch(spec, null, [], []);
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
