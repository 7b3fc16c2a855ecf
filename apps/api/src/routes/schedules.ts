import { Router } from 'express';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { SYNC_SCHEDULER_ID, listSchedules, upsertSchedule, type ProducerContext } from '@gearsync/sync/producer';
import { requireRedis } from '../availability.js';
import { notFound, parse } from '../errors.js';

const MIN_INTERVAL_MS = 60_000;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A pattern BullMQ can schedule (it uses cron-parser too), and no more often than once a minute. */
function cronProblem(pattern: string, tz: string): string | null {
  try {
    const expr = CronExpressionParser.parse(pattern, { tz });
    const a = expr.next().getTime();
    const b = expr.next().getTime();
    return b - a < MIN_INTERVAL_MS ? 'fires more often than once a minute' : null;
  } catch (err) {
    return `not a cron pattern (${(err as Error).message})`;
  }
}

const scheduleBody = z
  .strictObject({
    pattern: z.string().trim().min(1).max(200),
    tz: z.string().trim().min(1).max(100).refine(validTimeZone, 'not a known time zone (use an IANA name like "Europe/Berlin")').default('UTC'),
  })
  .superRefine((s, issue) => {
    const problem = validTimeZone(s.tz) ? cronProblem(s.pattern, s.tz) : null;
    if (problem) issue.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  });

/** `/api/schedules`: the BullMQ job schedulers (one today: `sync`, the full run on a cron). */
export function scheduleRoutes(ctx: ProducerContext): Router {
  const router = Router();
  router.use(requireRedis(ctx));
  const find = async (id: string) => (await listSchedules(ctx.queues)).find((s) => s.id === id);

  router.get('/', async (_req, res) => {
    res.json(await listSchedules(ctx.queues));
  });

  router.get('/:id', async (req, res) => {
    const schedule = await find(req.params.id);
    if (!schedule) throw notFound(`no schedule ${req.params.id}`);
    res.json(schedule);
  });

  router.put('/:id', async (req, res) => {
    if (req.params.id !== SYNC_SCHEDULER_ID) throw notFound(`no schedule ${req.params.id} (only "${SYNC_SCHEDULER_ID}" can be set)`);
    const body = parse(scheduleBody, req.body ?? {});
    await upsertSchedule(ctx.queues, body.pattern, body.tz);
    res.json((await find(SYNC_SCHEDULER_ID)) ?? { id: SYNC_SCHEDULER_ID, pattern: body.pattern, tz: body.tz, next: null });
  });

  return router;
}
