import { PackingError } from '../errors/packing.error';
import type { FullControlPackager } from '../packagers/pack-context';
import type { PackagerDefinition, PackMethodDefinition } from '../registry/packager-definition';
import type { PackagerSnapshot } from '../registry/packager-snapshot';
import { typeTokenOf } from '../registry/type-token';
import type { PackagerInstances } from './packager-instances';

/** How the chosen packager packs the value. @internal */
export type PackMode = 'method' | 'generic-result' | 'full-control';

/** The packager and artifact type chosen for one value. @internal */
export interface PackChoice {
  readonly definition: PackagerDefinition | undefined;
  readonly artifactType: string;
  readonly mode: PackMode;
  /** The `@Pack` method, for mode `method`. */
  readonly method: PackMethodDefinition | undefined;
}

/** Stable name recorded for results packed with no packager at all. @internal */
export const GENERIC_RESULT_PACKAGER = 'stowage.generic-result';

/** The packager's default packing artifact type for `value`. @internal */
export function defaultPackingType(
  d: PackagerDefinition,
  value: unknown,
  instance: unknown,
): string {
  if (d.fullControl) {
    const own = (instance as Partial<FullControlPackager>).defaultPackingArtifactType;
    if (typeof own === 'function') return own.call(instance, value);
  }
  const dflt = d.defaultPackingArtifactType;
  return typeof dflt === 'string' ? dflt : dflt(value);
}

function unsupported(d: PackagerDefinition, type: string, key: string): never {
  const offered = [...Object.keys(d.packMethods), 'result', 'object'];
  throw new PackingError(`${d.name} has no @Pack("${type}") method for the output "${key}".`, {
    code: 'PACKING_UNSUPPORTED_ARTIFACT_TYPE',
    details: { key, packager: d.name, artifactType: type, offered },
    fix: `Ask for one of: ${offered.join(', ')}, or add a @Pack("${type}") method to ${d.name}.`,
  });
}

/** Resolves a definition's pack method for `type`, delegating `object` to the fallback. */
function methodChoice(
  d: PackagerDefinition,
  type: string,
  fallback: PackagerDefinition | undefined,
  key: string,
): PackChoice {
  const method = d.packMethods[type];
  if (method !== undefined) return { definition: d, artifactType: type, mode: 'method', method };
  if (type === 'result')
    return { definition: d, artifactType: type, mode: 'generic-result', method: undefined };
  const fallbackMethod = fallback?.packMethods[type];
  if (type === 'object' && fallbackMethod !== undefined) {
    return { definition: fallback, artifactType: type, mode: 'method', method: fallbackMethod };
  }
  return unsupported(d, type, key);
}

/**
 * Chooses the packager and artifact type for a value: the best-ranked candidate that accepts it
 * (full-control packagers are asked), else the fallback, else a generic result when `result`
 * was asked for.
 *
 * @throws PackingError `PACKING_NO_PACKAGER` when nothing packs the value as asked, or
 * `PACKING_UNSUPPORTED_ARTIFACT_TYPE` when a computed default names a type with no method.
 * @internal
 */
export function choosePacker(
  snapshot: PackagerSnapshot,
  instances: PackagerInstances,
  value: unknown,
  artifactType: string | undefined,
  key: string,
  options: Readonly<Record<string, unknown>> = {},
): PackChoice {
  const candidates = snapshot.packCandidates(typeTokenOf(value), artifactType);
  for (let i = 0; i < candidates.length; i++) {
    const d = (candidates[i] as (typeof candidates)[number]).definition;
    if (d.fullControl) {
      const instance = instances.get(d) as unknown as FullControlPackager;
      if (!instance.isPackable(value, artifactType, options)) continue;
      const type = artifactType ?? defaultPackingType(d, value, instance);
      return { definition: d, artifactType: type, mode: 'full-control', method: undefined };
    }
    return methodChoice(
      d,
      artifactType ?? defaultPackingType(d, value, undefined),
      snapshot.fallback,
      key,
    );
  }
  const fallback = snapshot.fallback;
  if (fallback !== undefined) {
    const type = artifactType ?? defaultPackingType(fallback, value, undefined);
    if (type === 'result' || fallback.packMethods[type] !== undefined)
      return methodChoice(fallback, type, undefined, key);
  }
  if (artifactType === 'result') {
    return { definition: undefined, artifactType, mode: 'generic-result', method: undefined };
  }
  return noPackager(value, artifactType, key);
}

function noPackager(value: unknown, artifactType: string | undefined, key: string): never {
  const type = typeTokenOf(value).name;
  const asked =
    artifactType === undefined ? 'with its default artifact type' : `as "${artifactType}"`;
  throw new PackingError(`No packager packs the output "${key}" (a ${type}) ${asked}.`, {
    code: 'PACKING_NO_PACKAGER',
    details: { key, objectType: type, artifactType },
    fix: 'Register a @Packager for this type, log it as "result" or "object", or run manager.explain(value, hint).',
  });
}
