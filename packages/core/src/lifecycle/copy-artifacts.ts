import type { Readable } from 'node:stream';
import type { Artifact } from '../artifacts/artifact';
import type { ArtifactKinds } from '../artifacts/artifact-kinds';
import { cloneArtifact, encodeArtifactRecord } from '../artifacts/artifact-record';
import { isInlineFile } from '../artifacts/inline-files';
import type { DataItem } from '../data/data-item';
import { canonicalJson } from '../artifacts/record-seal';
import { defaultActor } from '../artifacts/tag-history';
import { IntegrityError } from '../errors/integrity.error';
import { LifecycleError } from '../errors/lifecycle.error';
import { NotFoundError } from '../errors/not-found.error';
import { StoreArtifactRepository } from '../repository/store-artifact.repository';
import type { Body, Store } from '../stores/store';
import { copyInvalid, parseCopySelector } from './copy-selection';
import { copyRunRecords, planRuns, type CopiedRun, type PlannedRun } from './copy-runs';
import { listTags, setTag } from './tag-operations';

/** Options of {@link copyArtifacts}. */
export interface CopyOptions {
  /**
   * Also set the named tags that point at a copied version in the source on the same version at
   * the destination, moving them there if they name another version (default `false`; every
   * move is kept in the destination's tag history).
   */
  readonly tags?: boolean;
  /** For `run:<id>`: also copy the artifact versions the run read as inputs (default `false`). */
  readonly inputs?: boolean;
  /** Also copy the run record that produced each copied version (default `true`). */
  readonly lineage?: boolean;
  /** Check everything and report what would be copied; write nothing (default `false`). */
  readonly dryRun?: boolean;
  /** Who moves tags at the destination, kept in their history (default `user@host`). */
  readonly by?: string;
  /** Versions copied at the same time (default 8, at most 64). */
  readonly concurrency?: number;
  /** Classes records are read into (default: the builtin kinds). */
  readonly kinds?: ArtifactKinds;
  /** Called as each version is copied or found already there (progress). */
  readonly onVersion?: (version: CopiedVersion) => void;
}

/** `copied`: written by this copy; `present`: already at the destination, same bytes; `planned`: a dry run. */
export type CopyOutcome = 'copied' | 'present' | 'planned';

/** One artifact version of a copy. */
export interface CopiedVersion {
  readonly key: string;
  readonly version: string;
  readonly outcome: CopyOutcome;
  /** Files of the version (primary and extra). */
  readonly files: number;
  /** Bytes of those files (what a copy transfers). */
  readonly bytes: number;
}

/** One named tag a copy set at the destination (`tags: true`). */
export interface CopiedTag {
  readonly key: string;
  readonly tag: string;
  readonly version: string;
  /** The version it named at the destination before (`null`: none). */
  readonly from: string | null;
  readonly outcome: 'moved' | 'present' | 'planned';
}

/** A version or run record that exists at the destination with other content. */
export interface CopyConflict {
  /** `key@version`, or `run:<id>`. */
  readonly ref: string;
  readonly reason: string;
}

/** What {@link copyArtifacts} did (or, for a dry run, would do). */
export interface CopyResult {
  readonly from: string;
  readonly to: string;
  readonly dryRun: boolean;
  readonly versions: readonly CopiedVersion[];
  readonly runs: readonly CopiedRun[];
  readonly tags: readonly CopiedTag[];
  /** What was named but not copied, and why (a run input of another store, a missing lineage run). */
  readonly warnings: readonly string[];
  readonly totals: {
    readonly versions: number;
    readonly copied: number;
    readonly present: number;
    /** Bytes of the versions copied (0 for those already there). */
    readonly bytes: number;
    readonly runs: number;
    readonly tags: number;
  };
}

interface PlannedVersion {
  readonly source: Artifact;
  readonly present: boolean;
}

/**
 * Record fields a destination may write differently from its source: a newer record format, and
 * where it keeps the bytes — shared blobs or inside the record (properties of the destination:
 * its format, its dedup threshold, how the bytes arrive; the bytes are checked through `size`
 * and `sha256`).
 */
const MAY_DIFFER = new Set(['schemaVersion', 'blobFiles', 'inlineFiles']);

const DEFAULT_CONCURRENCY = 8;
const MAX_CONCURRENCY = 64;

function refOf(key: string, version: string): string {
  return `${key}@${version}`;
}

/** The files of a version as `name → size:sha256`, primary first. */
function fileSignature(a: Artifact): string {
  const files = (a.fileRecords ?? []).map((f) => `${f.name}=${f.size}:${f.sha256}`).sort();
  const primary = a.fileName === undefined ? '-' : `${a.fileName}=${a.size}:${a.sha256}`;
  return [primary, ...files].join('\n');
}

