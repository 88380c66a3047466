import { ArtifactDataItem } from '../data/artifact.data-item';
import type { DataItem } from '../data/data-item';
import { parseDataUri } from '../data/data-uri';
import { FileDataItem } from '../data/file.data-item';
import { guardInput } from '../errors/input-guard';
import { InvalidKeyError } from '../errors/invalid-key.error';
import { MissingDependencyError } from '../errors/missing-dependency.error';
import { NotFoundError } from '../errors/not-found.error';
import { StoreError } from '../errors/store.error';
import type { Body, PutResult, Store } from '../stores/store';
import { validateStorePath } from '../stores/store-path';
import { TempScope } from '../temp/temp-scope';
import type { Artifact } from '../artifacts/artifact';
import {
  deleteVersionFiles,
  moveToBlobs,
  versionSyncPaths,
  writeVersionFiles,
} from '../artifacts/artifact-files';
import { DEDUP_MIN_BYTES, isBlobFile, storedFilePath } from '../artifacts/blob-layout';
import { INLINE_MAX_BYTES, inlineFiles, isInlineFile } from '../artifacts/inline-files';
import { storeFormat, storeFormatForWrite } from '../artifacts/store-format';
import { ArtifactKinds } from '../artifacts/artifact-kinds';
import { ArtifactLayout, LATEST_TAG } from '../artifacts/artifact-layout';
import {
  listArtifactKeys,
  listArtifactVersions,
  mapLimit,
  matchesFilter,
  type ArtifactFilter,
} from '../artifacts/artifact-listing';
import {
  optionalTag,
  validateArtifactKey,
  validateVersion,
  newVersionId,
} from '../artifacts/artifact-names';
import {
  cloneArtifact,
  parseArtifactRecord,
  serializeArtifactRecord,
} from '../artifacts/artifact-record';
import { deriveLatest, moveLatest, moveTag, resolveTagVersion } from '../artifacts/artifact-tags';
import { artifactIndex, artifactIndexEntry } from '../listing/artifact-index';
import { recordMd5 } from '../listing/record-md5';
import type { ArtifactRepository, StagedArtifact, StageOptions } from './artifact-repository';

/** Opens a URI of another scheme (`s3://…`) as a data item; registered per repository. */
export type UriResolver = (
  uri: string,
  context: { readonly temp: TempScope },
) => Promise<DataItem> | DataItem;

/** Options of {@link StoreArtifactRepository}. */
export interface StoreArtifactRepositoryOptions {
  readonly store: Store;
  /** Classes records are read back into (default: the builtin kinds). */
  readonly kinds?: ArtifactKinds;
  /** Resolvers by URI scheme, e.g. `{ s3: s3UriResolver() }` from `@stowage/s3`. */
  readonly resolvers?: Readonly<Record<string, UriResolver>>;
  /** Holds local copies made by data items (default: a scope the repository owns). */
  readonly temp?: TempScope;
  /**
   * Files at least this large are stored once per content under `blobs/sha256/` on a format-2
   * store (default `DEDUP_MIN_BYTES`, 1 MiB); `Infinity` turns deduplication off.
   */
  readonly dedupMinBytes?: number;
  /**
   * In-memory files up to this many bytes in all are kept inside the record instead of as objects
   * of their own, on a store of format 2 or later (default `INLINE_MAX_BYTES`, 8 KiB); `0` turns
   * it off.
   */
  readonly inlineMaxBytes?: number;
}

/** Which version {@link StoreArtifactRepository.read} reads: a tag (default `latest`) or a version. */
export interface ArtifactRef {
  readonly tag?: string;
  readonly version?: string;
}

/** A listing entry written ahead of a commit: the record bytes it was made from, and its write. */
interface ListedAhead {
  readonly record: Buffer;
  readonly segment: Promise<string | undefined>;
}

/** The default primary file name: `data` plus the format as extension. */
function defaultFileName(artifact: Artifact): string {
  return artifact.format ? `data.${artifact.format}` : 'data';
}

