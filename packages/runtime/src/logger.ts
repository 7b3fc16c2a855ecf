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

/** JSON lines on stdout; `child({runId, jobId, platform})` adds the context fields to every line. */
export function createLogger(service: string, level = 'info'): Logger {
  return winston.createLogger({
    level,
    defaultMeta: { service },
    format: winston.format.combine(winston.format.errors({ stack: true }), redact(), winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Console({ stderrLevels: ['error'] })],
  });
}
