import { randomBytes } from 'node:crypto';
import { NotFoundError } from '../errors/not-found.error';
import type { Store } from '../stores/store';

/** One entry of a listing index: the state of one thing (a run, a version) at time `at`. */
export interface IndexEntry {
  /** What the entry is about (a run id; `key@version`). Unique in the index. */
  readonly id: string;
  /** When the state was written (ms since the epoch); the newest entry of an id wins. */
  readonly at: number;
  /** A tombstone: the thing was deleted at `at`. */
  readonly deleted?: true;
}

/** Options of {@link SegmentedIndex}. */
export interface SegmentedIndexOptions<E extends IndexEntry> {
  /** The index's folder under `index/` (`runs`, `artifacts`). */
  readonly name: string;
  /** Reads every record of the store and returns their entries (when the index is missing or damaged). */
  readonly rebuild: () => Promise<E[]>;
  /** Whether a stored value is a well-formed entry (anything else marks the index damaged). */
  readonly isEntry: (value: unknown) => value is E;
  /**
   * The entry's fields besides `id`, `at` and `deleted`, in the order they are stored: each entry
   * is stored as one JSON array (`[id, at, deleted, ...fields]`), which parses several times faster
   * than objects on a 50,000-entry snapshot.
   */
  readonly fields: readonly string[];
  /** Log segments that make a read fold them into one snapshot (default 200). */
  readonly compactAfter?: number;
  /**
   * What a list row is made of (default: the id; artifact versions group by key). A snapshot part
   * never splits a group, and {@link SegmentedIndex.readWindow} counts groups.
   */
  readonly group?: (entry: E) => string;
  /** Values a list offers as filters (artifact kinds), from the live entries of whole groups. */
  readonly facets?: (live: readonly E[]) => string[];
  /** Entries per snapshot part (default 2000; a part may exceed it to keep a group whole). */
  readonly partSize?: number;
  /**
   * One label per live group (artifact keys: the newest version's kind), kept for every group in
   * the snapshot's manifest, so {@link SegmentedIndex.readGroups} lists every group without
   * reading the parts (a filtered list reads the manifest, not 50,000 entries).
   */
  readonly groupLabel?: (live: readonly E[]) => string;
}

/** What {@link SegmentedIndex.read} found. */
export interface IndexRead<E extends IndexEntry> {
  /** Live entries (tombstones removed), by id. */
  readonly entries: Map<string, E>;
  /** `true` when the index was missing or damaged and was rebuilt from the records. */
  readonly rebuilt: boolean;
}

/** Which end of the index {@link SegmentedIndex.readWindow} reads, and how many groups at least. */
export interface WindowRequest {
  /** `start`: the lowest groups (sorted as strings); `end`: the highest. */
  readonly from: 'start' | 'end';
  /** Groups wanted: the window holds at least this many (or every group there is). */
  readonly groups: number;
}

/** What {@link SegmentedIndex.readWindow} found. */
export interface IndexWindow<E extends IndexEntry> {
  /**
   * Live entries of whole groups at the requested end: the first (or last) `groups` groups of the
   * index are all here, complete; more groups may follow them.
   */
  readonly entries: Map<string, E>;
  /** Live groups in the whole index. */
  readonly groups: number;
  /** Facets of the whole index (sorted). */
  readonly facets: string[];
  /** `true` when `entries` holds the whole index. */
  readonly complete: boolean;
}

/** What {@link SegmentedIndex.readGroups} found: every live group of the index. */
export interface IndexGroups {
  /** Group → its label (`groupLabel`), sorted by group. */
  readonly groups: Map<string, string>;
  /** Facets of the whole index (sorted). */
  readonly facets: string[];
}

/** One part of a snapshot as its manifest describes it. */
interface PartInfo {
  readonly path: string;
  /** The lowest group the part holds (`''` for the first part): it holds groups up to the next part's. */
  readonly low: string;
  /** Live groups in the part. */
  readonly groups: number;
  readonly facets: readonly string[];
  /** Each live group of the part with its label, sorted (only with `groupLabel`). */
  readonly labels?: readonly (readonly [string, string])[];
}

