import { createHash, type Hash } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { isLateChunks, type LateChunks } from '../late-chunks';
import { bodyChunks, isBufferBody, isVectoredBody } from './body';
import { EarlyFlush, FLUSH_SLICE_BYTES } from './early-flush';
import type { Body, PutResult } from './store';

/**
 * Bytes hashed between two turns of the event loop: small enough (≈ 0.6 ms of sha256) that the
 * completion of one slice's write starts the next write (and an early fsync) without waiting.
 */
const HASH_SLICE_BYTES = 1024 * 1024;
/** Streamed chunks are gathered until this many bytes before a write is issued. */
const STREAM_BATCH_BYTES = 1024 * 1024;

/**
 * Writes every byte of `buffers` at `position` (default: the handle's current position),
 * retrying short writes.
 */
async function writevAll(
  handle: FileHandle,
  buffers: Uint8Array[],
  position?: number,
): Promise<void> {
  let rest = buffers;
  let remaining = rest.reduce((n, b) => n + b.byteLength, 0);
  let at = position;
  while (remaining > 0) {
    const { bytesWritten } = await handle.writev(rest, at);
    if (at !== undefined) at += bytesWritten;
    remaining -= bytesWritten;
    if (remaining === 0) return;
    let skip = bytesWritten;
    const next: Uint8Array[] = [];
    for (const b of rest) {
      if (skip >= b.byteLength) skip -= b.byteLength;
      else {
        next.push(skip > 0 ? b.subarray(skip) : b);
        skip = 0;
      }
    }
    rest = next;
  }
}

