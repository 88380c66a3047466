import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackingError } from '../errors/packing.error';

/**
 * A file or folder on the local disk, to log as a `path` artifact (a folder is archived).
 *
 * @example
 * ```ts
 * return { report: new LocalPath('./out/report') }; // archived as report.zip on logging
 * ```
 */
export class LocalPath {
  /** The absolute path. */
  readonly path: string;

  /**
   * Accepts a path, a `file://` URL string, or a `file:` URL.
   *
   * @throws PackingError (`PATH_EMPTY`) for `""`, which would otherwise mean the working directory.
   */
  constructor(path: string | URL) {
    this.path = LocalPath.toPath(path);
  }

  /**
   * The absolute local path of a path, `file://` string or `file:` URL.
   *
   * @remarks
   * `""` is refused rather than resolved: it would name the working directory, and logging it
   * would archive everything there. Write `"."` to mean the working directory.
   * @throws PackingError (`PATH_EMPTY`) for `""`.
   */
  static toPath(path: string | URL): string {
    if (path instanceof URL) return fileURLToPath(path);
    if (path === '') {
      throw new PackingError('Cannot use "" as a path: it names no file or folder.', {
        code: 'PATH_EMPTY',
        fix: 'Pass the path of the file or folder to log; write "." if you mean the working directory.',
      });
    }
    return path.startsWith('file://') ? fileURLToPath(path) : resolve(path);
  }

  /** The path. */
  toString(): string {
    return this.path;
  }
}
