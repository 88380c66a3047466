import { createReadStream } from 'node:fs';
import type { Body } from './store';

/** Chunk size used to read `{ path }` bodies. */
const FILE_CHUNK = 4 * 1024 * 1024;

/** True when `body` is a single buffer (or typed-array view of bytes). */
export function isBufferBody(body: Body): body is Uint8Array {
  return body instanceof Uint8Array;
}

/** True when `body` is a list of buffers written back to back. */
export function isVectoredBody(body: Body): body is readonly Uint8Array[] {
  return Array.isArray(body);
}

/** True when `body` names a local file to copy. */
export function isPathBody(body: Body): body is { readonly path: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    !(body instanceof Uint8Array) &&
    !Array.isArray(body) &&
    typeof (body as { path?: unknown }).path === 'string' &&
    !(Symbol.asyncIterator in body)
  );
}

/**
 * The chunks of any {@link Body}, in order, without copying buffers.
 *
 * @remarks
 * Streams and async iterables are consumed lazily; a `{ path }` body is read with 4 MiB chunks.
 * Strings yielded by a stream in text mode are encoded as UTF-8.
 */
export async function* bodyChunks(body: Body): AsyncGenerator<Uint8Array> {
  if (isBufferBody(body)) {
    yield body;
  } else if (isVectoredBody(body)) {
    yield* body;
  } else if (isPathBody(body)) {
    yield* createReadStream(body.path, { highWaterMark: FILE_CHUNK }) as AsyncIterable<Buffer>;
  } else {
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    }
  }
}

/** A byte view of any typed array or buffer, without copying. */
export function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
