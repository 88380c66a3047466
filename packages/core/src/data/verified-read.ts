import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Store } from '../stores/store';
import { isMissing, objectNotFound, storeFailure } from '../stores/store-errors';
import { integrityMismatch, type ExpectedContent } from './integrity';
import { lazyStream } from './lazy-stream';

/** Bytes per read call: large enough to amortise the threadpool round trip, small enough to overlap. */
const READ_CHUNK = 8 * 1024 * 1024;

/** Reads a local file into one buffer sized from `fstat`, hashing chunk i while chunk i+1 is read. */
async function readLocalVerified(file: string, expected: ExpectedContent): Promise<Buffer> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (isMissing(error)) throw objectNotFound(expected.path, expected.store, error);
    throw storeFailure('open', expected.path, expected.store, error);
  }
  try {
    const { size } = await handle.stat();
    if (size !== expected.size) throw integrityMismatch(expected, { size });
    const buffer = Buffer.allocUnsafe(size);
    const hash = expected.sha256 === undefined ? undefined : createHash('sha256');
    let offset = 0;
    let reading = size > 0 ? handle.read(buffer, 0, Math.min(READ_CHUNK, size), 0) : undefined;
    while (reading !== undefined) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) throw integrityMismatch(expected, { size: offset });
      const start = offset;
      offset += bytesRead;
      reading =
        offset < size
          ? handle.read(buffer, offset, Math.min(READ_CHUNK, size - offset), offset)
          : undefined;
      hash?.update(buffer.subarray(start, offset));
    }
    const sha256 = hash?.digest('hex');
    if (sha256 !== undefined && sha256 !== expected.sha256)
      throw integrityMismatch(expected, { sha256 });
    return buffer;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Up to this many bytes, a read trusts the record's size to preallocate; above, it asks the store. */
const TRUSTED_PREALLOCATION = 8 * 1024 * 1024;

/**
 * Opens a remote object for a read into a buffer of `expected.size`, checking first that the
 * object really has that size when it is above {@link TRUSTED_PREALLOCATION}.
 *
 * @remarks
 * A store that announces the size with the stream (`streamWithSize`, S3's `Content-Length`) is
 * checked against that: one request. Otherwise (or when it announced none) the size comes from
 * `stat` before the stream is opened: two requests.
 */
async function openSized(store: Store, expected: ExpectedContent): Promise<Readable> {
  if (store.streamWithSize !== undefined) {
    const { stream, size } = await store.streamWithSize(expected.path);
    if (size === undefined ? expected.size <= TRUSTED_PREALLOCATION : size === expected.size)
      return stream;
    stream.destroy();
    if (size !== undefined) throw integrityMismatch(expected, { size });
  }
  if (expected.size > TRUSTED_PREALLOCATION) {
    const stat = await store.stat(expected.path);
    if (stat === undefined) throw objectNotFound(expected.path, expected.store);
    if (stat.size !== expected.size) throw integrityMismatch(expected, { size: stat.size });
  }
  return store.stream(expected.path);
}

/**
 * Reads a remote object by streaming it into one preallocated buffer while hashing.
 *
 * @remarks
 * The buffer is sized by the record only up to 8 MiB; a larger recorded size is first checked
 * against the size the store announces with the stream, or else its `stat` (see
 * {@link openSized}), so a damaged size can never allocate more than the object holds.
 */
async function readStreamVerified(store: Store, expected: ExpectedContent): Promise<Buffer> {
  const stream = await openSized(store, expected);
  let buffer: Buffer;
  try {
    buffer = Buffer.allocUnsafe(expected.size);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  const hash = createHash('sha256');
  let offset = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    if (offset + bytes.length > expected.size)
      throw integrityMismatch(expected, { size: offset + bytes.length });
    bytes.copy(buffer, offset);
    hash.update(bytes);
    offset += bytes.length;
  }
  if (offset !== expected.size) throw integrityMismatch(expected, { size: offset });
  const sha256 = hash.digest('hex');
  if (expected.sha256 !== undefined && sha256 !== expected.sha256)
    throw integrityMismatch(expected, { sha256 });
  return buffer;
}

/**
 * Reads a whole stored file and checks it against its record.
 *
 * @remarks
 * From a local store the file is read straight into one buffer of the recorded size (no
 * intermediate copies), hashing each chunk while the next is read. Other stores are streamed.
 *
 * @throws IntegrityError when the size or sha256 differs; NotFoundError when the object is gone.
 */
export async function readVerified(store: Store, expected: ExpectedContent): Promise<Buffer> {
  const local = store.localPath?.(expected.path);
  return local !== undefined
    ? readLocalVerified(local, expected)
    : readStreamVerified(store, expected);
}

/** The chunks of `source`, failing with an `IntegrityError` when they differ from `expected`. */
async function* verifiedChunks(
  source: AsyncIterable<Buffer>,
  expected: ExpectedContent,
): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > expected.size) throw integrityMismatch(expected, { size });
    hash.update(chunk);
    yield chunk;
  }
  if (size !== expected.size) throw integrityMismatch(expected, { size });
  const sha256 = hash.digest('hex');
  if (expected.sha256 !== undefined && sha256 !== expected.sha256)
    throw integrityMismatch(expected, { sha256 });
}

/**
 * A stream of `source` that fails with an `IntegrityError` at the end when the bytes differ.
 *
 * @remarks
 * Too many bytes fail as soon as they arrive; a wrong hash or a short stream fails at the end.
 * Consumers must treat data as untrusted until the stream ends without an error. Nothing is read
 * before the consumer reads (see {@link lazyStream}), so the error reaches a consumer that
 * attaches late instead of crashing the process.
 */
export function verifyingStream(source: Readable, expected: ExpectedContent): Readable {
  return lazyStream(source, (chunks) => verifiedChunks(chunks, expected));
}

/**
 * The bytes of a file kept inside its record (base64), checked against the recorded size and
 * sha256 like bytes read from the store.
 *
 * @throws IntegrityError when the size or sha256 differs.
 */
export function readInlineVerified(base64: string, expected: ExpectedContent): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength !== expected.size)
    throw integrityMismatch(expected, { size: bytes.byteLength });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (expected.sha256 !== undefined && sha256 !== expected.sha256)
    throw integrityMismatch(expected, { sha256 });
  return bytes;
}
