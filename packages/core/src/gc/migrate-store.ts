import { createHash } from 'node:crypto';
import { ArtifactLayout } from '../artifacts/artifact-layout';
import { inlineFilesProblem } from '../artifacts/inline-files';
import { ARTIFACT_SCHEMA_VERSION, PLAIN_SCHEMA_VERSION } from '../artifacts/artifact-record';
import { BlobLayout, DEDUP_MIN_BYTES } from '../artifacts/blob-layout';
import { openSealedRecord, sealRecord } from '../artifacts/record-seal';
import {
  formatTooNew,
  readFormatMarker,
  STORE_FORMAT_VERSION,
  writeFormatMarker,
} from '../artifacts/store-format';
import { StoreError } from '../errors/store.error';
import type { Store } from '../stores/store';

/** Options of {@link migrateStore}. */
export interface MigrateOptions {
  /** Only say what would change (default `true`): pass `false` to change it. */
  readonly dryRun?: boolean;
  /** Files at least this large move into blobs (default `DEDUP_MIN_BYTES`, 1 MiB). */
  readonly minBytes?: number;
}

/** One file a migration moves into the blob tree (or finds there already). */
export interface MigrationStep {
  readonly key: string;
  readonly version: string;
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  /**
   * `move`: the file becomes its blob; `duplicate`: the blob is there already (another version
   * has the same bytes), the file is deleted; `record`: the bytes are in the blob already (an
   * interrupted migration), only the record is rewritten.
   */
  readonly action: 'move' | 'duplicate' | 'record';
  /** `planned`, `done`, or `skipped` (see `problem`). */
  readonly outcome: 'planned' | 'done' | 'skipped';
  readonly problem?: string;
}

/** What {@link migrateStore} found and did. */
export interface MigrationReport {
  readonly store: string;
  /** The format the store had (1 without marker). */
  readonly from: number;
  readonly to: number;
  readonly dryRun: boolean;
  /** Committed versions looked at. */
  readonly versions: number;
  readonly steps: readonly MigrationStep[];
  /** Bytes no longer stored twice once the migration is done (duplicates removed). */
  readonly savedBytes: number;
  /** Whether the format marker was (or would be) written. */
  readonly markerWritten: boolean;
  /** Things to know (files left in place, and why). */
  readonly notes: readonly string[];
}

