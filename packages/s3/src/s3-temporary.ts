import { AbortMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { TemporaryObject } from '@stowage/core';
import { isNoSuchKey, toS3Error } from './s3-error.mapper';
import type { S3ErrorContext } from './s3-error.mapper';

/** Where an {@link S3Store}'s uploads live: its client, bucket and key prefix (`''` or `p/`). */
export interface UploadScope {
  readonly client: S3Client;
  readonly bucket: string;
  /** The key prefix of the store followed by `/`, or `''` for the bucket root. */
  readonly base: string;
  readonly context: (operation: string, path?: string) => S3ErrorContext;
}

/**
 * Lists the multipart uploads under the store's prefix that were never completed or aborted.
 *
 * @remarks
 * An upload without an `Initiated` time is reported as started now, so no grace period ever
 * lets it be aborted by mistake. Sizes are not reported (that takes one request per upload).
 * @throws S3Error (`S3_*`) when S3 refuses or cannot be reached.
 */
export async function* listUploadsOf(scope: UploadScope): AsyncGenerator<TemporaryObject> {
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await scope.client
      .send(
        new ListMultipartUploadsCommand({
          Bucket: scope.bucket,
          Prefix: scope.base === '' ? undefined : scope.base,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
      )
      .catch((error: unknown) => {
        throw toS3Error(error, scope.context('list uploads'));
      });
    for (const u of page.Uploads ?? []) {
      if (u.Key === undefined || u.UploadId === undefined) continue;
      yield {
        kind: 'upload',
        path: u.Key.slice(scope.base.length),
        modifiedAt: u.Initiated ?? new Date(),
        id: u.UploadId,
      };
    }
    if (page.IsTruncated !== true) return;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}

/**
 * Aborts one upload {@link listUploadsOf} reported (its parts are freed); an upload that is
 * already gone counts as aborted.
 *
 * @throws S3Error (`S3_*`) when S3 refuses or cannot be reached.
 */
export async function abortUploadOf(scope: UploadScope, item: TemporaryObject): Promise<boolean> {
  if (item.kind !== 'upload' || item.id === undefined) return false;
  try {
    await scope.client.send(
      new AbortMultipartUploadCommand({
        Bucket: scope.bucket,
        Key: scope.base + item.path,
        UploadId: item.id,
      }),
    );
  } catch (error) {
    if (!isNoSuchKey(error)) throw toS3Error(error, scope.context('abort upload', item.path));
  }
  return true;
}
