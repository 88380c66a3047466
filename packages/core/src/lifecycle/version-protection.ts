import { mapLimit } from '../artifacts/artifact-listing';
import { parseDataUri } from '../data/data-uri';
import { IntegrityError } from '../errors/integrity.error';
import { NotFoundError } from '../errors/not-found.error';
import { StoreError } from '../errors/store.error';
import { parseRunRecord, runRecordPath } from '../runs/run-record';
import type { RunInput } from '../runs/run-record';
import type { Store } from '../stores/store';
import { listTags } from './tag-operations';

/** Why a version may not be deleted without `force`. */
export type Protection =
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'run'; readonly runId: string; readonly input: string };

/** `key@version` → the runs that read it, built once per operation from every run record. */
export type RunReads = ReadonlyMap<string, readonly Protection[]>;

function pinnedVersions(input: RunInput, found: Set<string>): void {
  if (typeof input === 'string') {
    if (!input.startsWith('store://')) return;
    try {
      const parsed = parseDataUri(input);
      if ('key' in parsed && parsed.version !== undefined)
        found.add(`${parsed.key}@${parsed.version}`);
    } catch {
      // not a reference Stowage could have read: it pins nothing
    }
  } else if (Array.isArray(input)) {
    for (const item of input as readonly RunInput[]) pinnedVersions(item, found);
  } else if (typeof input === 'object' && input !== null) {
    for (const item of Object.values(input)) pinnedVersions(item, found);
  }
}

/**
 * Reads every run record and indexes the artifact versions each read as an input.
 *
 * @remarks
 * Every run record in the store is kept (runs are never deleted by Stowage), so every input it
 * recorded as `store://key@version` protects that version. An input recorded as a tag or as
 * `latest` (`store://key`) names no version and protects none. A run record that cannot be read
 * (damaged) is skipped: it protects nothing, and `stowage gc` reports it.
 */
export async function readRunInputs(store: Store): Promise<RunReads> {
  const paths: string[] = [];
  for await (const { path } of store.list('runs/')) {
    if (/^runs\/[^/]+\.json$/.test(path)) paths.push(path);
  }
  const index = new Map<string, Protection[]>();
  await mapLimit(paths, 8, async (path) => {
    let runId: string;
    let inputs: Readonly<Record<string, RunInput>>;
    try {
      const record = parseRunRecord(await store.get(path), { store: store.url, path });
      ({ id: runId, inputs } = record);
      if (runRecordPath(runId) !== path) return;
    } catch (error) {
      // Deleted meanwhile, or damaged: it protects nothing.
      if (NotFoundError.is(error) || IntegrityError.is(error)) return;
      if (StoreError.is(error) && error.code === 'RECORD_INVALID') return;
      throw error;
    }
    for (const [input, value] of Object.entries(inputs)) {
      const found = new Set<string>();
      pinnedVersions(value, found);
      for (const ref of found) {
        const list = index.get(ref) ?? [];
        list.push({ kind: 'run', runId, input });
        index.set(ref, list);
      }
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
