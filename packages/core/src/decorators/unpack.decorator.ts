import { UNPACK_METHODS } from '../metadata/metadata-keys';
import { addMethodRecord } from './method-records';

/**
 * Marks a method that unpacks a data item stored as `artifactType` back into the packager's type.
 *
 * @remarks
 * The method is called as `(item, instructions, ctx)`; every instruction should be optional, so an
 * artifact logged by hand (with no instructions) still unpacks.
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
export function Unpack(artifactType: string): MethodDecorator {
  return (prototype, method, descriptor) => {
    addMethodRecord(UNPACK_METHODS, '@Unpack', prototype, { artifactType, method }, descriptor);
  };
}
