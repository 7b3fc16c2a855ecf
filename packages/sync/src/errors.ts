import { redactText } from '@gearsync/runtime';

/** A one-line, secret-free description of anything thrown. */
export function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return redactText(message).slice(0, 2000);
}
