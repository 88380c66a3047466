import { BUNDLE_METHOD } from '../metadata/metadata-keys';
import { writeMetadata } from '../metadata/metadata-store';
import { checkMethodTarget } from './method-target';

/**
 * Marks the method that builds the packager's type from a collection of unpacked inputs.
 *
 * @remarks
 * Called as `(collection, from)` where `from` is `'list'` or `'dict'`; required when the packager
 * sets `bundleFromList` or `bundleFromDict`.
 *
 * @example
 * ```ts
 * @Bundle()
 * bundle(items: Record<string, Table>): EvalSuite { return new EvalSuite(items); }
 * ```
 * @throws DefinitionError when put on something that is not a method.
 */
export function Bundle(): MethodDecorator {
  return (prototype, method, descriptor) => {
    checkMethodTarget('@Bundle', prototype, method, descriptor);
    writeMetadata(BUNDLE_METHOD, method, prototype.constructor);
  };
}
