import { HandlerError } from '../errors/handler.error';
import { HANDLER_ARGS, HANDLER_PARAMETERS } from '../metadata/metadata-keys';
import { readMetadata, readOwnMetadata } from '../metadata/metadata-store';
import type { HandlerArguments, HandlerDefinition } from './handler-definition';
import type { FunctionHandlerRecord } from './handler.function';
import type {
  DeclaredHandlerArgs,
  HandlerRecord,
  ParameterBinding,
} from '../decorators/handler-records';
import type { DeclarationMode } from '../decorators/decorator-mode';
import { resolveMethodHandler } from './resolve-method-handler';

/**
 * What `run()` executes: a function (plain, made by `handler()`, or a `@Handler` method taken
 * from its class), or an `[instance, 'method']` pair for a `@Handler` method that uses `this`.
 */
export type HandlerLike = ((...args: never[]) => unknown) | readonly [object, string | symbol];

/** What `@Handler` records on the method function itself. @internal */
export interface MethodHandlerRecord extends HandlerRecord {
  /** The prototype the method is on; unknown (undefined) for standard decorators. */
  readonly owner: object | undefined;
  readonly method: string | symbol;
  /** The method itself (standard decorators receive it, not its class). */
  readonly fn?: (...args: unknown[]) => unknown;
  /** Inputs and params declared in `@Handler({ inputs, params })`. */
  readonly declared?: DeclaredHandlerArgs;
  /** How `@Handler` was recorded (absent: legacy). */
  readonly mode?: DeclarationMode;
}

/**
 * Resolves a handler for running: reads its declarations and the parameters' design types.
 *
 * @remarks
 * A plain function with no `handler()` or `@Handler` declarations takes no inputs, any param, and
 * logs nothing unless `run({ returns })` says so.
 * @throws HandlerError when the handler is not a function or method, a method lacks `@Handler`,
 * an input's type is missing or ambiguous, or a parameter is not bound.
 */
export function resolveHandler(target: HandlerLike): HandlerDefinition {
  if (Array.isArray(target)) return resolvePair(target as readonly [object, string | symbol]);
  if (typeof target !== 'function') {
    throw new HandlerError(
      `run() got ${target === null ? 'null' : typeof target} as its handler.`,
      {
        code: 'HANDLER_NOT_CALLABLE',
        fix: "Pass a function, a handler(fn, …) result, or [instance, 'method'] for a @Handler method.",
      },
    );
  }
  const record = readOwnMetadata<FunctionHandlerRecord | MethodHandlerRecord>(HANDLER_ARGS, target);
  if (record !== undefined && 'kind' in record) return resolveFunctionHandler(record);
  if (record !== undefined)
    return resolveMethodHandler(record, undefined, bindingsOf(record.owner, record.method));
  return resolveFunctionHandler({
    kind: 'function',
    fn: target as FunctionHandlerRecord['fn'],
    inputs: {},
    params: undefined,
    outputs: [],
    labels: {},
    name: target.name || 'handler',
  });
}

function resolvePair([instance, method]: readonly [object, string | symbol]): HandlerDefinition {
  const fn = (instance as Record<string | symbol, unknown>)[method];
  const className = (instance as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  if (typeof fn !== 'function') {
    throw new HandlerError(`${className} has no method ${String(method)} to run.`, {
      code: 'HANDLER_NOT_CALLABLE',
      details: { handler: `${className}.${String(method)}` },
      fix: "Pass [instance, 'methodName'] with the name of a method marked @Handler.",
    });
  }
  const record = readOwnMetadata<MethodHandlerRecord>(HANDLER_ARGS, fn);
  if (record === undefined || 'kind' in record) {
    throw new HandlerError(`${className}.${String(method)} is not marked @Handler.`, {
      code: 'HANDLER_NOT_DECORATED',
      details: { handler: `${className}.${String(method)}` },
      fix: 'Add @Handler() (with its outputs) to the method, so run() knows how to bind and log it.',
    });
  }
  return resolveMethodHandler(record, instance, bindingsOf(record.owner, record.method));
}

function bindingsOf(
  owner: object | undefined,
  method: string | symbol,
): readonly ParameterBinding[] {
  if (owner === undefined) return [];
  return readMetadata<readonly ParameterBinding[]>(HANDLER_PARAMETERS, owner, method) ?? [];
}

function resolveFunctionHandler(record: FunctionHandlerRecord): HandlerDefinition {
  const fn = record.fn as (args: unknown, context: unknown) => unknown;
  return Object.freeze({
    name: record.name ?? 'handler',
    kind: 'function',
    inputs: Object.freeze(
      Object.entries(record.inputs).map(([name, type]) => Object.freeze({ name, type })),
    ),
    params: record.params,
    outputs: record.outputs,
    labels: record.labels,
    invoke: async ({ inputs, params, context }: HandlerArguments) =>
      fn({ ...params, ...inputs }, context),
  });
}
