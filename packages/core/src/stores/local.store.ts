import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeBodyToHandle } from './body-writer';
import { KnownDirs } from './local-dirs';
import { listLocalObjects, sweepLocalTempFiles } from './local-list';
import { deleteLocalTemporary, listLocalTemporary } from './local-temp';
import type {
  Body,
  ByteRange,
  ObjectStat,
  PutOptions,
  PutResult,
  Store,
  TemporaryObject,
} from './store';
import { isMissing, objectNotFound, resolveRange, storeFailure } from './store-errors';
import { TEMP_NAME_PREFIX, validateStorePath, validateStorePrefix } from './store-path';

/** The root used when neither the `root` option nor `STOWAGE_STORE` is set. */
export const DEFAULT_LOCAL_ROOT = './.stowage';

/** Options of {@link LocalStore}. */
export interface LocalStoreOptions {
  /** Root directory (or `file://` URL). Default: `$STOWAGE_STORE`, else `./.stowage`. */
  readonly root?: string;
  /** fsync each object before renaming it into place (default `true`). */
  readonly fsync?: boolean;
  /** Environment to read `STOWAGE_STORE` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const STREAM_CHUNK = 1024 * 1024;

function rootFrom(options: LocalStoreOptions): string {
  const env = options.env ?? process.env;
  const raw = options.root ?? env['STOWAGE_STORE'] ?? DEFAULT_LOCAL_ROOT;
  return resolve(raw.startsWith('file://') ? fileURLToPath(raw) : raw);
}

/**
 * A store in a local directory: the default store, and the fastest.
 *
 * @remarks
 * Each `put` writes to a temporary file in the target's directory (named `.stowage-tmp-…`,
 * never listed), fsyncs it and renames it into place, so readers never see partial objects and
 * a crash leaves only an invisible temporary file. The sha256 is computed while the bytes are
 * written. The root is the `root` option, else the `STOWAGE_STORE` environment variable (a path or
 * `file://` URL), else `./.stowage`, resolved against the working directory at construction.
 *
 * @example
 * ```ts
 * const store = new LocalStore({ root: '/data/stowage' });
 * await store.put('notes/a.txt', Buffer.from('hello'));
 * ```
 */
export class LocalStore implements Store {
  /** Absolute root directory. */
  readonly root: string;
  readonly url: string;
  private readonly fsync: boolean;
  /** Directories known to exist (a per-instance hint; see {@link KnownDirs}). */
  private readonly dirs: KnownDirs;

  constructor(options: LocalStoreOptions = {}) {
    this.root = rootFrom(options);
    this.url = pathToFileURL(this.root).href;
    this.fsync = options.fsync ?? true;
    this.dirs = new KnownDirs(this.root);
  }

  /** The absolute file path of an object (validated: always inside the root). */
  localPath(path: string): string {
    const full = join(this.root, validateStorePath(path, this.url));
    const rel = relative(this.root, full);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith(sep))
      validateStorePath('..', this.url);
    return full;
  }

  /** @throws InvalidKeyError for a bad path; StoreError when the write fails. */
  async put(path: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    const full = this.localPath(path);
    const dir = dirname(full);
    const temp = join(dir, `${TEMP_NAME_PREFIX}${randomBytes(8).toString('hex')}`);
    let handle: FileHandle | undefined;
    try {
      handle = await this.dirs.openNew(temp, dir);
      // The fsync happens inside, overlapped with hashing for in-memory bodies.
      const sync = this.fsync && options.durable !== false;
      const result = await writeBodyToHandle(handle, body, options.onProgress, sync);
      await handle.close();
      handle = undefined;
      await fs.rename(temp, full);
      return result;
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await fs.unlink(temp).catch(() => undefined);
      throw storeFailure('write', path, this.url, error);
    }
  }

  /** @throws NotFoundError when the object does not exist. */
  async get(path: string, range?: ByteRange): Promise<Buffer> {
    const handle = await this.open(path);
    try {
      const { size } = await handle.stat();
      const { start, end } = resolveRange(range, size, path, this.url);
      const buffer = Buffer.allocUnsafe(end - start);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(
          buffer,
          filled,
          buffer.length - filled,
          start + filled,
        );
        if (bytesRead === 0) return buffer.subarray(0, filled);
        filled += bytesRead;
      }
      return buffer;
    } catch (error) {
      throw storeFailure('read', path, this.url, error);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** @throws NotFoundError when the object does not exist. */
  async stream(path: string, range?: ByteRange): Promise<Readable> {
    const handle = await this.open(path);
    try {
      const { size } = await handle.stat();
      const { start, end } = resolveRange(range, size, path, this.url);
      if (end === start) {
        await handle.close();
        return Readable.from([], { objectMode: false });
      }
      return handle.createReadStream({
        start,
        end: end - 1,
        highWaterMark: STREAM_CHUNK,
        autoClose: true,
      });
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw storeFailure('stream', path, this.url, error);
    }
  }

  async stat(path: string): Promise<ObjectStat | undefined> {
    const full = this.localPath(path);
    try {
      const stats = await fs.stat(full);
      return stats.isFile()
        ? { path, size: stats.size, modifiedAt: new Date(stats.mtimeMs) }
        : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw storeFailure('stat', path, this.url, error);
    }
  }

  list(prefix: string): AsyncIterable<ObjectStat> {
    return listLocalObjects(this.root, validateStorePrefix(prefix, this.url), this.url);
  }

  /** Deletes an object and prunes the directories it leaves empty. */
  async delete(path: string): Promise<void> {
    const full = this.localPath(path);
    try {
      await fs.unlink(full);
    } catch (error) {
      if (isMissing(error)) return;
      throw storeFailure('delete', path, this.url, error);
    }
    for (let dir = dirname(full); dir.startsWith(this.root + sep); dir = dirname(dir)) {
      if (
        !(await fs.rmdir(dir).then(
          () => true,
          () => false,
        ))
      )
        break;
      this.dirs.forget(dir, false);
    }
  }

  /**
   * Deletes temporary files that writers killed mid-write left behind (they are never visible).
   *
   * @param olderThanMs - Only files at least this old, so live writers are not disturbed (default 1 h).
   * @returns the paths removed, relative to the root.
   */
  sweepTemporaryFiles(olderThanMs = 60 * 60 * 1000): Promise<string[]> {
    return sweepLocalTempFiles(this.root, olderThanMs);
  }

  /** Temporary files killed writers left, and empty folders (garbage collection lists them). */
  listTemporary(): AsyncIterable<TemporaryObject> {
    return listLocalTemporary(this.root, this.url);
  }

  /** Removes a leftover {@link LocalStore.listTemporary} reported, unless it changed since. */
  async deleteTemporary(item: TemporaryObject): Promise<boolean> {
    const { removed, dir } = await deleteLocalTemporary(this.root, this.url, item);
    this.dirs.forget(dir);
    return removed;
  }

  private async open(path: string): Promise<FileHandle> {
    const full = this.localPath(path);
    try {
      return await fs.open(full, 'r');
    } catch (error) {
      if (isMissing(error)) throw objectNotFound(path, this.url, error);
      throw storeFailure('open', path, this.url, error);
    }
  }
}
