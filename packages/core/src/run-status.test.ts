import { ACTIVE_RUN_STATUSES, FINAL_RUN_STATUSES, RUN_MOVES, canMove, nextStatuses } from './run-status.js';
import { RUN_STATUSES, type RunStatus } from './types.js';

describe('run status moves', () => {
  it('reaches every status from queued', () => {
    const seen = new Set<RunStatus>(['queued']);
    const todo: RunStatus[] = ['queued'];
    while (todo.length) for (const next of nextStatuses(todo.pop()!)) if (!seen.has(next)) (seen.add(next), todo.push(next));
    expect([...seen].sort()).toEqual([...RUN_STATUSES].sort());
  });

  it('never moves a run back to an earlier stage', () => {
    const order: RunStatus[] = ['queued', 'snapshotting', 'planning', 'awaiting_approval', 'executing'];
    for (const move of Object.values(RUN_MOVES)) {
      for (const from of move.from) for (const to of move.to) if (order.includes(from) && order.includes(to)) expect(order.indexOf(to)).toBeGreaterThanOrEqual(order.indexOf(from));
    }
  });

  it('lets only a retry reopen a finished run, and never a failed or dry one', () => {
    for (const status of FINAL_RUN_STATUSES) {
      const ways = Object.entries(RUN_MOVES).filter(([, m]) => (m.from as readonly RunStatus[]).includes(status) && m.to.some((t) => ACTIVE_RUN_STATUSES.includes(t)));
      expect(ways.map(([name]) => name)).toEqual(status === 'completed' || status === 'completed_with_errors' ? ['retry'] : []);
    }
  });

  it('approves only a held plan', () => {
    expect(RUN_STATUSES.filter((s) => canMove('approve', s))).toEqual(['awaiting_approval']);
  });

  it('splits statuses into active, held and final', () => {
    expect([...ACTIVE_RUN_STATUSES, ...FINAL_RUN_STATUSES, 'awaiting_approval'].sort()).toEqual([...RUN_STATUSES].sort());
  });
});