const FORMAT = 3;
const READ_ATTEMPTS = 4;
const GETS_IN_FLIGHT = 16;
const PART_SIZE = 2000;

/** An index object that could not be used; the read falls back to the records. */
class DamagedIndex extends Error {}

/**
 * A listing index kept as immutable, uniquely named objects a store can hold without any atomic
 * append or conditional write: one small log segment per write, and snapshots that fold them.
 *
 * @remarks
 * Layout, under `index/<name>/`: `log/<time>-<pid>-<random>.json` (entries one write added),
 * `part/<time>-<pid>-<random>-<n>.json` (a snapshot's entries, split by group range, about
 * `partSize` each) and `snap-<time>-<pid>-<random>.json` (the snapshot's manifest: per part its
 * path, lowest group, live group count and facets). Merging keeps, per id, the entry with the
 * greatest `at` (ties: a tombstone wins), so it is order-free and idempotent: any reader may merge
 * what it lists in any order. A compaction writes the parts, then the manifest, and only then
 * deletes the exact objects it merged, so the union of what is stored always holds every entry
 * ever written; a reader whose listed object (or a part its manifest names) vanished reads again.
 * No manifest at all, or any object that does not parse, means the index is missing or damaged:
 * it is rebuilt from the records. The index is never the truth: callers check what they show
 * against the records.
 */
export class SegmentedIndex<E extends IndexEntry> {
  private readonly prefix: string;
  private appends = 0;
  /** Decoded objects by path: every index object is immutable once written, so reuse is safe. */
  private readonly decoded = new Map<string, E[]>();
  private readonly manifests = new Map<string, PartInfo[]>();
  private readonly groupOf: (entry: E) => string;

  constructor(
    readonly store: Store,
    private readonly options: SegmentedIndexOptions<E>,
  ) {
    this.prefix = `index/${options.name}/`;
    this.groupOf = options.group ?? ((e) => e.id);
  }

  /**
   * Adds entries as one new log segment (one small, non-durable put; derivable from the records).
   *
   * @returns The segment's path (a writer whose record write then fails may delete it), or
   * `undefined` when there was nothing to add.
   */
  async append(entries: readonly E[]): Promise<string | undefined> {
    if (entries.length === 0) return undefined;
    const path = `${this.prefix}log/${uniqueName()}.json`;
    await this.store.put(path, this.encode(entries), {
      durable: false,
      contentType: 'application/json',
    });
    if (++this.appends % this.compactAfter() === 0) await this.read().catch(() => undefined);
    return path;
  }

