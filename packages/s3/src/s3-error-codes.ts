import { defineErrorCodes } from '@stowage/core';

/**
 * The error codes `@stowage/s3` throws (all on {@link S3Error}), with what each means.
 * `docs/errors.md` lists them; a test keeps the two in step.
 */
export const S3_ERROR_CODES = defineErrorCodes({
  S3_ACCESS_DENIED: 'The S3 service refused the credentials or the permission (403).',
  S3_NO_CREDENTIALS: 'No S3 credentials were given and the AWS default chain found none.',
  S3_NO_BUCKET: 'The S3 bucket of a store does not exist.',
  S3_UNREACHABLE: 'The S3 endpoint could not be reached (connection refused, DNS, reset).',
  S3_TIMEOUT: 'The S3 endpoint did not connect or answer within the configured time.',
  S3_REQUEST_FAILED: 'An S3 request failed after retries (throttling, 5xx or another error).',
});

/** The codes of {@link S3_ERROR_CODES}, added to core's `ErrorCodeRegistry` below. */
export type S3ErrorCodes = typeof S3_ERROR_CODES;

/** A code of {@link S3_ERROR_CODES}. */
export type S3ErrorCode = keyof S3ErrorCodes;

declare module '@stowage/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the S3 codes to ErrorCode
  interface ErrorCodeRegistry extends S3ErrorCodes {}
}
