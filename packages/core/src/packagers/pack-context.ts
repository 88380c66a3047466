import type { Artifact } from '../artifacts/artifact';
import type { DataItem } from '../data/data-item';
import type { WarningSink } from '../errors/warning-sink';
import type { ClassRegistry } from '../serialization/class-registry';
import type { Instructions, PackableType } from '../types';

// Packager authors and the manager meet the sink through the contexts, so it is named here too.
export type { WarningSink };

/**
 * What a pack method receives besides the value, key and options.
 *
 * @remarks
 * Temporary directories from {@link PackContext.tempDir} are removed by the manager once the
 * artifact is stored, on success and on failure: a pack method never cleans up after itself.
 */
export interface PackContext extends WarningSink {
  /** The output key being packed. */
  readonly key: string;
  /** The artifact type being packed. */
  readonly artifactType: string;
  /** The run producing the value, when packing inside a run. */
  readonly runId: string | undefined;
  /** A fresh, empty temporary directory, removed by the manager after the pack. */
  tempDir(): Promise<string>;
  /** The classes the `object` fallback may revive (the manager's registry), when it has one. */
  readonly classes?: ClassRegistry;
}

/** What an unpack method receives besides the data item and instructions. */
export interface UnpackContext extends WarningSink {
  /** The artifact type being unpacked. */
  readonly artifactType: string;
  /** The type the caller asked for, when known. */
  readonly typeHint: PackableType | undefined;
  /** A fresh, empty temporary directory, removed by the manager when the unpacking work is done. */
  tempDir(): Promise<string>;
  /** The classes the `object` fallback may revive (the manager's registry), when it has one. */
  readonly classes?: ClassRegistry;
}

/** A pack method's output when it produces stored bytes. */
export interface ArtifactOutput {
  readonly artifact: Artifact;
  /** Stored with the artifact and handed back to the unpack method. Every field should be optional. */
  readonly instructions?: Instructions;
}

/** A pack method's output when it produces a result (a value kept in the run record). */
export interface ResultOutput {
  readonly result: unknown;
}

/** What a pack method returns. */
export type PackOutput = ArtifactOutput | ResultOutput;

/** Narrows a {@link PackOutput} to a result. */
export function isResultOutput(output: PackOutput): output is ResultOutput {
  return 'result' in output && !('artifact' in output);
}

/**
 * The full-control form of a packager, for when decorators do not fit: the class decides what it
 * packs and unpacks at run time.
 *
 * @remarks
 * Register such a class with `@Packager({ type, … })` like any other; the registry uses these
 * methods instead of `@Pack`/`@Unpack` discovery when the class defines `isPackable`.
 */
export interface FullControlPackager<T = unknown> {
  /**
   * Whether this packager packs `value` as `artifactType` (`undefined`: its default), given the
   * log hint's packing options as written (not yet validated; `{}` when none).
   */
  isPackable(
    value: unknown,
    artifactType: string | undefined,
    options: Readonly<Record<string, unknown>>,
  ): boolean;
  /** Whether this packager unpacks into `typeHint` from `artifactType`. */
  isUnpackable(typeHint: PackableType | undefined, artifactType: string | undefined): boolean;
  /** The artifact type used when the log hint names none. */
  defaultPackingArtifactType(value: T): string;
  /** The artifact type used to unpack an item with no packaging record. */
  defaultUnpackingArtifactType(item: DataItem): string;
  pack(
    value: T,
    key: string,
    artifactType: string,
    options: Readonly<Record<string, unknown>>,
    ctx: PackContext,
  ): Promise<PackOutput> | PackOutput;
  unpack(
    item: DataItem,
    artifactType: string,
    instructions: Instructions,
    ctx: UnpackContext,
  ): Promise<T> | T;
}
