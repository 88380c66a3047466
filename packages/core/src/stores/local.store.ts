import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StoreError } from '../errors/store.error';
import { isLateChunks } from '../late-chunks';
import { isBufferBody, isVectoredBody } from './body';
import { writeBodyToHandle } from './body-writer';
import { KnownDirs } from './local-dirs';
import { listLocalObjects, sweepLocalTempFiles } from './local-list';
import { RootGuard } from './local-root-guard';
import { deleteLocalTemporary, listLocalTemporary } from './local-temp';
import type {
  Body,
  ByteRange,
  ListOptions,
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
  // An empty STOWAGE_STORE counts as unset; an empty root option is refused below.
  const raw: unknown = options.root ?? (env['STOWAGE_STORE'] || undefined) ?? DEFAULT_LOCAL_ROOT;
  if (typeof raw !== 'string' || raw === '') {
    throw new StoreError(
      `LocalStore got ${typeof raw === 'string' ? 'an empty string' : `a ${typeof raw}`} as its root; it takes a directory path or a file:// URL.`,
      {
        code: 'INPUT_UNREADABLE',
        details: { option: 'root', type: typeof raw },
        fix: "Pass the root as a string, e.g. new LocalStore({ root: './.stowage' }), or leave it out to use STOWAGE_STORE or ./.stowage.",
      },
    );
  }
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
  /** `put` waits for `PutOptions.after` just before the rename. */
  readonly putAfter = true;
  /** `put` writes a `.npz` body's arrays while its zip headers are computed. */
  readonly putLateChunks = true;
  private readonly fsync: boolean;
  /** Directories known to exist (a per-instance hint; see {@link KnownDirs}). */
  private readonly dirs: KnownDirs;
  /** Checks on disk that nothing leaves the root through a symbolic link. */
  private readonly guard: RootGuard;

  constructor(options: LocalStoreOptions = {}) {
    this.root = rootFrom(options);
    this.url = pathToFileURL(this.root).href;
    this.fsync = options.fsync ?? true;
    this.guard = new RootGuard(this.root, this.url);
    this.dirs = new KnownDirs(this.root, (dir) =>
      this.guard.checkPath(dir, relative(this.root, dir), true).then(() => undefined),
    );
  }

  /**
   * The absolute file path of an object, checked to be inside the root on disk too.
   *
   * @throws InvalidKeyError for a bad path; StoreError (`STORE_PATH_ESCAPE`) when a symbolic link
   * inside the root leads the path outside it.
   */
  localPath(path: string): string {
    const full = this.fullPath(path);
    this.guard.checkPathSync(full, path);
    return full;
  }

  /**
   * Writes to a temporary file, fsyncs it, renames it into place, then fsyncs the directory.
   *
   * @remarks
   * With `durable: false` (or `fsync: false`) neither the file nor the directory is fsynced;
   * with `flushFolder: false` only the directory is not. The
   * paths in `syncFirst` (objects or folders) are fsynced at the same time as the file, before the
   * rename. The directory is opened while the bytes are written, so only its fsync follows the
   * rename. On failure the temporary file and any directory the write left empty are removed.
   * @throws InvalidKeyError for a bad path; StoreError when the write fails (`STORE_DISK_FULL`,
   * `STORE_READ_ONLY`, `STORE_PERMISSION_DENIED`, `STORE_PATH_ESCAPE` or `STORE_FAILED`).
   */
  async put(path: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    const full = this.fullPath(path);
    const dir = dirname(full);
    const temp = join(dir, `${TEMP_NAME_PREFIX}${randomBytes(8).toString('hex')}`);
    const sync = this.fsync && options.durable !== false;
    const first = sync ? (options.syncFirst ?? []).map((p) => this.fullPath(p)) : [];
    // Awaited just before the rename; a rejection meanwhile is not an unhandled one.
    options.after?.catch(() => undefined);
    let handle: FileHandle | undefined;
    let folder: Promise<FileHandle | undefined> | undefined;
    try {
      handle = await this.dirs.openNew(temp, dir);
      if (sync && options.flushFolder !== false) {
        folder = openDirectory(dir);
        folder.catch(() => undefined);
      }
      // In-memory bytes are written while the opened file is checked (a file that turns out to be
      // outside the root is removed below); a stream is consumed only once the check passed.
      const inMemory = isBufferBody(body) || isVectoredBody(body) || isLateChunks(body);
      const check = this.guard.checkHandle(handle, temp, path);
      if (!inMemory) await check;
      // The file's fsync happens inside, overlapped with hashing and the `syncFirst` fsyncs.
      const [checked, written, ...synced] = await Promise.allSettled([
        check,
        writeBodyToHandle(handle, body, options.onProgress, sync),
        ...first.map(syncIfAny),
      ]);
      // Every call has finished (none still uses the handle): report the first failure.
      for (const outcome of [checked, written, ...synced])
        if (outcome?.status === 'rejected') throw outcome.reason;
      const result = (written as PromiseFulfilledResult<PutResult>).value;
      await handle.close();
      handle = undefined;
      if (options.after !== undefined) await waitFor(options.after);
      await fs.rename(temp, full);
      await (await folder)?.sync();
      return result;
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await fs.unlink(temp).catch(() => undefined);
      if (error instanceof AfterFailed) {
        await this.prune(dir);
        throw error.reason;
      }
      const failure = storeFailure('write', path, this.url, error);
      if (failure.code === 'STORE_PATH_ESCAPE') {
        // The temporary file was created outside, through a link: remove it where it really is
        // (the link may be gone by now), and never prune through the link.
        const resolved = failure.details['resolved'];
        if (typeof resolved === 'string' && basename(resolved) === basename(temp))
          await fs.unlink(resolved).catch(() => undefined);
      } else await this.prune(dir);
      throw failure;
    } finally {
      await folder?.then((h) => h?.close()).catch(() => undefined);
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

  /** @throws StoreError (`STORE_PATH_ESCAPE`) when a symbolic link leads the path outside the root. */
  async stat(path: string): Promise<ObjectStat | undefined> {
    const full = this.fullPath(path);
    try {
      const resolved = await this.guard.checkPath(full, path);
      if (resolved === undefined) return undefined;
      const stats = await fs.stat(resolved);
      return stats.isFile()
        ? { path, size: stats.size, modifiedAt: new Date(stats.mtimeMs) }
        : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw storeFailure('stat', path, this.url, error);
    }
  }

  /**
   * Lists objects; symbolic links are neither listed nor followed.
   *
   * @throws StoreError (`STORE_PATH_ESCAPE`) when the prefix's folder is a link out of the root.
   */
  list(prefix: string, options: ListOptions = {}): AsyncIterable<ObjectStat> {
    validateStorePrefix(prefix, this.url);
    const cut = prefix.lastIndexOf('/');
    const start = cut < 0 ? this.root : join(this.root, prefix.slice(0, cut));
    const check = () =>
      this.guard.checkPath(start, prefix, true).then(
        () => undefined,
        (error: unknown) => {
          throw storeFailure('list', prefix, this.url, error);
        },
      );
    return listLocalObjects(this.root, prefix, this.url, check, options.startAfter);
  }

  /**
   * Deletes an object (a symbolic link itself, never its target) and prunes the directories it
   * leaves empty.
   *
   * @throws StoreError (`STORE_PATH_ESCAPE`) when a link leads the object's folder outside the root.
   */
  async delete(path: string): Promise<void> {
    const full = this.fullPath(path);
    try {
      await this.guard.checkPath(dirname(full), path, true);
      await fs.unlink(full);
    } catch (error) {
      if (isMissing(error)) return;
      throw storeFailure('delete', path, this.url, error);
    }
    await this.prune(dirname(full));
  }

  /**
   * Moves an object by renaming its file (replacing the file at `to`), then fsyncs the target
   * folder while pruning the folders the move left empty; the moved file's modification time is
   * set to now first.
   *
   * @throws NotFoundError when `from` does not exist; StoreError (`STORE_PATH_ESCAPE`, …) when a
   * link leads either folder outside the root or the rename fails.
   */
  async move(from: string, to: string): Promise<void> {
    const source = this.fullPath(from);
    const target = this.fullPath(to);
    const dir = dirname(target);
    try {
      await this.guard.checkPath(dirname(source), from, true);
      await this.dirs.ensure(dir);
      await this.guard.checkPath(dir, to, true);
      const now = new Date();
      await fs.utimes(source, now, now);
      await fs.rename(source, target);
    } catch (error) {
      if (isMissing(error)) throw objectNotFound(from, this.url, error);
      throw storeFailure('move', `${from}" to "${to}`, this.url, error);
    }
    // The folder left behind is pruned while the target folder is flushed (pruning never throws).
    const pruned = this.prune(dirname(source));
    try {
      if (this.fsync) await syncIfAny(dir);
    } finally {
      await pruned;
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

  /** The absolute path of an object by its text alone (validated, not yet checked on disk). */
  private fullPath(path: string): string {
    const full = join(this.root, validateStorePath(path, this.url));
    const rel = relative(this.root, full);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith(sep))
      validateStorePath('..', this.url);
    return full;
  }

  /** Opens an object for reading, after checking that the opened file is inside the root. */
  private async open(path: string): Promise<FileHandle> {
    const full = this.fullPath(path);
    let handle: FileHandle | undefined;
    try {
      handle = await fs.open(full, 'r');
      await this.guard.checkHandle(handle, full, path);
      return handle;
    } catch (error) {
      await handle?.close().catch(() => undefined);
      if (isMissing(error)) throw objectNotFound(path, this.url, error);
      throw storeFailure('open', path, this.url, error);
    }
  }

  /** Removes `dir` and its parents up to (not including) the root while they are empty. */
  private async prune(dir: string): Promise<void> {
    for (let d = dir; d.startsWith(this.root + sep); d = dirname(d)) {
      const code = await fs.rmdir(d).then(
        () => undefined,
        (error: unknown) => (error as { code?: unknown }).code ?? 'ERROR',
      );
      if (code !== undefined && code !== 'ENOENT') break;
      this.dirs.forget(d, false);
    }
  }
}

/** The rejection of a put's `after` promise, passed through untouched (not a write failure). */
class AfterFailed extends Error {
  constructor(readonly reason: unknown) {
    super('The promise a put waited for (PutOptions.after) rejected.');
  }
}

async function waitFor(after: Promise<unknown>): Promise<void> {
  await after.catch((reason: unknown) => {
    throw new AfterFailed(reason);
  });
}

/** Opens a directory to fsync it later; `undefined` where directories cannot be fsynced. */
async function openDirectory(dir: string): Promise<FileHandle | undefined> {
  return process.platform === 'win32' ? undefined : fs.open(dir, 'r');
}

/** Flushes a file or folder named in `syncFirst`; one that is not there has nothing to flush. */
async function syncIfAny(path: string): Promise<void> {
  // Windows flushes only files opened for writing, and cannot open folders.
  const windows = process.platform === 'win32';
  let handle: FileHandle;
  try {
    handle = await fs.open(path, windows ? 'r+' : 'r');
  } catch (error) {
    if (isMissing(error) || (windows && (error as { code?: unknown }).code === 'EISDIR')) return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
