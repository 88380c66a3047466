import type { PackableType } from '../types';
import { rankCandidates } from './rank-candidates';
import type { PackagerDefinition } from './packager-definition';
import { ancestorsOf } from './type-token';

/** A packager that may pack (or unpack) a type, with how far its type is from the value's. */
export interface Candidate {
  readonly definition: PackagerDefinition;
  /** 0 when the packager's type is the value's own type, 1 for its parent class, and so on. */
  readonly distance: number;
}

const NO_CANDIDATES: readonly Candidate[] = Object.freeze([]);
const ANY_ARTIFACT_TYPE = '';

/**
 * A frozen, ranked set of packager definitions with cached resolution.
 *
 * @remarks
 * Built by {@link PackagerRegistry.build}. `definitions` are in rank order (priority, then newest
 * registration). Resolution walks the value type's prototype chain once per (type, artifact
 * type) pair and caches the ranked candidates, so the cost of a later lookup is two `Map.get`s
 * however many packagers are registered. The fallback (the `object` packager) is kept apart: it
 * is never a candidate, the manager tries it last.
 */
export class PackagerSnapshot {
  readonly definitions: readonly PackagerDefinition[];
  readonly fallback: PackagerDefinition | undefined;
  readonly #byType = new Map<PackableType, PackagerDefinition[]>();
  readonly #byName = new Map<string, PackagerDefinition>();
  readonly #packCache = new Map<PackableType, Map<string, readonly Candidate[]>>();
  readonly #unpackCache = new Map<PackableType, readonly Candidate[]>();

  /** @internal Use {@link PackagerRegistry.build}. */
  constructor(
    definitions: readonly PackagerDefinition[],
    fallback: PackagerDefinition | undefined,
  ) {
    this.definitions = Object.freeze(
      rankCandidates(definitions.map((definition) => ({ definition, distance: 0 }))).map(
        (c) => c.definition,
      ),
    );
    this.fallback = fallback;
    for (const d of this.definitions) {
      const list = this.#byType.get(d.type);
      if (list === undefined) this.#byType.set(d.type, [d]);
      else list.push(d);
      this.#byName.set(d.name, d);
    }
    if (fallback !== undefined) this.#byName.set(fallback.name, fallback);
    Object.freeze(this);
  }

  /** The definition registered under a stable name (the fallback included). */
  byName(name: string): PackagerDefinition | undefined {
    return this.#byName.get(name);
  }

  /** Every definition whose type is `type` or an ancestor of it, with its distance (no filtering). */
  related(type: PackableType): Candidate[] {
    const found: Candidate[] = [];
    ancestorsOf(type).forEach((ancestor, distance) => {
      for (const definition of this.#byType.get(ancestor) ?? [])
        found.push({ definition, distance });
    });
    return found;
  }

  /**
   * The ranked packagers that may pack a value of `type` as `artifactType` (`undefined`: the
   * packager's default): those `packRejection` does not turn down. Full-control packagers
   * are included; the caller asks their `isPackable`.
   */
  packCandidates(type: PackableType, artifactType: string | undefined): readonly Candidate[] {
    const key = artifactType ?? ANY_ARTIFACT_TYPE;
    let byArtifact = this.#packCache.get(type);
    if (byArtifact === undefined) {
      byArtifact = new Map();
      this.#packCache.set(type, byArtifact);
    }
    let found = byArtifact.get(key);
    if (found === undefined) {
      found = this.#ranked(type, (c) => packRejection(c, artifactType) === undefined);
      byArtifact.set(key, found);
    }
    return found;
  }

  /**
   * The ranked packagers that may unpack into `type` (packagers with no unpacking role excluded);
   * with `artifactType`, only those that can read that artifact type (an `@Unpack` for it, or
   * full control).
   */
  unpackCandidates(type: PackableType, artifactType?: string): readonly Candidate[] {
    let found = this.#unpackCache.get(type);
    if (found === undefined) {
      found = this.#ranked(type, (c) => c.definition.unpacks && appliesTo(c));
      this.#unpackCache.set(type, found);
    }
    if (artifactType === undefined) return found;
    return found.filter(
      ({ definition: d }) => d.fullControl || d.unpackMethods[artifactType] !== undefined,
    );
  }

  /** The ranked packagers with an `@Unbundle` that may split a value of `type`. */
  unbundlers(type: PackableType): readonly Candidate[] {
    return this.#ranked(type, (c) => c.definition.unbundleMethod !== undefined && appliesTo(c));
  }

  /** The ranked packagers with a `@Bundle` that build exactly `type` from a list or a dict. */
  bundlers(type: PackableType, from: 'list' | 'dict'): readonly Candidate[] {
    return this.#ranked(
      type,
      ({ definition: d, distance }) =>
        distance === 0 &&
        d.bundleMethod !== undefined &&
        (from === 'list' ? d.bundleFromList : d.bundleFromDict),
    );
  }

  #ranked(type: PackableType, keep: (c: Candidate) => boolean): readonly Candidate[] {
    const list = this.related(type).filter(keep);
    return list.length === 0 ? NO_CANDIDATES : Object.freeze(rankCandidates(list));
  }
}

/** Whether a candidate's packager covers the value's type: its own, or a subclass when allowed. */
function appliesTo(c: Candidate): boolean {
  return c.distance === 0 || c.definition.packSubclasses;
}

/**
 * Why a related packager cannot pack a value as `artifactType` (before any full-control
 * `isPackable` is asked), or `undefined` when it may. {@link PackagerSnapshot.packCandidates}
 * keeps the candidates with no reason; `explain()` prints the reasons. @internal
 */
export function packRejection(c: Candidate, artifactType: string | undefined): string | undefined {
  const d = c.definition;
  if (!appliesTo(c)) return `handles ${d.typeName} only (packSubclasses is off)`;
  if (!d.packs) return 'unpack-only packager (no @Pack method)';
  if (!supportsPacking(d, artifactType)) {
    return `no @Pack("${String(artifactType)}") (packs: ${[...Object.keys(d.packMethods), 'result'].join(', ')})`;
  }
  return undefined;
}

/**
 * Whether what a packager reads can be used where `hint` is asked for: its type is the hint or a
 * subclass of it, or (with `packSubclasses`) the hint is a subclass of its type. @internal
 */
export function fitsHint(d: PackagerDefinition, hint: PackableType | undefined): boolean {
  if (hint === undefined) return true;
  return (
    ancestorsOf(d.type).includes(hint) || (d.packSubclasses && ancestorsOf(hint).includes(d.type))
  );
}

/**
 * Whether a packager can be asked to pack as `artifactType`: it has a `@Pack` method for it, the
 * type is `result` (always packable, generically if need be), or it is a full-control packager
 * (its `isPackable` decides). `undefined` means "its default".
 */
function supportsPacking(d: PackagerDefinition, artifactType: string | undefined): boolean {
  return (
    artifactType === undefined ||
    d.fullControl ||
    artifactType === 'result' ||
    d.packMethods[artifactType] !== undefined
  );
}