function filesOf(a: Artifact): { files: number; bytes: number } {
  const extra = a.fileRecords ?? [];
  return {
    files: extra.length + (a.fileName === undefined ? 0 : 1),
    bytes: (a.size ?? 0) + extra.reduce((n, f) => n + f.size, 0),
  };
}

/** The first record field of `source` that `copy` records differently, if any. */
function differingField(source: Artifact, copy: Artifact): string | undefined {
  const a = encodeArtifactRecord(source) as unknown as Record<string, unknown>;
  const b = encodeArtifactRecord(copy) as unknown as Record<string, unknown>;
  return Object.keys(a).find(
    (name) => !MAY_DIFFER.has(name) && canonicalJson(a[name]) !== canonicalJson(b[name]),
  );
}

function copyIntegrity(source: Artifact, to: Store, why: string, cause?: unknown): LifecycleError {
  const ref = refOf(source.key, source.version ?? '');
  return new LifecycleError(
    `The copy of ${ref} to ${to.url} does not match its source record: ${why}; it was not committed.`,
    {
      code: 'LIFECYCLE_COPY_INTEGRITY',
      details: { key: source.key, version: source.version, to: to.url, reason: why },
      fix: `Check the source (\`stowage get ${ref}\` verifies its bytes) and copy again; restore a damaged source from a backup first.`,
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/** A body that opens its source stream only when the store starts reading it. */
function lazyBody(open: () => Promise<Readable>): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* (await open()) as AsyncIterable<Uint8Array>;
    },
  };
}

/**
 * Copies one version through the destination repository: bytes staged under the same version
 * id (checked against the source record as they stream), the record compared field by field,
 * then committed (the record is written last).
 */
async function copyVersion(
  src: StoreArtifactRepository,
  dst: StoreArtifactRepository,
  source: Artifact,
): Promise<void> {
  const item = src.item(source);
  const copy = cloneArtifact(source);
  // Bytes kept inside the source record arrive in memory (checked), so the copy keeps them inside
  // its record too; others stream.
  const bodyOf = async (file: DataItem, name: string): Promise<Body> =>
    isInlineFile(source, name) ? file.get() : lazyBody(() => file.stream());
  const version = source.version as string;
  let staged;
  try {
    if (source.fileName !== undefined) copy.body = await bodyOf(item, source.fileName);
    const extra = source.fileRecords ?? [];
    if (extra.length > 0) {
      copy.files = Object.fromEntries(
        await Promise.all(
          extra.map(async (f) => [f.name, await bodyOf(item.file(f.name), f.name)] as const),
        ),
      );
    }
    staged = await dst.stage(copy, {
      copyOf: {
        version,
        ...(source.createdAt === undefined ? {} : { createdAt: source.createdAt }),
      },
    });
  } catch (error) {
    // The source's verifying stream failed: its bytes do not match its record.
    if (IntegrityError.is(error))
      throw copyIntegrity(source, dst.store, 'the source bytes fail their checksum', error);
    throw error;
  }
  const arrived = staged.artifact;
  const why =
    fileSignature(arrived) !== fileSignature(source)
      ? 'the bytes written differ in size or sha256'
      : (() => {
          const field = differingField(source, arrived);
          return field === undefined ? undefined : `its record field "${field}" differs`;
        })();
  if (why !== undefined) {
    await dst.abort(staged).catch(() => undefined);
    throw copyIntegrity(source, dst.store, why);
  }
  try {
    await dst.commit(staged);
  } catch (error) {
    await dst.abort(staged).catch(() => undefined);
    throw error;
  }
}

/** Runs `work` over `items`, `limit` at a time; on the first failure starts no new item, waits for those under way, then throws it. */
async function eachLimit<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}

async function readOptional(
  repo: StoreArtifactRepository,
  key: string,
  version: string,
): Promise<Artifact | undefined> {
  try {
    return await repo.read(key, { version });
  } catch (error) {
    if (NotFoundError.is(error)) return undefined;
    throw error;
  }
}

function concurrencyOf(value: number | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  if (Number.isInteger(value) && value >= 1 && value <= MAX_CONCURRENCY) return value;
  throw copyInvalid(
    `with concurrency ${String(value)}`,
    `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`,
  );
}

