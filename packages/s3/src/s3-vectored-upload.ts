import type { Hash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { PutOptions } from '@stowage/core';
import type { ResolvedUploadOptions } from './s3-store-options';
import type { UploadTarget } from './s3-upload';

/** Bytes `[start, end)` of the buffers laid end to end: a view when one buffer holds them all. */
function slice(buffers: readonly Buffer[], starts: readonly number[], start: number, end: number) {
  const pieces: Buffer[] = [];
  for (let i = 0; i < buffers.length && starts[i]! < end; i += 1) {
    const buffer = buffers[i]!;
    const from = Math.max(start - starts[i]!, 0);
    const to = Math.min(end - starts[i]!, buffer.byteLength);
    if (to > from) pieces.push(buffer.subarray(from, to));
  }
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, end - start);
}

/**
 * Uploads in-memory buffers (a vectored body) as one multipart upload, each part a view of the
 * buffers (only a part that straddles two buffers is copied), `queueSize` parts in flight, each
 * hashed in order as it is handed to S3.
 *
 * @remarks
 * lib-storage's `Upload` would read the buffers as a stream and copy them into parts (the first
 * large buffer after a small header whole). On failure the upload is aborted on the server.
 */
export async function putVectoredMultipart(
  target: UploadTarget,
  buffers: readonly Buffer[],
  tuning: ResolvedUploadOptions,
  options: PutOptions,
  hash: Hash,
): Promise<number> {
  const starts: number[] = [];
  let total = 0;
  for (const buffer of buffers) {
    starts.push(total);
    total += buffer.byteLength;
  }
  const { Bucket, Key } = { Bucket: target.bucket, Key: target.key };
  const created = await target.client.send(
    new CreateMultipartUploadCommand({ Bucket, Key, ContentType: options.contentType }),
  );
  const UploadId = created.UploadId;
  const count = Math.ceil(total / tuning.partSize);
  const etags: string[] = [];
  let next = 0;
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const start = index * tuning.partSize;
      const body = slice(buffers, starts, start, Math.min(start + tuning.partSize, total));
      hash.update(body);
      const part = await target.client.send(
        new UploadPartCommand({
          Bucket,
          Key,
          UploadId,
          PartNumber: index + 1,
          Body: body,
          ContentLength: body.byteLength,
        }),
      );
      etags[index] = part.ETag ?? '';
      sent += body.byteLength;
      options.onProgress?.(sent);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(tuning.queueSize, count) }, worker));
    await target.client.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
  } catch (error) {
    // Parts still in flight finish on their own; the abort removes whatever they stored.
    next = count;
    await target.client
      .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }))
      .catch(() => undefined);
    throw error;
  }
  return total;
}
