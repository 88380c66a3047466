import {
  listTags,
  NotFoundError,
  parseDataUri,
  RunRepository,
  StoreArtifactRepository,
} from '@stowage/core';
import type { Artifact, RunInput, RunRecord, Store, TagState } from '@stowage/core';
import { artifactIndex, mapLimit, runIndex } from '@stowage/core/internal';
import { watchEtags, type EtagWatch } from './etag-watch';
import { confirmKeys, confirmRuns } from './row-confirmation';
import type { ArtifactIndexEntry, RunIndexEntry, SegmentedIndex } from '@stowage/core/internal';

/**
 * One run of the list: its record, or why it could not be read (a damaged record).
 *
 * @remarks
 * Entries of {@link StoreView.listRuns} come from the listing index: their `record` holds only
 * the indexed fields (`indexed: true`) until {@link StoreView.verifyRuns} reads the real one.
 */
export interface RunEntry {
  readonly id: string;
  readonly record?: RunRecord;
  readonly error?: unknown;
  /** `true` while `record` is the index's summary, not the stored record. */
  readonly indexed?: boolean;
  /** The `store://` URIs the run read, as the listing index has them (index entries only). */
  readonly inputUris?: readonly string[];
  /** The MD5 hex of the record bytes the index entry was made from (index entries only). */
  readonly recordMd5?: string;
  /**
   * `true` when {@link StoreView.verifyRuns} found, by listing, that the record still holds the
   * bytes the summary was made from (its ETag is their MD5): the summary is the record's.
   */
  readonly confirmed?: true;
}

/** What the artifacts list shows of a key's newest version. */
export interface VersionSummary {
  readonly version: string;
  readonly kind: string;
  /** Bytes of the primary file plus every extra file. */
  readonly bytes: number;
  readonly createdAt?: string;
  readonly producer?: { readonly runId: string; readonly name?: string };
}

/** One artifact key of the list: its newest record (or why it could not be read), versions, tags. */
export interface KeyEntry {
  readonly key: string;
  /** Newest first; empty in the rows of {@link StoreView.listKeys} until verified. */
  readonly versions: readonly string[];
  readonly tags: readonly TagState[];
  readonly latest?: Artifact;
  readonly error?: unknown;
  /** The newest version's kind as the listing index has it (before {@link StoreView.verifyKeys}). */
  readonly kind?: string;
  /** `true` while versions and kind come from the index and tags and `latest` are not read. */
  readonly indexed?: boolean;
  /**
   * The newest version as the list shows it, after {@link StoreView.verifyKeys}: from `latest`,
   * or from the index entry its record was confirmed against (then `latest` is not read).
   */
  readonly summary?: VersionSummary;
  /** `true` when the newest record was confirmed by listing, not read (see {@link summary}). */
  readonly confirmed?: true;
}

/** A reference to an artifact found in a run's inputs. */
export interface InputRef {
  /** The input name, with the path inside a collection input (`models[1]`). */
  readonly name: string;
  readonly uri: string;
  readonly key?: string;
  readonly version?: string;
  readonly tag?: string;
}

/** Options of {@link StoreView}. */
export interface StoreViewOptions {
  readonly store: Store;
  /** How long a listing is reused before the store is listed again (default 2000 ms). */
  readonly cacheMs?: number;
}

interface Cached<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

/**
 * What the UI reads from a store, through core's repositories: runs, artifact keys, records.
 *
 * @remarks
 * Listings are cached for `cacheMs`; a run record is read again only when its size or mtime
 * changed, so a page of a 10,000-run store does not re-read 10,000 files. The records are always
 * what core parses (checksums checked); a record that fails is listed with its error.
 */
