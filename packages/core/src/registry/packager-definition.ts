import type { DataItem } from '../data/data-item';
import type { DeclarationMode } from '../decorators/decorator-mode';
import type { Injectable } from '../di/container-like';
import type { OptionsSchema } from '../options/options-schema';
import type { ConcreteConstructor, PackableType } from '../types';

/** A pack method of a packager, as the registry resolved it. */
export interface PackMethodDefinition {
  readonly artifactType: string;
  /** Name of the method on the packager instance. */
  readonly method: string | symbol;
  /** The class whose `@Pack` declared it (the packager or one of its bases). */
  readonly declaredBy: string;
  /** The packing options the method accepts. */
  readonly options: OptionsSchema;
  /** How its `@Pack` was recorded: legacy or standard decorator, or the decorator-free API. */
  readonly declaredWith: DeclarationMode;
}

/** An unpack method of a packager, as the registry resolved it. */
export interface UnpackMethodDefinition {
  readonly artifactType: string;
  readonly method: string | symbol;
  readonly declaredBy: string;
  /** How its `@Unpack` was recorded. */
  readonly declaredWith: DeclarationMode;
}

/**
 * The normalised, frozen description of a registered packager: what the manager, `explain()` and
 * the CLI see. Built only by {@link PackagerRegistry.build}; every field is set.
 *
 * @remarks
 * The user-facing counterpart is {@link PackagerOptions} (what `@Packager` accepts, with optional
 * fields and defaults). Method tables are null-prototype objects keyed by artifact type.
 */
export interface PackagerDefinition {
  /** Stable id stored in artifacts (`PackagerOptions.name`, default the class name). */
  readonly name: string;
  readonly packagerClass: ConcreteConstructor;
  /** The packable type (a constructor, or `Nullish`). */
  readonly type: PackableType;
  /** The packable type's name, for messages. */
  readonly typeName: string;
  /** 1 (highest) to 10 (lowest). */
  readonly priority: number;
  readonly packSubclasses: boolean;
  /** True for packagers shipped with Stowage. */
  readonly builtin: boolean;
  /** True when the class implements {@link FullControlPackager} instead of using `@Pack`/`@Unpack`. */
  readonly fullControl: boolean;
  /** Takes part in packing: has `@Pack` methods, an explicit default packing type, or full control. */
  readonly packs: boolean;
  /** Takes part in unpacking: has `@Unpack` methods, an explicit default unpacking type, or full control. */
  readonly unpacks: boolean;
  readonly defaultPackingArtifactType: string | ((value: unknown) => string);
  readonly defaultUnpackingArtifactType: string | ((item: DataItem) => string);
  /** Pack methods by artifact type, inherited ones merged in (the subclass's win). */
  readonly packMethods: Readonly<Record<string, PackMethodDefinition>>;
  /** Unpack methods by artifact type, inherited ones merged in. */
  readonly unpackMethods: Readonly<Record<string, UnpackMethodDefinition>>;
  readonly bundleFromList: boolean;
  readonly bundleFromDict: boolean;
  /** The `@Bundle` method, if any. */
  readonly bundleMethod: string | symbol | undefined;
  /** The `@Unbundle` method, if any. */
  readonly unbundleMethod: string | symbol | undefined;
  /** Package versions recorded with every artifact this packager writes. */
  readonly packageVersions: Readonly<Record<string, string>>;
  /** How the packager was declared: legacy or standard decorators, or the decorator-free API. */
  readonly declaredWith: DeclarationMode;
  /** The constructor's services, when declared with `inject` (the manager builds the instance). */
  readonly inject: readonly Injectable[] | undefined;
  /** Order of registration in its registry (0 = first); newer wins ties. */
  readonly registrationIndex: number;
}
