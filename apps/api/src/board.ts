import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Router } from 'express';
import type { Queues } from '@gearsync/queue';

export const BOARD_PATH = '/admin/queues';

/** Bull Board over every queue of the pipeline. It has no auth of its own: mount it behind ours. */
export function boardRouter(queues: Queues): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: queues.all().map((q) => new BullMQAdapter(q)),
    // @bull-board/express pins its own copy of @bull-board/api (a patch version apart): same shape, separate declarations.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'gearsync queues' } },
  });
  return serverAdapter.getRouter() as Router;
}
