import type { Readable } from 'node:stream';

/**
 * Bytes to write: a buffer, a list of buffers written back to back without copying (vectored),
 * a stream or async iterable of chunks (never held whole in memory), or a local file to copy.
 */
export type Body =
  | Uint8Array
  | readonly Uint8Array[]
  | Readable
  | AsyncIterable<Uint8Array>
  | { readonly path: string };

/** What a completed {@link Store.put} wrote. */
export interface PutResult {
  /** Bytes written. */
  readonly size: number;
  /** Lowercase hex sha256 of the bytes, computed while they streamed in. */
  readonly sha256: string;
}

/** Options for {@link Store.put}. */
export interface PutOptions {
  /** MIME type, kept where the store can keep it (S3). */
  readonly contentType?: string;
  /** Called with the number of bytes written so far (progress bars). */
  readonly onProgress?: (bytesWritten: number) => void;
  /**
   * `false` lets the store skip flushing the object to disk before making it visible
   * (`LocalStore` skips the fsync; other stores ignore it). Default `true`.
   *
   * @remarks
   * A killed process still never exposes a partial object. A power loss may lose the object
   * or, on filesystems that do not flush data before a rename, leave it empty: use it only for
   * objects that can be derived again, like the `latest` pointer of an artifact, or that a later
   * put names in {@link PutOptions.syncFirst}, like the files of a staged artifact version.
   */
  readonly durable?: boolean;
  /**
   * Objects and folders (store paths; folders without a trailing `/`) that must be on disk before
   * this object becomes visible: `LocalStore` fsyncs them at the same time as this object's
   * bytes, before its rename. Ignored with `durable: false` and by other stores.
   *
   * @remarks
   * Lets a commit make earlier `durable: false` writes durable in the same flush as its own
   * record: the files of a staged artifact version and their folders. A path that does not exist
   * is skipped (nothing to flush).
   */
  readonly syncFirst?: readonly string[];
  /**
   * `false` flushes the object's bytes but not the folder its name was added to (`LocalStore`
   * skips the folder's fsync after the rename; other stores ignore it). Default `true`.
   *
   * @remarks
   * For an object that is moved right after the put: {@link Store.move} flushes the folder it
   * lands in, so flushing the first folder too costs a journal commit for a name that is gone a
   * moment later. The artifact repository uses it for big files it moves into `blobs/`.
   */
  readonly flushFolder?: boolean;
  /**
   * The object becomes visible only after this promise fulfils; when it rejects, the put fails
   * with its reason and nothing is visible. Honoured by stores that declare
   * {@link Store.putAfter}; callers must await it first for the others.
   *
   * @remarks
   * Lets a write that must land first (the listing entry of an artifact before its record) run
   * while this object's bytes are written and flushed: `LocalStore` waits for it just before the
   * rename; `S3Store` and `MemoryStore` before sending anything.
   */
  readonly after?: Promise<unknown>;
}

/** A half-open byte range `[start, end)`; `end` omitted means "to the end". */
export interface ByteRange {
  readonly start: number;
  readonly end?: number;
}

/** Options for {@link Store.list}. */
export interface ListOptions {
  /**
   * Skip paths that sort at or before this one (UTF-16 code unit order, like `<` on strings).
   *
   * @remarks
   * A hint that saves work (`S3Store` sends it as `StartAfter`; `LocalStore` skips those entries
   * before stat'ing them): a store may ignore it, so callers still filter what they get.
   */
  readonly startAfter?: string;
  /**
   * About how many objects the caller expects to read before it stops: a hint for the size of
   * each request (`S3Store` sends it as `MaxKeys`, at most 1,000; other stores ignore it). A
   * listing still goes on past it while the caller iterates.
   */
  readonly pageSize?: number;
}

/** Facts about one stored object. */
export interface ObjectStat {
  /** The object's path inside the store (`/`-separated, relative). */
  readonly path: string;
  readonly size: number;
  readonly modifiedAt: Date;
  /**
   * An opaque tag of the object's content, when the store's listing reports one (optional:
   * `LocalStore` and `MemoryStore` leave it out). On S3 it is the ETag without its quotes: the
   * MD5 hex of the bytes for a single-part upload without SSE-KMS/SSE-C, something else
   * otherwise (a multipart ETag holds a `-`). Callers may compare it with a digest they know,
   * never assume it is one.
   */
  readonly etag?: string;
}

/**
 * What an interrupted write leaves behind, invisible to `list`: a temporary file a killed writer
 * never renamed, a folder left empty, or an incomplete multipart upload.
 */