  /** Reads and merges the whole index, rebuilding it from the records when missing or damaged. */
  async read(): Promise<IndexRead<E>> {
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      let result: { merged: Map<string, E>; objects: string[]; folds: boolean } | undefined;
      try {
        result = await this.readOnce();
      } catch (error) {
        if (error instanceof Vanished) continue;
        if (error instanceof DamagedIndex) break;
        throw error;
      }
      if (result === undefined) break;
      const { merged, objects, folds } = result;
      if (folds) await this.compact(merged, objects);
      return { entries: dropTombstones(merged), rebuilt: false };
    }
    return { entries: dropTombstones(await this.rebuild()), rebuilt: true };
  }

  /**
   * Reads the groups at one end of the index: the manifest, every log segment, the parts that
   * hold the requested groups and the parts the segments write to (so counts stay exact), not the
   * rest. Falls back to {@link read} (the whole index) when it is missing, damaged, has several
   * snapshots or is due for compaction.
   */
  async readWindow(request: WindowRequest): Promise<IndexWindow<E>> {
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      try {
        const window = await this.windowOnce(request);
        if (window === undefined) break;
        return window;
      } catch (error) {
        if (error instanceof Vanished) continue;
        if (error instanceof DamagedIndex) break;
        throw error;
      }
    }
    const { entries } = await this.read();
    const live = [...entries.values()];
    return {
      entries,
      groups: new Set(live.map(this.groupOf)).size,
      facets: this.facetsOf(live),
      complete: true,
    };
  }

  /** Reads every record again and replaces the index with what they say. */
  async rebuild(): Promise<Map<string, E>> {
    const stale: string[] = [];
    for await (const { path } of this.store.list(this.prefix)) stale.push(path);
    const merged = new Map<string, E>();
    for (const entry of await this.options.rebuild()) mergeEntry(merged, entry);
    // Segments written while the records were read must survive: delete only what was listed
    // before, keeping every well-formed log (its entries are merged again on the next read).
    const kept = await this.compact(merged, stale, true);
    // What the next read will see: the records, plus segments written while they were read.
    const result = new Map(merged);
    for (const entry of kept) mergeEntry(result, entry);
    return result;
  }

  private compactAfter(): number {
    return this.options.compactAfter ?? 200;
  }

  /** Lists the index: manifests and log segments (parts are named by their manifest). */
  private async listIndex(): Promise<{ snapshots: string[]; logs: string[] }> {
    const snapshots: string[] = [];
    const logs: string[] = [];
    const listed = new Set<string>();
    for await (const { path } of this.store.list(this.prefix)) {
      listed.add(path);
      const name = path.slice(this.prefix.length);
      if (name.startsWith('snap-') && name.endsWith('.json') && !name.includes('/'))
        snapshots.push(path);
      else if (name.startsWith('log/') && name.endsWith('.json')) logs.push(path);
    }
    for (const path of this.decoded.keys()) if (!listed.has(path)) this.decoded.delete(path);
    for (const path of this.manifests.keys()) if (!listed.has(path)) this.manifests.delete(path);
    return { snapshots, logs };
  }

  /** Listed once, merged; `undefined` when there is no snapshot (the index is missing). */
  private async readOnce(): Promise<
    { merged: Map<string, E>; objects: string[]; folds: boolean } | undefined
  > {
    const { snapshots, logs } = await this.listIndex();
    if (snapshots.length === 0) return undefined;
    const parts: string[] = [];
    const ranges: { manifest: PartInfo[]; n: number }[] = [];
    for (const manifest of await Promise.all(snapshots.map((p) => this.manifest(p))))
      manifest.forEach((part, n) => {
        parts.push(part.path);
        ranges.push({ manifest, n });
      });
    const merged = new Map<string, E>();
    (await this.objects([...parts, ...logs])).forEach((entries, i) => {
      const range = ranges[i];
      for (const entry of entries) {
        // A part holding groups of another part's range: its manifest and it disagree.
        if (range !== undefined && partOf(range.manifest, this.groupOf(entry)) !== range.n)
          throw new DamagedIndex();
        mergeEntry(merged, entry);
      }
    });
    return {
      merged,
      objects: [...snapshots, ...parts, ...logs],
      folds: snapshots.length > 1 || logs.length >= this.compactAfter(),
    };
  }

  /**
   * The single snapshot's parts, the log segments merged into the parts they fall in, and a
   * loader of whole parts; `undefined` when only a whole read will do (no snapshot, several, or
   * compaction due).
   */
  private async openParts(): Promise<PartView<E> | undefined> {
    const { snapshots, logs } = await this.listIndex();
    if (snapshots.length !== 1 || logs.length >= this.compactAfter()) return undefined;
    const parts = await this.manifest(snapshots[0] as string);
    const logged = (await this.objects(logs)).flat();
    // Each part's entries with the logged entries of its groups merged in, read on demand.
    const byPart = new Map<number, E[]>();
    for (const entry of logged) {
      const i = partOf(parts, this.groupOf(entry));
      const list = byPart.get(i);
      if (list === undefined) byPart.set(i, [entry]);
      else list.push(entry);
    }
    const live = new Map<number, E[]>();
    const load = async (indexes: readonly number[]): Promise<void> => {
      const todo = [...new Set(indexes)].filter((i) => !live.has(i));
      const read = await this.objects(todo.map((i) => (parts[i] as PartInfo).path));
      todo.forEach((i, n) => {
        const merged = new Map<string, E>();
        for (const entry of read[n] as E[]) {
          // A part holding groups of another part's range would make the window wrong.
          if (partOf(parts, this.groupOf(entry)) !== i) throw new DamagedIndex();
          mergeEntry(merged, entry);
        }
        for (const entry of byPart.get(i) ?? []) mergeEntry(merged, entry);
        live.set(i, [...dropTombstones(merged).values()]);
      });
    };
    return { parts, live, load, touched: [...byPart.keys()] };
  }

  /** One window read; `undefined` when only a whole read will do. */
  private async windowOnce(request: WindowRequest): Promise<IndexWindow<E> | undefined> {
    const view = await this.openParts();
    if (view === undefined) return undefined;
    const { parts, live } = view;
    const order = parts.map((_, i) => (request.from === 'start' ? i : parts.length - 1 - i));
    // The parts the segments write to are read too: their manifest counts are out of date.
    await view.load([...view.touched, order[0] as number]);
    const groupsIn = (i: number): number => new Set((live.get(i) ?? []).map(this.groupOf)).size;
    const window: number[] = [];
    let have = 0;
    for (const i of order) {
      if (have >= request.groups) break;
      await view.load([i]);
      window.push(i);
      have += groupsIn(i);
    }
    let groups = 0;
    const facets = new Set<string>();
    parts.forEach((part, i) => {
      const entries = live.get(i);
      groups += entries === undefined ? part.groups : groupsIn(i);
      for (const f of entries === undefined ? part.facets : this.facetsOf(entries)) facets.add(f);
    });
    const entries = new Map<string, E>();
    for (const i of window) for (const entry of live.get(i) ?? []) entries.set(entry.id, entry);
    return {
      entries,
      groups,
      facets: [...facets].sort(),
      complete: window.length === parts.length,
    };
  }

  /**
   * Every live group with its label (`groupLabel` must be set), from the manifest's labels and,
   * for the parts the log segments write to, from those parts; the other parts are not read.
   * Falls back to the whole {@link read} when the index is missing, damaged, has several
   * snapshots or is due for compaction.
   */
  async readGroups(): Promise<IndexGroups> {
    const label = this.options.groupLabel;
    if (label === undefined)
      throw new Error(`The ${this.options.name} index keeps no group labels (groupLabel unset).`);
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      try {
        const view = await this.openParts();
        if (view === undefined) break;
        // The parts the segments write to are read: their manifest labels are out of date.
        await view.load(view.touched);
        const groups = new Map<string, string>();
        const facets = new Set<string>();
        view.parts.forEach((part, i) => {
          const entries = view.live.get(i);
          const labels = entries === undefined ? (part.labels ?? []) : this.labelsOf(entries);
          for (const [group, text] of labels) groups.set(group, text);
          for (const f of entries === undefined ? part.facets : this.facetsOf(entries))
            facets.add(f);
        });
        return { groups, facets: [...facets].sort() };
      } catch (error) {
        if (error instanceof Vanished) continue;
        if (error instanceof DamagedIndex) break;
        throw error;
      }
    }
    const live = [...(await this.read()).entries.values()];
    return { groups: new Map(this.labelsOf(live)), facets: this.facetsOf(live) };
  }

  /**
   * The live entries of the given groups: the parts that hold them (and the parts the log
   * segments write to) are read, not the rest. Falls back to the whole {@link read} when the index
   * is missing, damaged, has several snapshots or is due for compaction.
   */
  async readGroupEntries(groups: readonly string[]): Promise<Map<string, E>> {
    const wanted = new Set(groups);
    const pick = (entries: Iterable<E>): Map<string, E> => {
      const out = new Map<string, E>();
      for (const e of entries) if (wanted.has(this.groupOf(e))) out.set(e.id, e);
      return out;
    };
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      try {
        const view = await this.openParts();
        if (view === undefined) break;
        const holding = [...wanted].map((g) => partOf(view.parts, g));
        await view.load(holding);
        return pick(holding.flatMap((i) => view.live.get(i) ?? []));
      } catch (error) {
        if (error instanceof Vanished) continue;
        if (error instanceof DamagedIndex) break;
        throw error;
      }
    }
    return pick((await this.read()).entries.values());
  }

  /** Each group of live entries with its label, sorted by group (`[]` without `groupLabel`). */
  private labelsOf(live: readonly E[]): [string, string][] {
    const label = this.options.groupLabel;
    if (label === undefined) return [];
    const byGroup = new Map<string, E[]>();
    for (const entry of live) {
      const group = this.groupOf(entry);
      const list = byGroup.get(group);
      if (list === undefined) byGroup.set(group, [entry]);
      else list.push(entry);
    }
    return [...byGroup.keys()]
      .sort()
      .map((group): [string, string] => [group, label(byGroup.get(group) as E[])]);
  }

  private facetsOf(live: readonly E[]): string[] {
    return [...new Set(this.options.facets?.(live) ?? [])].sort();
  }

  /** The decoded objects at `paths` (cached; at most GETS_IN_FLIGHT at once), in order. */
  private async objects(paths: readonly string[]): Promise<E[][]> {
    const out: E[][] = new Array<E[]>(paths.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < paths.length) {
        const n = next++;
        const path = paths[n] as string;
        let entries = this.decoded.get(path);
        if (entries === undefined) {
          entries = this.decode(await this.getOrVanish(path));
          this.decoded.set(path, entries);
        }
        out[n] = entries;
      }
    };
    await Promise.all(Array.from({ length: Math.min(GETS_IN_FLIGHT, paths.length) }, worker));
    return out;
  }

  /** A snapshot's manifest (cached). */
  private async manifest(path: string): Promise<PartInfo[]> {
    let parts = this.manifests.get(path);
    if (parts === undefined) {
      parts = this.decodeManifest(await this.getOrVanish(path));
      this.manifests.set(path, parts);
    }
    return parts;
  }

  /**
   * Writes `merged` as one snapshot (its parts, then its manifest), then deletes `objects`
   * (after, never before).
   */
  private async compact(
    merged: Map<string, E>,
    objects: readonly string[],
    keepWellFormedLogs = false,
  ): Promise<E[]> {
    const kept: E[] = [];
    const name = uniqueName();
    const snapshot = `${this.prefix}snap-${name}.json`;
    const chunks = this.split([...merged.values()]);
    const parts: PartInfo[] = chunks.map((chunk, n) => {
      const live = chunk.filter((e) => e.deleted !== true);
      return {
        path: `${this.prefix}part/${name}-${n}.json`,
        low: n === 0 ? '' : this.groupOf(chunk[0] as E),
        groups: new Set(live.map(this.groupOf)).size,
        facets: this.facetsOf(live),
        ...(this.options.groupLabel !== undefined ? { labels: this.labelsOf(live) } : {}),
      };
    });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunks.length) {
        const n = next++;
        const path = (parts[n] as PartInfo).path;
        await this.store.put(path, this.encode(chunks[n] as E[]), {
          durable: false,
          contentType: 'application/json',
        });
        this.decoded.set(path, chunks[n] as E[]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(GETS_IN_FLIGHT, chunks.length) }, worker));
    await this.store.put(snapshot, this.encodeManifest(parts), {
      durable: false,
      contentType: 'application/json',
    });
    this.manifests.set(snapshot, parts);
    for (const path of objects) {
      if (path === snapshot) continue;
      this.decoded.delete(path);
      this.manifests.delete(path);
      if (keepWellFormedLogs && path.startsWith(`${this.prefix}log/`)) {
        const entries = await this.store
          .get(path)
          .then((bytes) => this.decode(bytes))
          .catch(() => undefined);
        if (entries !== undefined) {
          this.decoded.set(path, entries);
          kept.push(...entries);
          continue;
        }
      }
      await this.store.delete(path).catch(() => undefined);
    }
    return kept;
  }

  /** Sorts entries by group and id and cuts them into parts of about `partSize`, groups whole. */
  private split(entries: E[]): E[][] {
    const size = Math.max(1, this.options.partSize ?? PART_SIZE);
    const keyed = entries.map((e) => ({ e, g: this.groupOf(e) }));
    keyed.sort((a, b) =>
      a.g < b.g ? -1 : a.g > b.g ? 1 : a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0,
    );
    const chunks: E[][] = [[]];
    let previous: string | undefined;
    for (const { e, g } of keyed) {
      const chunk = chunks[chunks.length - 1] as E[];
      if (chunk.length >= size && g !== previous) chunks.push([e]);
      else chunk.push(e);
      previous = g;
    }
    return chunks;
  }

  private async getOrVanish(path: string): Promise<Buffer> {
    try {
      return await this.store.get(path);
    } catch (error) {
      if (NotFoundError.is(error)) throw new Vanished();
      throw error;
    }
  }

  private encodeManifest(parts: readonly PartInfo[]): Buffer {
    return Buffer.from(
      JSON.stringify({
        format: FORMAT,
        fields: this.options.fields,
        parts: parts.map((p) => [
          p.path.slice(this.prefix.length),
          p.low,
          p.groups,
          p.facets,
          ...(p.labels !== undefined ? [p.labels] : []),
        ]),
      }),
    );
  }

  private decodeManifest(bytes: Buffer): PartInfo[] {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new DamagedIndex();
    }
    const body = value as { format?: unknown; fields?: unknown; parts?: unknown };
    if (
      typeof value !== 'object' ||
      value === null ||
      body.format !== FORMAT ||
      !this.readableFields(body.fields) ||
      !Array.isArray(body.parts) ||
      body.parts.length === 0
    )
      throw new DamagedIndex();
    let previous: string | undefined;
    const labelled = this.options.groupLabel !== undefined;
    const rows = body.parts as unknown[];
    return rows.map((row, n) => {
      if (!Array.isArray(row) || row.length !== (labelled ? 5 : 4)) throw new DamagedIndex();
      const [path, low, groups, facets, labels] = row as unknown[];
      if (
        typeof path !== 'string' ||
        !path.startsWith('part/') ||
        path.includes('..') ||
        typeof low !== 'string' ||
        (n === 0 ? low !== '' : previous === undefined || low <= previous) ||
        typeof groups !== 'number' ||
        !Number.isInteger(groups) ||
        groups < 0 ||
        !Array.isArray(facets) ||
        !facets.every((f) => typeof f === 'string')
      )
        throw new DamagedIndex();
      previous = low;
      const next = (rows[n + 1] as unknown[] | undefined)?.[1];
      return {
        path: `${this.prefix}${path}`,
        low,
        groups,
        facets: facets,
        ...(labelled ? { labels: checkedLabels(labels, low, next, groups) } : {}),
      };
    });
  }

  /**
   * Whether an object stored with these `fields` can be read: the same fields, or the first ones
   * of them (written before fields were added at the end; their entries lack the new ones).
   */
  private readableFields(fields: unknown): fields is string[] {
    const current = this.options.fields;
    return (
      Array.isArray(fields) &&
      fields.length <= current.length &&
      fields.every((f, i) => f === current[i])
    );
  }

  private encode(entries: readonly E[]): Buffer {
    const fields = this.options.fields;
    const rows = entries.map((e) => {
      const values = e as unknown as Record<string, unknown>;
      return [e.id, e.at, e.deleted === true ? 1 : 0, ...fields.map((f) => values[f] ?? null)];
    });
    return Buffer.from(JSON.stringify({ format: FORMAT, fields, rows }));
  }

  private decode(bytes: Buffer): E[] {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new DamagedIndex();
    }
    const body = value as { format?: unknown; fields?: unknown; rows?: unknown };
    if (
      typeof value !== 'object' ||
      value === null ||
      body.format !== FORMAT ||
      !this.readableFields(body.fields) ||
      !Array.isArray(body.rows)
    )
      throw new DamagedIndex();
    // Written with the fields of its time: fields added since are absent from its entries.
    const fields = body.fields;
    const width = fields.length + 3;
    return (body.rows as unknown[]).map((row) => {
      if (!Array.isArray(row) || row.length !== width) throw new DamagedIndex();
      const entry: Record<string, unknown> = { id: row[0], at: row[1] };
      if (row[2] === 1) entry.deleted = true;
      else if (row[2] !== 0) throw new DamagedIndex();
      for (let i = 0; i < fields.length; i++) {
        const v: unknown = row[i + 3];
        if (v !== null) entry[fields[i] as string] = v;
      }
      if (!isBaseEntry(entry) || !this.options.isEntry(entry)) throw new DamagedIndex();
      return entry;
    });
  }
}

