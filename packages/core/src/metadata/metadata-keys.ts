/**
 * Every reflect-metadata key Stowage uses, in one place.
 *
 * @remarks
 * Each key is a `Symbol.for` constant so two copies of `@stowage/core` in one process read the
 * same records. No other file calls `Reflect.defineMetadata` / `Reflect.getOwnMetadata` with a
 * literal key: they go through `metadata-store.ts`.
 */

/** Written by `@Packager` (the normalised {@link PackagerArgs}); read by the registry's `build()`. */
export const PACKAGER_ARGS = Symbol.for('@stowage/core:packager-args');

/** Written by `@Pack`: the class's own pack methods by artifact type; read by the registry. */
export const PACK_METHODS = Symbol.for('@stowage/core:pack-methods');

/** Written by `@Unpack`: the class's own unpack methods by artifact type; read by the registry. */
export const UNPACK_METHODS = Symbol.for('@stowage/core:unpack-methods');

/** Written by `@Bundle`: the name of the method that builds the type from a collection. */
export const BUNDLE_METHOD = Symbol.for('@stowage/core:bundle-method');

/** Written by `@Unbundle`: the name of the method that splits the type into a collection. */
export const UNBUNDLE_METHOD = Symbol.for('@stowage/core:unbundle-method');

/** Written by `@Option` on a packing-options class: the declared options; read by the options validator. */
export const OPTION_PROPERTIES = Symbol.for('@stowage/core:option-properties');

/** Written by `@Handler` on a method: handler options; read by `run()` and the CLI. */
export const HANDLER_ARGS = Symbol.for('@stowage/core:handler-args');

/** Written by `@Input` / `@Param` on handler parameters: the parameter bindings; read by `run()`. */
export const HANDLER_PARAMETERS = Symbol.for('@stowage/core:handler-parameters');

/** Written by `@Serializable` / `registerClass`: the stable class id; read by the object fallback. */
export const SERIALIZABLE_ID = Symbol.for('@stowage/core:serializable-id');
