import winston from 'winston';

const REDACTED = '[redacted]';
const SECRET_KEYS = /^(authorization|password|pass|secret|token|api_?token|access_?token|refresh_?token|client_?secret|consumer_?secret|cookie|set-cookie)$/i;

let secrets: string[] = [];

/** Registers values (tokens, passwords) that are scrubbed from every log line and error text. */
export function registerSecrets(values: string[]): void {
  secrets = [...new Set([...secrets, ...values.filter((v) => v.length >= 6)])].sort((a, b) => b.length - a.length);
}

export function redactText(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(REDACTED);
  // Basic and Bearer credentials in anything that looks like a header dump.
  return out.replace(/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{6,}/g, `$1 ${REDACTED}`);
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? REDACTED : redactValue(v, depth + 1);
  return out;
}

const redact = winston.format((info) => {
  for (const key of Object.keys(info)) {
    info[key] = SECRET_KEYS.test(key) ? REDACTED : redactValue(info[key]);
  }
  if (typeof info.message === 'string') info.message = redactText(info.message);
  return info;
});

export type Logger = winston.Logger;
export type LogFormat = 'auto' | 'json' | 'pretty';

const LEVEL_COLOUR: Record<string, string> = { error: '\x1b[31m', warn: '\x1b[33m', info: '\x1b[36m', debug: '\x1b[90m' };
const HIDDEN = new Set(['level', 'message', 'service', 'timestamp', 'stack']);

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const one = (text ?? '').replace(/\s+/g, ' ');
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}

/**
 * One readable line for one log record: time, process, level, message, then the remaining
 * fields as key=value (long values cut). Used by the pretty logger and by the supervisor,
 * which turns its children's JSON lines into these on a terminal.
 */
export function formatLine(record: Record<string, unknown>, options: { name?: string; colour?: boolean } = {}): string {
  const level = String(record.level ?? 'info');
  const time = typeof record.timestamp === 'string' ? record.timestamp.slice(11, 23) : new Date().toISOString().slice(11, 23);
  const name = (options.name ?? String(record.service ?? '')).padEnd(15);
  const fields = Object.entries(record)
    .filter(([k, v]) => !HIDDEN.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${short(v)}`)
    .join(' ');
  const lvl = level.padEnd(5);
  const coloured = options.colour && LEVEL_COLOUR[level] ? `${LEVEL_COLOUR[level]}${lvl}\x1b[0m` : lvl;
  return `${time} ${name} ${coloured} ${String(record.message ?? '')}${fields ? `  ${fields}` : ''}`;
}

/** A log line as a record, if it is one of ours (a JSON object with a message); else null. */
export function parseLogLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const record = JSON.parse(line) as unknown;
    return record && typeof record === 'object' && 'message' in record ? (record as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const pretty = winston.format.printf((info) => formatLine(info as Record<string, unknown>, { colour: Boolean(process.stdout.isTTY) }));

/**
 * JSON lines on stdout, or one readable line an event on a terminal (LOG_FORMAT=auto);
 * `child({runId, jobId, platform})` adds the context fields to every line.
 */
export function createLogger(service: string, level = 'info', format: LogFormat = 'auto'): Logger {
  const readable = format === 'pretty' || (format === 'auto' && Boolean(process.stdout.isTTY));
  return winston.createLogger({
    level,
    defaultMeta: { service },
    format: winston.format.combine(winston.format.errors({ stack: true }), redact(), winston.format.timestamp(), readable ? pretty : winston.format.json()),
    transports: [new winston.transports.Console({ stderrLevels: ['error'] })],
  });
}

/**
 * A process that meets an error nobody handled logs it and exits: its state is unknown, and
 * the supervisor (or Docker's restart policy) starts a clean one.
 */
export function exitOnFatal(logger: Logger): void {
  const die = (kind: string) => (err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err));
    logger.error(`${kind}; exiting so a clean process takes over`, { error: redactText(error.message), stack: error.stack && redactText(error.stack) });
    // Let the transport flush the line first.
    setTimeout(() => process.exit(70), 50).unref();
  };
  process.on('uncaughtException', die('uncaught exception'));
  process.on('unhandledRejection', die('unhandled rejection'));
}
