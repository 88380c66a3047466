import { S3Client } from '@aws-sdk/client-s3';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { S3_DEFAULTS, resolveEndpoint, resolveRegion } from './s3-store-options';
import type { S3ConnectionOptions } from './s3-store-options';

/** An S3 client and whether the caller that built it owns (and so must destroy) it. */
export interface OwnedS3Client {
  readonly client: S3Client;
  readonly owned: boolean;
}

/**
 * Builds the SDK client configuration for an S3-compatible service.
 *
 * @remarks
 * Checksums default to `WHEN_REQUIRED` both ways (Swift rejects `aws-chunked` bodies);
 * path-style addressing defaults to on when an endpoint is given (or set by
 * `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`); retries use the SDK's standard
 * strategy (exponential backoff with jitter on throttling, 5xx, connection errors and timeouts).
 * Every attempt is bounded: `connectionTimeoutMs` for the TCP connection, then
 * `requestTimeoutMs` of socket inactivity (the SDK's `socketTimeout`, which also covers a
 * response body that stops arriving).
 */
export function s3ClientConfig(options: S3ConnectionOptions): S3ClientConfig {
  const endpoint = resolveEndpoint(options);
  const config: S3ClientConfig = {
    region: resolveRegion(options),
    forcePathStyle: options.forcePathStyle ?? endpoint !== undefined,
    maxAttempts: options.maxAttempts ?? S3_DEFAULTS.maxAttempts,
    retryMode: options.retryMode ?? S3_DEFAULTS.retryMode,
    requestChecksumCalculation: options.requestChecksumCalculation ?? S3_DEFAULTS.checksum,
    responseChecksumValidation: options.responseChecksumValidation ?? S3_DEFAULTS.checksum,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? S3_DEFAULTS.connectionTimeoutMs,
      socketTimeout: options.requestTimeoutMs ?? S3_DEFAULTS.requestTimeoutMs,
    },
  };
  if (endpoint !== undefined) config.endpoint = endpoint;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  return config;
}

/** The client given in the options (not owned), or a new one built from them (owned). */
export function createS3Client(options: S3ConnectionOptions): OwnedS3Client {
  if (options.client !== undefined) return { client: options.client, owned: false };
  return { client: new S3Client(s3ClientConfig(options)), owned: true };
}

/** A human-readable name of the service the options point at, for error messages. */
export function describeEndpoint(options: S3ConnectionOptions): string {
  if (options.client !== undefined && options.endpoint === undefined) {
    return 'the endpoint of the given S3 client';
  }
  const endpoint = resolveEndpoint(options);
  if (endpoint !== undefined) return endpoint;
  return `AWS S3 (region ${resolveRegion(options)})`;
}
