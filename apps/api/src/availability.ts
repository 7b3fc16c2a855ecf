import type { RequestHandler } from 'express';
import type { ProducerContext } from '@gearsync/sync/producer';
import { ApiError } from './errors.js';

/**
 * BullMQ waits for its connection without a deadline, so with Redis away a queue call would hang
 * the request. Refuse at once instead, before anything is recorded.
 */
export function redisReady(ctx: ProducerContext): boolean {
  return ctx.redis.status === 'ready';
}

export function requireRedis(ctx: ProducerContext): RequestHandler {
  return (_req, _res, next) => {
    if (redisReady(ctx)) return next();
    next(new ApiError(503, 'queue_unavailable', 'the job queue (Redis) is unavailable; nothing was started or changed'));
  };
}
