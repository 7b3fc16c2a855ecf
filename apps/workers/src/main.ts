import { parseArgs } from 'node:util';
import { PLATFORMS, type Platform } from '@gearsync/core';
import { createLogger, exitOnFatal } from '@gearsync/runtime';
import { startExecute } from './execute.js';
import { startPlan } from './plan.js';
import { startReport } from './report.js';
import { startSnapshot } from './snapshot.js';

/** `npm run worker -- <snapshot|plan|execute|report> [--platform P]`: one stage, one process. */
const STAGES = { snapshot: startSnapshot, plan: startPlan, execute: startExecute, report: startReport } as const;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { platform: { type: 'string', short: 'p' } } });
const stage = positionals[0] as keyof typeof STAGES | undefined;
const logger = createLogger('workers');
// An error nobody handled leaves the process in an unknown state: log it, exit, be restarted.
exitOnFatal(logger);
if (!stage || !(stage in STAGES)) {
  logger.error(`usage: npm run worker -- <${Object.keys(STAGES).join('|')}> [--platform ${PLATFORMS.join('|')}]`);
  process.exit(2);
}
if (stage === 'execute' && !PLATFORMS.includes(values.platform as Platform)) {
  logger.error(`the execute worker needs --platform ${PLATFORMS.join('|')}`);
  process.exit(2);
}
try {
  await STAGES[stage](values.platform as Platform);
} catch (err) {
  logger.error('worker failed to start', { stage, error: (err as Error).message });
  process.exit(1);
}
