import type { Readable } from 'node:stream';
import type { Artifact } from '../artifacts/artifact';
import type { TempDirMaker } from './download';

/**
 * A handle to stored data: an artifact in a store, or a plain URI or path.
 *
 * @remarks
 * Unpack methods receive a `DataItem`. Reads of an artifact verify the recorded sha256 and size:
 * a mismatch is an `IntegrityError`, never wrong data. `local()` may download to a temporary file,
 * which the manager (or `run()`) removes when the unpacking work is done.
 */
export abstract class DataItem {
  /** The URI this item was opened from (`store://key@version`, `file:///…`, `s3://…`). */
  abstract readonly url: string;
  /** The artifact record, when the item is an artifact; `undefined` for a plain URI. */
  abstract readonly meta: Artifact | undefined;
  /** The artifact key, or the file name for a plain URI. */
  abstract readonly key: string;
  /** Reads the whole content. */
  abstract get(): Promise<Buffer>;
  /** Reads the content as text (UTF-8 by default). */
  abstract getText(encoding?: BufferEncoding): Promise<string>;
  /** Reads and parses the content as JSON. */
  abstract getJson<T = unknown>(): Promise<T>;
  /** Streams the content without loading it whole. */
  abstract stream(): Promise<Readable>;
  /** A local filesystem path holding the content (downloaded to a temp file when remote). */
  abstract local(): Promise<string>;
  /** A data item for one of the artifact's extra files. Throws `NotFoundError` when it has none by that name. */
  abstract file(name: string): DataItem;

  /**
   * The same data, with the local copies `local()` makes put in a directory of `temp`.
   *
   * @remarks
   * The packagers manager hands unpack methods such a view, so a download made while unpacking
   * belongs to that unpack and goes with `manager.cleanup()` (or the caller's scope). Items that
   * never copy (local files) return themselves, which is also the default for your own classes.
   */
  withTemp(temp: TempDirMaker): DataItem {
    void temp;
    return this;
  }
}
