import { HANDLER_PARAMETERS } from '../metadata/metadata-keys';
import { readOwnMetadata, writeMetadata } from '../metadata/metadata-store';
import {
  addBinding,
  checkBindingName,
  checkParameterTarget,
  memberName,
  type ParameterBinding,
} from './handler-records';

/**
 * Binds a handler parameter to the run parameter `name`, passed as given (not unpacked).
 *
 * @remarks
 * A parameter the run does not set receives `undefined`, so a default value in the signature
 * applies.
 *
 * @example
 * ```ts
 * train(@Input('data') data: Dataset, @Param('epochs') epochs = 10) { … }
 * ```
 * @throws HandlerError when the name is invalid or bound twice on one method.
 */
export function Param(name: string): ParameterDecorator {
  return (prototype, property, index) => {
    const method = checkParameterTarget('@Param', prototype, property);
    const where = memberName(prototype, method);
    checkBindingName('@Param', name, where);
    const own =
      readOwnMetadata<readonly ParameterBinding[]>(HANDLER_PARAMETERS, prototype, method) ?? [];
    const next = addBinding(own, { index, kind: 'param', name, type: undefined }, where);
    writeMetadata(HANDLER_PARAMETERS, next, prototype, method);
  };
}
