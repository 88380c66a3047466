import { BUNDLE_METHOD } from '../metadata/metadata-keys';
import {
  descriptorOf,
  isStandardContext,
  queueStandardMethod,
  type StowageMethodDecorator,
} from './decorator-mode';
import { setRoleMethod } from './method-records';

/**
 * Marks the method that builds the packager's type from a collection of unpacked inputs.
 *
 * @remarks
 * Called as `(collection, from)` where `from` is `'list'` or `'dict'`; required when the packager
 * sets `bundleFromList` or `bundleFromDict`. One per class; a subclass may override it. Works with
 * legacy and standard decorators alike.
 *
 * @example
 * ```ts
 * @Bundle()
 * bundle(items: Record<string, Table>): EvalSuite { return new EvalSuite(items); }
 * ```
 * @throws DefinitionError `DEFINITION_NOT_A_METHOD` when put on something that is not a method,
 * `DEFINITION_DUPLICATE_METHOD` when the class already has a `@Bundle` method.
 */
export function Bundle(): StowageMethodDecorator {
  return ((target: object, method: unknown, descriptor?: PropertyDescriptor) => {
    if (isStandardContext(method)) {
      queueStandardMethod('@Bundle', target, method, (cls) => {
        const name = method.name as string | symbol;
        setRoleMethod(
          BUNDLE_METHOD,
          '@Bundle',
          cls.prototype as object,
          name,
          descriptorOf(cls, name),
        );
      });
      return;
    }
    setRoleMethod(BUNDLE_METHOD, '@Bundle', target, method as string | symbol, descriptor);
  }) as StowageMethodDecorator;
}
