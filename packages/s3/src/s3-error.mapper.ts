import { StowageError } from '@stowage/core';
import { objectNotFound } from '@stowage/core/internal';
import { S3Error } from './s3.error';

/** Where a failed S3 request was going, for the error message. */
export interface S3ErrorContext {
  /** What was being done, e.g. `read`, `write`, `list`. */
  readonly operation: string;
  /** The store URL, `s3://bucket/prefix`. */
  readonly storeUrl: string;
  /** The bucket name. */
  readonly bucket: string;
  /** The endpoint, named in unreachable-endpoint errors. */
  readonly endpoint: string;
  /** The store path concerned, when there is one. */
  readonly path?: string;
}

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly Code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
  readonly errors?: unknown;
}

const DENIED = new Set([
  'AccessDenied',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'InvalidToken',
  'ExpiredToken',
  'InvalidClientTokenId',
  'AuthorizationHeaderMalformed',
]);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** The SDK error name (or S3 error code) and the HTTP status of a failure. */
function classify(error: unknown): { name: string; status: number | undefined; errno: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : '';
  const nested = Array.isArray(e.errors) ? (e.errors[0] as SdkErrorShape | undefined) : undefined;
  let errno =
    typeof e.code === 'string' ? e.code : typeof nested?.code === 'string' ? nested.code : '';
  // The SDK's retry layer re-wraps errors from another realm (e.g. under jest) as plain text:
  // "AWS SDK error wrapper for Error: connect ECONNREFUSED …". Recover the errno from it.
  if (errno === '' && typeof e.message === 'string') {
    errno = /\b(E[A-Z]{4,}[A-Z_]*)\b/.exec(e.message)?.[1] ?? '';
  }
  return { name, status: e.$metadata?.httpStatusCode, errno };
}

/** True when the failure means the object is missing (404 on the object, not on the bucket). */
export function isNoSuchKey(error: unknown): boolean {
  const { name, status } = classify(error);
  return name === 'NoSuchKey' || (status === 404 && name !== 'NoSuchBucket');
}

/** True when the failure means the bucket does not exist. */
export function isNoSuchBucket(error: unknown): boolean {
  return classify(error).name === 'NoSuchBucket';
}

/** True when S3 refused a byte range that starts at or past the end of the object (416). */
export function isInvalidRange(error: unknown): boolean {
  const { name, status } = classify(error);
  return name === 'InvalidRange' || status === 416;
}

function where(ctx: S3ErrorContext): string {
  return ctx.path === undefined ? ctx.storeUrl : `"${ctx.path}" in ${ctx.storeUrl}`;
}

/**
 * The error for a store whose bucket does not exist.
 *
 * @returns an `S3Error` with code `S3_NO_BUCKET` naming the bucket and the endpoint.
 */
export function noBucketError(ctx: S3ErrorContext, cause: unknown): S3Error {
  return new S3Error(
    `Could not ${ctx.operation} ${where(ctx)}: bucket "${ctx.bucket}" does not exist at ${ctx.endpoint}.`,
    {
      code: 'S3_NO_BUCKET',
      details: { ...ctx, s3Code: 'NoSuchBucket' },
      cause,
      fix: 'Create the bucket (e.g. `await ensureBucket(options)`) or fix the bucket name.',
    },
  );
}

/**
 * Turns an SDK failure into a Stowage error with a specific code and a "how to fix" text.
 *
 * @remarks
 * The SDK error is kept as `cause`; the message names the operation, the path, the store and,
 * for connection failures, the endpoint. Stowage errors pass through unchanged. A missing object
 * becomes a `NotFoundError`; everything else an `S3Error` (a `StoreError`) with code `S3_ACCESS_DENIED`,
 * `S3_NO_CREDENTIALS`, `S3_NO_BUCKET`, `S3_TIMEOUT` (connect or idle timeout, or the service's
 * own `RequestTimeout`), `S3_UNREACHABLE` or `S3_REQUEST_FAILED`.
 *
 * @returns the error to throw.
 */
export function toS3Error(error: unknown, ctx: S3ErrorContext): StowageError {
  if (StowageError.is(error)) return error;
  const { name, status, errno } = classify(error);
  const details = {
    ...ctx,
    s3Code: name || undefined,
    httpStatus: status,
    errno: errno || undefined,
  };
  const what = `Could not ${ctx.operation} ${where(ctx)}`;
  if (name === 'CredentialsProviderError') {
    return new S3Error(`${what}: no S3 credentials were found.`, {
      code: 'S3_NO_CREDENTIALS',
      details,
      cause: error,
      fix: 'Pass `credentials` to the store, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE.',
    });
  }
  if (name === 'NoSuchBucket') return noBucketError(ctx, error);
  if (DENIED.has(name) || status === 403) {
    return new S3Error(`${what}: access denied by ${ctx.endpoint} (${name || status}).`, {
      code: 'S3_ACCESS_DENIED',
      details,
      cause: error,
      fix: 'Check the access key and secret (and session token), and that they may use this bucket.',
    });
  }
  // A 404 while writing (e.g. NoSuchUpload) is not a missing object: report it as a failure.
  if (status === 404 && ctx.path !== undefined && ctx.operation !== 'write') {
    return objectNotFound(ctx.path, ctx.storeUrl, error);
  }
  if (name === 'TimeoutError' || name === 'RequestTimeout') {
    return new S3Error(
      `${what}: ${ctx.endpoint} did not answer in time (${errno || name}${
        status ? `, HTTP ${status}` : ''
      }).`,
      {
        code: 'S3_TIMEOUT',
        details,
        cause: error,
        fix: 'Check that the service is up and not overloaded; for slow links raise requestTimeoutMs (idle time per request) or connectionTimeoutMs.',
      },
    );
  }
  if (NETWORK.has(errno)) {
    return new S3Error(
      `${what}: the S3 endpoint ${ctx.endpoint} is unreachable (${errno || name}).`,
      {
        code: 'S3_UNREACHABLE',
        details,
        cause: error,
        fix: 'Check the endpoint URL and that the service is running and reachable from this machine.',
      },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new S3Error(`${what}: ${name || 'error'}${status ? ` (HTTP ${status})` : ''}: ${reason}`, {
    code: 'S3_REQUEST_FAILED',
    details,
    cause: error,
    fix: 'Retry later; if it persists, raise maxAttempts or check the service status and logs.',
  });
}
