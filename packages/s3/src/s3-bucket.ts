import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client, describeEndpoint } from './s3-client.factory';
import { isNoSuchBucket, isNoSuchKey, toS3Error } from './s3-error.mapper';
import { checkBucketName, normalizePrefix, storeUrl } from './s3-keys';
import type { S3ConnectionOptions } from './s3-store-options';

/** A bucket on an S3-compatible service, with an optional key prefix. */
export interface S3BucketOptions extends S3ConnectionOptions {
  readonly bucket: string;
  /** Limits `abortIncompleteUploads` to keys under this prefix. */
  readonly prefix?: string;
}

/** A multipart upload that was started and never completed or aborted. */
export interface IncompleteUpload {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: Date | undefined;
}

async function withClient<T>(
  options: S3BucketOptions,
  op: string,
  fn: (c: S3Client) => Promise<T>,
): Promise<T> {
  const bucket = checkBucketName(options.bucket);
  const { client, owned } = createS3Client(options);
  const ctx = {
    operation: op,
    bucket,
    storeUrl: storeUrl(bucket, ''),
    endpoint: describeEndpoint(options),
  };
  try {
    return await fn(client);
  } catch (error) {
    throw toS3Error(error, ctx);
  } finally {
    if (owned) client.destroy();
  }
}

/**
 * Creates the bucket unless it exists already (for tests and first-time setup).
 *
 * @returns `true` when the bucket was created, `false` when it existed.
 * @throws S3Error (`S3_ACCESS_DENIED`, `S3_UNREACHABLE`, …) when S3 refuses or cannot be reached.
 */
export async function ensureBucket(options: S3BucketOptions): Promise<boolean> {
  return withClient(options, 'create bucket', async (client) => {
    try {
      await client.send(new HeadBucketCommand({ Bucket: options.bucket }));
      return false;
    } catch (error) {
      if (!isNoSuchKey(error) && !isNoSuchBucket(error)) throw error;
    }
    try {
      await client.send(new CreateBucketCommand({ Bucket: options.bucket }));
      return true;
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (name === 'BucketAlreadyOwnedByYou' || name === 'BucketAlreadyExists') return false;
      throw error;
    }
  });
}

/**
 * Deletes every object in the bucket, aborts its incomplete uploads, then deletes the bucket.
 *
 * @remarks
 * Meant for tests and teardown. A missing bucket is not an error.
 * @throws S3Error (`S3_*`) when S3 refuses or cannot be reached.
 */
export async function deleteBucket(options: S3BucketOptions): Promise<void> {
  await withClient(options, 'delete bucket', async (client) => {
    try {
      await abortAll(client, options.bucket, '', Infinity);
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: options.bucket, ContinuationToken: token }),
        );
        const keys = (page.Contents ?? []).map((item) => item.Key);
        // Eight deletes in flight: one at a time is slow, all at once floods the service.
        for (let i = 0; i < keys.length; i += 8) {
          const batch = keys.slice(i, i + 8);
          await Promise.all(
            batch.map((Key) =>
              client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key })),
            ),
          );
        }
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      await client.send(new DeleteBucketCommand({ Bucket: options.bucket }));
    } catch (error) {
      if (!isNoSuchBucket(error)) throw error;
    }
  });
}

/**
 * Lists the multipart uploads under the prefix that were never completed or aborted.
 *
 * @throws S3Error (`S3_*`) when S3 refuses or cannot be reached.
 */
export async function listIncompleteUploads(options: S3BucketOptions): Promise<IncompleteUpload[]> {
  return withClient(options, 'list uploads', (client) =>
    listUploads(client, options.bucket, options.prefix),
  );
}

/**
 * Aborts multipart uploads under the prefix started more than `olderThanMs` ago (default 1 day).
 *
 * @remarks
 * `olderThanMs <= 0` aborts every incomplete upload under the prefix, whatever the clocks say
 * (the service's clock decides `initiated`; do not do this while writers are running).
 * A process killed in the middle of a multipart upload leaves its parts behind (invisible, but
 * billed). Run this now and then, or set a bucket lifecycle rule "AbortIncompleteMultipartUpload".
 * @returns the uploads that were aborted.
 * @throws S3Error (`S3_*`) when S3 refuses or cannot be reached.
 */
export async function abortIncompleteUploads(
  options: S3BucketOptions,
  olderThanMs = 24 * 60 * 60 * 1000,
): Promise<IncompleteUpload[]> {
  const before = olderThanMs <= 0 ? Infinity : Date.now() - olderThanMs;
  return withClient(options, 'abort uploads', (client) =>
    abortAll(client, options.bucket, options.prefix, before),
  );
}

async function listUploads(
  client: S3Client,
  bucket: string,
  prefix?: string,
): Promise<IncompleteUpload[]> {
  const base = normalizePrefix(prefix);
  const found: IncompleteUpload[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await client.send(
      new ListMultipartUploadsCommand({
        Bucket: bucket,
        Prefix: base === '' ? undefined : `${base}/`,
        KeyMarker: keyMarker,
        UploadIdMarker: uploadIdMarker,
      }),
    );
    for (const u of page.Uploads ?? []) {
      if (u.Key !== undefined && u.UploadId !== undefined) {
        found.push({ key: u.Key, uploadId: u.UploadId, initiated: u.Initiated });
      }
    }
    if (page.IsTruncated !== true) return found;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}

async function abortAll(
  client: S3Client,
  bucket: string,
  prefix: string | undefined,
  before: number,
) {
  const old = (await listUploads(client, bucket, prefix)).filter(
    (u) => before === Infinity || u.initiated === undefined || u.initiated.getTime() <= before,
  );
  for (const u of old) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.key, UploadId: u.uploadId }))
      .catch((error: unknown) => {
        if (!isNoSuchKey(error)) throw error;
      });
  }
  return old;
}
