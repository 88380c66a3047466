import type { DataItem } from '../data/data-item';
import type { Injectable } from '../di/container-like';
import type { ConcreteConstructor, PackableType } from '../types';
import type { DeclarationMode } from './decorator-mode';

/**
 * What a user writes in `@Packager({...})`.
 *
 * @remarks
 * Defaults: `priority` 3 for user packagers and 5 for builtins (1 = highest, 10 = lowest);
 * `packSubclasses` false; `defaultPackingArtifactType` the first `@Pack` type of the class (its
 * base classes' first), else `'object'`; `defaultUnpackingArtifactType` likewise with `@Unpack`;
 * `bundleFromList`/`bundleFromDict` false; `name` the class name. See `docs/writing-a-packager.md`.
 */
export interface PackagerOptions<T = unknown> {
  /** The type this packager packs and unpacks: a class, a builtin's constructor, or `Nullish`. */
  readonly type: PackableType<T>;
  /** Stable id stored in artifacts; survives minification. Defaults to the class name. */
  readonly name?: string;
  /** 1 (highest) to 10 (lowest). Default 3 (builtins: 5). */
  readonly priority?: number;
  /** Also pack instances of subclasses of `type` (default false). */
  readonly packSubclasses?: boolean;
  /** Artifact type used when a log hint names none; may be computed from the value. */
  readonly defaultPackingArtifactType?: string | ((value: T) => string);
  /** Artifact type used to unpack an item that has no packaging record (logged by hand). */
  readonly defaultUnpackingArtifactType?: string | ((item: DataItem) => string);
  /** The type can be built from a list of inputs (`@Bundle`) and split into items (`@Unbundle`). */
  readonly bundleFromList?: boolean;
  /** The type can be built from a dict of inputs (`@Bundle`) and split into items (`@Unbundle`). */
  readonly bundleFromDict?: boolean;
  /** Versions of packages this packager depends on, recorded with every artifact it writes. */
  readonly packageVersions?: Readonly<Record<string, string>>;
  /**
   * The services the packager's constructor takes, in order; the manager gets each from its
   * container and calls `new Packager(...services)`. Needed when the compiler emits no
   * `design:paramtypes` (standard decorators, esbuild, tsx, SWC without `decoratorMetadata`,
   * plain JavaScript); optional with `emitDecoratorMetadata`.
   */
  readonly inject?: readonly Injectable[];
}

/** The normalised record `@Packager` stores on the class. @internal */
export interface PackagerArgs {
  readonly options: PackagerOptions;
  /** True for packagers shipped with Stowage (default priority 5, not in the import catalog). */
  readonly builtin: boolean;
  /** How the packager was declared. */
  readonly mode?: DeclarationMode;
}

/** Options of `@Pack`. */
export interface PackMethodOptions {
  /** A class describing the packing options the method accepts (`@Option` properties with defaults). */
  readonly options?: ConcreteConstructor<object>;
}

/** A pack or unpack method as recorded by `@Pack` / `@Unpack`. @internal */
export interface MethodRecord {
  readonly artifactType: string;
  readonly method: string | symbol;
  readonly optionsClass?: ConcreteConstructor<object>;
  /** How the method was declared (absent: legacy). */
  readonly mode?: DeclarationMode;
}
