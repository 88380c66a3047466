import { BUNDLE_METHOD } from '../metadata/metadata-keys';
import { setRoleMethod } from './method-records';

/**
 * Marks the method that builds the packager's type from a collection of unpacked inputs.
 *
 * @remarks
 * Called as `(collection, from)` where `from` is `'list'` or `'dict'`; required when the packager
 * sets `bundleFromList` or `bundleFromDict`. One per class; a subclass may override it.
 *
 * @example
 * ```ts
 * @Bundle()
 * bundle(items: Record<string, Table>): EvalSuite { return new EvalSuite(items); }
 * ```
 * @throws DefinitionError `DEFINITION_NOT_A_METHOD` when put on something that is not a method,
 * `DEFINITION_DUPLICATE_METHOD` when the class already has a `@Bundle` method.
 */
export function Bundle(): MethodDecorator {
  return (prototype, method, descriptor) => {
    setRoleMethod(BUNDLE_METHOD, '@Bundle', prototype, method, descriptor);
  };
}