interface FileOfRecord {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

function filesOf(record: Record<string, unknown>): FileOfRecord[] {
  const files: FileOfRecord[] = [];
  const { fileName, size, sha256, fileRecords } = record;
  if (typeof fileName === 'string' && typeof size === 'number' && typeof sha256 === 'string')
    files.push({ name: fileName, size, sha256 });
  if (Array.isArray(fileRecords))
    for (const f of fileRecords as Partial<FileOfRecord>[])
      if (typeof f.name === 'string' && typeof f.size === 'number' && typeof f.sha256 === 'string')
        files.push({ name: f.name, size: f.size, sha256: f.sha256 });
  return files;
}

async function sha256Of(store: Store, path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await store.stream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The records of every committed version, as `[key, version, path]`. */
async function listRecords(store: Store): Promise<[string, string, string][]> {
  const found: [string, string, string][] = [];
  for await (const { path } of store.list(ArtifactLayout.root)) {
    const parts = path.split('/');
    if (parts.length === 4 && parts[2] === 'records' && parts[3]?.endsWith('.json'))
      found.push([parts[1] ?? '', parts[3].slice(0, -'.json'.length), path]);
  }
  return found.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
}

/** Plans the steps of one version; with `dryRun` false, also carries them out. */
async function migrateVersion(
  store: Store & Required<Pick<Store, 'move'>>,
  key: string,
  version: string,
  recordPath: string,
  dryRun: boolean,
  seen: Set<string>,
  minBytes: number,
): Promise<MigrationStep[]> {
  const bytes = await store.get(recordPath);
  const where = { store: store.url, path: recordPath, key, version };
  const record = openSealedRecord(bytes, 'artifact', where, 2) as Record<string, unknown>;
  const schema = typeof record['schemaVersion'] === 'number' ? record['schemaVersion'] : 1;
  if (schema > ARTIFACT_SCHEMA_VERSION)
    throw formatTooNew(
      `The artifact record at ${recordPath} in ${store.url}`,
      store.url,
      recordPath,
      schema,
      ARTIFACT_SCHEMA_VERSION,
    );
  const already = new Set(
    Array.isArray(record['blobFiles']) ? (record['blobFiles'] as string[]) : [],
  );
  // Bytes kept inside the record have no object to move.
  const inlined = record['inlineFiles'];
  const inRecord = new Set(
    inlineFilesProblem(inlined) === undefined ? Object.keys(inlined ?? {}) : [],
  );
  const steps: MigrationStep[] = [];
  for (const file of filesOf(record)) {
    if (
      already.has(file.name) ||
      inRecord.has(file.name) ||
      file.size < minBytes ||
      !/^[0-9a-f]{64}$/.test(file.sha256)
    )
      continue;
    const inline = ArtifactLayout.file(key, version, file.name);
    const blob = BlobLayout.blob(file.sha256);
    const [here, there] = await Promise.all([store.stat(inline), store.stat(blob)]);
    const base = { key, version, file: file.name, bytes: file.size, sha256: file.sha256 };
    // In a dry run nothing moves: a sha256 an earlier version moves counts as stored.
    const blobOk =
      (there !== undefined && there.size === file.size) || (dryRun && seen.has(file.sha256));
    seen.add(file.sha256);
    if (here === undefined) {
      steps.push(
        blobOk
          ? { ...base, action: 'record', outcome: 'planned' }
          : {
              ...base,
              action: 'record',
              outcome: 'skipped',
              problem: 'its bytes are neither in the version folder nor in the blob',
            },
      );
      continue;
    }
    steps.push({ ...base, action: blobOk ? 'duplicate' : 'move', outcome: 'planned' });
  }
  if (dryRun || steps.every((s) => s.outcome === 'skipped')) return steps;
  const done: MigrationStep[] = [];
  for (const step of steps) {
    if (step.outcome === 'skipped' || step.action !== 'move') {
      done.push(step);
      continue;
    }
    // Never put bytes that are not what the record says under a content address.
    const inline = ArtifactLayout.file(key, version, step.file);
    const actual = await sha256Of(store, inline);
    if (actual !== step.sha256) {
      done.push({
        ...step,
        outcome: 'skipped',
        problem: `its bytes have sha256 ${actual}, the record says ${step.sha256}: left in place`,
      });
      continue;
    }
    await store.move(inline, BlobLayout.blob(step.sha256));
    done.push(step);
  }
  const moved = done.filter((s) => s.outcome !== 'skipped');
  if (moved.length === 0) return done;
  // The bytes are in their blobs: the new record names them (readers of the old one fall back to
  // the blob), then the duplicates left in the version folder go.
  const next = {
    ...record,
    schemaVersion: Math.max(schema, PLAIN_SCHEMA_VERSION),
    blobFiles: [...already, ...moved.map((s) => s.file)],
  };
  await store.put(recordPath, sealRecord(next));
  for (const step of moved)
    if (step.action === 'duplicate')
      await store.delete(ArtifactLayout.file(key, version, step.file));
  return done.map((s) => (s.outcome === 'planned' ? { ...s, outcome: 'done' } : s));
}

/**
 * Upgrades a store to format {@link STORE_FORMAT_VERSION} in place: files of 1 MiB and more move
 * into the content-addressed blob tree (one copy per content), records list them in `blobFiles`,
 * and the marker `stowage-store.json` is written last.
 *
 * @remarks
 * A dry run (the default) reads every record and says what would change. Each version is
 * migrated on its own: its files move into their blobs (checked against the record's sha256
 * first; bytes that differ stay where they are), then its record is rewritten, then copies of
 * bytes another version already stored are deleted. A reader holding the old record finds the
 * bytes in the blob, so every version reads, old or new, at every moment. Killed at any point,
 * the same call finishes the work (every step looks at what is there). Do not delete versions
 * while a migration runs: a record being rewritten could come back.
 * @throws StoreError (`STORE_FORMAT_TOO_NEW`) when a newer Stowage wrote the store or a record;
 * IntegrityError (`RECORD_CORRUPT`) for a damaged record; StoreError when the store fails.
 */
export async function migrateStore(
  store: Store,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const dryRun = options.dryRun !== false;
  const marker = await readFormatMarker(store);
  const from = marker?.format ?? 1;
  if (store.move === undefined)
    throw new StoreError(`Store ${store.url} cannot move objects, so it cannot be migrated.`, {
      details: { store: store.url },
      fix: 'Use a store that implements move (LocalStore, S3Store, MemoryStore).',
    });
  const movable = store as Store & Required<Pick<Store, 'move'>>;
  const records = await listRecords(store);
  const steps: MigrationStep[] = [];
  const seen = new Set<string>();
  for (const [key, version, path] of records)
    steps.push(
      ...(await migrateVersion(
        movable,
        key,
        version,
        path,
        dryRun,
        seen,
        options.minBytes ?? DEDUP_MIN_BYTES,
      )),
    );
  const skipped = steps.filter((s) => s.outcome === 'skipped');
  const notes = skipped.map((s) => `${s.key}@${s.version} "${s.file}" left in place: ${s.problem}`);
  const markerWritten = from < STORE_FORMAT_VERSION && skipped.length === 0;
  if (!dryRun && markerWritten)
    await writeFormatMarker(store, { migratedFrom: from, migratedAt: new Date().toISOString() });
  if (skipped.length > 0)
    notes.push('The format marker was not written: fix the files above and run migrate again.');
  return {
    store: store.url,
    from,
    to: STORE_FORMAT_VERSION,
    dryRun,
    versions: records.length,
    steps,
    savedBytes: steps
      .filter((s) => s.action === 'duplicate' && s.outcome !== 'skipped')
      .reduce((n, s) => n + s.bytes, 0),
    markerWritten,
    notes,
  };
}