export interface TemporaryObject {
  /** `temp-file` and `empty-folder`: `LocalStore`; `upload`: S3 multipart uploads. */
  readonly kind: 'temp-file' | 'empty-folder' | 'upload';
  /** Where it is, relative to the store root (`/`-separated; folders end with `/`). */
  readonly path: string;
  /** Bytes it holds, when the store knows (`undefined` for uploads). */
  readonly size?: number;
  /** When it was last written (folders: newest change in it; uploads: when started). */
  readonly modifiedAt: Date;
  /** A store-specific handle, e.g. the S3 upload id. */
  readonly id?: string;
}

/** A whole object's stream and its size, as {@link Store.streamWithSize} returns them. */
export interface SizedStream {
  readonly stream: Readable;
  /** The object's size as the store announced it with the stream; `undefined` when it did not. */
  readonly size?: number;
}

/**
 * Where bytes live: the local directory, memory, or S3-compatible object storage.
 *
 * @remarks
 * Paths are relative, `/`-separated and validated: `..` segments, absolute paths, NUL and
 * backslashes are rejected with an `InvalidKeyError`. Every `put` is atomic: readers see either
 * nothing or the complete object, never a partial one. Every store passes the conformance suite
 * `describeStore` from `@stowage/testing`.
 */
export interface Store {
  /** A URL naming the store: `file:///abs/root`, `memory://name`, `s3://bucket/prefix`. */
  readonly url: string;
  /** Writes `body` at `path` atomically, computing size and sha256 while streaming. */
  put(path: string, body: Body, options?: PutOptions): Promise<PutResult>;
  /** Reads a whole object (or a range of it). Throws `NotFoundError` when missing. */
  get(path: string, range?: ByteRange): Promise<Buffer>;
  /** Streams an object (or a range of it) without loading it whole. Throws `NotFoundError` when missing. */
  stream(path: string, range?: ByteRange): Promise<Readable>;
  /**
   * Streams a whole object with its size when the store learns it with the stream (`S3Store`:
   * the GET's `Content-Length`), so a read into a buffer of the right size needs no
   * {@link Store.stat} first. Optional. Throws `NotFoundError` when missing.
   */
  streamWithSize?(path: string): Promise<SizedStream>;
  /** Stats an object; `undefined` when it does not exist. */
  stat(path: string): Promise<ObjectStat | undefined>;
  /** Lists the objects whose path starts with `prefix`, in no guaranteed order. */
  list(prefix: string, options?: ListOptions): AsyncIterable<ObjectStat>;
  /** Deletes an object; deleting a missing object is not an error. */
  delete(path: string): Promise<void>;
  /**
   * Moves an object to another path, replacing what is there; readers of `to` see the old object
   * or the new one, never a partial one. Optional: content-addressed (deduplicated) storage uses
   * it, and a store without it keeps every file in its version folder.
   *
   * @remarks
   * `LocalStore` renames (and fsyncs the target folder), `S3Store` copies server-side then deletes
   * the source. The object at `to` counts as written now (its modification time is fresh).
   * @throws NotFoundError when `from` does not exist.
   */
  move?(from: string, to: string): Promise<void>;
  /**
   * `true` when {@link Store.move} copies the bytes (`S3Store`: a server-side copy) instead of
   * renaming them. Content-addressed storage then hashes an in-memory file before writing it and
   * puts it straight at its blob path, so its bytes travel once. Default `false`.
   */
  readonly moveCopies?: boolean;
  /**
   * `true` when `put` writes a body with late chunks (Stowage's `.npz` writer: zip headers whose
   * CRC-32s are computed while the arrays are written) as it is, the known chunks first and the
   * late ones in place once filled. Default `false`: Stowage then fills the headers first and
   * hands the store an ordinary list of buffers.
   */
  readonly putLateChunks?: boolean;
  /**
   * `true` when `put` honours {@link PutOptions.after} (never makes the object visible before
   * that promise fulfils). Default `false`: callers then await the promise before the put.
   */
  readonly putAfter?: boolean;
  /** A local filesystem path for the object when the store is local (zero-copy reads), else `undefined`. */
  localPath?(path: string): string | undefined;
  /** Releases clients and handles. */
  close?(): Promise<void>;
  /**
   * Lists what interrupted writes left behind (for garbage collection), in no guaranteed order.
   * Optional: a store without leftovers (memory) does not implement it.
   */
  listTemporary?(): AsyncIterable<TemporaryObject>;
  /**
   * Removes one leftover that {@link Store.listTemporary} reported.
   *
   * @returns `false` when it was left in place because it changed since it was listed (written
   * again, or a folder that is no longer empty); `true` when it is gone (or already was).
   */
  deleteTemporary?(item: TemporaryObject): Promise<boolean>;
}