export class StoreView {
  readonly store: Store;
  readonly runs: RunRepository;
  readonly artifacts: StoreArtifactRepository;
  private readonly cacheMs: number;
  private runList: Cached<RunEntry[]> | undefined;
  private keyList: Cached<KeyEntry[]> | undefined;
  private recordList: Cached<RunEntry[]> | undefined;
  private readonly runCache = new Map<string, { stamp: string; entry: RunEntry }>();
  private readonly runIndex: SegmentedIndex<RunIndexEntry>;
  private readonly versionIndex: SegmentedIndex<ArtifactIndexEntry>;
  /** Run ids the index listed last, ascending (estimates what a range LIST covers). */
  private knownRuns: readonly string[] = [];
  /** Artifact keys the index listed last (estimates what a range LIST covers). */
  private knownKeys: readonly string[] = [];
  /** Index entries of the keys {@link firstKeys} returned last, by version id. */
  private windowVersions = new Map<string, ArtifactIndexEntry>();
  /** The store as the indexes list it: says whether its listings carry ETags. */
  private readonly listings: EtagWatch;
  /** `false` once a range LIST showed no ETags: rows are then read, never listed. */
  private etags = true;

  constructor(options: StoreViewOptions) {
    this.store = options.store;
    this.cacheMs = options.cacheMs ?? 2000;
    this.runs = new RunRepository({ store: this.store });
    this.artifacts = new StoreArtifactRepository({ store: this.store });
    this.listings = watchEtags(this.store);
    this.runIndex = runIndex(this.listings.store);
    this.versionIndex = artifactIndex(this.listings.store);
  }

  /**
   * Every run, newest first (run ids sort by start time), from the listing index.
   *
   * @remarks
   * The entries hold the indexed summary; pass the rows a page shows to {@link verifyRuns}.
   */
  listRuns(): Promise<RunEntry[]> {
    const now = Date.now();
    if (this.runList === undefined || now - this.runList.at > this.cacheMs) {
      const value = this.loadRuns();
      // The listing is fresh from when it finished (a slow first load must not expire at once).
      value.then(
        () => this.runList?.value === value && (this.runList = { at: Date.now(), value }),
        () => (this.runList = undefined),
      );
      this.runList = { at: now, value };
    }
    return this.runList.value;
  }

  /**
   * Every artifact key with its newest kind, sorted by key, from the listing index's manifest
   * (and the parts its log segments write to), not from its 50,000 entries.
   *
   * @remarks
   * The rows carry no versions (`versions` is empty): pass the rows a page shows to
   * {@link verifyKeys}, which reads their versions, tags and newest record from the store.
   */
  listKeys(): Promise<KeyEntry[]> {
    const now = Date.now();
    if (this.keyList === undefined || now - this.keyList.at > this.cacheMs) {
      const value = this.loadKeys();
      value.then(
        () => this.keyList?.value === value && (this.keyList = { at: Date.now(), value }),
        () => (this.keyList = undefined),
      );
      this.keyList = { at: now, value };
    }
    return this.keyList.value;
  }

  /**
   * The newest `count` runs (the default order of the runs list) and how many runs there are,
   * from the end of the listing index: its manifest, log segments and last part(s), not the
   * whole index. Pass the rows a page shows to {@link verifyRuns}.
   */
  async newestRuns(count: number): Promise<{ rows: RunEntry[]; total: number }> {
    const window = await this.runIndex.readWindow({ from: 'end', groups: count });
    const sorted = [...window.entries.values()].sort((a, b) =>
      a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
    );
    this.knownRuns = sorted.map((e) => e.id).reverse();
    const rows = sorted.slice(0, count).map((e) => summaryEntry(e));
    return { rows, total: window.groups };
  }

  /**
   * The first `count` artifact keys by name (the default order of the artifacts list), how many
   * keys there are and the kinds of the keys' newest versions, from the start of the listing
   * index (not the whole index). Pass the rows a page shows to {@link verifyKeys}.
   */
  async firstKeys(count: number): Promise<{ rows: KeyEntry[]; total: number; kinds: string[] }> {
    const window = await this.versionIndex.readWindow({ from: 'start', groups: count });
    this.windowVersions = new Map(window.entries);
    this.knownKeys = [...new Set([...window.entries.values()].map((e) => e.key))];
    return {
      rows: keyEntries(window.entries.values()).slice(0, count),
      total: window.groups,
      kinds: window.facets,
    };
  }

