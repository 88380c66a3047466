import { UNPACK_METHODS } from '../metadata/metadata-keys';
import {
  descriptorOf,
  isStandardContext,
  queueStandardMethod,
  type StowageMethodDecorator,
} from './decorator-mode';
import { addMethodRecord } from './method-records';

/**
 * Marks a method that unpacks a data item stored as `artifactType` back into the packager's type.
 *
 * @remarks
 * The method is called as `(item, instructions, ctx)`; every instruction should be optional, so an
 * artifact logged by hand (with no instructions) still unpacks. Works with legacy and standard
 * decorators alike.
 *
 * @example
 * ```ts
 * @Unpack('file')
 * async unpackFile(item: DataItem, instructions: { format?: string }) { … }
 * ```
 * @throws DefinitionError `DEFINITION_NOT_A_METHOD` on a non-method,
 * `DEFINITION_INVALID_ARTIFACT_TYPE` for a type that is not a word, and
 * `DEFINITION_DUPLICATE_METHOD` for a second `@Unpack` of one artifact type in one class.
 */
export function Unpack(artifactType: string): StowageMethodDecorator {
  return ((target: object, method: unknown, descriptor?: PropertyDescriptor) => {
    if (isStandardContext(method)) {
      queueStandardMethod('@Unpack', target, method, (cls) => {
        const name = method.name as string | symbol;
        addMethodRecord(
          UNPACK_METHODS,
          '@Unpack',
          cls.prototype as object,
          { artifactType, method: name, mode: 'standard' },
          descriptorOf(cls, name),
        );
      });
      return;
    }
    const name = method as string | symbol;
    addMethodRecord(
      UNPACK_METHODS,
      '@Unpack',
      target,
      { artifactType, method: name, mode: 'legacy' },
      descriptor,
    );
  }) as StowageMethodDecorator;
}
