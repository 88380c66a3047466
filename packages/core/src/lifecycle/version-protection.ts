import { mapLimit } from '../artifacts/artifact-listing';
import { parseDataUri } from '../data/data-uri';
import { IntegrityError } from '../errors/integrity.error';
import { NotFoundError } from '../errors/not-found.error';
import { StoreError } from '../errors/store.error';
import { parseRunRecord, runRecordPath } from '../runs/run-record';
import type { RunInput, RunRecord } from '../runs/run-record';
import type { Store } from '../stores/store';
import { listTags } from './tag-operations';

/** Why a version may not be deleted without `force`. */
export type Protection =
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'run'; readonly runId: string; readonly input: string };

/** `key@version` → the runs that read it, built once per operation from every run record. */
export type RunReads = ReadonlyMap<string, readonly Protection[]>;

type ResolvedInputs = Readonly<Record<string, string>>;

function pinnedVersions(input: RunInput, resolved: ResolvedInputs, found: Set<string>): void {
  if (typeof input === 'string') {
    if (!input.startsWith('store://')) return;
    try {
      const parsed = parseDataUri(input);
      if (!('key' in parsed)) return;
      if (parsed.version !== undefined) found.add(`${parsed.key}@${parsed.version}`);
      else {
        // A tag or `latest`: the version the run resolved it to, when its record kept it.
        const read = ownValue(resolved, input);
        const version = read === undefined ? undefined : parseDataUri(read);
        if (version !== undefined && 'key' in version && version.version !== undefined)
          found.add(`${version.key}@${version.version}`);
      }
    } catch {
      // not a reference Stowage could have read: it pins nothing
    }
  } else if (Array.isArray(input)) {
    for (const item of input as readonly RunInput[]) pinnedVersions(item, resolved, found);
  } else if (typeof input === 'object' && input !== null) {
    for (const item of Object.values(input)) pinnedVersions(item, resolved, found);
  }
}

function ownValue(map: ResolvedInputs, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(map, name)) return undefined;
  const value: unknown = map[name];
  return typeof value === 'string' ? value : undefined;
}

/** A run input that names an artifact version of the run's store. */
export interface RunInputVersion {
  /** The input's name. */
  readonly input: string;
  readonly key: string;
  readonly version: string;
}

/**
 * The artifact versions a run read as inputs: those recorded as `store://key@version`, and for
 * inputs given by tag or as `latest`, the version the run resolved (`inputVersions` of records
 * written since it is kept; older records name no version for them).
 */
export function runInputVersions(
  record: Pick<RunRecord, 'inputs' | 'inputVersions'>,
): RunInputVersion[] {
  const out: RunInputVersion[] = [];
  const given: unknown = record.inputVersions;
  const resolved = (typeof given === 'object' && given !== null ? given : {}) as ResolvedInputs;
  for (const [input, value] of Object.entries(record.inputs)) {
    const found = new Set<string>();
    pinnedVersions(value, resolved, found);
    for (const ref of found) {
      const at = ref.lastIndexOf('@');
      out.push({ input, key: ref.slice(0, at), version: ref.slice(at + 1) });
    }
  }
  return out;
}

/**
 * Reads every run record and indexes the artifact versions each read as an input.
 *
 * @remarks
 * Every run record in the store is kept (runs are never deleted by Stowage), so every input it
 * recorded as `store://key@version` protects that version. An input given as a tag or as
 * `latest` (`store://key:prod`, `store://key`) protects the version the run resolved it to, kept
 * in the record's `inputVersions` (records written before it was kept name no version for such
 * inputs and protect none). A run record that cannot be read (damaged) is skipped: it protects
 * nothing, and `stowage gc` reports it.
 */
export async function readRunInputs(store: Store): Promise<RunReads> {
  const paths: string[] = [];
  for await (const { path } of store.list('runs/')) {
    if (/^runs\/[^/]+\.json$/.test(path)) paths.push(path);
  }
  const index = new Map<string, Protection[]>();
  await mapLimit(paths, 8, async (path) => {
    let record: RunRecord;
    try {
      record = parseRunRecord(await store.get(path), { store: store.url, path });
      if (runRecordPath(record.id) !== path) return;
    } catch (error) {
      // Deleted meanwhile, or damaged: it protects nothing.
      if (NotFoundError.is(error) || IntegrityError.is(error)) return;
      if (StoreError.is(error) && error.code === 'RECORD_INVALID') return;
      throw error;
    }
    for (const { input, key, version } of runInputVersions(record)) {
      const ref = `${key}@${version}`;
      const list = index.get(ref) ?? [];
      list.push({ kind: 'run', runId: record.id, input });
      index.set(ref, list);
    }
  });
  return index;
}

/**
 * What protects each version of `key`: the named tags that point at it and the runs that read it.
 *
 * @returns only the versions that have at least one protection.
 */
export async function protectionsOf(
  store: Store,
  key: string,
  runs: RunReads,
): Promise<Map<string, Protection[]>> {
  const out = new Map<string, Protection[]>();
  for (const { tag, version } of await listTags(store, key)) {
    out.set(version, [...(out.get(version) ?? []), { kind: 'tag', tag }]);
  }
  const prefix = `${key}@`;
  for (const [ref, readers] of runs) {
    if (!ref.startsWith(prefix)) continue;
    const version = ref.slice(prefix.length);
    out.set(version, [...(out.get(version) ?? []), ...readers]);
  }
  return out;
}

/** One line per protection: `tag "prod"`, `run 2026…-ab (input "data")`. */
export function describeProtections(protections: readonly Protection[]): string {
  return protections
    .map((p) => (p.kind === 'tag' ? `tag "${p.tag}"` : `run ${p.runId} (input "${p.input}")`))
    .join(', ');
}
