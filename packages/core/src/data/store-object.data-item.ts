import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { Store } from '../stores/store';
import { validateStorePath } from '../stores/store-path';
import { DataItem } from './data-item';
import { downloadToTemp, type TempDirMaker } from './download';
import { lazyStream } from './lazy-stream';

/**
 * A data item over a raw object in a store (no artifact record, so no hash check).
 *
 * @remarks
 * What a URI resolver returns for a plain object URL such as `s3://bucket/data.csv`:
 * `new StoreObjectDataItem(s3Store, 'data.csv', { url: uri, temp })`. `file(name)` reads
 * `<path>/<name>` in the same store.
 */
export class StoreObjectDataItem extends DataItem {
  readonly url: string;
  readonly meta = undefined;
  readonly key: string;

  constructor(
    private readonly store: Store,
    /** The object's path in the store. */
    readonly path: string,
    private readonly options: { readonly url?: string; readonly temp?: TempDirMaker } = {},
  ) {
    super();
    validateStorePath(path, store.url);
    this.url = options.url ?? `${store.url.replace(/\/$/, '')}/${path}`;
    this.key = basename(path);
  }

  /** @throws NotFoundError when the object does not exist. */
  get(): Promise<Buffer> {
    return this.store.get(this.path);
  }

  async getText(encoding: BufferEncoding = 'utf8'): Promise<string> {
    return (await this.get()).toString(encoding);
  }

  async getJson<T = unknown>(): Promise<T> {
    return JSON.parse(await this.getText()) as T;
  }

  /**
   * Nothing is read before the consumer reads, so an error reaches a consumer that attaches late.
   *
   * @throws NotFoundError when the object does not exist.
   */
  async stream(): Promise<Readable> {
    return lazyStream(await this.store.stream(this.path));
  }

  /** @throws NotFoundError when the object does not exist; StoreError without a temp scope. */
  async local(): Promise<string> {
    const path = this.store.localPath?.(this.path);
    if (path !== undefined && (await this.store.stat(this.path)) !== undefined) return path;
    return downloadToTemp(() => this.stream(), this.options.temp, this.path, this.url);
  }

  /** The same object, with downloads made by `local()` held by `temp`. */
  override withTemp(temp: TempDirMaker): StoreObjectDataItem {
    return new StoreObjectDataItem(this.store, this.path, { ...this.options, temp });
  }

  /** @throws InvalidKeyError when the combined path is not allowed. */
  file(name: string): DataItem {
    return new StoreObjectDataItem(this.store, `${this.path}/${name}`, { temp: this.options.temp });
  }
}
