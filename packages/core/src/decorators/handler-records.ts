import { quoteInput } from '../errors/input-guard';
import { HandlerError } from '../errors/handler.error';
import type { LogHint } from '../log-hints/log-hint';
import type { TypeHint } from './type-hint';

/** How one parameter of a handler method is bound, as `@Input` / `@Param` record it. @internal */
export interface ParameterBinding {
  readonly index: number;
  readonly kind: 'input' | 'param';
  readonly name: string;
  /** The explicit type given to `@Input`, if any. */
  readonly type: TypeHint | undefined;
}

/** What `@Handler` and `handler()` record. @internal */
export interface HandlerRecord {
  /** Output hints by position; `null` means "do not log the value at this position". */
  readonly outputs: readonly (LogHint | null)[];
  readonly labels: Readonly<Record<string, string>>;
  readonly name: string | undefined;
}

/** Inputs and params a `@Handler` declares in its arguments. @internal */
export interface DeclaredHandlerArgs {
  readonly inputs: Readonly<Record<string, TypeHint>>;
  readonly params: readonly string[];
}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$.-]*$/;

/** Throws unless a parameter decorator sits on a parameter of an instance method. @internal */
export function checkParameterTarget(
  decorator: string,
  prototype: object,
  method: string | symbol | undefined,
): string | symbol {
  const context: unknown = method;
  if (typeof context === 'object' && context !== null && 'kind' in context) {
    // Standard (TC39) decorators have no parameter decorators: this one was put on a member.
    const { kind, name } = context as { kind: string; name?: unknown };
    const where = `the ${kind} ${String(name)}`;
    throw new HandlerError(
      `${decorator} is on ${where} (standard decorators), but it is a parameter decorator and standard decorators have none.`,
      {
        code: 'HANDLER_NOT_A_METHOD_PARAMETER',
        details: { decorator, where },
        fix: "Declare the handler's inputs and params in its arguments instead: @Handler({ inputs: { data: Dataset }, params: ['epochs'] }), with the method taking ({ data, epochs }, context).",
      },
    );
  }
  if (method === undefined || typeof prototype === 'function') {
    const where =
      typeof prototype === 'function'
        ? (prototype as { name: string }).name
        : memberName(prototype, method);
    throw new HandlerError(
      `${decorator} is on a parameter of ${where}, which is not an instance method.`,
      {
        code: 'HANDLER_NOT_A_METHOD_PARAMETER',
        details: { decorator, where },
        fix: `Put ${decorator} on a parameter of an instance method marked @Handler, or use handler(fn, { inputs }) for a function.`,
      },
    );
  }
  return method;
}

/** Throws unless `name` is a usable input or param name. @internal */
export function checkBindingName(
  decorator: string,
  name: unknown,
  where: string,
): asserts name is string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new HandlerError(`${decorator} on ${where} has an invalid name ${quoteInput(name)}.`, {
      code: 'HANDLER_INVALID_NAME',
      details: { decorator, where },
      fix: `Name it with letters, digits, "_", "$", "." or "-", e.g. ${decorator}('dataset').`,
    });
  }
}

/** Adds a binding to a method's list, refusing two bindings of one name. @internal */
export function addBinding(
  own: readonly ParameterBinding[],
  binding: ParameterBinding,
  where: string,
): ParameterBinding[] {
  const twice = own.find((b) => b.index === binding.index);
  if (twice !== undefined) {
    throw new HandlerError(
      `${where} has two bindings on parameter ${binding.index}: "${twice.name}" and "${binding.name}".`,
      {
        code: 'HANDLER_DUPLICATE_BINDING',
        details: { where, index: binding.index, names: [twice.name, binding.name] },
        fix: 'Put one @Input or @Param on each parameter.',
      },
    );
  }
  const clash = own.find((b) => b.name === binding.name && b.kind === binding.kind);
  if (clash !== undefined) {
    throw new HandlerError(
      `${where} binds the ${binding.kind} "${binding.name}" to parameters ${clash.index} and ${binding.index}.`,
      {
        code: 'HANDLER_DUPLICATE_BINDING',
        details: { where, name: binding.name, indexes: [clash.index, binding.index] },
        fix: `Give each ${binding.kind} its own name.`,
      },
    );
  }
  return [...own, binding].sort((a, b) => a.index - b.index);
}

/** `Class.method` for messages. @internal */
export function memberName(prototype: object, method: string | symbol | undefined): string {
  const owner =
    typeof prototype === 'function'
      ? (prototype as { name: string }).name
      : (prototype.constructor as { name: string }).name;
  return `${owner}.${String(method)}`;
}
