import { StoreError } from '@stowage/core';
import type { ErrorCode, StowageErrorInit } from '@stowage/core';
import type { S3ErrorCode } from './s3-error-codes';

/** What an {@link S3Error} is built with: its code is one of the `S3_*` codes. */
export interface S3ErrorInit extends StowageErrorInit {
  readonly code?: S3ErrorCode;
}

/**
 * An S3 request failed: refused credentials, a missing bucket, an unreachable or slow endpoint.
 *
 * @remarks
 * A `StoreError`, so `StoreError.is(error)` holds; its `code` is one of the `S3_*` codes. A
 * missing object is a `NotFoundError` instead, as in every store.
 */
export class S3Error extends StoreError {
  static override readonly defaultCode: ErrorCode = 'S3_REQUEST_FAILED';
  declare readonly code: S3ErrorCode;

  constructor(what: string, init: S3ErrorInit = {}) {
    super(what, init);
  }
}
