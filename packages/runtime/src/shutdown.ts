import type { Logger } from './logger.js';

type Closer = () => Promise<unknown>;

/**
 * On SIGTERM/SIGINT: run the closers in reverse order of registration (workers first, then
 * connections), and exit when they are done or when the deadline passes, whichever comes first.
 */
export function onShutdown(logger: Logger, deadlineMs: number): (name: string, close: Closer) => void {
  const closers: { name: string; close: Closer }[] = [];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal, deadlineMs });
    const timer = setTimeout(() => {
      logger.warn('shutdown deadline passed, exiting', { deadlineMs });
      process.exit(1);
    }, deadlineMs);
    timer.unref();
    for (const { name, close } of [...closers].reverse()) {
      try {
        await close();
      } catch (err) {
        logger.warn('close failed', { name, err });
      }
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return (name, close) => closers.push({ name, close });
}
