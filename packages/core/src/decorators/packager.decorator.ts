import { PACKAGER_ARGS } from '../metadata/metadata-keys';
import { writeMetadata } from '../metadata/metadata-store';
import { addToCatalog } from '../metadata/packager-catalog';
import { attachPendingSteps } from '../metadata/standard-metadata';
import type { ConcreteConstructor } from '../types';
import {
  isStandardContext,
  standardMemberLabel,
  type DeclarationMode,
  type StowageClassDecorator,
} from './decorator-mode';
import { DefinitionError } from '../errors/definition.error';
import { checkPackagerOptions } from './packager-checks';
import type { PackagerOptions } from './packager-args';

/**
 * Marks a class as a packager for `options.type` and registers it in the import-time catalog, so
 * importing the file is enough for a default manager to use it.
 *
 * @remarks
 * Works with legacy (`experimentalDecorators`) and standard (TC39) decorators; in standard mode it
 * also attaches the records its methods' `@Pack`/`@Unpack`/`@Bundle`/`@Unbundle` left on
 * `context.metadata`. Without emitted `design:paramtypes` (standard decorators, esbuild, tsx),
 * list the constructor's services in `inject`. The decorator-free equivalent is
 * {@link registerPackager}.
 *
 * @example
 * ```ts
 * @Packager({ type: Point, priority: 3, inject: [Units] })
 * export class PointPackager {
 *   constructor(private readonly units: Units) {}
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
export function Packager<T>(options: PackagerOptions<T>): StowageClassDecorator {
  return (target: Function, context?: unknown) => {
    const mode = standardClass('@Packager', target, context);
    applyPackager(target, options as PackagerOptions, false, mode);
  };
}

/** `@Packager` for the packagers shipped in `@stowage/core`: default priority 5, not catalogued. @internal */
export function BuiltinPackager<T>(options: PackagerOptions<T>): StowageClassDecorator {
  return (target: Function, context?: unknown) => {
    const mode = standardClass('@Packager', target, context);
    applyPackager(target, options as PackagerOptions, true, mode);
  };
}

/**
 * In standard mode: checks the decorator is on a class and attaches the records its members left
 * pending. Returns the mode. @internal
 */
function standardClass(decorator: string, target: Function, context: unknown): DeclarationMode {
  if (!isStandardContext(context)) return 'legacy';
  if (context.kind !== 'class') {
    throw new DefinitionError(
      `${decorator} is on ${standardMemberLabel(context)}, which is not a class.`,
      {
        code: 'DEFINITION_INVALID',
        details: { decorator, member: String(context.name) },
        fix: `Put ${decorator} on the packager class itself.`,
      },
    );
  }
  if (typeof context.metadata === 'object' && context.metadata !== null)
    attachPendingSteps(target, context.metadata);
  return 'standard';
}

/**
 * What `@Packager` writes on a class (also used by `registerPackager`). @internal
 * @throws DefinitionError see {@link Packager}.
 */
export function applyPackager(
  target: Function,
  options: PackagerOptions,
  builtin: boolean,
  mode: DeclarationMode,
): void {
  checkPackagerOptions(target, options);
  writeMetadata(PACKAGER_ARGS, { options: Object.freeze({ ...options }), builtin, mode }, target);
  if (!builtin) addToCatalog(target as unknown as ConcreteConstructor);
}
