// Public API of @stowage/bullmq: Stowage handler runs as BullMQ jobs on Redis. Named exports only.
export { RunQueue } from './run-queue';
export type {
  RunQueueOptions,
  EnqueueOptions,
  QueuedRun,
  QueuedRunResult,
  QueuedFlow,
  PendingRun,
} from './run-queue';
export { stepOutput, planFlow, isStepOutput } from './run-flow';
export type { StepOutput, FlowStep, FlowDefinition, FlowPlan } from './run-flow';
export { RunWorker } from './run-worker';
export type { RunWorkerOptions, RunWorkerEvent } from './run-worker';
export { QueueError } from './queue.error';
export type { QueueErrorInit } from './queue.error';
export { QUEUE_ERROR_CODES } from './queue-error-codes';
export type { QueueErrorCode, QueueErrorCodes } from './queue-error-codes';
export { parseRedisUrl, checkRedis, DEFAULT_REDIS_URL, DEFAULT_REDIS_CHECK_MS } from './redis-url';
export type { RedisTarget } from './redis-url';
export { openStoreLocation, storeIdentity, STORE_ID_PATH } from './store-location';
export { parseHandlerRef, loadHandler } from './handler-ref';
export type { HandlerRef, LoadedHandler } from './handler-ref';
export {
  QUEUE_LABELS,
  attemptRunId,
  retirePreviousAttempt,
  markAbandoned,
  ATTEMPT_FIELD,
  parseAttemptStart,
} from './attempt-recovery';
export type { AttemptStart, PreviousAttempt, QueuedRunInfo } from './attempt-recovery';
export { RUN_JOB_NAME, RUN_JOB_VERSION, decodeRunJob } from './run-job';
export type { RunJobData, RunJobResult } from './run-job';
export { DEFAULT_QUEUE_NAME, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from './run-queue-options';