/** The parts of the one snapshot, with the parts read so far (live entries, segments merged). */
interface PartView<E extends IndexEntry> {
  readonly parts: readonly PartInfo[];
  readonly live: Map<number, E[]>;
  /** Reads the parts at these indexes (once each) into `live`. */
  readonly load: (indexes: readonly number[]) => Promise<void>;
  /** The parts the log segments' entries fall in. */
  readonly touched: readonly number[];
}

/**
 * A part's group labels from its manifest row, checked: `[group, label]` pairs of strings, sorted,
 * unique, inside the part's range (`low` up to the next part's, which is not included), as many
 * as its live group count. Anything else marks the index damaged.
 */
function checkedLabels(
  value: unknown,
  low: string,
  next: unknown,
  groups: number,
): [string, string][] {
  if (!Array.isArray(value) || value.length !== groups) throw new DamagedIndex();
  let previous: string | undefined;
  return value.map((pair: unknown): [string, string] => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new DamagedIndex();
    const [group, label] = pair as unknown[];
    if (
      typeof group !== 'string' ||
      typeof label !== 'string' ||
      group < low ||
      (typeof next === 'string' && group >= next) ||
      (previous !== undefined && group <= previous)
    )
      throw new DamagedIndex();
    previous = group;
    return [group, label];
  });
}

