import { DefinitionError } from '../errors/definition.error';
import type { ConcreteConstructor, PackableType } from '../types';
import { buildDefinition } from './build-definition';
import type { PackagerDefinition } from './packager-definition';
import type { Candidate } from './packager-snapshot';
import { PackagerSnapshot } from './packager-snapshot';

/** What a {@link PackagerRegistry} is built with. */
export interface PackagerRegistryOptions {
  /** The packager of last resort (the `object` fallback); never ranked with the others. */
  readonly fallback?: ConcreteConstructor;
}

/**
 * Collects packager classes and builds frozen, ranked snapshots of their definitions.
 *
 * @remarks
 * `register()` de-duplicates (a class registered twice keeps its first position); `build()` is
 * pure and returns a new {@link PackagerSnapshot}; `resolve()` reads the latest snapshot (built on
 * demand) and caches. There is no `clear()`: build a new registry instead.
 *
 * @example
 * ```ts
 * const registry = new PackagerRegistry().register(PointPackager, ImagePackager);
 * const [best] = registry.resolve(Point, 'file');
 * ```
 */
export class PackagerRegistry {
  readonly #classes: ConcreteConstructor[] = [];
  readonly #fallback: ConcreteConstructor | undefined;
  #snapshot: PackagerSnapshot | undefined;

  constructor(options: PackagerRegistryOptions = {}) {
    this.#fallback = options.fallback;
  }

  /** Adds packager classes, oldest first; a class already registered is ignored. */
  register(...classes: readonly ConcreteConstructor[]): this {
    for (const cls of classes) {
      if (!this.#classes.includes(cls) && cls !== this.#fallback) {
        this.#classes.push(cls);
        this.#snapshot = undefined;
      }
    }
    return this;
  }

  /** The registered classes, oldest first. */
  get classes(): readonly ConcreteConstructor[] {
    return Object.freeze([...this.#classes]);
  }

  /**
   * Validates every registered class, merges inheritance and ranks them.
   * @throws DefinitionError `DEFINITION_NOT_A_PACKAGER`, `DEFINITION_DUPLICATE_NAME`,
   * `DEFINITION_INCOMPLETE_FULL_CONTROL`, or an options-class error.
   */
  build(): PackagerSnapshot {
    const definitions = this.#classes.map((cls, index) => buildDefinition(cls, index));
    const fallback = this.#fallback === undefined ? undefined : buildDefinition(this.#fallback, -1);
    checkUniqueNames(fallback === undefined ? definitions : [...definitions, fallback]);
    return new PackagerSnapshot(definitions, fallback);
  }

  /** The latest snapshot, built when something was registered since the last one. */
  snapshot(): PackagerSnapshot {
    this.#snapshot ??= this.build();
    return this.#snapshot;
  }

  /** The ranked candidates that may pack `type` as `artifactType` (`undefined`: their default). */
  resolve(type: PackableType, artifactType?: string): readonly Candidate[] {
    return this.snapshot().packCandidates(type, artifactType);
  }
}

function checkUniqueNames(definitions: readonly PackagerDefinition[]): void {
  const seen = new Map<string, PackagerDefinition>();
  for (const d of definitions) {
    const other = seen.get(d.name);
    if (other !== undefined) {
      throw new DefinitionError(
        `Two packagers are named "${d.name}": ${other.packagerClass.name} and ${d.packagerClass.name}.`,
        {
          code: 'DEFINITION_DUPLICATE_NAME',
          details: { name: d.name, packagers: [other.packagerClass.name, d.packagerClass.name] },
          fix: 'Give one of them a distinct stable id with @Packager({ name: "…" }).',
        },
      );
    }
    seen.set(d.name, d);
  }
}