/**
 * Keeps artifacts in a {@link Store}: immutable versions, records written last, moving tags.
 *
 * @remarks
 * See `ArtifactLayout` for the paths. Versions are time-sortable random ids (stamped when staging
 * starts), so concurrent writers to one key each get their own version and none is lost.
 * `latest` is the committed version with the greatest id: its pointer is a cache that readers
 * check against the records, so it never goes back, whatever order writers commit in. A crash
 * before `commit` leaves only bytes that no record points at.
 */
export class StoreArtifactRepository implements ArtifactRepository {
  readonly store: Store;
  readonly kinds: ArtifactKinds;
  private readonly resolvers: Readonly<Record<string, UriResolver>>;
  private readonly ownTemp: TempScope | undefined;
  private readonly temp: TempScope;
  private readonly dedupMinBytes: number;
  private readonly inlineMaxBytes: number;
  /** Millisecond stamp of the last version this repository made (its versions strictly increase). */
  private lastStamp = 0;
  /** Listing entries written ahead of their commits (see {@link listAhead}), by staged artifact. */
  private readonly listedAhead = new WeakMap<StagedArtifact, ListedAhead>();

  constructor(options: StoreArtifactRepositoryOptions) {
    this.store = options.store;
    this.kinds = options.kinds ?? ArtifactKinds.builtin();
    this.resolvers = { ...(options.resolvers ?? {}) };
    this.ownTemp = options.temp === undefined ? new TempScope() : undefined;
    this.temp = options.temp ?? (this.ownTemp as TempScope);
    this.dedupMinBytes = options.dedupMinBytes ?? DEDUP_MIN_BYTES;
    this.inlineMaxBytes = options.inlineMaxBytes ?? INLINE_MAX_BYTES;
  }

  /**
   * Writes the artifact's bytes under a new version (invisible until committed).
   *
   * @throws InvalidKeyError for a bad key, tag or file name; StoreError when a write fails (the
   * bytes already written are deleted).
   */
  async stage(artifact: Artifact, options: StageOptions = {}): Promise<StagedArtifact> {
    const key = validateArtifactKey(artifact.key);
    // "" means no tag, as in MLRun: only `latest` moves.
    const tag = optionalTag(options.tag ?? artifact.tag);
    const version =
      options.copyOf === undefined ? this.nextVersion() : validateVersion(options.copyOf.version);
    const staged = cloneArtifact(artifact);
    const writes: [string, Body][] = [];
    if (artifact.body !== undefined) {
      staged.fileName = artifact.fileName ?? defaultFileName(artifact);
      staged.format ??= staged.fileName.includes('.')
        ? staged.fileName.split('.').pop()
        : undefined;
      if (staged.format === undefined) delete staged.format;
      writes.push([staged.fileName, artifact.body]);
    }
    for (const [name, body] of Object.entries(artifact.files ?? {})) {
      if (name === staged.fileName) throw this.clash(key, name);
      writes.push([name, body]);
    }
    for (const [name] of writes) validateStorePath(name, `artifact "${key}"`);
    // Read once per store object: a store a newer Stowage wrote is refused before any write.
    const format = await storeFormatForWrite(this.store);
    const store = this.store;
    const dedup = format >= 2 && store.move !== undefined;
    // Where a move copies the bytes (S3), big in-memory files go straight to their blob.
    const blobs = dedup
      ? { minBytes: this.dedupMinBytes, direct: store.moveCopies === true }
      : undefined;
    // Small in-memory files go inside the record: no object, no folder, no flush of their own.
    // Not on a format-1 store: an older Stowage that uses it would not find them.
    const inlined = await inlineFiles(writes, format >= 2 ? this.inlineMaxBytes : 0);
    const apart = writes.filter(([name]) => !inlined.results.has(name));
    const written = await writeVersionFiles(store, key, version, apart, blobs);
    const blobFiles = dedup
      ? await moveToBlobs(
          store as Store & Required<Pick<Store, 'move'>>,
          key,
          version,
          apart.map(([name]) => name),
          written.results,
          this.dedupMinBytes,
          written.direct,
        )
      : [];
    const byName = new Map(apart.map(([name], i) => [name, written.results[i] as PutResult]));
    const results = writes.map(
      ([name]) => inlined.results.get(name) ?? (byName.get(name) as PutResult),
    );
    const primary = artifact.body !== undefined ? results[0] : undefined;
    if (primary !== undefined)
      Object.assign(staged, { size: primary.size, sha256: primary.sha256 });
    const extras = writes.slice(primary !== undefined ? 1 : 0);
    const offset = primary !== undefined ? 1 : 0;
    staged.fileRecords = extras.map(([name], i) => ({
      name,
      ...(results[i + offset] as PutResult),
    }));
    Object.assign(staged, {
      version,
      uri: `store://${key}@${version}`,
      createdAt: options.copyOf?.createdAt ?? new Date().toISOString(),
    });
    if (blobFiles.length > 0) staged.blobFiles = blobFiles;
    else delete staged.blobFiles;
    if (inlined.results.size > 0) staged.inlineFiles = inlined.texts;
    else delete staged.inlineFiles;
    if (tag !== undefined) staged.tag = tag;
    else delete staged.tag;
    if (options.producer !== undefined) staged.producer = options.producer;
    if (options.packaging !== undefined) staged.packaging = options.packaging;
    return { artifact: staged, options };
  }

