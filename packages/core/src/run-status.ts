import { RUN_STATUSES, type RunStatus } from './types.js';

/**
 * Every legal change of a run's status, named for what makes it. A status write names its move
 * and succeeds only from one of the move's `from` statuses, so a late or repeated job cannot move
 * a run back; the page reads the same table to know what a run may still become.
 */
export const RUN_MOVES = {
  /** The snapshot stage starts (or starts again after its worker died). */
  snapshot: { from: ['queued', 'snapshotting'], to: ['snapshotting'] },
  /** Every platform is read: the planner may start. */
  snapshotted: { from: ['snapshotting'], to: ['planning'] },
  /** A dry run stops here; a plan past the guard waits for approval; any other executes. */
  planned: { from: ['planning'], to: ['planned', 'awaiting_approval', 'executing'] },
  /** Someone approved a held plan. */
  approve: { from: ['awaiting_approval'], to: ['executing'] },
  /** A run the dealer made by hand (deleting an orphan) has its actions already: no snapshot, no plan. */
  execute: { from: ['queued'], to: ['executing'] },
  /** A run's failed actions are sent again; its report is brought up to date when they end. */
  retry: { from: ['executing', 'completed', 'completed_with_errors'], to: ['executing'] },
  /** The report closes the run (again, after later retries). */
  report: { from: ['executing', 'completed', 'completed_with_errors'], to: ['completed', 'completed_with_errors'] },
  /** Its first job could not be enqueued: nothing started. */
  unqueued: { from: ['queued'], to: ['failed'] },
} as const satisfies Record<string, { from: readonly RunStatus[]; to: readonly RunStatus[] }>;

export type RunMove = keyof typeof RUN_MOVES;
/** The statuses `move` may lead to. */
export type RunMoveTarget<M extends RunMove> = (typeof RUN_MOVES)[M]['to'][number];

/** A run in one of these still has a stage to go through. */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'snapshotting', 'planning', 'executing'];
/** A run in one of these has no stage left (a retry may still reopen a completed one). */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = RUN_STATUSES.filter((s) => !ACTIVE_RUN_STATUSES.includes(s) && s !== 'awaiting_approval');

/** The statuses `move` starts from: the guard of its write. */
export function movesFrom(move: RunMove): RunStatus[] {
  return [...RUN_MOVES[move].from];
}

/** Whether `move` may happen to a run in `status` (the page shows only buttons that lead somewhere). */
export function canMove(move: RunMove, status: RunStatus): boolean {
  return (RUN_MOVES[move].from as readonly RunStatus[]).includes(status);
}

/** Every status a run in `status` may go to next, over every move. */
export function nextStatuses(status: RunStatus): RunStatus[] {
  const out = new Set<RunStatus>();
  for (const move of Object.values(RUN_MOVES)) if ((move.from as readonly RunStatus[]).includes(status)) for (const to of move.to) out.add(to);
  return [...out];
}
