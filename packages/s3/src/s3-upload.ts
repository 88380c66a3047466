import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { AbortMultipartUploadCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { StoreError, bodyChunks, errorSummary } from '@stowage/core';
import type { Body, PutOptions, PutResult } from '@stowage/core';
import type { ResolvedUploadOptions } from './s3-store-options';
import { putVectoredMultipart } from './s3-vectored-upload';

/** Where one upload goes. */
export interface UploadTarget {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  /** Store path and URL, for messages about a failing body. */
  readonly path: string;
  readonly storeUrl: string;
}

/** Marks an error thrown by the caller's body (not by S3), so it is reported as such. */
class BodyFailure extends Error {
  constructor(readonly error: unknown) {
    super('the body failed', { cause: error });
  }
}

function view(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function bodyError(target: UploadTarget, error: unknown): StoreError {
  // The cause's summary only: its own "How to fix" stays on the cause.
  const reason = errorSummary(error);
  return new StoreError(
    `Could not write "${target.path}" in ${target.storeUrl}: the body failed: ${reason}`,
    {
      details: { operation: 'write', path: target.path, store: target.storeUrl },
      fix: 'Check the stream or file given as the body; the object at the path (if any) is unchanged.',
      cause: error,
    },
  );
}

async function putSmall(target: UploadTarget, data: Buffer, options: PutOptions): Promise<void> {
  await target.client.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: target.key,
      Body: data,
      ContentLength: data.byteLength,
      ContentType: options.contentType,
    }),
  );
  options.onProgress?.(data.byteLength);
}

async function putMultipart(
  target: UploadTarget,
  body: Buffer | Readable,
  tuning: ResolvedUploadOptions,
  options: PutOptions,
): Promise<void> {
  const upload = new Upload({
    client: target.client,
    partSize: tuning.partSize,
    queueSize: tuning.queueSize,
    leavePartsOnError: false,
    params: {
      Bucket: target.bucket,
      Key: target.key,
      Body: body,
      ContentType: options.contentType,
    },
  });
  const onProgress = options.onProgress;
  if (onProgress !== undefined) {
    upload.on('httpUploadProgress', (p) => {
      if (p.loaded !== undefined) onProgress(p.loaded);
    });
  }
  try {
    await upload.done();
  } catch (error) {
    // lib-storage aborts on failure; abort again in case its own abort request failed
    // (NoSuchUpload then is the expected answer).
    if (upload.uploadId !== undefined) {
      const abort = new AbortMultipartUploadCommand({
        Bucket: target.bucket,
        Key: target.key,
        UploadId: upload.uploadId,
      });
      await target.client.send(abort).catch(() => undefined);
    }
    throw error;
  }
}

/** `head` then the rest of `source`, hashed and counted as they pass to the upload. */
async function* hashed(
  head: readonly Buffer[],
  rest: AsyncIterator<Uint8Array>,
  hash: Hash,
  counter: { size: number },
): AsyncGenerator<Buffer> {
  for (const chunk of head) {
    hash.update(chunk);
    counter.size += chunk.byteLength;
    yield chunk;
  }
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await rest.next();
    } catch (error) {
      throw new BodyFailure(error);
    }
    if (next.done === true) return;
    const chunk = view(next.value);
    hash.update(chunk);
    counter.size += chunk.byteLength;
    yield chunk;
  }
}

async function uploadStreaming(
  target: UploadTarget,
  body: Body,
  tuning: ResolvedUploadOptions,
  options: PutOptions,
  hash: Hash,
): Promise<number> {
  const source = bodyChunks(body)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headSize = 0;
  let readable: Readable | undefined;
  try {
    while (headSize <= tuning.multipartThreshold) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await source.next();
      } catch (error) {
        throw new BodyFailure(error);
      }
      if (next.done === true) {
        const data = head.length === 1 ? head[0]! : Buffer.concat(head, headSize);
        hash.update(data);
        await putSmall(target, data, options);
        return headSize;
      }
      const chunk = view(next.value);
      headSize += chunk.byteLength;
      head.push(chunk);
    }
    // The head was read but not hashed: `hashed` hashes every chunk as it goes to the upload.
    const counter = { size: 0 };
    readable = Readable.from(hashed(head.splice(0), source, hash, counter), { objectMode: false });
    await putMultipart(target, readable, tuning, options);
    return counter.size;
  } finally {
    readable?.destroy();
    await source.return?.(undefined).catch(() => undefined);
  }
}

/**
 * Uploads a body to one S3 object, computing its sha256 and size while the bytes pass.
 *
 * @remarks
 * A single buffer up to `multipartThreshold` bytes, and any body that turns out to be that small,
 * is sent with one PutObject. A larger list of buffers is sent as a multipart upload of views
 * into them (no copy, see `putVectoredMultipart`); anything else larger, or a stream still going
 * past the threshold, goes through lib-storage's multipart `Upload`, which holds about
 * `partSize × (queueSize + 1)` bytes.
 * Either way the object appears only when complete (PutObject / CompleteMultipartUpload); a failed
 * multipart upload is aborted on the server, so no parts are left behind.
 *
 * @throws StoreError when the body itself fails; SDK errors are rethrown for the caller to map.
 */
export async function uploadBody(
  target: UploadTarget,
  body: Body,
  tuning: ResolvedUploadOptions,
  options: PutOptions = {},
): Promise<PutResult> {
  const hash = createHash('sha256');
  const report = options.onProgress;
  let reported = -1;
  // Parts finish out of order, so progress reports only ever move forward.
  const progress = (n: number) => {
    if (n > reported) {
      reported = n;
      report?.(n);
    }
  };
  const done = (size: number): PutResult => {
    progress(size);
    return { size, sha256: hash.digest('hex') };
  };
  options = report === undefined ? options : { ...options, onProgress: progress };
  try {
    if (body instanceof Uint8Array) {
      const data = view(body);
      hash.update(data);
      if (data.byteLength <= tuning.multipartThreshold) await putSmall(target, data, options);
      else await putMultipart(target, data, tuning, options);
      return done(data.byteLength);
    }
    if (Array.isArray(body)) {
      const buffers = (body as readonly Uint8Array[]).map(view);
      const size = buffers.reduce((n, b) => n + b.byteLength, 0);
      if (size > tuning.multipartThreshold)
        return done(await putVectoredMultipart(target, buffers, tuning, options, hash));
    }
    return done(await uploadStreaming(target, body, tuning, options, hash));
  } catch (error) {
    if (error instanceof BodyFailure) throw bodyError(target, error.error);
    throw error;
  }
}
