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
}

/** What {@link SegmentedIndex.read} found. */
export interface IndexRead<E extends IndexEntry> {
  /** Live entries (tombstones removed), by id. */
  readonly entries: Map<string, E>;
  /** `true` when the index was missing or damaged and was rebuilt from the records. */
  readonly rebuilt: boolean;
}

const FORMAT = 2;
const READ_ATTEMPTS = 4;
const GETS_IN_FLIGHT = 16;

/** An index object that could not be used; the read falls back to the records. */
class DamagedIndex extends Error {}

/**
 * A listing index kept as immutable, uniquely named objects a store can hold without any atomic
 * append or conditional write: one small log segment per write, and snapshots that fold them.
 *
 * @remarks
 * Layout, under `index/<name>/`: `log/<time>-<pid>-<random>.json` (entries one write added) and
 * `snap-<time>-<random>.json` (the merge of earlier snapshots and segments). Merging keeps, per
 * id, the entry with the greatest `at` (ties: a tombstone wins), so it is order-free and
 * idempotent: any reader may merge what it lists in any order. A compaction writes a new
 * snapshot first and only then deletes the exact objects it merged, so the union of what is
 * stored always holds every entry ever written; a reader whose listed object vanished (another
 * process compacted it) reads again. No snapshot at all, or any object that does not parse, means
 * the index is missing or damaged: it is rebuilt from the records. The index is never the
 * truth: callers check what they show against the records.
 */
export class SegmentedIndex<E extends IndexEntry> {
  private readonly prefix: string;
  private appends = 0;
  /** Decoded objects by path: every index object is immutable once written, so reuse is safe. */
  private readonly decoded = new Map<string, E[]>();

  constructor(
    readonly store: Store,
    private readonly options: SegmentedIndexOptions<E>,
  ) {
    this.prefix = `index/${options.name}/`;
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
    if (++this.appends % (this.options.compactAfter ?? 200) === 0)
      await this.read().catch(() => undefined);
    return path;
  }

  /** Reads and merges the index, rebuilding it from the records when missing or damaged. */
  async read(): Promise<IndexRead<E>> {
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      let result: { merged: Map<string, E>; snapshots: string[]; logs: string[] } | undefined;
      try {
        result = await this.readOnce();
      } catch (error) {
        if (error instanceof Vanished) continue;
        if (error instanceof DamagedIndex) break;
        throw error;
      }
      if (result === undefined) break;
      const { merged, snapshots, logs } = result;
      if (snapshots.length > 1 || logs.length >= (this.options.compactAfter ?? 200))
        await this.compact(merged, [...snapshots, ...logs]);
      return { entries: dropTombstones(merged), rebuilt: false };
    }
    return { entries: dropTombstones(await this.rebuild()), rebuilt: true };
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

  /** Listed once, merged; `undefined` when there is no snapshot (the index is missing). */
  private async readOnce(): Promise<
    { merged: Map<string, E>; snapshots: string[]; logs: string[] } | undefined
  > {
    const snapshots: string[] = [];
    const logs: string[] = [];
    for await (const { path } of this.store.list(this.prefix)) {
      const name = path.slice(this.prefix.length);
      if (name.startsWith('snap-') && name.endsWith('.json')) snapshots.push(path);
      else if (name.startsWith('log/') && name.endsWith('.json')) logs.push(path);
    }
    const listed = new Set([...snapshots, ...logs]);
    for (const path of this.decoded.keys()) if (!listed.has(path)) this.decoded.delete(path);
    if (snapshots.length === 0) return undefined;
    const merged = new Map<string, E>();
    const paths = [...snapshots, ...logs];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < paths.length) {
        const path = paths[next++] as string;
        let entries = this.decoded.get(path);
        if (entries === undefined) {
          entries = this.decode(await this.getOrVanish(path));
          this.decoded.set(path, entries);
        }
        for (const entry of entries) mergeEntry(merged, entry);
      }
    };
    await Promise.all(Array.from({ length: Math.min(GETS_IN_FLIGHT, paths.length) }, worker));
    return { merged, snapshots, logs };
  }

  /** Writes `merged` as one snapshot, then deletes `merged` objects (after, never before). */
  private async compact(
    merged: Map<string, E>,
    objects: readonly string[],
    keepWellFormedLogs = false,
  ): Promise<E[]> {
    const kept: E[] = [];
    const snapshot = `${this.prefix}snap-${uniqueName()}.json`;
    await this.store.put(snapshot, this.encode([...merged.values()]), {
      durable: false,
      contentType: 'application/json',
    });
    this.decoded.set(snapshot, [...merged.values()]);
    for (const path of objects) {
      if (path === snapshot) continue;
      this.decoded.delete(path);
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

  private async getOrVanish(path: string): Promise<Buffer> {
    try {
      return await this.store.get(path);
    } catch (error) {
      if (NotFoundError.is(error)) throw new Vanished();
      throw error;
    }
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
    const fields = this.options.fields;
    if (
      typeof value !== 'object' ||
      value === null ||
      body.format !== FORMAT ||
      !Array.isArray(body.fields) ||
      body.fields.join('\n') !== fields.join('\n') ||
      !Array.isArray(body.rows)
    )
      throw new DamagedIndex();
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
