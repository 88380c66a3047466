import { DefinitionError } from '../errors/definition.error';
import { PACK_METHODS } from '../metadata/metadata-keys';
import {
  descriptorOf,
  isStandardContext,
  queueStandardMethod,
  type DeclarationMode,
  type StowageMethodDecorator,
} from './decorator-mode';
import { addMethodRecord } from './method-records';
import { checkMethodTarget, memberLabel } from './method-target';
import { checkOptionsClass } from './options-class';
import type { MethodRecord, PackMethodOptions } from './packager-args';

/**
 * Marks a method that packs the packager's type as `artifactType`.
 *
 * @remarks
 * The method is called as `(value, key, options, ctx)` and returns a {@link PackOutput}. Its
 * packing options are described by `options`, a class whose `@Option` properties have defaults.
 * A pack method without an options class accepts no options at all. Works with legacy
 * (`experimentalDecorators`) and standard (TC39) decorators alike.
 *
 * @example
 * ```ts
 * @Pack('file', { options: PointFileOptions })
 * async packFile(point: Point, key: string, options: PointFileOptions, ctx: PackContext) { … }
 * ```
 * @throws DefinitionError `DEFINITION_NOT_A_METHOD` on a non-method,
 * `DEFINITION_DUPLICATE_METHOD` for a second `@Pack` of one artifact type in one class,
 * `DEFINITION_INVALID_OPTIONS_CLASS` / `DEFINITION_OPTION_WITHOUT_DEFAULT` for a bad options class.
 */
export function Pack(
  artifactType: string,
  options: PackMethodOptions = {},
): StowageMethodDecorator {
  return ((target: object, method: unknown, descriptor?: PropertyDescriptor) => {
    if (isStandardContext(method)) {
      queueStandardMethod('@Pack', target, method, (cls) =>
        applyPack(
          cls.prototype as object,
          method.name as string | symbol,
          descriptorOf(cls, method.name),
          artifactType,
          options,
          'standard',
        ),
      );
      return;
    }
    applyPack(target, method as string | symbol, descriptor, artifactType, options, 'legacy');
  }) as StowageMethodDecorator;
}

/** What `@Pack` writes, given the class's prototype. @internal */
export function applyPack(
  prototype: object,
  method: string | symbol,
  descriptor: PropertyDescriptor | undefined,
  artifactType: string,
  options: PackMethodOptions,
  mode: DeclarationMode,
): void {
  checkMethodTarget('@Pack', prototype, method, descriptor);
  const where = `@Pack("${String(artifactType)}") on ${memberLabel(prototype, method)}`;
  const optionsClass = (options as PackMethodOptions | null)?.options;
  if (optionsClass !== undefined && typeof optionsClass !== 'function') {
    throw new DefinitionError(`${where} has an "options" that is not a class.`, {
      code: 'DEFINITION_INVALID_OPTIONS_CLASS',
      details: { member: memberLabel(prototype, method) },
      fix: 'Pass the options class itself: @Pack("file", { options: MyFileOptions }).',
    });
  }
  if (optionsClass !== undefined) checkOptionsClass(optionsClass, where);
  const record: MethodRecord =
    optionsClass === undefined
      ? { artifactType, method, mode }
      : { artifactType, method, optionsClass, mode };
  addMethodRecord(PACK_METHODS, '@Pack', prototype, record, descriptor);
}