  /**
   * Writes the record (durably, after the bytes) while `latest` moves, then moves the tag.
   *
   * @remarks
   * The record is the commit point. Its bytes, the version's files and their folders (`stage`
   * leaves small files unflushed) are fsynced together, then the record is renamed into place and
   * its folder fsynced: once `commit` returns the artifact survives a power loss, and a record is
   * never on disk without its files. `latest` is not fsynced: readers derive it from
   * the newest record when a crash lost or damaged it (see `moveTags`).
   */
  async commit(staged: StagedArtifact): Promise<Artifact> {
    const artifact = staged.artifact;
    const key = validateArtifactKey(artifact.key);
    const version = validateVersion(artifact.version ?? '');
    const files = [
      ...(artifact.fileName !== undefined ? [artifact.fileName] : []),
      ...(artifact.fileRecords ?? []).map((f) => f.name),
    ];
    const names = files.filter(
      (name) => !isBlobFile(artifact, name) && !isInlineFile(artifact, name),
    );
    // Blobs are flushed with the version's files: a small one was staged unflushed (with a low
    // `dedupMinBytes`, or a body of exactly 1 MiB) and its move flushed only its folder; for a
    // big one, already flushed while it was hashed, the second fsync finds nothing to write.
    const blobs = files
      .filter((name) => isBlobFile(artifact, name))
      .map((name) => storedFilePath(artifact, name));
    // The listing entry lands before the record is visible: an index may list a version whose
    // record is missing (readers check), never miss one whose record was written. It is written
    // while the blobs are checked (one round trip instead of two on S3; when the check fails it is
    // taken back) and, on a store that can wait (`putAfter`), while the record's bytes are
    // written and flushed: the record's rename waits for it. The entry keeps the MD5 of the
    // record's bytes (list pages confirm rows by ETag, see listing/record-md5.ts).
    const record = serializeArtifactRecord(artifact);
    const ahead = this.listedAhead.get(staged);
    this.listedAhead.delete(staged);
    // An entry written ahead (with other commits' entries, in one segment) stands for this
    // commit's own only if it was made from these very record bytes; it is never deleted here.
    const entry =
      ahead !== undefined && ahead.record.equals(record)
        ? Promise.all([ahead.segment, this.checkBlobs(artifact)]).then(() => undefined)
        : this.appendIndexCheckingBlobs(artifact, recordMd5(record));
    entry.catch(() => undefined);
    // `latest` moves while the record is written: readers check the pointer against the records.
    const latest = moveLatest(this.store, key, version);
    latest.catch(() => undefined);
    try {
      const overlap = this.store.putAfter === true;
      if (!overlap) await entry;
      await this.store.put(ArtifactLayout.record(key, version), record, {
        syncFirst: [...versionSyncPaths(key, version, names), ...blobs],
        ...(overlap ? { after: entry } : {}),
      });
      await latest;
      await this.checkBlobsAfterCommit(artifact);
    } catch (error) {
      await latest.catch(() => undefined);
      // A failed commit is aborted (record and bytes deleted): its listing entry goes too.
      const segment = await entry.catch(() => undefined);
      if (segment !== undefined) await this.store.delete(segment).catch(() => undefined);
      throw error;
    }
    // A copy keeps the tag it records; copyArtifacts moves tags itself, when asked.
    const copy = staged.options.copyOf !== undefined;
    if (!copy && artifact.tag !== undefined && artifact.tag !== LATEST_TAG)
      await moveTag(this.store, key, version, artifact.tag);
    return cloneArtifact(artifact);
  }

