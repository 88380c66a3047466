import { defineErrorCodes, StowageError, type ErrorCode } from '@stowage/core';

export const MAILER_ERROR_CODES = defineErrorCodes({
  MAILER_OUTBOX_FULL: 'The mail outbox refused a message because it is full.',
});

type MailerErrorCodes = typeof MAILER_ERROR_CODES;
declare module '@stowage/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the codes to ErrorCode
  interface ErrorCodeRegistry extends MailerErrorCodes {}
}

export class MailerError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'MAILER_OUTBOX_FULL';
}
