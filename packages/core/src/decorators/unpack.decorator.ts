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
 * @throws DefinitionError when used on a non-method or twice for one artifact type.
 */
export function Unpack(artifactType: string): MethodDecorator {
  return (prototype, method, descriptor) => {
    addMethodRecord(UNPACK_METHODS, '@Unpack', prototype, { artifactType, method }, descriptor);
  };
}
