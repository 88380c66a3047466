import { openSealedRecord, canonicalJson } from '../artifacts/record-seal';
import { NotFoundError } from '../errors/not-found.error';
import { runIndex, runIndexEntry } from '../listing/run-index';
import { parseRunRecord, runRecordPath, type RunInput, type RunRecord } from '../runs/run-record';
import type { Store } from '../stores/store';
import { runInputVersions } from './version-protection';

/** One run record of a copy. */
export interface CopiedRun {
  readonly id: string;
  /** `copied` (or `updated`: the destination held an earlier snapshot of the still-running run). */
  readonly outcome: 'copied' | 'updated' | 'present' | 'planned';
  /** `true` when it was copied as the producer of a copied version, not named itself. */
  readonly lineage: boolean;
}

/** A run record read from the source, to copy. */
export interface PlannedRun {
  readonly id: string;
  readonly bytes: Buffer;
  readonly record: RunRecord;
  readonly lineage: boolean;
  /** What the destination holds for it. */
  check(to: Store): Promise<RunCheck>;
}

/** What a copy does with one run record. */
export interface RunCheck {
  readonly run: PlannedRun;
  readonly action: 'copy' | 'update' | 'present' | 'conflict';
  readonly conflict?: { readonly ref: string; readonly reason: string };
}

/** The sealed JSON of a run record without its seal, as canonical text (for comparing). */
function canonicalRun(bytes: Buffer, store: string, path: string): string {
  return canonicalJson(openSealedRecord(bytes, 'run', { store, path }, 3));
}

/** Inputs of a run that name no version of its store (a tag the record did not resolve, a path). */
function unversionedInputs(record: RunRecord): string[] {
  const out: string[] = [];
  const pinned = (value: string): boolean =>
    runInputVersions({
      inputs: { leaf: value },
      ...(record.inputVersions === undefined ? {} : { inputVersions: record.inputVersions }),
    }).length > 0;
  const walk = (name: string, value: RunInput): void => {
    if (typeof value === 'string') {
      if (!pinned(value)) out.push(`${name} (${value})`);
    } else if (Array.isArray(value)) {
      for (const v of value as readonly RunInput[]) walk(name, v);
    } else if (typeof value === 'object' && value !== null) {
      for (const v of Object.values(value)) walk(name, v);
    }
  };
  for (const [name, value] of Object.entries(record.inputs)) walk(name, value);
  return out;
}

function planned(from: Store, id: string, bytes: Buffer, lineage: boolean): PlannedRun {
  const path = runRecordPath(id);
  const record = parseRunRecord(bytes, { store: from.url, path, key: id });
  const run: PlannedRun = {
    id,
    bytes,
    record,
    lineage,
    check: async (to) => {
      let there: Buffer;
      try {
        there = await to.get(path);
      } catch (error) {
        if (NotFoundError.is(error)) return { run, action: 'copy' };
        throw error;
      }
      const ref = `run:${id}`;
      let theirs: RunRecord;
      try {
        if (canonicalRun(there, to.url, path) === canonicalRun(bytes, from.url, path))
          return { run, action: 'present' };
        theirs = parseRunRecord(there, { store: to.url, path, key: id });
      } catch (error) {
        const reason = `the destination's record is damaged (${(error as Error).message})`;
        return { run, action: 'conflict', conflict: { ref, reason } };
      }
      // A snapshot copied while the run was still running: the source has moved on since.
      const later = (record.heartbeatAt ?? '') > (theirs.heartbeatAt ?? '');
      if (theirs.status === 'running' && theirs.startedAt === record.startedAt && later)
        return { run, action: 'update' };
      const reason = `the destination has another record of it (status ${theirs.status}, the source's is ${record.status})`;
      return { run, action: 'conflict', conflict: { ref, reason } };
    },
  };
  return run;
}

/**
 * Reads the run records to copy from the source, and what they name: the versions each logged
 * and, with `inputs`, those it read.
 *
 * @param context - `lineage: true` for the producers of copied versions: a missing one is a
 * warning (the copy goes on), not an error.
 * @throws NotFoundError for a named run missing in the source; IntegrityError for a damaged one.
 */
export async function planRuns(
  from: Store,
  ids: readonly string[],
  inputs: boolean,
  context: { readonly lineage?: boolean } = {},
): Promise<{ runs: PlannedRun[]; versions: [string, string][]; warnings: string[] }> {
  const runs: PlannedRun[] = [];
  const versions: [string, string][] = [];
  const warnings: string[] = [];
  const lineage = context.lineage === true;
  for (const id of new Set(ids)) {
    let bytes: Buffer;
    try {
      bytes = await from.get(runRecordPath(id));
    } catch (error) {
      if (!NotFoundError.is(error)) throw error;
      if (lineage) {
        warnings.push(`run ${id}, which produced a copied version, is not in ${from.url}`);
        continue;
      }
      throw new NotFoundError(`Run "${id}" was not found in store ${from.url}.`, {
        details: { run: id, store: from.url },
        fix: 'List the runs of the source (`stowage --store <from> runs list`); nothing was copied.',
        cause: error,
      });
    }
    const run = planned(from, id, bytes, lineage);
    runs.push(run);
    if (run.record.status === 'running')
      warnings.push(`run ${id} is still running: its record is copied as it is now`);
    if (lineage) continue;
    for (const a of run.record.artifacts) if (a.version !== '') versions.push([a.key, a.version]);
    if (!inputs) continue;
    for (const v of runInputVersions(run.record)) versions.push([v.key, v.version]);
    for (const input of unversionedInputs(run.record))
      warnings.push(`input ${input} of run ${id} names no version of ${from.url}; not copied`);
  }
  return { runs, versions, warnings };
}

/**
 * Writes the run records a copy checked, each as the same sealed bytes as in the source.
 *
 * @remarks
 * Called after the versions they name are committed, so a run record at the destination never
 * names a version that is not there yet.
 */
export async function copyRunRecords(
  to: Store,
  checks: readonly RunCheck[],
  dryRun: boolean,
): Promise<CopiedRun[]> {
  const out: CopiedRun[] = [];
  for (const { run, action } of checks) {
    const base = { id: run.id, lineage: run.lineage };
    if (action === 'present') out.push({ ...base, outcome: 'present' });
    else if (dryRun) out.push({ ...base, outcome: 'planned' });
    else {
      // Listed like a run written there: the index entry first, then the record.
      await runIndex(to).append([runIndexEntry(run.record)]);
      await to.put(runRecordPath(run.id), run.bytes);
      out.push({ ...base, outcome: action === 'update' ? 'updated' : 'copied' });
    }
  }
  return out;
}