  /** One key: versions (newest first) and tags. */
  async keyInfo(key: string): Promise<{ versions: string[]; tags: TagState[] }> {
    const versions = (await this.artifacts.versions(key)).reverse();
    if (versions.length === 0)
      throw new NotFoundError(`Artifact "${key}" was not found in store ${this.store.url}.`, {
        details: { key, store: this.store.url },
        fix: 'Check the key on the Artifacts page; it may have been deleted.',
      });
    return { versions, tags: await listTags(this.store, key) };
  }

  /**
   * The rows a page shows, checked against the store (what the page displays is the record,
   * never the index alone); a run whose record is gone is dropped.
   *
   * @remarks
   * Rows are first confirmed by listing their records (range LISTs, see `confirmedRuns`):
   * a row whose record's ETag is the MD5 its index entry was made from shows the entry, which
   * is that record's summary. Every other row's record is read.
   */
  async verifyRuns(rows: readonly RunEntry[]): Promise<RunEntry[]> {
    const confirmed = await this.confirmedRuns(rows);
    const read = await mapLimit(rows, 32, (row) =>
      confirmed.has(row.id)
        ? Promise.resolve<RunEntry>({ ...row, confirmed: true })
        : this.readRun(row.id),
    );
    return read.filter((e): e is RunEntry => e !== undefined);
  }

  /**
   * The rows a page shows, checked against the store: versions and tags listed, the newest record
   * confirmed by its ETag or read (see `confirmedKeys`); a key with no version left is
   * dropped.
   */
  async verifyKeys(rows: readonly KeyEntry[]): Promise<KeyEntry[]> {
    const confirmed = await this.confirmedKeys(rows);
    const read = await mapLimit(rows, 32, (row) => {
      const listed = confirmed.get(row.key);
      return listed !== undefined
        ? Promise.resolve(listed)
        : this.readKey(row.key, row.versions[0]);
    });
    return read.filter((e): e is KeyEntry => e !== undefined);
  }

  /** The ids of `rows` confirmed by listing their records (see {@link confirmRuns}). */
  private async confirmedRuns(rows: readonly RunEntry[]): Promise<Set<string>> {
    if (!this.confirms()) return new Set();
    const { confirmed, etags } = await confirmRuns(this.store, rows, this.knownRuns);
    if (!etags) this.etags = false;
    return confirmed;
  }

  /** The rows of `rows` confirmed by listing their keys' folders (see {@link confirmKeys}). */
  private async confirmedKeys(rows: readonly KeyEntry[]): Promise<Map<string, KeyEntry>> {
    if (!this.confirms() || rows.length < 2) return new Map();
    const keys = rows.map((r) => r.key);
    const { confirmed, usable } = await confirmKeys(this.store, keys, {
      // Read while the keys are listed (no request when the last window holds them).
      entries: this.versionEntries(keys),
      window: this.windowVersions,
      known: this.knownKeys,
    });
    if (!usable) this.etags = false;
    return confirmed;
  }

  /** Whether rows may be confirmed by listing: the store's listings carry ETags. */
  private confirms(): boolean {
    return this.etags && this.listings.seen();
  }

  /** The index entries of `keys`' versions: from the last window when it has them, else read. */
  private async versionEntries(keys: readonly string[]): Promise<Map<string, ArtifactIndexEntry>> {
    const have = new Set([...this.windowVersions.values()].map((e) => e.key));
    const missing = keys.filter((k) => !have.has(k));
    const out = new Map(this.windowVersions);
    if (missing.length > 0)
      for (const [id, e] of await this.versionIndex.readGroupEntries(missing)) out.set(id, e);
    return out;
  }

  /** One run's record, or why it cannot be read; `undefined` when it is gone. */
  readRun(id: string): Promise<RunEntry | undefined> {
    return this.runs.read(id).then(
      (record): RunEntry => ({ id, record }),
      (error: unknown): RunEntry | undefined =>
        NotFoundError.is(error) ? undefined : { id, error },
    );
  }

