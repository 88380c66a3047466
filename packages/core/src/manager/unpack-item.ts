import type { PackagingRecord } from '../artifacts/artifact';
import type { DataItem } from '../data/data-item';
import type { TempDirMaker } from '../data/download';
import { IntegrityError } from '../errors/integrity.error';
import type { FullControlPackager, WarningSink } from '../packagers/pack-context';
import type { PackagerDefinition } from '../registry/packager-definition';
import type { PackagerSnapshot } from '../registry/packager-snapshot';
import type { ClassRegistry } from '../serialization/class-registry';
import { ancestorsOf, typeTokenOf } from '../registry/type-token';
import type { Instructions, PackableType } from '../types';
import { ManagerUnpackContext } from './contexts';
import type { PackagerInstances } from './packager-instances';
import { type UnpackAttempt, unpackingFailed } from './unpack-attempts';

const NO_INSTRUCTIONS: Instructions = Object.freeze({});
const NOT_UNPACKED = Symbol('not-unpacked');

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

/** Whether a packager's output can be used where `hint` is asked for. @internal */
export function fitsHint(d: PackagerDefinition, hint: PackableType | undefined): boolean {
  if (hint === undefined) return true;
  return (
    ancestorsOf(d.type).includes(hint) || (d.packSubclasses && ancestorsOf(hint).includes(d.type))
  );
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
 * Unpacks an item: the recorded packager first, then the packagers matching the hint (default
 * unpacking type, empty instructions), then the fallback; one error listing every attempt.
 * @throws UnpackingError `UNPACKING_NO_PACKAGER`; an `IntegrityError` from a read is rethrown as is.
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
  const tried = new Set<PackagerDefinition>();
  let value: unknown;
  const attempt = async (
    d: PackagerDefinition,
    type: string | undefined,
    instructions: Instructions,
  ): Promise<boolean> => {
    tried.add(d);
    const r = await tryPackager(job, d, item, hint, type, instructions, attempts);
    if (r === NOT_UNPACKED) return false;
    value = r;
    return true;
  };
  if (record !== undefined) {
    const recorded = job.snapshot.byName(record.packager);
    if (recorded === undefined) {
      attempts.push({
        packager: record.packager,
        artifactType: record.artifactType,
        outcome: 'skipped',
        reason: 'the packager that wrote it is not registered in this manager',
      });
      job.sink.warn(
        `"${item.key}" was packed by ${record.packager}, which is not registered; trying others.`,
      );
    } else if (!fitsHint(recorded, hint)) {
      attempts.push({
        packager: recorded.name,
        artifactType: record.artifactType,
        outcome: 'skipped',
        reason: `it unpacks ${recorded.typeName}, not the hinted ${hint?.name ?? ''}`,
      });
    } else {
      warnOnVersions(job.sink, item.key, recorded, record);
      if (await attempt(recorded, record.artifactType, record.instructions)) return value;
    }
  }
  for (const { definition } of hint === undefined ? [] : job.snapshot.unpackCandidates(hint)) {
    if (tried.has(definition)) continue;
    const type =
      record !== undefined && definition.unpackMethods[record.artifactType] !== undefined
        ? record.artifactType
        : undefined;
    if (await attempt(definition, type, NO_INSTRUCTIONS)) return value;
  }
  const fallback = job.snapshot.fallback;
  if (fallback !== undefined && !tried.has(fallback)) {
    const instructions = record?.artifactType === 'object' ? record.instructions : NO_INSTRUCTIONS;
    if (await attempt(fallback, 'object', instructions)) return value;
  }
  throw unpackingFailed(item.key, item.url, hint?.name, attempts);
}

/** Tries one packager; returns the value, or NOT_UNPACKED after recording why not. */
async function tryPackager(
  job: UnpackJob,
  d: PackagerDefinition,
  item: DataItem,
  hint: PackableType | undefined,
  requested: string | undefined,
  instructions: Instructions,
  attempts: UnpackAttempt[],
): Promise<unknown> {
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
    if (hint !== undefined && !ancestorsOf(typeTokenOf(value)).includes(hint)) {
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
    if (IntegrityError.is(error)) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    attempts.push({ packager: d.name, artifactType: type, outcome: 'failed', reason, error });
    return NOT_UNPACKED;
  }
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
