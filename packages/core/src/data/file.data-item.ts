import { promises as fs } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { NotFoundError } from '../errors/not-found.error';
import { isMissing, storeFailure } from '../stores/store-errors';
import { validateStorePath } from '../stores/store-path';
import { DataItem } from './data-item';

function missing(path: string, url: string, cause: unknown): NotFoundError {
  return new NotFoundError(`No file at ${path} (${url}).`, {
    details: { path, url },
    fix: 'Check the path or URI of the input; relative paths are resolved against the working directory.',
    cause,
  });
}

/**
 * A data item over a plain local file (a path or `file://` URI): no record, no hash check.
 *
 * @remarks
 * `local()` returns the file itself (after checking it exists); `file(name)` reads a file inside
 * the directory at this path (the name may not escape it).
 */
export class FileDataItem extends DataItem {
  readonly url: string;
  readonly meta = undefined;
  readonly key: string;
  /** Absolute path of the file. */
  readonly path: string;

  constructor(path: string) {
    super();
    this.path = resolve(path);
    this.url = pathToFileURL(this.path).href;
    this.key = basename(this.path);
  }

  /** @throws NotFoundError when the file does not exist. */
  async get(): Promise<Buffer> {
    try {
      return await fs.readFile(this.path);
    } catch (error) {
      throw isMissing(error)
        ? missing(this.path, this.url, error)
        : storeFailure('read', this.path, this.url, error);
    }
  }

  async getText(encoding: BufferEncoding = 'utf8'): Promise<string> {
    return (await this.get()).toString(encoding);
  }

  async getJson<T = unknown>(): Promise<T> {
    return JSON.parse(await this.getText()) as T;
  }

  /** @throws NotFoundError when the file does not exist. */
  async stream(): Promise<Readable> {
    try {
      const handle = await fs.open(this.path, 'r');
      return handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: true });
    } catch (error) {
      throw isMissing(error)
        ? missing(this.path, this.url, error)
        : storeFailure('open', this.path, this.url, error);
    }
  }

  /** @throws NotFoundError when nothing exists at the path. */
  async local(): Promise<string> {
    try {
      await fs.stat(this.path);
      return this.path;
    } catch (error) {
      throw isMissing(error)
        ? missing(this.path, this.url, error)
        : storeFailure('stat', this.path, this.url, error);
    }
  }

  /** @throws InvalidKeyError when `name` would escape this directory. */
  file(name: string): DataItem {
    return new FileDataItem(join(this.path, validateStorePath(name, this.url)));
  }
}
