import { HANDLER_ARGS } from '../metadata/metadata-keys';
import { writeMetadata } from '../metadata/metadata-store';
import { guardInput, quoteInput } from '../errors/input-guard';
import { HandlerError } from '../errors/handler.error';
import type { HandlerOptions, OutputHint } from '../decorators/handler-options';
import type { HandlerRecord } from '../decorators/handler-records';
import { normalizeHandlerOptions } from '../decorators/normalize-handler-options';
import type { TypeHint } from '../decorators/type-hint';
import { checkDeclaredInputs } from '../decorators/declared-inputs';
import type { OutputKeys } from './run-types';

/** Options of {@link handler}: the handler options plus the function's input types and params. */
export interface FunctionHandlerOptions<A> extends HandlerOptions {
  /** The type each input is unpacked into (a `DataItem` entry receives the data item itself). */
  readonly inputs?: { readonly [K in keyof A]?: TypeHint };
  /** The params the function takes; when given, a run setting any other param is rejected. */
  readonly params?: readonly (keyof A & string)[];
}

/** Carries a handler's output keys in its type; never set at run time. */
declare const outputKeys: unique symbol;

/**
 * A function made into a handler by {@link handler}; calling it directly calls the function.
 * `K` is the union of the keys its declared outputs name (`string` when not known), which types
 * the `results` of `run()`.
 */
export type HandlerFunction<A, R, K extends string = string> = ((
  args: A,
  context?: unknown,
) => R) & {
  readonly handlerName: string;
  readonly [outputKeys]?: K;
};

/** What `handler()` records on the function it returns. @internal */
export interface FunctionHandlerRecord extends HandlerRecord {
  readonly kind: 'function';
  readonly fn: (args: never, context: unknown) => unknown;
  readonly inputs: Readonly<Record<string, TypeHint>>;
  readonly params: readonly string[] | undefined;
}

/**
 * Makes a plain function into a handler that `run()` can execute.
 *
 * @remarks
 * The function is called with one object holding every input (unpacked to the type given in
 * `inputs`) and every param by name, and the run's context as its second argument. Called
 * directly (outside `run()`), it behaves exactly like `fn`; `fn` itself is not modified.
 *
 * @example
 * ```ts
 * const evaluate = handler(
 *   ({ model, data, threshold }: { model: Model; data: Dataset; threshold: number }) => model.score(data) > threshold,
 *   { inputs: { model: Model, data: Dataset }, params: ['threshold'], outputs: ['passed'] },
 * );
 * ```
 * @throws HandlerError when `fn` is not a function, an input type is not a class or hint or is
 * one no packager can produce (`HANDLER_UNPACKABLE_INPUT_TYPE`: `Function`, `Promise`, …), or
 * reading the options throws (`INPUT_UNREADABLE`); LogHintError for a bad output hint.
 */
export function handler<
  A extends object,
  R,
  const O extends readonly OutputHint[] = readonly OutputHint[],
>(
  fn: (args: A, context: never) => R,
  options: FunctionHandlerOptions<A> & { readonly outputs?: O } = {},
): HandlerFunction<A, R, OutputKeys<O>> {
  // The output keys exist only in the type: the function made is the same whatever they are.
  return guardInput(HandlerError, 'The function or options given to handler()', () =>
    makeHandler(fn, options),
  ) as HandlerFunction<A, R, OutputKeys<O>>;
}

function makeHandler<A extends object, R>(
  fn: (args: A, context: never) => R,
  options: FunctionHandlerOptions<A>,
): HandlerFunction<A, R> {
  if (typeof fn !== 'function') {
    throw new HandlerError(`handler() got ${quoteInput(fn)} instead of a function.`, {
      code: 'HANDLER_NOT_CALLABLE',
      fix: 'Pass the function to run as the first argument: handler(fn, { outputs }).',
    });
  }
  if (typeof options !== 'object' || options === null) {
    throw new HandlerError(`handler() got ${quoteInput(options)} as its options.`, {
      code: 'HANDLER_INVALID_OPTIONS',
      fix: 'Pass an object: { inputs, params, outputs, labels, name }.',
    });
  }
  const { inputs = {}, params, ...rest } = options;
  const name = rest.name ?? (fn.name || 'handler');
  const record = normalizeHandlerOptions(rest, name);
  const declaredInputs = checkDeclaredInputs(inputs, name, 'handler()');
  const wrapper = function (this: unknown, args: A, context?: unknown): R {
    return fn.call(this, args, context as never);
  };
  Object.defineProperty(wrapper, 'name', { value: name });
  Object.defineProperty(wrapper, 'handlerName', { value: name, enumerable: true });
  const full: FunctionHandlerRecord = {
    ...record,
    name,
    kind: 'function',
    fn: fn as unknown as FunctionHandlerRecord['fn'],
    inputs: declaredInputs,
    params: params === undefined ? undefined : Object.freeze([...params]),
  };
  writeMetadata(HANDLER_ARGS, full, wrapper);
  return wrapper as HandlerFunction<A, R>;
}
