import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { bodyChunks } from './body';
import type { Body, ByteRange, ObjectStat, PutOptions, PutResult, Store } from './store';
import { objectNotFound, resolveRange, storeFailure } from './store-errors';
import { validateStorePath, validateStorePrefix } from './store-path';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Name shown in the store URL `memory://<name>` (default: a random id). */
  readonly name?: string;
}

interface MemoryObject {
  readonly data: Buffer;
  readonly modifiedAt: Date;
}

/**
 * A store that keeps objects in memory: for tests and short-lived pipelines.
 *
 * @remarks
 * Bytes are copied on `put` (later changes to the caller's buffers do not leak in) and an object
 * becomes visible only once its whole body has been read. Returned buffers are copies too. Each
 * instance is independent: there is no shared global memory store.
 *
 * @example
 * ```ts
 * const store = new MemoryStore({ name: 'test' });
 * await store.put('a.txt', Buffer.from('hi'));
 * ```
 */
export class MemoryStore implements Store {
  readonly url: string;
  /** `put` waits for `PutOptions.after` before the object is set. */
  readonly putAfter = true;
  private readonly objects = new Map<string, MemoryObject>();

  constructor(options: MemoryStoreOptions = {}) {
    this.url = `memory://${options.name ?? randomBytes(6).toString('hex')}`;
  }

  /** @throws InvalidKeyError for a bad path; StoreError when the body fails. */
  async put(path: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    validateStorePath(path, this.url);
    // Awaited once the bytes are in; a rejection meanwhile is not an unhandled one.
    options.after?.catch(() => undefined);
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of bodyChunks(body)) {
        hash.update(chunk);
        chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        size += chunk.byteLength;
        options.onProgress?.(size);
      }
    } catch (error) {
      throw storeFailure('write', path, this.url, error);
    }
    // Buffer.concat always copies, which detaches the stored bytes from the caller's buffers.
    const data = Buffer.concat(chunks, size);
    if (options.after !== undefined) await options.after;
    this.objects.set(path, { data, modifiedAt: new Date() });
    return { size, sha256: hash.digest('hex') };
  }

  /** @throws NotFoundError when the object does not exist. */
  async get(path: string, range?: ByteRange): Promise<Buffer> {
    const object = this.find(path);
    const { start, end } = resolveRange(range, object.data.length, path, this.url);
    return Buffer.from(object.data.subarray(start, end));
  }

  /** @throws NotFoundError when the object does not exist. */
  async stream(path: string, range?: ByteRange): Promise<Readable> {
    return Readable.from([await this.get(path, range)], { objectMode: false });
  }

  async stat(path: string): Promise<ObjectStat | undefined> {
    validateStorePath(path, this.url);
    const object = this.objects.get(path);
    return object && { path, size: object.data.length, modifiedAt: object.modifiedAt };
  }

  async *list(prefix: string): AsyncIterable<ObjectStat> {
    validateStorePrefix(prefix, this.url);
    for (const [path, object] of [...this.objects]) {
      if (path.startsWith(prefix))
        yield { path, size: object.data.length, modifiedAt: object.modifiedAt };
    }
  }

  async delete(path: string): Promise<void> {
    validateStorePath(path, this.url);
    this.objects.delete(path);
  }

  /** Moves an object (replacing the one at `to`); it counts as written now. */
  async move(from: string, to: string): Promise<void> {
    validateStorePath(to, this.url);
    const object = this.find(from);
    this.objects.set(to, { data: object.data, modifiedAt: new Date() });
    this.objects.delete(from);
  }

  private find(path: string): MemoryObject {
    validateStorePath(path, this.url);
    const object = this.objects.get(path);
    if (object === undefined) throw objectNotFound(path, this.url);
    return object;
  }
}
