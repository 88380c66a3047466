import { defineErrorCodes } from '@stowage/core';

/**
 * The error codes `@stowage/bullmq` throws (all on {@link QueueError}), with what each means.
 * `docs/errors.md` lists them; a test keeps the two in step.
 */
export const QUEUE_ERROR_CODES = defineErrorCodes({
  QUEUE_REDIS_URL_INVALID: 'A Redis URL given to a run queue or worker is malformed.',
  QUEUE_REDIS_UNREACHABLE: 'The Redis server of a run queue could not be reached in time.',
  QUEUE_STORE_NOT_SHARED:
    'A queue worker cannot use the store the caller names (missing local root, or another store).',
  QUEUE_JOB_INVALID: 'A queued job does not hold a valid Stowage run request.',
  QUEUE_RUN_FAILED: 'A queued run ended with an error, was abandoned, or could not be awaited.',
  QUEUE_FLOW_INVALID:
    'A flow given to RunQueue.enqueueFlow cannot be laid out as a BullMQ flow (bad step reference or shape).',
  QUEUE_FLOW_INPUT_MISSING:
    'A flow step reads an output an earlier step did not log (or whose run record is missing).',
  QUEUE_ATTEMPT_ABANDONED:
    'Recorded in the run record of an attempt whose worker died or gave up before it ended.',
});

/** The codes of {@link QUEUE_ERROR_CODES}, added to core's `ErrorCodeRegistry` below. */
export type QueueErrorCodes = typeof QUEUE_ERROR_CODES;

/** A code of {@link QUEUE_ERROR_CODES}. */
export type QueueErrorCode = keyof QueueErrorCodes;

declare module '@stowage/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the queue codes to ErrorCode
  interface ErrorCodeRegistry extends QueueErrorCodes {}
}