  /**
   * Writes the listing entries of artifacts about to be committed, all in one index segment, so
   * that their commits write none of their own (one small file, or one request on S3, instead of
   * one per commit). A commit still waits for that segment before its record becomes visible.
   *
   * @remarks
   * Call it after the staged artifacts are final (links resolved): a commit whose record differs
   * from the one listed ahead writes its own entry as before. An entry whose commit never comes
   * (aborted, or failed) stays listed with no record, which the index allows (readers check every
   * entry against the records; see docs/stores.md, "The listing index"). Never rejects: a
   * failed write fails the commits that wait for it.
   */
  async listAhead(staged: readonly StagedArtifact[]): Promise<void> {
    const ready = staged.map((s) => ({ s, record: serializeArtifactRecord(s.artifact) }));
    if (ready.length === 0) return;
    const now = Date.now();
    const segment = artifactIndex(this.store).append(
      ready.map(({ s, record }) => artifactIndexEntry(s.artifact, now, recordMd5(record))),
    );
    segment.catch(() => undefined);
    for (const { s, record } of ready) this.listedAhead.set(s, { record, segment });
    await segment.then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * Appends the artifact's listing entry while {@link checkBlobs} runs; when either fails, the
   * entry (if written) is deleted and the first error is thrown.
   *
   * @returns the segment written, as `artifactIndex().append` returns it.
   */
  private async appendIndexCheckingBlobs(
    artifact: Artifact,
    recordMd5: string,
  ): Promise<string | undefined> {
    const [segment, check] = await Promise.allSettled([
      artifactIndex(this.store).append([artifactIndexEntry(artifact, Date.now(), recordMd5)]),
      this.checkBlobs(artifact),
    ]);
    if (segment.status === 'fulfilled' && check.status === 'fulfilled') return segment.value;
    if (segment.status === 'fulfilled' && segment.value !== undefined)
      await this.store.delete(segment.value).catch(() => undefined);
    throw check.status === 'rejected' ? check.reason : (segment as PromiseRejectedResult).reason;
  }

  /**
   * Checks that the blobs a staged artifact names are still there (a run that waited longer than
   * the gc grace period between staging and commit may have lost them).
   *
   * @throws StoreError (`STORE_FAILED`) naming the missing blob; the record is not written.
   */
  private async checkBlobs(artifact: Artifact): Promise<void> {
    for (const name of artifact.blobFiles ?? []) {
      const path = storedFilePath(artifact, name);
      if ((await this.store.stat(path)) !== undefined) continue;
      throw new StoreError(
        `The bytes of file "${name}" of "${artifact.key}" version ${artifact.version} are gone from ${this.store.url} (${path}) before the commit; the version was not committed.`,
        {
          details: { key: artifact.key, version: artifact.version, file: name, path },
          fix: 'Log the artifact again; keep the gc grace period (--grace) longer than the time between staging and commit.',
        },
      );
    }
  }

  /**
   * Checks the blobs again once the record is visible: if `stowage gc` removed one in between,
   * the record is taken back and the commit fails, so no record stays without its bytes.
   */
  private async checkBlobsAfterCommit(artifact: Artifact): Promise<void> {
    if (artifact.blobFiles === undefined || artifact.blobFiles.length === 0) return;
    try {
      await this.checkBlobs(artifact);
    } catch (error) {
      await this.store.delete(ArtifactLayout.record(artifact.key, artifact.version ?? ''));
      throw error;
    }
  }

  /** Deletes a staged artifact: its record first (if a failed commit wrote one), then its bytes. */
  async abort(staged: StagedArtifact): Promise<void> {
    const key = validateArtifactKey(staged.artifact.key);
    const version = validateVersion(staged.artifact.version ?? '');
    await this.store.delete(ArtifactLayout.record(key, version));
    await deleteVersionFiles(this.store, key, version);
  }

  /** A new version id; one repository's ids strictly increase, even within a millisecond. */
  private nextVersion(): string {
    // Sequential logs from one process always move `latest` forward (the stamp may run ahead by
    // a few ms).
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return newVersionId(new Date(this.lastStamp));
  }

  /** Stages then commits one artifact. */
  async log(artifact: Artifact, options?: StageOptions): Promise<Artifact> {
    return this.commit(await this.stage(artifact, options));
  }

  /**
   * Reads the record of `key` at a tag (default `latest`) or version.
   *
   * @remarks
   * When the `latest` pointer is missing, damaged or names a missing record (it is not fsynced,
   * so a power loss can do that), the newest committed record is read instead.
   * @throws NotFoundError naming the key, tag or version and the store; StoreError for a damaged
   * record or named tag.
   */
  read(key: string, ref: ArtifactRef = {}): Promise<Artifact> {
    return guardInput(InvalidKeyError, 'The key or reference given to read()', () =>
      this.readRef(key, ref),
    );
  }

  private async readRef(key: string, ref: ArtifactRef): Promise<Artifact> {
    validateArtifactKey(key);
    if (ref.version !== undefined) return this.readVersion(key, validateVersion(ref.version));
    const tag = optionalTag(ref.tag) ?? LATEST_TAG;
    const found = await resolveTagVersion(this.store, key, tag);
    if (found === undefined) throw this.notFound(key, `tag "${tag}"`, undefined);
    try {
      return await this.readVersion(key, found.version);
    } catch (error) {
      // A `latest` that survived a crash its record did not: derive it from the records.
      if (tag !== LATEST_TAG || found.derived || !NotFoundError.is(error)) throw error;
      const derived = await deriveLatest(this.store, key);
      if (derived === undefined) throw this.notFound(key, `tag "${tag}"`, error);
      return this.readVersion(key, derived.version);
    }
  }

  /** A data item over a committed artifact (or one of its extra files). */
  item(artifact: Artifact, file?: string, temp: TempScope = this.temp): ArtifactDataItem {
    const item = new ArtifactDataItem(this.store, artifact, { temp });
    return file === undefined ? item : (item.file(file) as ArtifactDataItem);
  }

  /**
   * Opens `store://key[:tag|@version][#file]`, `file://…`, a plain path, or a resolver's scheme.
   *
   * @throws NotFoundError for a missing artifact; MissingDependencyError for a scheme with no resolver.
   */
  open(uri: string, options: { readonly temp?: TempScope } = {}): Promise<DataItem> {
    return guardInput(InvalidKeyError, 'The URI given to open()', () => this.openUri(uri, options));
  }

  private async openUri(uri: string, options: { readonly temp?: TempScope }): Promise<DataItem> {
    if (typeof uri !== 'string')
      throw new InvalidKeyError(`open() got ${typeof uri} instead of a URI.`, {
        details: { received: typeof uri },
        fix: 'Pass the URI as a string: store://key[:tag|@version][#file], file:///path or a path.',
      });
    const temp = options.temp ?? this.temp;
    const parsed = parseDataUri(uri);
    if ('key' in parsed) {
      const ref =
        parsed.version !== undefined
          ? { version: parsed.version }
          : parsed.tag !== undefined
            ? { tag: parsed.tag }
            : {};
      return this.item(await this.read(parsed.key, ref), parsed.file, temp);
    }
    if ('path' in parsed) return new FileDataItem(parsed.path);
    const resolver = this.resolvers[parsed.scheme];
    if (resolver !== undefined) return resolver(parsed.uri, { temp });
    const pkg = parsed.scheme === 's3' ? '@stowage/s3' : undefined;
    throw new MissingDependencyError(
      `No resolver for "${parsed.scheme}://" URIs, needed to open ${uri}.`,
      {
        details: { uri, scheme: parsed.scheme, package: pkg },
        fix: pkg
          ? `Run \`npm install ${pkg}\` and pass its resolver: new StoreArtifactRepository({ store, resolvers: { s3: … } }).`
          : `Pass a resolver for "${parsed.scheme}" in the repository's \`resolvers\` option.`,
      },
    );
  }

  /** Every key with at least one committed version, sorted. */
  keys(): Promise<string[]> {
    return listArtifactKeys(this.store);
  }

  /** The committed versions of `key`, oldest first. */
  versions(key: string): Promise<string[]> {
    return listArtifactVersions(this.store, validateArtifactKey(key));
  }

  /** Records matching `filter`, by key, newest version first. */
  list(filter: ArtifactFilter = {}): Promise<Artifact[]> {
    return guardInput(InvalidKeyError, 'The filter given to list()', () => this.listAll(filter));
  }

  private async listAll(filter: ArtifactFilter): Promise<Artifact[]> {
    const keys = filter.key !== undefined ? [validateArtifactKey(filter.key)] : await this.keys();
    const refs: [string, ArtifactRef][] = [];
    for (const key of keys) {
      const tag = optionalTag(filter.tag);
      if (tag !== undefined) refs.push([key, { tag }]);
      else
        for (const version of (await this.versions(key)).reverse()) refs.push([key, { version }]);
    }
    const found = await mapLimit(refs, 8, ([key, ref]) =>
      this.read(key, ref).catch((error: unknown) => {
        if (NotFoundError.is(error)) return undefined;
        throw error;
      }),
    );
    return found.filter((a): a is Artifact => a !== undefined && matchesFilter(a, filter));
  }

  /** Removes the temporary directories this repository created (not a scope passed in). */
  async dispose(): Promise<void> {
    await this.ownTemp?.dispose();
  }

  private async readVersion(key: string, version: string): Promise<Artifact> {
    // Read once per store object: a store a newer Stowage wrote is refused, never misread.
    await storeFormat(this.store);
    const path = ArtifactLayout.record(key, version);
    const bytes = await this.store.get(path).catch((error: unknown) => {
      throw NotFoundError.is(error) ? this.notFound(key, `version ${version}`, error) : error;
    });
    return parseArtifactRecord(bytes, this.kinds, { store: this.store.url, path, key, version });
  }

  private notFound(key: string, what: string, cause: unknown): NotFoundError {
    return new NotFoundError(
      `Artifact "${key}" (${what}) was not found in store ${this.store.url}.`,
      {
        details: { key, ref: what, store: this.store.url },
        fix: 'Check the key and tag/version (`stowage artifacts list`), and that this is the store it was logged to.',
        cause,
      },
    );
  }

  private clash(key: string, name: string): InvalidKeyError {
    return new InvalidKeyError(
      `Artifact "${key}" has an extra file named like its primary file "${name}".`,
      {
        details: { key, file: name },
        fix: 'Give the primary file (fileName) and each entry of `files` distinct names.',
      },
    );
  }
}
