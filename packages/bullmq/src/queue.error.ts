import { StowageError } from '@stowage/core';
import type { ErrorCode, StowageErrorInit } from '@stowage/core';
import type { QueueErrorCode } from './queue-error-codes';

/** What a {@link QueueError} is built with: its code is one of the `QUEUE_*` codes. */
export interface QueueErrorInit extends StowageErrorInit {
  readonly code?: QueueErrorCode;
}

/**
 * A run queue or worker failed: a bad or unreachable Redis, a store the worker cannot share with
 * the caller, a malformed job, or a queued run that did not complete.
 *
 * @remarks
 * Its `code` is one of the `QUEUE_*` codes. A queued run that failed carries the error recorded
 * in its run record as `cause`.
 */
export class QueueError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'QUEUE_RUN_FAILED';
  declare readonly code: QueueErrorCode;

  constructor(what: string, init: QueueErrorInit = {}) {
    super(what, init);
  }
}
