import { PACKAGER_ARGS } from '../metadata/metadata-keys';
import { writeMetadata } from '../metadata/metadata-store';
import { addToCatalog } from '../metadata/packager-catalog';
import type { ConcreteConstructor } from '../types';
import { checkPackagerOptions } from './packager-checks';
import type { PackagerOptions } from './packager-args';

/**
 * Marks a class as a packager for `options.type` and registers it in the import-time catalog, so
 * importing the file is enough for a default manager to use it.
 *
 * @example
 * ```ts
 * @Packager({ type: Point, priority: 3 })
 * export class PointPackager {
 *   @Pack('file') packFile(point: Point, key: string) { … }
 *   @Unpack('file') unpackFile(item: DataItem) { … }
 * }
 * ```
 * @throws DefinitionError when the class is defined: `DEFINITION_NO_TYPE` (no `type`),
 * `DEFINITION_INVALID_PRIORITY` (not an integer in 1..10), `DEFINITION_INVALID_NAME`,
 * `DEFINITION_UNKNOWN_OPTION` (a misspelt option), `DEFINITION_INVALID_OPTION_VALUE`,
 * `DEFINITION_UNKNOWN_DEFAULT_ARTIFACT_TYPE` (a default artifact type with no method), and
 * `DEFINITION_MISSING_BUNDLE` (`bundleFromList`/`bundleFromDict` without `@Bundle`).
 */
export function Packager<T>(options: PackagerOptions<T>): ClassDecorator {
  return (target) => {
    checkPackagerOptions(target, options as PackagerOptions);
    writeMetadata(
      PACKAGER_ARGS,
      { options: Object.freeze({ ...options }), builtin: false },
      target,
    );
    addToCatalog(target as unknown as ConcreteConstructor);
  };
}

/** `@Packager` for the packagers shipped in `@stowage/core`: default priority 5, not catalogued. @internal */
export function BuiltinPackager<T>(options: PackagerOptions<T>): ClassDecorator {
  return (target) => {
    checkPackagerOptions(target, options as PackagerOptions);
    writeMetadata(PACKAGER_ARGS, { options: Object.freeze({ ...options }), builtin: true }, target);
  };
}