/** The index of the part that holds `group`: the last whose lowest group is not above it. */
function partOf(parts: readonly PartInfo[], group: string): number {
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((parts[mid] as PartInfo).low <= group) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** An object listed a moment ago is gone (another process compacted it): read again. */
class Vanished extends Error {}

function isBaseEntry(value: unknown): boolean {
  const e = value as Partial<IndexEntry>;
  return (
    typeof e.id === 'string' &&
    typeof e.at === 'number' &&
    Number.isFinite(e.at) &&
    (e.deleted === undefined || e.deleted === true)
  );
}

function mergeEntry<E extends IndexEntry>(merged: Map<string, E>, entry: E): void {
  const current = merged.get(entry.id);
  if (
    current === undefined ||
    entry.at > current.at ||
    (entry.at === current.at && entry.deleted === true)
  )
    merged.set(entry.id, entry);
}

/** Removes the tombstones from `merged` (in place) and returns it. */
function dropTombstones<E extends IndexEntry>(merged: Map<string, E>): Map<string, E> {
  for (const [id, entry] of merged) if (entry.deleted === true) merged.delete(id);
  return merged;
}

/** A name that sorts by time and never collides across processes. */
function uniqueName(): string {
  return `${Date.now().toString().padStart(15, '0')}-${process.pid}-${randomBytes(6).toString('hex')}`;
}
