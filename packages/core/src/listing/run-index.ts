import type { Store } from '../stores/store';
import { mapLimit } from '../artifacts/artifact-listing';
import { openSealedRecord } from '../artifacts/record-seal';
import { recordMd5 } from './record-md5';
import { SegmentedIndex, type IndexEntry } from './segmented-index';

/** What the listing index keeps of one run: enough to filter, sort and page the runs list. */
export interface RunIndexEntry extends IndexEntry {
  readonly name?: string;
  /** The run status, or `damaged` when the record could not be read while rebuilding. */
  readonly status?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly host?: string;
  /**
   * The `store://` URIs among the run's inputs (collections flattened, in input order, each
   * once): which artifacts the run read, so lineage finds a key's readers without reading every
   * run record.
   */
  readonly inputs?: readonly string[];
  /**
   * The MD5 hex of the record bytes this entry was made from (see `recordMd5`): a listing whose
   * ETag equals it shows the record is unchanged, so a list may show this entry without reading
   * the record. Absent in entries written before it, or made from a record that did not parse.
   */
  readonly md5?: string;
}

/** The fields of a run record the index keeps (a structural view: the record type lives above). */
export interface RunSummarySource {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly runner?: { readonly host: string };
  /** The run's inputs (any JSON-like shape; only `store://` strings are kept). */
  readonly inputs?: unknown;
}

/** The `store://` URIs found anywhere in `inputs` (arrays and objects walked), each once. */
export function artifactInputUris(inputs: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      if (value.startsWith('store://')) found.add(value);
    } else if (depth < 32 && typeof value === 'object' && value !== null) {
      for (const v of Array.isArray(value) ? value : Object.values(value)) visit(v, depth + 1);
    }
  };
  visit(inputs, 0);
  return [...found];
}

/**
 * The index entry of a run record, stamped `at` (default now); `md5`: of the exact bytes stored
 * for `record` (see `recordMd5`), when the caller serialized them.
 */
export function runIndexEntry(
  record: RunSummarySource,
  at = Date.now(),
  md5?: string,
): RunIndexEntry {
  const inputs = artifactInputUris(record.inputs);
  return {
    id: record.id,
    at,
    name: record.name,
    status: record.status,
    labels: { ...record.labels },
    startedAt: record.startedAt,
    ...(record.endedAt !== undefined ? { endedAt: record.endedAt } : {}),
    ...(record.runner?.host !== undefined ? { host: record.runner.host } : {}),
    ...(inputs.length > 0 ? { inputs } : {}),
    ...(md5 !== undefined ? { md5 } : {}),
  };
}

/**
 * Whether two entries list the same (everything but `at` and `md5`: a record rewritten with the
 * same summary, a heartbeat, adds no entry; its listing then shows another ETag than the entry's
 * MD5, and readers read the record).
 */
export function sameRunSummary(a: RunIndexEntry | undefined, b: RunIndexEntry): boolean {
  const plain = (e: RunIndexEntry): string => JSON.stringify({ ...e, at: 0, md5: undefined });
  return a !== undefined && plain(a) === plain(b);
}

function isRunEntry(value: unknown): value is RunIndexEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';
  return (
    optionalString(e.name) &&
    optionalString(e.status) &&
    optionalString(e.startedAt) &&
    optionalString(e.endedAt) &&
    optionalString(e.host) &&
    optionalString(e.md5) &&
    (e.inputs === undefined ||
      (Array.isArray(e.inputs) && e.inputs.every((v) => typeof v === 'string'))) &&
    (e.labels === undefined ||
      (typeof e.labels === 'object' &&
        e.labels !== null &&
        Object.values(e.labels).every((v) => typeof v === 'string')))
  );
}

/** Every run record's entry, read from `runs/` (the rebuild; a damaged record is listed `damaged`). */
export async function scanRunEntries(store: Store): Promise<RunIndexEntry[]> {
  const found: { id: string; at: number }[] = [];
  // Stamped with this process's clock when the listing starts, like every other entry: a
  // record listed then existed then, and a deletion logged after it wins. (An object's
  // modification time is the server's clock, which S3 servers round up to the second.)
  const listedAt = Date.now();
  for await (const { path } of store.list('runs/')) {
    const name = path.slice('runs/'.length);
    if (!name.includes('/') && name.endsWith('.json'))
      found.push({ id: name.slice(0, -'.json'.length), at: listedAt });
  }
  const entries = await mapLimit(found, 16, async ({ id, at }) => {
    try {
      const path = `runs/${id}.json`;
      const bytes = await store.get(path);
      // Every record is summarised from its JSON; one whose checksum holds (and whose id is its
      // name) also gets the bytes' MD5, so list pages may confirm it by ETag. A record that does
      // not check out gets none: readers read it.
      const json = JSON.parse(bytes.toString('utf8')) as unknown;
      const r = json as Partial<RunSummarySource>;
      const md5 =
        r.id === id && sealIntact(bytes, { store: store.url, path, key: id })
          ? recordMd5(bytes)
          : undefined;
      if (typeof r.id === 'string' && typeof r.status === 'string')
        return runIndexEntry(
          {
            id,
            name: typeof r.name === 'string' ? r.name : '',
            status: r.status,
            labels: typeof r.labels === 'object' && r.labels !== null ? r.labels : {},
            startedAt: typeof r.startedAt === 'string' ? r.startedAt : '',
            ...(typeof r.endedAt === 'string' ? { endedAt: r.endedAt } : {}),
            ...(typeof r.runner?.host === 'string' ? { runner: { host: r.runner.host } } : {}),
            inputs: r.inputs,
          },
          at,
          md5,
        );
    } catch {
      // Listed below as damaged: the page reads the record and shows its error.
    }
    return { id, at, status: 'damaged' };
  });
  return entries.filter((e): e is RunIndexEntry => e !== undefined);
}

/** The first run record version that always carries a checksum (as `runs/run-record.ts`). */
const RUN_SEALED_SINCE = 3;

/** Whether run record `bytes` are JSON whose checksum (`recordSha256`) holds. */
function sealIntact(bytes: Buffer, where: { store: string; path: string; key: string }): boolean {
  try {
    openSealedRecord(bytes, 'run', where, RUN_SEALED_SINCE);
    return true;
  } catch {
    return false;
  }
}

/**
 * The listing index of a store's runs (`index/runs/`; one group per run, so parts split by id
 * range and the newest runs sit in the last part). `compactAfter` and `partSize`: see
 * `SegmentedIndexOptions`.
 */
export function runIndex(
  store: Store,
  compactAfter?: number,
  partSize?: number,
): SegmentedIndex<RunIndexEntry> {
  return new SegmentedIndex<RunIndexEntry>(store, {
    ...(compactAfter !== undefined ? { compactAfter } : {}),
    ...(partSize !== undefined ? { partSize } : {}),
    name: 'runs',
    fields: ['name', 'status', 'labels', 'startedAt', 'endedAt', 'host', 'inputs', 'md5'],
    isEntry: isRunEntry,
    rebuild: () => scanRunEntries(store),
  });
}