  /**
   * Runs whose inputs name `key` (at `version`, or by tag/latest: `exact` says which), found by
   * reading every run record: the reference `ConsumerIndex` is checked against (slow on a
   * big store; pages use the index).
   */
  async consumers(
    key: string,
    version: string,
  ): Promise<{ run: RunRecord; ref: InputRef; exact: boolean }[]> {
    const found: { run: RunRecord; ref: InputRef; exact: boolean }[] = [];
    for (const entry of await this.listRunRecords()) {
      if (entry.record === undefined) continue;
      for (const ref of inputRefs(entry.record)) {
        if (ref.key !== key) continue;
        if (ref.version !== undefined && ref.version !== version) continue;
        found.push({ run: entry.record, ref, exact: ref.version === version });
      }
    }
    return found;
  }

  /** Forgets cached listings (tests; the next request lists the store again). */
  refresh(): void {
    this.runList = undefined;
    this.keyList = undefined;
    this.recordList = undefined;
  }

  /**
   * Every run with its record read, newest first (lineage: which runs read an artifact; the
   * listing index keeps no inputs). Slow on big stores; cached like the listings.
   */
  listRunRecords(): Promise<RunEntry[]> {
    const now = Date.now();
    if (this.recordList === undefined || now - this.recordList.at > this.cacheMs) {
      const value = this.loadRunRecords();
      value.then(
        () => this.recordList?.value === value && (this.recordList = { at: Date.now(), value }),
        () => (this.recordList = undefined),
      );
      this.recordList = { at: now, value };
    }
    return this.recordList.value;
  }

