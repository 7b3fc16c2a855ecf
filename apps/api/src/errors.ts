import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { RequestError } from '@gearsync/sync/producer';
import type { Logger } from '@gearsync/runtime';

export interface Issue {
  path: string;
  message: string;
}

/** An answer that is an error: `{error: {code, message}}` with its HTTP status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

export function notFound(message: string): ApiError {
  return new ApiError(404, 'not_found', message);
}

function issuesOf(error: z.ZodError, prefix: string[]): Issue[] {
  return error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.') || 'body', message: i.message }));
}

/** Parses `value` with `schema`, or throws a 400 whose message names the first bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, prefix: string[] = []): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error, prefix);
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ApiError(400, 'invalid_request', `${first.path}: ${first.message}${more}`, issues);
}

export const unknownRoute: RequestHandler = (req) => {
  throw notFound(`no route ${req.method} ${req.baseUrl}${req.path}`);
};

/**
 * The one place errors become answers. Bodies express could not parse are the client's fault
 * (400/413); anything unexpected is logged (redacted by the logger) and answered without detail.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    let status = 500;
    let body: { code: string; message: string; issues?: Issue[] } = { code: 'internal', message: 'internal error' };
    if (err instanceof ApiError) {
      status = err.status;
      body = { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
    } else if (err instanceof RequestError) {
      status = err.status;
      body = { code: err.code, message: err.message };
    } else if (err?.type === 'entity.parse.failed') {
      status = 400;
      body = { code: 'invalid_json', message: 'the body is not valid JSON' };
    } else if (err?.type === 'entity.too.large') {
      status = 413;
      body = { code: 'payload_too_large', message: `the body is larger than ${err.limit} bytes` };
    } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      status = err.status;
      body = { code: 'bad_request', message: String(err.message ?? 'bad request') };
    } else {
      logger.error('request failed', { method: req.method, path: req.path, error: err });
    }
    res.status(status).json({ error: body });
  };
}
