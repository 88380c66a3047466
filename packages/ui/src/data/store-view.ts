import {
  listTags,
  NotFoundError,
  parseDataUri,
  RunRepository,
  StoreArtifactRepository,
} from '@stowage/core';
import type { Artifact, RunInput, RunRecord, Store, TagState } from '@stowage/core';
import { mapLimit } from '@stowage/core/internal';

/** One run of the list: its record, or why it could not be read (a damaged record). */
export interface RunEntry {
  readonly id: string;
  readonly record?: RunRecord;
  readonly error?: unknown;
}

/** One artifact key of the list: its newest record (or why it could not be read), versions, tags. */
export interface KeyEntry {
  readonly key: string;
  readonly versions: readonly string[];
  readonly tags: readonly TagState[];
  readonly latest?: Artifact;
  readonly error?: unknown;
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
  private readonly runCache = new Map<string, { stamp: string; entry: RunEntry }>();

  constructor(options: StoreViewOptions) {
    this.store = options.store;
    this.cacheMs = options.cacheMs ?? 2000;
    this.runs = new RunRepository({ store: this.store });
    this.artifacts = new StoreArtifactRepository({ store: this.store });
  }

  /** Every run, newest first (run ids sort by start time). */
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

  /** Every artifact key with its versions, tags and newest record, sorted by key. */
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

  /** Runs whose inputs name `key` (at `version`, or by tag/latest: `exact` says which). */
  async consumers(
    key: string,
    version: string,
  ): Promise<{ run: RunRecord; ref: InputRef; exact: boolean }[]> {
    const found: { run: RunRecord; ref: InputRef; exact: boolean }[] = [];
    for (const entry of await this.listRuns()) {
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
  }

  private async loadRuns(): Promise<RunEntry[]> {
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

  private async loadKeys(): Promise<KeyEntry[]> {
    const keys = await this.artifacts.keys();
    return mapLimit(keys, 16, async (key): Promise<KeyEntry> => {
      const versions = (await this.artifacts.versions(key)).reverse();
      const tags = await listTags(this.store, key).catch(() => []);
      try {
        return { key, versions, tags, latest: await this.artifacts.read(key) };
      } catch (error) {
        return { key, versions, tags, error };
      }
    });
  }
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