/** Splits buffers into batches of about `batchBytes`, as views (no copies). */
function* batches(buffers: readonly Uint8Array[], batchBytes: number): Generator<Uint8Array[]> {
  let batch: Uint8Array[] = [];
  let bytes = 0;
  for (const buffer of buffers) {
    let off = 0;
    while (off < buffer.byteLength) {
      const take = Math.min(buffer.byteLength - off, batchBytes - bytes);
      batch.push(take === buffer.byteLength ? buffer : buffer.subarray(off, off + take));
      bytes += take;
      off += take;
      if (bytes >= batchBytes) {
        yield batch;
        batch = [];
        bytes = 0;
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** Bytes in a list of buffers. */
function bytesOf(buffers: readonly Uint8Array[]): number {
  return buffers.reduce((n, b) => n + b.byteLength, 0);
}

/**
 * Writes `views` back to back from `position` in slices of {@link FLUSH_SLICE_BYTES} (one
 * vectored write each), telling `flush` after each slice.
 */
async function writeSlices(
  handle: FileHandle,
  views: readonly Uint8Array[],
  flush: EarlyFlush,
  position: number,
): Promise<void> {
  let at = position;
  for (const slice of batches(views, FLUSH_SLICE_BYTES)) {
    await writevAll(handle, slice, at);
    const bytes = bytesOf(slice);
    at += bytes;
    flush.wrote(bytes);
  }
}

/**
 * Writes in-memory buffers in slices on libuv's threadpool, fsyncing early (see
 * {@link EarlyFlush}) when `sync` is set, while this thread hashes the same bytes.
 *
 * @remarks
 * Writes to the page cache are quick; the disk works at the fsync. With early fsyncs the disk
 * starts on the first slice while the next are copied, and sha256 (on this thread) overlaps both.
 * The hash gives the event loop a turn every {@link HASH_SLICE_BYTES}, so each slice's completion
 * starts the next write at once.
 */
async function writeBuffers(
  handle: FileHandle,
  buffers: readonly Uint8Array[],
  hash: Hash,
  progress: Progress,
  sync: boolean,
): Promise<number> {
  const views = buffers.filter((b) => b.byteLength > 0);
  const size = bytesOf(views);
  const flush = new EarlyFlush(handle, sync);
  const writing = writeSlices(handle, views, flush, 0).then(() => {
    progress?.(size);
    return flush.finish();
  });
  // Handled now so a failed write is not an unhandled rejection while hashing; awaited below.
  writing.catch(() => undefined);
  try {
    await hashInSlices(views, hash, size);
  } finally {
    // Never leave a write or an fsync running on a handle the caller is about to close.
    await writing.catch(() => undefined);
    await flush.settle();
  }
  await writing;
  return size;
}

/** Hashes `views` in {@link HASH_SLICE_BYTES} slices, giving the event loop a turn between them. */
async function hashInSlices(views: readonly Uint8Array[], hash: Hash, size: number): Promise<void> {
  let hashed = 0;
  for (const batch of batches(views, HASH_SLICE_BYTES)) {
    for (const b of batch) {
      hash.update(b);
      hashed += b.byteLength;
    }
    if (hashed < size) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Writes all of `bytes` at `position` of the open file `fd`, on this thread. */
function writeAllSync(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.byteLength;)
    done += writeSync(fd, bytes, done, bytes.byteLength - done, position + done);
}

/**
 * Writes a {@link LateChunks} body: every chunk known now goes out at once, in slices with early
 * fsyncs (zeros standing in for the late ones), while this thread fills in the late chunks;
 * those are then written over their zeros, the file fsynced once more, and sha256 taken in file
 * order meanwhile.
 *
 * @remarks
 * For a `.npz` the late chunks are its zip headers and `fill` computes the arrays' CRC-32 (≈ 23 ms
 * per 128 MiB here): it overlaps the arrays' way to the disk instead of delaying it (before early
 * fsyncs, the one fsync waited for it). The late chunks are small (zip headers): they are written
 * on this thread, in the turn where both the slices' writes and `fill` are done, and the final
 * fsync is started in that same turn; it covers every byte. The chunks `late` are not handed to
 * the slices' writes (`fill` writes into them meanwhile): separate zero buffers stand in for them.
 */
async function writeLateChunks(
  handle: FileHandle,
  body: LateChunks,
  hash: Hash,
  progress: Progress,
  sync: boolean,
): Promise<number> {
  const { chunks } = body;
  const late = new Set(body.late);
  const positions: number[] = [];
  let size = 0;
  for (const chunk of chunks) {
    positions.push(size);
    size += chunk.byteLength;
  }
  const zeros = Buffer.alloc(Math.max(0, ...body.late.map((i) => chunks[i]?.byteLength ?? 0)));
  const first = chunks
    .map((c, i) => (late.has(i) ? zeros.subarray(0, c.byteLength) : c))
    .filter((c) => c.byteLength > 0);
  const flush = new EarlyFlush(handle, sync);
  const early = writeSlices(handle, first, flush, 0);
  early.catch(() => undefined);
  let writing: Promise<void> = early;
  try {
    const filled = body.fill();
    writing = Promise.all([early, filled]).then(() => {
      for (const i of body.late)
        writeAllSync(handle.fd, chunks[i] as Uint8Array, positions[i] ?? 0);
      progress?.(size);
      return flush.finish();
    });
    writing.catch(() => undefined);
    await filled;
    await hashInSlices(
      chunks.filter((c) => c.byteLength > 0),
      hash,
      size,
    );
  } finally {
    // Never leave a write or an fsync running on a handle the caller is about to close.
    await early.catch(() => undefined);
    await writing.catch(() => undefined);
    await flush.settle();
  }
  await writing;
  return size;
}

/**
 * Writes a streamed body: chunks are hashed as they arrive, while the previous batch is written;
 * a long stream is fsynced early as it goes (see {@link EarlyFlush}), and once more at its end.
 */
async function writeStream(
  handle: FileHandle,
  body: Body,
  hash: Hash,
  progress: Progress,
  sync: boolean,
): Promise<number> {
  const early = new EarlyFlush(handle, sync);
  let size = 0;
  let written = 0;
  let inflight: Promise<void> | undefined;
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (inflight !== undefined) await inflight;
    const bytes = batchBytes;
    const current = batch;
    batch = [];
    batchBytes = 0;
    inflight = writevAll(handle, current).then(() => {
      written += bytes;
      early.wrote(bytes);
      progress?.(written);
    });
  };
  try {
    for await (const chunk of bodyChunks(body)) {
      hash.update(chunk);
      size += chunk.byteLength;
      batch.push(chunk);
      batchBytes += chunk.byteLength;
      if (batchBytes >= STREAM_BATCH_BYTES) await flush();
    }
    if (batchBytes > 0) await flush();
    await inflight;
    await early.finish();
  } catch (error) {
    // Never leave a write or an fsync running on a handle the caller is about to close.
    await inflight?.catch(() => undefined);
    await early.settle();
    throw error;
  }
  return size;
}

type Progress = ((bytesWritten: number) => void) | undefined;

/**
 * Writes `body` to an open file, computing sha256 and size while the bytes are written.
 *
 * @remarks
 * Buffers and vectored bodies are written with `writev` (never concatenated) and, when `sync` is
 * set, fsynced, early and at the end for big ones (see {@link EarlyFlush}); sha256 is computed on
 * the main thread while libuv's threadpool writes and flushes them, so hashing costs little wall
 * time. A {@link LateChunks} body (a `.npz`) is written the same way, its late chunks (zip headers)
 * filled in while the rest is written, then written in place. Streamed bodies are fsynced early
 * as they go and after their last chunk.
 * Streams, async iterables and `{ path }` bodies are consumed chunk by chunk; a yielded chunk
 * must not be reused by its producer afterwards (as with Node streams).
 */
export async function writeBodyToHandle(
  handle: FileHandle,
  body: Body,
  onProgress?: (n: number) => void,
  sync = false,
): Promise<PutResult> {
  const hash = createHash('sha256');
  let size: number;
  if (isBufferBody(body)) size = await writeBuffers(handle, [body], hash, onProgress, sync);
  else if (isVectoredBody(body)) size = await writeBuffers(handle, body, hash, onProgress, sync);
  else if (isLateChunks(body)) size = await writeLateChunks(handle, body, hash, onProgress, sync);
  else size = await writeStream(handle, body, hash, onProgress, sync);
  return { size, sha256: hash.digest('hex') };
}
