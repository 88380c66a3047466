import type { PackagingRecord } from '../artifacts/artifact';
import type { DataItem } from '../data/data-item';
import type { TempDirMaker } from '../data/download';
import { IntegrityError } from '../errors/integrity.error';
import type { FullControlPackager, WarningSink } from '../packagers/pack-context';
import type { PackagerDefinition } from '../registry/packager-definition';
import { fitsHint, type PackagerSnapshot } from '../registry/packager-snapshot';
import type { ClassRegistry } from '../serialization/class-registry';
import { typeTokenOf } from '../registry/type-token';
import type { Instructions, PackableType } from '../types';
import { ManagerUnpackContext } from './contexts';
import type { PackagerInstances } from './packager-instances';
import { checkHint, isOfHint, typeMismatch } from './hint-check';
import { conversionsInto } from './read-conversions';
import { type UnpackAttempt, unpackingFailed } from './unpack-attempts';

const NO_INSTRUCTIONS: Instructions = Object.freeze({});
const NOT_UNPACKED = Symbol('not-unpacked');
const DEFAULT_READ = Object.freeze({
  type: undefined,
  instructions: NO_INSTRUCTIONS,
  checkHint: true,
});
const FALLBACK_READ = Object.freeze({
  type: 'object',
  instructions: NO_INSTRUCTIONS,
  checkHint: true,
});

/** What one unpack call needs. @internal */
export interface UnpackJob {
  readonly snapshot: PackagerSnapshot;
  readonly instances: PackagerInstances;
  readonly sink: WarningSink;
  /** Makes a temporary directory owned by the caller's scope (or the manager's set). */
  readonly tempDir: () => Promise<string>;
  /** Holds local copies the item makes while unpacking (`item.withTemp`). */
  readonly temp: TempDirMaker;
  readonly classes: ClassRegistry | undefined;
}

function defaultUnpackingType(d: PackagerDefinition, item: DataItem, instance: unknown): string {
  const own = d.fullControl
    ? (instance as Partial<FullControlPackager>).defaultUnpackingArtifactType
    : undefined;
  if (typeof own === 'function') return own.call(instance, item);
  const dflt = d.defaultUnpackingArtifactType;
  return typeof dflt === 'string' ? dflt : dflt(item);
}

/**
 * Unpacks an item. With a packaging record, the recorded packager reads the bytes as the
 * recorded artifact type and the hint checks the value ({@link checkHint}); when that packager
 * is not registered, only packagers with an unpacker for the recorded artifact type may read it
 * (and the fallback only an `object` artifact). Without a record (a plain file, an artifact
 * logged by hand), the hint's packagers read it with their default unpacking type, then the
 * fallback.
 * @throws UnpackingError `UNPACKING_TYPE_MISMATCH` / `UNPACKING_NOT_EXACT` when the hint does
 * not fit what was recorded, `UNPACKING_NO_PACKAGER` listing every attempt when nothing could
 * read the item; an `IntegrityError` from a read is rethrown as is.
 * @internal
 */
export async function unpackItem(
  job: UnpackJob,
  given: DataItem,
  hint: PackableType | undefined,
): Promise<unknown> {
  const record: PackagingRecord | undefined = given.meta?.packaging;
  if (record === undefined && hint === undefined) return given;
  // Downloads the unpack methods cause belong to this unpack, not to whoever opened the item.
  const item = given.withTemp(job.temp);
  const attempts: UnpackAttempt[] = [];
  if (record !== undefined) return unpackRecorded(job, item, record, hint, attempts);
  const tried = new Set<PackagerDefinition>();
  for (const { definition } of hint === undefined ? [] : job.snapshot.unpackCandidates(hint)) {
    tried.add(definition);
    const r = await tryPackager(job, definition, item, hint, DEFAULT_READ, attempts);
    if (r !== NOT_UNPACKED) return r;
  }
  const fallback = job.snapshot.fallback;
  if (fallback !== undefined && !tried.has(fallback)) {
    const r = await tryPackager(job, fallback, item, hint, FALLBACK_READ, attempts);
    if (r !== NOT_UNPACKED) return r;
  }
  throw unpackingFailed(item.key, item.url, hint?.name, attempts);
}