/** Which versions the selectors name in the source, in order, and the runs they name. */
async function selectVersions(
  from: Store,
  src: StoreArtifactRepository,
  what: readonly string[],
  options: CopyOptions,
): Promise<{ refs: Map<string, [string, string]>; runs: PlannedRun[]; warnings: string[] }> {
  const refs = new Map<string, [string, string]>();
  const add = (key: string, version: string): void => {
    refs.set(refOf(key, version), [key, version]);
  };
  const runIds: string[] = [];
  for (const selector of what.map(parseCopySelector)) {
    if (selector.kind === 'run') runIds.push(selector.runId);
    else if (selector.kind === 'version') add(selector.key, selector.version);
    else if (selector.kind === 'tag') {
      const found = await src.read(selector.key, { tag: selector.tag });
      add(selector.key, found.version as string);
    } else {
      const versions = await src.versions(selector.key);
      if (versions.length === 0) {
        throw new NotFoundError(`Artifact "${selector.key}" is not in ${from.url}.`, {
          details: { key: selector.key, store: from.url },
          fix: 'List the keys of the source with `stowage --store <from> artifacts list`; nothing was copied.',
        });
      }
      for (const version of versions) add(selector.key, version);
    }
  }
  const { runs, versions, warnings } = await planRuns(from, runIds, options.inputs === true);
  for (const [key, version] of versions) add(key, version);
  return { refs, runs, warnings };
}

/**
 * Copies artifact versions, with their records, files and lineage, from one store to another.
 *
 * @remarks
 * `what` lists `key` (every version), `key@version`, `key:tag` (the version the tag names in
 * the source) or `run:<id>` (the run record and the versions it logged; with `inputs`, also
 * those it read). Only the `Store` operations and the artifact repository are used, so any two
 * stores work (local, S3, memory) whatever their layout.
 *
 * Everything is checked before anything is written: the source records (their seals), and what
 * the destination already has. A version already there with the same bytes is left alone
 * (`present`); one there with other bytes is a conflict, and a conflict stops the copy before it
 * writes anything (`LIFECYCLE_COPY_CONFLICT`). Each version keeps its version id and creation
 * time: its bytes are staged at the destination while their sha256 and size are checked against
 * the source record, then its record is compared with the source's and written last, so a
 * reader of the destination never sees a version without its bytes. Run records follow the
 * versions they name; tags (`tags: true`) move last.
 *
 * Copying again is a no-op that reports every version `present`. An interrupted copy leaves at
 * most bytes without a record at the destination (invisible; `stowage gc` collects them, and
 * running the copy again overwrites them and finishes the rest).
 * @throws LifecycleError `LIFECYCLE_COPY_INVALID` (bad arguments, same store),
 * `LIFECYCLE_COPY_CONFLICT` (nothing copied), `LIFECYCLE_COPY_INTEGRITY` (a version whose bytes
 * or record did not arrive intact; the versions committed before it stay); NotFoundError for a
 * key, version, tag or run missing in the source; IntegrityError for a damaged source record.
 */
