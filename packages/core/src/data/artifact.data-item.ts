import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Artifact } from '../artifacts/artifact';
import { ArtifactLayout } from '../artifacts/artifact-layout';
import { fallbackFilePath, storedFilePath } from '../artifacts/blob-layout';
import { isInlineFile } from '../artifacts/inline-files';
import { recordCorrupt } from '../artifacts/record-seal';
import { NotFoundError } from '../errors/not-found.error';
import type { Store } from '../stores/store';
import { isMissing, objectNotFound } from '../stores/store-errors';
import { DataItem } from './data-item';
import { downloadToTemp, type TempDirMaker } from './download';
import type { ExpectedContent } from './integrity';
import { readInlineVerified, readVerified, verifyingStream } from './verified-read';

/** Options of {@link ArtifactDataItem}. */
export interface ArtifactDataItemOptions {
  /** Holds local copies made by `local()` for remote stores (a `TempScope`). */
  readonly temp?: TempDirMaker;
  /** One of the artifact's extra files instead of its primary file. */
  readonly file?: string;
}

/**
 * A data item over a committed artifact: every read is checked against the recorded size and sha256.
 *
 * @remarks
 * `get()` reads into one buffer (hash checked as it reads); `stream()` fails with an
 * `IntegrityError` at its end when the bytes differ; `local()` returns the store's own file for a
 * local store (checked once, then cached) or a checked download into the temp scope.
 */
export class ArtifactDataItem extends DataItem {
  readonly url: string;
  readonly meta: Artifact;
  readonly key: string;
  private readonly expected: ExpectedContent | undefined;
  /** The other place the bytes may be (a version being migrated to or from a blob). */
  private readonly fallback: string | undefined;
  /** The bytes as base64 when the record keeps them inside it (small files). */
  private readonly inline: string | undefined;
  private localCopy: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    artifact: Artifact,
    private readonly options: ArtifactDataItemOptions = {},
  ) {
    super();
    this.meta = artifact;
    this.key = artifact.key;
    const version = artifact.version ?? '';
    const base = `store://${artifact.key}@${version}`;
    this.url = options.file === undefined ? base : `${base}#${options.file}`;
    const name = options.file ?? artifact.fileName;
    const record =
      options.file === undefined
        ? artifact
        : artifact.fileRecords?.find((f) => f.name === options.file);
    if (name !== undefined && record?.size !== undefined) {
      const inRecord = isInlineFile(artifact, name);
      this.inline = inRecord ? artifact.inlineFiles?.[name] : undefined;
      // Bytes inside the record are named by the record's path, for error messages.
      const path = inRecord
        ? `${ArtifactLayout.record(artifact.key, version)}#${name}`
        : storedFilePath(artifact, name);
      this.fallback = inRecord ? undefined : fallbackFilePath(artifact, name);
      this.expected = {
        key: artifact.key,
        version,
        store: store.url,
        path,
        size: record.size,
        sha256: record.sha256,
      };
    }
  }

  /** Name of the stored file this item reads. */
  get fileName(): string | undefined {
    return this.options.file ?? this.meta.fileName;
  }

  /** @throws IntegrityError when the bytes differ from the record; NotFoundError when there are none. */
  async get(): Promise<Buffer> {
    return this.withFallback((expected) =>
      this.inline !== undefined
        ? Promise.resolve(readInlineVerified(this.inline, expected))
        : readVerified(this.store, expected),
    );
  }

  async getText(encoding: BufferEncoding = 'utf8'): Promise<string> {
    return (await this.get()).toString(encoding);
  }

  async getJson<T = unknown>(): Promise<T> {
    return JSON.parse(await this.getText()) as T;
  }

  /** @throws NotFoundError when there are no bytes; the stream errors with IntegrityError. */
  async stream(): Promise<Readable> {
    return this.withFallback(async (expected) =>
      verifyingStream(await this.open(expected), expected),
    );
  }

  /** The raw bytes at `expected`: from the record when it keeps them, else from the store. */
  private async open(expected: ExpectedContent): Promise<Readable> {
    if (this.inline === undefined) return this.store.stream(expected.path);
    return Readable.from([Buffer.from(this.inline, 'base64')], { objectMode: false });
  }

  /** @throws IntegrityError when the bytes differ; NotFoundError when there are none. */
  local(): Promise<string> {
    this.localCopy ??= this.makeLocal();
    return this.localCopy;
  }

  /** @throws NotFoundError when the artifact has no extra file by that name. */
  file(name: string): DataItem {
    if (this.meta.fileRecords?.some((f) => f.name === name) !== true) {
      const known = this.meta.fileRecords?.map((f) => f.name) ?? [];
      const where = `${this.meta.version} in ${this.store.url}`;
      throw new NotFoundError(`Artifact "${this.key}" version ${where} has no file "${name}".`, {
        details: {
          key: this.key,
          version: this.meta.version,
          store: this.store.url,
          file: name,
          files: known,
        },
        fix:
          known.length > 0
            ? `Use one of: ${known.join(', ')}.`
            : 'This artifact has no extra files.',
      });
    }
    return new ArtifactDataItem(this.store, this.meta, { ...this.options, file: name });
  }

  /** The same artifact file, with downloads made by `local()` held by `temp`. */
  override withTemp(temp: TempDirMaker): ArtifactDataItem {
    return new ArtifactDataItem(this.store, this.meta, { ...this.options, temp });
  }

  private makeLocal(): Promise<string> {
    return this.withFallback((expected) => this.makeLocalFrom(expected));
  }

  /**
   * Runs `read` on where the record says the bytes are; when nothing is there, on the other
   * place they may be (see `fallbackFilePath`), and reports the first miss if both are empty.
   */
  private async withFallback<T>(read: (expected: ExpectedContent) => Promise<T>): Promise<T> {
    const expected = this.content();
    try {
      return await read(expected);
    } catch (error) {
      if (this.fallback === undefined || !NotFoundError.is(error)) throw error;
      return read({ ...expected, path: this.fallback }).catch((second: unknown) => {
        throw NotFoundError.is(second) ? error : second;
      });
    }
  }

  private async makeLocalFrom(expected: ExpectedContent): Promise<string> {
    const path = this.inline === undefined ? this.store.localPath?.(expected.path) : undefined;
    if (path === undefined)
      return downloadToTemp(
        async () => verifyingStream(await this.open(expected), expected),
        this.options.temp,
        this.inline === undefined ? expected.path : (this.fileName ?? 'data'),
        this.url,
      );
    await new Promise<void>((resolve, reject) => {
      const check = verifyingStream(
        createReadStream(path, { highWaterMark: 4 * 1024 * 1024 }),
        expected,
      );
      const fail = (e: Error): void =>
        reject(isMissing(e) ? objectNotFound(expected.path, this.store.url, e) : e);
      check.on('error', fail).on('end', resolve).resume();
    });
    return path;
  }

  private content(): ExpectedContent {
    const expected = this.expected;
    if (expected !== undefined) {
      if (Number.isSafeInteger(expected.size) && expected.size >= 0) return expected;
      throw recordCorrupt(
        'artifact',
        { store: this.store.url, path: expected.path, key: this.key, version: expected.version },
        `the recorded size ${String(expected.size).slice(0, 40)} is not a byte count`,
      );
    }
    throw new NotFoundError(
      `Artifact "${this.key}" version ${this.meta.version} has no primary file in ${this.store.url}.`,
      {
        details: { key: this.key, version: this.meta.version, store: this.store.url },
        fix: `Read one of its files with item.file(name): ${(this.meta.fileRecords ?? []).map((f) => f.name).join(', ') || 'none'}.`,
      },
    );
  }
}
