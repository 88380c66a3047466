import { UNBUNDLE_METHOD } from '../metadata/metadata-keys';
import {
  descriptorOf,
  isStandardContext,
  queueStandardMethod,
  type StowageMethodDecorator,
} from './decorator-mode';
import { setRoleMethod } from './method-records';

/**
 * Marks the method that splits a value of the packager's type into a list or dict of items, so a
 * `*key` log hint logs one output per item.
 *
 * @remarks
 * One per class; a subclass may override it. Works with legacy and standard decorators alike.
 *
 * @example
 * ```ts
 * @Unbundle()
 * unbundle(suite: EvalSuite): Record<string, Table> { return { ...suite.tables }; }
 * ```
 * @throws DefinitionError `DEFINITION_NOT_A_METHOD` when put on something that is not a method,
 * `DEFINITION_DUPLICATE_METHOD` when the class already has an `@Unbundle` method.
 */
export function Unbundle(): StowageMethodDecorator {
  return ((target: object, method: unknown, descriptor?: PropertyDescriptor) => {
    if (isStandardContext(method)) {
      queueStandardMethod('@Unbundle', target, method, (cls) => {
        const name = method.name as string | symbol;
        setRoleMethod(
          UNBUNDLE_METHOD,
          '@Unbundle',
          cls.prototype as object,
          name,
          descriptorOf(cls, name),
        );
      });
      return;
    }
    setRoleMethod(UNBUNDLE_METHOD, '@Unbundle', target, method as string | symbol, descriptor);
  }) as StowageMethodDecorator;
}