/** Unpacks an item that carries packaging instructions: the record decides, the hint checks. */
async function unpackRecorded(
  job: UnpackJob,
  item: DataItem,
  record: PackagingRecord,
  hint: PackableType | undefined,
  attempts: UnpackAttempt[],
): Promise<unknown> {
  const type = record.artifactType;
  const recorded = job.snapshot.byName(record.packager);
  if (recorded !== undefined) {
    if (hint !== undefined && !mayGive(job, recorded, type, hint))
      throw typeMismatch(item.key, record, hint);
    warnOnVersions(job.sink, item.key, recorded, record);
    const read = { type, instructions: record.instructions, checkHint: false };
    const r = await tryPackager(job, recorded, item, hint, read, attempts);
    if (r !== NOT_UNPACKED) return checkHint(r, item.key, record, hint);
    throw unpackingFailed(item.key, item.url, hint?.name, attempts);
  }
  attempts.push({
    packager: record.packager,
    artifactType: type,
    outcome: 'skipped',
    reason: 'the packager that wrote it is not registered in this manager',
  });
  job.sink.warn(
    `"${item.key}" was packed by ${record.packager}, which is not registered; trying others that unpack "${type}".`,
  );
  const readers = hint === undefined ? [] : job.snapshot.unpackCandidates(hint, type);
  for (const { definition } of readers) {
    const read = { type, instructions: NO_INSTRUCTIONS, checkHint: true };
    const r = await tryPackager(job, definition, item, hint, read, attempts);
    if (r !== NOT_UNPACKED) return r;
  }
  const fallback = job.snapshot.fallback;
  if (fallback !== undefined && type === 'object') {
    const read = { type, instructions: record.instructions, checkHint: true };
    const r = await tryPackager(job, fallback, item, hint, read, attempts);
    if (r !== NOT_UNPACKED) return r;
  }
  throw unpackingFailed(item.key, item.url, hint?.name, attempts);
}

/**
 * Whether the recorded packager may give `hint`, directly or through a documented conversion;
 * the fallback may give anything, so it is always asked.
 */
function mayGive(
  job: UnpackJob,
  recorded: PackagerDefinition,
  artifactType: string,
  hint: PackableType,
): boolean {
  if (recorded === job.snapshot.fallback || fitsHint(recorded, hint)) return true;
  return conversionsInto(hint, artifactType).some((c) =>
    c.fromTypes.some((from) => fitsHint(recorded, from)),
  );
}

/** How one packager is asked to read an item. */
interface Read {
  /** The artifact type to read as; `undefined`: the packager's default unpacking type. */
  readonly type: string | undefined;
  readonly instructions: Instructions;
  /** Whether a value that is not of the hint counts as a failed attempt (else the caller checks). */
  readonly checkHint: boolean;
}

/** Tries one packager; returns the value, or NOT_UNPACKED after recording why not. */
async function tryPackager(
  job: UnpackJob,
  d: PackagerDefinition,
  item: DataItem,
  hint: PackableType | undefined,
  read: Read,
  attempts: UnpackAttempt[],
): Promise<unknown> {
  const { type: requested, instructions } = read;
  let type = requested;
  try {
    const instance = job.instances.get(d);
    if (
      d.fullControl &&
      !(instance as unknown as FullControlPackager).isUnpackable(hint, requested)
    ) {
      attempts.push({
        packager: d.name,
        artifactType: requested,
        outcome: 'skipped',
        reason: 'isUnpackable() returned false',
      });
      return NOT_UNPACKED;
    }
    type ??= defaultUnpackingType(d, item, instance);
    const ctx = new ManagerUnpackContext(type, hint, job.sink, job.tempDir, job.classes);
    let value: unknown;
    if (d.fullControl) {
      value = await (instance as unknown as FullControlPackager).unpack(
        item,
        type,
        instructions,
        ctx,
      );
    } else {
      const method = d.unpackMethods[type];
      if (method === undefined) {
        attempts.push({
          packager: d.name,
          artifactType: type,
          outcome: 'skipped',
          reason: `it has no @Unpack("${type}") method`,
        });
        return NOT_UNPACKED;
      }
      value = await (instance[method.method] as (...a: unknown[]) => unknown).call(
        instance,
        item,
        instructions,
        ctx,
      );
    }
    if (hint !== undefined && !isOfHint(value, hint) && read.checkHint) {
      attempts.push({
        packager: d.name,
        artifactType: type,
        outcome: 'failed',
        reason: `it returned a ${typeTokenOf(value).name}, not the hinted ${hint.name}`,
      });
      return NOT_UNPACKED;
    }
    return value;
  } catch (error) {
    const damaged = integrityFailure(error);
    if (damaged !== undefined) throw damaged;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    attempts.push({ packager: d.name, artifactType: type, outcome: 'failed', reason, error });
    return NOT_UNPACKED;
  }
}

/**
 * The IntegrityError an unpack failure comes from, if any: damaged bytes are reported as such even
 * when the reader (an archive extractor) failed on them first and kept the integrity error as its
 * cause.
 */
function integrityFailure(error: unknown): IntegrityError | undefined {
  let current = error;
  for (let depth = 0; depth < 16 && typeof current === 'object' && current !== null; depth++) {
    if (IntegrityError.is(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function warnOnVersions(
  sink: WarningSink,
  key: string,
  d: PackagerDefinition,
  record: PackagingRecord,
): void {
  const stored = record.runtime?.packages ?? {};
  for (const [name, version] of Object.entries(d.packageVersions)) {
    const then = stored[name];
    if (then !== undefined && then !== version) {
      sink.warn(`"${key}" was packed with ${name} ${then}; ${d.name} now declares ${version}.`);
    }
  }
}
