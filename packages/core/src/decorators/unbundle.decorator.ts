import { UNBUNDLE_METHOD } from '../metadata/metadata-keys';
import { setRoleMethod } from './method-records';

/**
 * Marks the method that splits a value of the packager's type into a list or dict of items, so a
 * `*key` log hint logs one output per item.
 *
 * @remarks
 * One per class; a subclass may override it.
 *
 * @example
 * ```ts
 * @Unbundle()
 * unbundle(suite: EvalSuite): Record<string, Table> { return { ...suite.tables }; }
 * ```
 * @throws DefinitionError `DEFINITION_NOT_A_METHOD` when put on something that is not a method,
 * `DEFINITION_DUPLICATE_METHOD` when the class already has an `@Unbundle` method.
 */
export function Unbundle(): MethodDecorator {
  return (prototype, method, descriptor) => {
    setRoleMethod(UNBUNDLE_METHOD, '@Unbundle', prototype, method, descriptor);
  };
}
