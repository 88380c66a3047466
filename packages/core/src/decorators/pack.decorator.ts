import { DefinitionError } from '../errors/definition.error';
import { PACK_METHODS } from '../metadata/metadata-keys';
import { addMethodRecord } from './method-records';
import { checkOptionsClass } from './options-class';
import type { PackMethodOptions } from './packager-args';

/**
 * Marks a method that packs the packager's type as `artifactType`.
 *
 * @remarks
 * The method is called as `(value, key, options, ctx)` and returns a {@link PackOutput}. Its
 * packing options are described by `options`, a class whose `@Option` properties have defaults.
 *
 * @example
 * ```ts
 * @Pack('file', { options: PointFileOptions })
 * async packFile(point: Point, key: string, options: PointFileOptions, ctx: PackContext) { … }
 * ```
 * @throws DefinitionError when used on a non-method, twice for one artifact type, or with an
 * options class that has an option without a default.
 */
export function Pack(artifactType: string, options: PackMethodOptions = {}): MethodDecorator {
  return (prototype, method, descriptor) => {
    if (options.options !== undefined && typeof options.options !== 'function') {
      throw new DefinitionError(`@Pack("${artifactType}") on ${String(method)} has an "options" that is not a class.`, {
        code: 'DEFINITION_INVALID_OPTIONS_CLASS',
        fix: 'Pass the options class itself: @Pack("file", { options: MyFileOptions }).',
      });
    }
    if (options.options !== undefined) checkOptionsClass(options.options, `@Pack("${artifactType}")`);
    const record = options.options === undefined ? { artifactType, method } : { artifactType, method, optionsClass: options.options };
    addMethodRecord(PACK_METHODS, '@Pack', prototype, record, descriptor);
  };
}
