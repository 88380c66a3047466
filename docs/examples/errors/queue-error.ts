import { defineErrorCodes, StowageError, type ErrorCode } from '@stowage/core';

export const QUEUE_ERROR_CODES = defineErrorCodes({
  QUEUE_FULL: 'The job queue refused a message because it is full.',
});

type QueueErrorCodes = typeof QUEUE_ERROR_CODES;
declare module '@stowage/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the codes to ErrorCode
  interface ErrorCodeRegistry extends QueueErrorCodes {}
}

export class QueueError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'QUEUE_FULL';
}
