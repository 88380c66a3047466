import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { ConfigError } from '@stowage/core';

/** How to reach an S3-compatible service: everything except the bucket and prefix. */
export interface S3ConnectionOptions {
  /**
   * The service URL, e.g. `http://127.0.0.1:18080` for a local Swift, or a MinIO/R2/Wasabi URL.
   * Default: `AWS_ENDPOINT_URL_S3`, then `AWS_ENDPOINT_URL`; with neither, AWS S3 (the SDK
   * derives the endpoint from the region).
   */
  readonly endpoint?: string;
  /** The region; default `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `us-east-1`. */
  readonly region?: string;
  /**
   * Address buckets as `endpoint/bucket/key` instead of `bucket.endpoint/key`.
   * Default: `true` when {@link S3ConnectionOptions.endpoint} is set (most S3-compatible
   * services need it), `false` for AWS S3.
   */
  readonly forcePathStyle?: boolean;
  /**
   * Static credentials or a provider. Omitted: the SDK's default chain (environment variables,
   * shared config/credentials files, SSO, web identity, container and instance metadata).
   */
  readonly credentials?: S3ClientConfig['credentials'];
  /**
   * Attempts per request, including the first (default 5). The SDK retries throttling
   * (429/503 SlowDown), 5xx and connection errors with exponential backoff and jitter.
   */
  readonly maxAttempts?: number;
  /** The SDK retry mode: `standard` (default) or `adaptive` (client-side rate limiting too). */
  readonly retryMode?: 'standard' | 'adaptive';
  /** Milliseconds to wait for a TCP connection before giving up on an attempt (default 10 000). */
  readonly connectionTimeoutMs?: number;
  /**
   * Milliseconds a request may go without sending or receiving a byte before the attempt fails
   * with a timeout (default 30 000). It bounds waiting for an answer, for the rest of a body that
   * stopped arriving, and for a stream left unread. It is an idle time, not a deadline, so large
   * transfers that keep moving are never cut. With retries, a request that never gets an answer
   * fails with `S3_TIMEOUT` after about `maxAttempts × (requestTimeoutMs + backoff)`
   * (+ up to 3 s per attempt for values of 6 s or more, when the SDK arms the timer).
   */
  readonly requestTimeoutMs?: number;
  /**
   * When the SDK computes request checksums (default `WHEN_REQUIRED`). `WHEN_SUPPORTED` sends
   * streamed bodies as `aws-chunked`, which Swift and several other S3-compatible servers reject.
   */
  readonly requestChecksumCalculation?: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';
  /** When the SDK validates response checksums (default `WHEN_REQUIRED`). */
  readonly responseChecksumValidation?: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';
  /**
   * A ready client to use instead of building one from the options above. The store then
   * neither configures nor destroys it; set `requestChecksumCalculation: 'WHEN_REQUIRED'` on it
   * yourself when the server needs that.
   */
  readonly client?: S3Client;
}

/** Tuning of uploads: when to switch to multipart, part size and parallelism. */
export interface S3UploadOptions {
  /**
   * Size of one multipart part in bytes (default 8 MiB, minimum 5 MiB). Memory held by one
   * upload is about `partSize × (queueSize + 1)`.
   */
  readonly partSize?: number;
  /** Parts uploaded in parallel by one multipart upload (default 4). */
  readonly queueSize?: number;
  /**
   * Bodies up to this many bytes are sent with one PutObject; larger or unknown-length bodies
   * use a multipart upload (default: `partSize`).
   */
  readonly multipartThreshold?: number;
}

/** Options of an {@link S3Store}. */
export interface S3StoreOptions extends S3ConnectionOptions, S3UploadOptions {
  /** The bucket holding the store's objects. It must exist (see `ensureBucket`). */
  readonly bucket: string;
  /** A key prefix; every store path lives under `prefix/`. Default: the bucket root. */
  readonly prefix?: string;
}

/** Upload tuning with every default applied. */
export interface ResolvedUploadOptions {
  readonly partSize: number;
  readonly queueSize: number;
  readonly multipartThreshold: number;
}

const MIB = 1024 * 1024;

/** The smallest part size S3 accepts (5 MiB); only the last part may be smaller. */
export const MIN_PART_SIZE = 5 * MIB;

/** Defaults used when an option is omitted. */
export const S3_DEFAULTS = Object.freeze({
  region: 'us-east-1',
  maxAttempts: 5,
  retryMode: 'standard',
  connectionTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  partSize: 8 * MIB,
  queueSize: 4,
  checksum: 'WHEN_REQUIRED',
} as const);

/** The region to use: the option, then the usual AWS environment variables, then `us-east-1`. */
export function resolveRegion(options: S3ConnectionOptions): string {
  return (
    options.region ??
    process.env['AWS_REGION'] ??
    process.env['AWS_DEFAULT_REGION'] ??
    S3_DEFAULTS.region
  );
}

/** The endpoint to use: the option, then `AWS_ENDPOINT_URL_S3`, then `AWS_ENDPOINT_URL`. */
export function resolveEndpoint(options: S3ConnectionOptions): string | undefined {
  const fromEnv =
    process.env['AWS_ENDPOINT_URL_S3'] || process.env['AWS_ENDPOINT_URL'] || undefined;
  return options.endpoint ?? (options.client === undefined ? fromEnv : undefined);
}

/**
 * Applies the defaults to upload tuning and checks it.
 *
 * @throws ConfigError when a part is under 5 MiB, the queue under 1 or a value not an integer.
 */
export function resolveUploadOptions(options: S3UploadOptions): ResolvedUploadOptions {
  const partSize = options.partSize ?? S3_DEFAULTS.partSize;
  const queueSize = options.queueSize ?? S3_DEFAULTS.queueSize;
  const multipartThreshold = options.multipartThreshold ?? partSize;
  const bad =
    !Number.isSafeInteger(partSize) ||
    partSize < MIN_PART_SIZE ||
    !Number.isSafeInteger(queueSize) ||
    queueSize < 1 ||
    !Number.isSafeInteger(multipartThreshold) ||
    multipartThreshold < 0;
  if (bad) {
    const given = JSON.stringify({ partSize, queueSize, multipartThreshold });
    throw new ConfigError(`S3 store upload options are invalid: ${given}.`, {
      details: { partSize, queueSize, multipartThreshold },
      fix: `Use partSize >= ${MIN_PART_SIZE} (5 MiB), queueSize >= 1 and multipartThreshold >= 0 (integers).`,
    });
  }
  return { partSize, queueSize, multipartThreshold };
}
