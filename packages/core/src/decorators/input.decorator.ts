import { HANDLER_PARAMETERS } from '../metadata/metadata-keys';
import { readOwnMetadata, writeMetadata } from '../metadata/metadata-store';
import {
  addBinding,
  checkBindingName,
  checkParameterTarget,
  memberName,
  type ParameterBinding,
} from './handler-records';
import type { TypeHint } from './type-hint';
import { checkInputType } from './unpackable-input-type';

/**
 * Binds a handler parameter to the run input `name`, unpacked to the parameter's type.
 *
 * @remarks
 * The type is read from TypeScript's `design:paramtypes` when `run()` resolves the handler, unless
 * `type` is given. Give it for interfaces, unions and generics (they compile to `Object`), for
 * collections whose items have a type (`listOf(Point)`), and when the build tool emits no type
 * metadata. A parameter typed `DataItem` receives the data item itself.
 *
 * @example
 * ```ts
 * train(@Input('data') data: Dataset, @Input('points', listOf(Point)) points: Point[]) { … }
 * ```
 * @throws HandlerError when the name is invalid or bound twice on one method, or `type` is one no
 * packager can produce (`HANDLER_UNPACKABLE_INPUT_TYPE`: `Function`, `Promise`, …).
 */
export function Input(name: string, type?: TypeHint): ParameterDecorator {
  return (prototype, property, index) => {
    const method = checkParameterTarget('@Input', prototype, property);
    const where = memberName(prototype, method);
    checkBindingName('@Input', name, where);
    if (type !== undefined) checkInputType(type, where, name, '@Input');
    const own =
      readOwnMetadata<readonly ParameterBinding[]>(HANDLER_PARAMETERS, prototype, method) ?? [];
    const next = addBinding(own, { index, kind: 'input', name, type }, where);
    writeMetadata(HANDLER_PARAMETERS, next, prototype, method);
  };
}