export async function copyArtifacts(
  from: Store,
  to: Store,
  what: readonly string[],
  options: CopyOptions = {},
): Promise<CopyResult> {
  if (what.length === 0) throw copyInvalid('nothing', 'no key, version, tag or run was named');
  if (from.url === to.url)
    throw copyInvalid(`from ${from.url}`, 'the source and the destination are the same store');
  const concurrency = concurrencyOf(options.concurrency);
  const kinds = options.kinds === undefined ? {} : { kinds: options.kinds };
  const src = new StoreArtifactRepository({ store: from, ...kinds });
  const dst = new StoreArtifactRepository({ store: to, ...kinds });
  try {
    const { refs, runs: named, warnings } = await selectVersions(from, src, what, options);
    const sources = await mapEach([...refs.values()], ([key, version]) =>
      src.read(key, { version }),
    );
    const runs = [...named];
    if (options.lineage !== false) {
      const producers = sources.map((a) => a.producer?.runId).filter((id) => id !== undefined);
      const lineage = await planRuns(
        from,
        [...new Set(producers)].filter((id) => !runs.some((r) => r.id === id)),
        false,
        { lineage: true },
      );
      runs.push(...lineage.runs);
      warnings.push(...lineage.warnings);
    }
    // One listing per key says which versions the destination has; only those are read.
    const keys = [...new Set(sources.map((a) => a.key))];
    const listed = new Map(
      await mapEach(keys, async (key) => [key, new Set(await dst.versions(key))] as const),
    );
    const conflicts: CopyConflict[] = [];
    const planned = await mapEach(sources, async (source): Promise<PlannedVersion> => {
      if (listed.get(source.key)?.has(source.version as string) !== true)
        return { source, present: false };
      const there = await readOptional(dst, source.key, source.version as string);
      if (there === undefined) return { source, present: false };
      if (fileSignature(there) !== fileSignature(source)) {
        conflicts.push({
          ref: refOf(source.key, source.version as string),
          reason: `the destination has other bytes (${fileSignature(there).split('\n').join(', ')})`,
        });
      }
      return { source, present: true };
    });
    const runPlan = await mapEach(runs, (run) => run.check(to));
    for (const r of runPlan) if (r.conflict !== undefined) conflicts.push(r.conflict);
    if (conflicts.length > 0) throw copyConflict(from, to, conflicts);

    const dryRun = options.dryRun === true;
    const outcome = (p: PlannedVersion): CopyOutcome =>
      p.present ? 'present' : dryRun ? 'planned' : 'copied';
    const report = (p: PlannedVersion): CopiedVersion => ({
      key: p.source.key,
      version: p.source.version as string,
      outcome: outcome(p),
      ...filesOf(p.source),
    });
    const done: CopiedVersion[] = [];
    for (const p of planned.filter((v) => v.present || dryRun)) {
      done.push(report(p));
      options.onVersion?.(report(p));
    }
    if (!dryRun) {
      await eachLimit(
        planned.filter((p) => !p.present),
        concurrency,
        async (p) => {
          await copyVersion(src, dst, p.source);
          done.push(report(p));
          options.onVersion?.(report(p));
        },
      );
    }
    const copiedRuns = await copyRunRecords(to, runPlan, dryRun);
    const tags = options.tags === true ? await copyTags(from, to, sources, dryRun, options) : [];
    const order = new Map([...refs.keys()].map((ref, i) => [ref, i]));
    const versions = done.sort(
      (a, b) =>
        (order.get(refOf(a.key, a.version)) ?? 0) - (order.get(refOf(b.key, b.version)) ?? 0),
    );
    return {
      from: from.url,
      to: to.url,
      dryRun,
      versions,
      runs: copiedRuns,
      tags,
      warnings,
      totals: {
        versions: versions.length,
        copied: versions.filter((v) => v.outcome === 'copied').length,
        present: versions.filter((v) => v.outcome === 'present').length,
        bytes: versions.filter((v) => v.outcome === 'copied').reduce((n, v) => n + v.bytes, 0),
        runs: copiedRuns.filter((r) => r.outcome === 'copied' || r.outcome === 'updated').length,
        tags: tags.filter((t) => t.outcome === 'moved').length,
      },
    };
  } finally {
    await src.dispose();
    await dst.dispose();
  }
}

/** `work` over `items`, 8 at a time, keeping order. */
async function mapEach<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  await eachLimit(
    items.map((item, i) => [item, i] as const),
    8,
    async ([item, i]) => {
      out[i] = await work(item);
    },
  );
  return out;
}

function copyConflict(from: Store, to: Store, conflicts: readonly CopyConflict[]): LifecycleError {
  const listed = conflicts.map((c) => c.ref);
  const shown = listed.slice(0, 5).join(', ') + (listed.length > 5 ? ', …' : '');
  return new LifecycleError(
    `${conflicts.length} version(s) or run(s) to copy from ${from.url} already exist in ${to.url} with other content (${shown}); nothing was copied.`,
    {
      code: 'LIFECYCLE_COPY_CONFLICT',
      details: { from: from.url, to: to.url, conflicts },
      fix: 'Versions are never overwritten: find out which store holds the right bytes, delete the wrong version there (`stowage delete key@version`) and copy again, or leave those versions out.',
    },
  );
}

/** Sets the source's named tags of the copied versions at the destination. */
async function copyTags(
  from: Store,
  to: Store,
  sources: readonly Artifact[],
  dryRun: boolean,
  options: CopyOptions,
): Promise<CopiedTag[]> {
  const byKey = new Map<string, Set<string>>();
  for (const a of sources) byKey.set(a.key, (byKey.get(a.key) ?? new Set()).add(a.version ?? ''));
  const out: CopiedTag[] = [];
  for (const [key, versions] of byKey) {
    const there = new Map((await listTags(to, key)).map((t) => [t.tag, t.version]));
    for (const { tag, version } of await listTags(from, key)) {
      if (!versions.has(version)) continue;
      const before = there.get(tag) ?? null;
      if (before === version) {
        out.push({ key, tag, version, from: before, outcome: 'present' });
      } else if (dryRun) {
        out.push({ key, tag, version, from: before, outcome: 'planned' });
      } else {
        await setTag(to, key, version, tag, { by: options.by ?? defaultActor() });
        out.push({ key, tag, version, from: before, outcome: 'moved' });
      }
    }
  }
  return out;
}
