import { UNBUNDLE_METHOD } from '../metadata/metadata-keys';
import { writeMetadata } from '../metadata/metadata-store';
import { checkMethodTarget } from './method-target';

/**
 * Marks the method that splits a value of the packager's type into a list or dict of items, so a
 * `*key` log hint logs one output per item.
 *
 * @example
 * ```ts
 * @Unbundle()
 * unbundle(suite: EvalSuite): Record<string, Table> { return { ...suite.tables }; }
 * ```
 * @throws DefinitionError when put on something that is not a method.
 */
export function Unbundle(): MethodDecorator {
  return (prototype, method, descriptor) => {
    checkMethodTarget('@Unbundle', prototype, method, descriptor);
    writeMetadata(UNBUNDLE_METHOD, method, prototype.constructor);
  };
}
