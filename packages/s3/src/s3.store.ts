import { PassThrough, Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { validateStorePath, validateStorePrefix } from '@stowage/core';
import { objectNotFound, resolveRange } from '@stowage/core/internal';
import type {
  Body,
  ByteRange,
  ListOptions,
  ObjectStat,
  PutOptions,
  PutResult,
  SizedStream,
  Store,
  TemporaryObject,
} from '@stowage/core';
import { createS3Client, describeEndpoint } from './s3-client.factory';
import { isInvalidRange, isNoSuchKey, noBucketError, toS3Error } from './s3-error.mapper';
import type { S3ErrorContext } from './s3-error.mapper';
import { checkBucketName, normalizePrefix, objectKey, storeUrl } from './s3-keys';
import { resolveUploadOptions } from './s3-store-options';
import type { ResolvedUploadOptions, S3StoreOptions } from './s3-store-options';
import { abortUploadOf, listUploadsOf, type UploadScope } from './s3-temporary';
import { uploadBody } from './s3-upload';

/**
 * A store over an S3-compatible bucket (AWS S3, Swift s3api, MinIO, R2, …) under a key prefix.
 *
 * @remarks
 * Store path `a/b.bin` is the object `prefix/a/b.bin`. Uploads stream: small bodies take one
 * PutObject, large or unknown-length ones a multipart upload with bounded memory; sha256 and size
 * are computed while the bytes pass. An object becomes visible only when complete, and failed
 * multipart uploads are aborted. Reads stream straight from S3 (ranged GETs for ranges). There is
 * no local path: `localPath()` returns `undefined`. SDK failures become a `NotFoundError` or a
 * `S3Error` (a `StoreError`) with an `S3_*` code that names the endpoint, bucket and path.
 *
 * @example
 * ```ts
 * const store = new S3Store({ bucket: 'artifacts', prefix: 'team-a', region: 'eu-west-1' });
 * const { sha256 } = await store.put('model/weights.bin', createReadStream('weights.bin'));
 * ```
 */
export class S3Store implements Store {
  /** `s3://bucket/prefix`. */
  readonly url: string;
  /** The bucket holding the objects. */
  readonly bucket: string;
  /** The key prefix (no leading or trailing `/`; empty for the bucket root). */
  readonly prefix: string;
  /** The SDK client used for every request. */
  readonly client: S3Client;
  /** `true`: {@link S3Store.move} is a server-side copy, so big blobs are written in place. */
  readonly moveCopies = true;
  private readonly ownsClient: boolean;
  private readonly endpoint: string;
  private readonly tuning: ResolvedUploadOptions;
  private bucketChecked = false;

  /** @throws ConfigError when the bucket name, prefix or upload options are invalid. */
  constructor(options: S3StoreOptions) {
    this.bucket = checkBucketName(options.bucket);
    this.prefix = normalizePrefix(options.prefix);
    this.url = storeUrl(this.bucket, this.prefix);
    this.tuning = resolveUploadOptions(options);
    this.endpoint = describeEndpoint(options);
    const { client, owned } = createS3Client(options);
    this.client = client;
    this.ownsClient = owned;
  }

  /** @throws InvalidKeyError for a bad path; S3Error (`S3_*`) when S3 or the body fails. */
  async put(path: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    const key = this.key(path);
    const target = { client: this.client, bucket: this.bucket, key, path, storeUrl: this.url };
    try {
      return await uploadBody(target, body, this.tuning, options);
    } catch (error) {
      throw toS3Error(error, this.context('write', path));
    }
  }

  /** @throws NotFoundError when missing; StoreError (`RANGE_INVALID`) or S3Error (`S3_*`) otherwise. */
  async get(path: string, range?: ByteRange): Promise<Buffer> {
    const { body, length } = await this.open(path, range);
    // Copy into one buffer of the announced length: half the peak memory of chunks + concat.
    const out = length === undefined ? undefined : Buffer.allocUnsafe(length);
    const chunks: Buffer[] = [];
    let filled = 0;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        if (out !== undefined && filled + chunk.length <= out.length) chunk.copy(out, filled);
        else chunks.push(chunk);
        filled += chunk.length;
      }
    } catch (error) {
      throw toS3Error(error, this.context('read', path));
    }
    if (out !== undefined && filled === out.length && chunks.length === 0) return out;
    if (out !== undefined) chunks.unshift(out.subarray(0, Math.min(filled, out.length)));
    return Buffer.concat(chunks);
  }

  /**
   * Streams an object; a failure while it streams (a timeout, a reset) is a typed `StoreError`.
   *
   * @remarks
   * A stream left unread for longer than `requestTimeoutMs` fails with `S3_TIMEOUT`: the socket
   * is idle that long, and the SDK gives up on it.
   * @throws NotFoundError when missing; StoreError (`RANGE_INVALID`) or S3Error (`S3_*`) otherwise.
   */
  async stream(path: string, range?: ByteRange): Promise<Readable> {
    const { body } = await this.open(path, range);
    return this.typedErrors(body, path);
  }

  /**
   * Streams a whole object with its size from the GET's `Content-Length`: a verified read of a
   * big artifact file costs one request, with no HEAD before it.
   *
   * @throws NotFoundError when missing; S3Error (`S3_*`) otherwise; the stream fails like
   * {@link S3Store.stream}'s.
   */
  async streamWithSize(path: string): Promise<SizedStream> {
    const { body, length } = await this.open(path);
    const stream = this.typedErrors(body, path);
    return length === undefined ? { stream } : { stream, size: length };
  }

  /** @throws InvalidKeyError for a bad path; S3Error (`S3_NO_BUCKET`, `S3_*`) when S3 fails. */
  async stat(path: string): Promise<ObjectStat | undefined> {
    const key = this.key(path);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { path, size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (!isNoSuchKey(error)) throw toS3Error(error, this.context('stat', path));
    }
    // A HEAD 404 does not say whether the object or the bucket is missing: check the bucket once.
    await this.checkBucket();
    return undefined;
  }

  /**
   * Lists objects under `prefix`; `startAfter` is sent as ListObjectsV2's `StartAfter`, and
   * `pageSize` as `MaxKeys` (1 to 1,000). Each
   * object's ETag is reported as `etag`, without its quotes.
   *
   * @throws InvalidKeyError for a bad prefix; S3Error (`S3_*`) when S3 fails.
   */
  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ObjectStat> {
    validateStorePrefix(prefix, this.url);
    const base = this.prefix === '' ? '' : `${this.prefix}/`;
    const startAfter = options.startAfter === undefined ? undefined : base + options.startAfter;
    const hint = options.pageSize;
    const maxKeys =
      hint === undefined || !Number.isFinite(hint)
        ? undefined
        : Math.min(1000, Math.max(1, Math.ceil(hint)));
    let token: string | undefined;
    do {
      const page = await this.client
        .send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: base + prefix,
            ContinuationToken: token,
            StartAfter: token === undefined ? startAfter : undefined,
            MaxKeys: maxKeys,
          }),
        )
        .catch((error: unknown) => {
          throw toS3Error(error, this.context('list', prefix === '' ? undefined : prefix));
        });
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined || item.Key.endsWith('/')) continue;
        const path = item.Key.slice(base.length);
        const etag = item.ETag?.replace(/^"|"$/g, '');
        yield {
          path,
          size: item.Size ?? 0,
          modifiedAt: item.LastModified ?? new Date(0),
          ...(etag !== undefined && etag !== '' ? { etag } : {}),
        };
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** @throws InvalidKeyError for a bad path; S3Error (`S3_*`) when S3 fails. */
  async delete(path: string): Promise<void> {
    const key = this.key(path);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (!isNoSuchKey(error)) throw toS3Error(error, this.context('delete', path));
    }
  }

  /**
   * Moves an object: a server-side copy (a streamed copy above 5 GiB, the CopyObject limit),
   * then deletes the source. The copy's `LastModified` is the time of the move.
   *
   * @throws NotFoundError when `from` does not exist; S3Error (`S3_*`) when S3 fails.
   */
  async move(from: string, to: string): Promise<void> {
    const source = this.key(from);
    const target = this.key(to);
    const stat = await this.stat(from);
    if (stat === undefined) throw objectNotFound(from, this.url);
    if (stat.size > MAX_COPY_BYTES) {
      await this.put(to, await this.stream(from));
    } else {
      try {
        await this.client.send(
          new CopyObjectCommand({
            Bucket: this.bucket,
            Key: target,
            CopySource: `${this.bucket}/${source.split('/').map(encodeURIComponent).join('/')}`,
          }),
        );
      } catch (error) {
        if (isNoSuchKey(error)) throw objectNotFound(from, this.url, error);
        throw toS3Error(error, this.context('move', from));
      }
    }
    await this.delete(from);
  }

  /** Multipart uploads under the prefix never completed (a killed writer's parts, still billed). */
  listTemporary(): AsyncIterable<TemporaryObject> {
    return listUploadsOf(this.uploadScope());
  }

  /** Aborts an upload {@link S3Store.listTemporary} reported. */
  deleteTemporary(item: TemporaryObject): Promise<boolean> {
    return abortUploadOf(this.uploadScope(), item);
  }

  /** Always `undefined`: S3 objects have no local path (data items download to a temp file). */
  localPath(): string | undefined {
    return undefined;
  }

  /** Destroys the SDK client when the store built it (a client passed in is left alone). */
  async close(): Promise<void> {
    if (this.ownsClient) this.client.destroy();
  }

  /** Starts a (ranged) GET: the body stream and its length when the service announced it. */
  private async open(
    path: string,
    range?: ByteRange,
  ): Promise<{ body: Readable; length?: number }> {
    const key = this.key(path);
    resolveRange(range, Number.MAX_SAFE_INTEGER, path, this.url);
    if (range !== undefined && range.end !== undefined && range.end <= range.start) {
      if ((await this.stat(path)) === undefined) throw objectNotFound(path, this.url);
      return { body: Readable.from([], { objectMode: false }), length: 0 };
    }
    let output: GetObjectCommandOutput;
    try {
      output = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: httpRange(range) }),
      );
    } catch (error) {
      // 416: the range starts at or past the end; like the other stores, answer with no bytes.
      if (isInvalidRange(error))
        return { body: Readable.from([], { objectMode: false }), length: 0 };
      throw toS3Error(error, this.context('read', path));
    }
    if (!(output.Body instanceof Readable)) {
      throw toS3Error(
        new Error('the response body is not a Node.js stream'),
        this.context('read', path),
      );
    }
    return output.ContentLength === undefined
      ? { body: output.Body }
      : { body: output.Body, length: output.ContentLength };
  }

  /** `body` piped through a stream that fails with a typed error when the body fails. */
  private typedErrors(body: Readable, path: string): Readable {
    const out = new PassThrough();
    body.on('error', (error: unknown) => out.destroy(toS3Error(error, this.context('read', path))));
    out.on('close', () => body.destroy());
    return body.pipe(out);
  }

  private uploadScope(): UploadScope {
    return {
      client: this.client,
      bucket: this.bucket,
      base: this.prefix === '' ? '' : `${this.prefix}/`,
      context: (operation, path) => this.context(operation, path),
    };
  }

  private key(path: string): string {
    return objectKey(this.prefix, validateStorePath(path, this.url));
  }

  private context(operation: string, path?: string): S3ErrorContext {
    const base = { operation, storeUrl: this.url, bucket: this.bucket, endpoint: this.endpoint };
    return path === undefined ? base : { ...base, path };
  }

  private async checkBucket(): Promise<void> {
    if (this.bucketChecked) return;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      throw isNoSuchKey(error)
        ? noBucketError(this.context('stat'), error)
        : toS3Error(error, this.context('stat'));
    }
    this.bucketChecked = true;
  }
}

/** The largest object one CopyObject request copies (5 GiB). */
const MAX_COPY_BYTES = 5 * 1024 ** 3;

/** The HTTP Range header of a half-open range (`undefined` for the whole object). */
function httpRange(range: ByteRange | undefined): string | undefined {
  if (range === undefined || (range.start === 0 && range.end === undefined)) return undefined;
  return range.end === undefined
    ? `bytes=${range.start}-`
    : `bytes=${range.start}-${range.end - 1}`;
}
