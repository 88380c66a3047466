import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

  /** Accepts a path, a `file://` URL string, or a `file:` URL. */
  constructor(path: string | URL) {
    this.path = LocalPath.toPath(path);
  }

  /** The absolute local path of a path, `file://` string or `file:` URL. */
  static toPath(path: string | URL): string {
    if (path instanceof URL) return fileURLToPath(path);
    return path.startsWith('file://') ? fileURLToPath(path) : resolve(path);
  }

  /** The path. */
  toString(): string {
    return this.path;
  }
}
