/**
 * What a producer (the API, the CLI's requests) needs: record a run, approve it, retry its failed
 * actions, schedules, imports and orphans. Nothing here opens a platform adapter or a browser, so
 * the API process holds none; the workers import the whole package.
 */
export type { ProducerContext } from './context.js';
export { openProducerContext, type OpenOptions } from './boot.js';
export * from './trigger.js';
export * from './control.js';
export * from './pipeline.js';
export * from './schedule.js';
export * from './errors.js';
export { liveSummary } from './report.js';
export { requestImport } from './onboard.js';
export { listOrphans, resolveOrphan } from './orphans.js';
export { saleLink } from './oversell.js';
export { requestWebhookRegistration, webhookBaseProblem, webhookRegistration, type RegisterResult, type WebhookRegistrationView } from './webhooks.js';
