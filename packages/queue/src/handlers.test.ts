import type { Job } from 'bullmq';
import { checkHandlers, dispatch, type Handlers } from './handlers.js';
import { jobNames } from './jobs.js';

const done = async () => 'done';

describe('worker handlers against the catalogue', () => {
  it('accepts one handler per job the queue receives', () => {
    expect(() => checkHandlers('plan', { plan: done, gate: done })).not.toThrow();
    expect(jobNames('watch').sort()).toEqual(['notify', 'register-webhooks', 'sale-poll']);
  });

  it('refuses a worker missing a handler', () => {
    // @ts-expect-error the plan queue also receives gate jobs
    const handlers: Handlers<'plan'> = { plan: done };
    expect(() => dispatch('plan', handlers)).toThrow('the plan worker has no handler for "gate"');
  });

  it('refuses a worker handling a job its queue never receives', () => {
    expect(() => checkHandlers('report', { report: done, snapshot: done })).toThrow('the report worker handles "snapshot", which its queue never receives');
  });

  it('hands each job to the handler of its name, and fails a job of an unknown name', async () => {
    const seen: string[] = [];
    const processor = dispatch('sync', {
      snapshot: async (job) => seen.push(`snapshot ${job.data.runId}`),
      'scheduled-sync': async (job) => seen.push(`tick ${job.data.trigger}`),
      import: async (job) => seen.push(`import ${job.data.importId}`),
    });
    await processor({ name: 'import', data: { importId: 'i1' } } as Job);
    await processor({ name: 'snapshot', data: { runId: 'r1' } } as Job);
    expect(seen).toEqual(['import i1', 'snapshot r1']);
    expect(() => processor({ name: 'toString', data: {} } as Job)).toThrow('no handler for job "toString" on the sync queue');
  });
});
