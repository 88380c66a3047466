// Public API of @stowage/s3. Named exports only; no side effects.
export { S3Store } from './s3.store';
export type {
  S3StoreOptions,
  S3ConnectionOptions,
  S3UploadOptions,
  ResolvedUploadOptions,
} from './s3-store-options';
export { S3_DEFAULTS, MIN_PART_SIZE } from './s3-store-options';
export { s3ClientConfig } from './s3-client.factory';
export {
  ensureBucket,
  deleteBucket,
  listIncompleteUploads,
  abortIncompleteUploads,
} from './s3-bucket';
export type { S3BucketOptions, IncompleteUpload } from './s3-bucket';
export { parseS3Uri } from './s3-uri';
export type { S3Uri } from './s3-uri';
export { openS3Store, s3UriResolver } from './s3-uri.resolver';
export type { S3ResolverOptions, S3UriResolver } from './s3-uri.resolver';
export { S3Error } from './s3.error';
export type { S3ErrorInit } from './s3.error';
export { S3_ERROR_CODES } from './s3-error-codes';
export type { S3ErrorCode, S3ErrorCodes } from './s3-error-codes';