  private async loadRuns(): Promise<RunEntry[]> {
    const { entries } = await this.runIndex.read();
    const sorted = [...entries.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    this.knownRuns = sorted.map((e) => e.id).reverse();
    return sorted.map((e) => summaryEntry(e));
  }

  private async loadKeys(): Promise<KeyEntry[]> {
    // Each key with its newest kind from the index's manifest (the parts are not read).
    const { groups } = await this.versionIndex.readGroups();
    this.knownKeys = [...groups.keys()];
    return [...groups].map(([key, kind]) => ({
      key,
      versions: [],
      tags: [],
      ...(kind !== '' ? { kind } : {}),
      indexed: true,
    }));
  }

  /**
   * One key of a page from its records: its versions listed, its tags listed and the newest
   * record read at once (the newest version the index names is read while the listing runs; if
   * the listing shows another newest version, that one is read after).
   */
  private async readKey(key: string, indexedNewest?: string): Promise<KeyEntry | undefined> {
    const readVersion = (version: string): Promise<{ artifact: Artifact } | { error: unknown }> =>
      this.artifacts.read(key, { version }).then(
        (artifact) => ({ artifact }),
        (error: unknown) => ({ error }),
      );
    const early = indexedNewest !== undefined ? readVersion(indexedNewest) : undefined;
    const [listed, tags] = await Promise.all([
      this.artifacts.versions(key),
      listTags(this.store, key).catch(() => []),
    ]);
    const versions = listed.reverse();
    const newest = versions[0];
    if (newest === undefined) {
      await early;
      return undefined;
    }
    // The newest committed record is what `latest` names (core derives it the same way).
    const read = await (newest === indexedNewest && early !== undefined
      ? early
      : readVersion(newest));
    return 'artifact' in read
      ? { key, versions, tags, latest: read.artifact, summary: artifactSummary(read.artifact) }
      : { key, versions, tags, error: read.error };
  }

  private async loadRunRecords(): Promise<RunEntry[]> {
    const stats: { id: string; stamp: string }[] = [];
    for await (const { path, size, modifiedAt } of this.store.list('runs/')) {
      const name = path.slice('runs/'.length);
      if (name.includes('/') || !name.endsWith('.json')) continue;
      stats.push({ id: name.slice(0, -'.json'.length), stamp: `${size}:${modifiedAt.getTime()}` });
    }
    stats.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const seen = new Set(stats.map((s) => s.id));
    for (const id of this.runCache.keys()) if (!seen.has(id)) this.runCache.delete(id);
    return mapLimit(stats, 16, async ({ id, stamp }) => {
      const cached = this.runCache.get(id);
      if (cached !== undefined && cached.stamp === stamp) return cached.entry;
      const entry: RunEntry = await this.runs.read(id).then(
        (record) => ({ id, record }),
        (error: unknown) => ({ id, error }),
      );
      this.runCache.set(id, { stamp, entry });
      return entry;
    });
  }
}

/** The keys of index entries, sorted by key, each with its versions newest first and newest kind. */
function keyEntries(entries: Iterable<ArtifactIndexEntry>): KeyEntry[] {
  const byKey = new Map<string, ArtifactIndexEntry[]>();
  for (const e of entries) {
    const list = byKey.get(e.key);
    if (list === undefined) byKey.set(e.key, [e]);
    else list.push(e);
  }
  return [...byKey.keys()].sort().map((key) => {
    const versions = (byKey.get(key) ?? []).sort((a, b) =>
      a.version < b.version ? 1 : a.version > b.version ? -1 : 0,
    );
    const kind = versions[0]?.kind;
    return {
      key,
      versions: versions.map((v) => v.version),
      tags: [],
      ...(kind !== undefined ? { kind } : {}),
      indexed: true,
    };
  });
}

/** The list's view of a version from its record. */
function artifactSummary(a: Artifact): VersionSummary {
  return {
    version: a.version ?? '',
    kind: a.kind,
    bytes: (a.size ?? 0) + (a.fileRecords ?? []).reduce((sum, f) => sum + f.size, 0),
    ...(a.createdAt !== undefined ? { createdAt: a.createdAt } : {}),
    ...(a.producer !== undefined ? { producer: a.producer } : {}),
  };
}

/** A run of the list as the index has it: the summary fields in a record shape, marked `indexed`. */
function summaryEntry(e: RunIndexEntry): RunEntry {
  if (e.status === 'damaged' || e.status === undefined)
    return { id: e.id, error: new Error('The run record could not be read.'), indexed: true };
  const record = {
    schemaVersion: 0,
    id: e.id,
    name: e.name ?? '',
    labels: e.labels ?? {},
    params: {},
    inputs: {},
    results: {},
    artifacts: [],
    status: e.status,
    startedAt: e.startedAt ?? '',
    ...(e.endedAt !== undefined ? { endedAt: e.endedAt } : {}),
    ...(e.host !== undefined ? { runner: { host: e.host, pid: 0 } } : {}),
  } as unknown as RunRecord;
  return {
    id: e.id,
    record,
    indexed: true,
    ...(e.inputs !== undefined ? { inputUris: e.inputs } : {}),
    ...(e.md5 !== undefined ? { recordMd5: e.md5 } : {}),
  };
}

/** The artifact references among a run's inputs (collection inputs flattened). */
export function inputRefs(run: RunRecord): InputRef[] {
  const refs: InputRef[] = [];
  const visit = (name: string, value: RunInput): void => {
    if (typeof value === 'string') refs.push(refOf(name, value));
    else if (Array.isArray(value)) value.forEach((v: RunInput, i) => visit(`${name}[${i}]`, v));
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) visit(`${name}.${k}`, v);
  };
  for (const [name, value] of Object.entries(run.inputs)) visit(name, value);
  return refs;
}

function refOf(name: string, uri: string): InputRef {
  if (!uri.startsWith('store://')) return { name, uri };
  try {
    const parsed = parseDataUri(uri);
    if (!('key' in parsed)) return { name, uri };
    return {
      name,
      uri,
      key: parsed.key,
      ...(parsed.version !== undefined ? { version: parsed.version } : {}),
      ...(parsed.tag !== undefined ? { tag: parsed.tag } : {}),
    };
  } catch {
    return { name, uri };
  }
}
