import { DataItem } from '../data/data-item';
import { HandlerError } from '../errors/handler.error';
import { readDesignType } from '../metadata/metadata-store';
import type { HandlerArguments, HandlerDefinition, HandlerInput } from './handler-definition';
import {
  memberName,
  type DeclaredHandlerArgs,
  type ParameterBinding,
} from '../decorators/handler-records';
import type { MethodHandlerRecord } from './resolve-handler';
import { isContextType } from './context-type';
import type { TypeHint } from '../decorators/type-hint';
import { checkInputType } from '../decorators/unpackable-input-type';

type Slot = { kind: 'input' | 'param'; name: string } | { kind: 'context' };

/**
 * Resolves a `@Handler` method: each parameter becomes an input (typed from its explicit type or
 * `design:paramtypes`), a param, or the run context. @internal
 * @throws HandlerError (`HANDLER_MISSING_TYPE_METADATA`, `HANDLER_AMBIGUOUS_INPUT_TYPE`,
 * `HANDLER_UNPACKABLE_INPUT_TYPE`,
 * `HANDLER_UNBOUND_PARAMETER`).
 */
export function resolveMethodHandler(
  record: MethodHandlerRecord,
  instance: object | undefined,
  bindings: readonly ParameterBinding[],
): HandlerDefinition {
  const owner: unknown =
    record.owner ?? (instance === undefined ? undefined : Object.getPrototypeOf(instance));
  const where =
    owner === undefined || owner === null
      ? String(record.method)
      : memberName(owner, record.method);
  const fn =
    record.fn ??
    ((record.owner as Record<string | symbol, unknown>)[record.method] as (
      ...args: unknown[]
    ) => unknown);
  if (record.declared !== undefined)
    return declaredHandler(record, record.declared, fn, instance, bindings, where);
  if (record.mode === 'standard' && fn.length > 0) throw undeclaredInputs(where, fn.length);
  const designTypes =
    record.owner === undefined
      ? undefined
      : (readDesignType('design:paramtypes', record.owner, record.method) as
          readonly unknown[] | undefined);
  const count = Math.max(fn.length, designTypes?.length ?? 0, ...bindings.map((b) => b.index + 1));
  const slots: Slot[] = [];
  const inputs: HandlerInput[] = [];
  for (let index = 0; index < count; index++) {
    const binding = bindings.find((b) => b.index === index);
    const designType = designTypes?.[index];
    if (binding === undefined) {
      if (isContextType(designType)) {
        slots.push({ kind: 'context' });
        continue;
      }
      throw new HandlerError(
        `Parameter ${index} of the handler ${where} has no @Input or @Param.`,
        {
          code: 'HANDLER_UNBOUND_PARAMETER',
          details: { handler: where, index },
          fix: "Mark it @Input('name') (unpacked from a data item) or @Param('name') (passed as given); a parameter typed RunContext receives the run's context.",
        },
      );
    }
    slots.push({ kind: binding.kind, name: binding.name });
    if (binding.kind === 'input')
      inputs.push(
        Object.freeze({ name: binding.name, type: inputType(binding, designTypes, where) }),
      );
  }
  const params = bindings.filter((b) => b.kind === 'param').map((b) => b.name);
  return Object.freeze({
    name: record.name ?? String(record.method),
    kind: 'method',
    inputs: Object.freeze(inputs),
    params: Object.freeze(params),
    outputs: record.outputs,
    labels: record.labels,
    invoke: async ({ inputs: values, params: given, context }: HandlerArguments) =>
      fn.apply(
        instance,
        slots.map((s) =>
          s.kind === 'context' ? context : s.kind === 'input' ? values[s.name] : given[s.name],
        ),
      ),
  });
}

function inputType(
  binding: ParameterBinding,
  designTypes: readonly unknown[] | undefined,
  where: string,
): TypeHint {
  if (binding.type !== undefined) {
    checkInputType(binding.type, where, binding.name, '@Input');
    return binding.type;
  }
  const example = `@Input('${binding.name}', Point)`;
  if (designTypes === undefined) {
    throw new HandlerError(
      `The input "${binding.name}" of the handler ${where} has no type: no design:paramtypes metadata was emitted.`,
      {
        code: 'HANDLER_MISSING_TYPE_METADATA',
        details: { handler: where, input: binding.name },
        fix: `Enable "emitDecoratorMetadata" (and "experimentalDecorators") in tsconfig.json and use a build tool that honours it (tsc, ts-jest, swc with decoratorMetadata; esbuild does not), or give the type explicitly: ${example}.`,
      },
    );
  }
  const type = designTypes[binding.index];
  if (type === undefined) {
    throw new HandlerError(
      `The input "${binding.name}" of the handler ${where} has no runtime type (its design type is undefined).`,
      {
        code: 'HANDLER_MISSING_TYPE_METADATA',
        details: { handler: where, input: binding.name },
        fix: `Give the type explicitly: ${example}. This happens for void/undefined types and for classes imported in a circular import.`,
      },
    );
  }
  if (type === Object) {
    throw new HandlerError(
      `The input "${binding.name}" of the handler ${where} is typed as an interface, union, generic or object: its runtime type is only Object.`,
      {
        code: 'HANDLER_AMBIGUOUS_INPUT_TYPE',
        details: { handler: where, input: binding.name },
        fix: `Give the class to unpack into explicitly: ${example}, or @Input('${binding.name}', Object) for a plain object.`,
      },
    );
  }
  checkInputType(type as TypeHint, where, binding.name, 'design');
  return type as TypeHint;
}

/** True when an input's type asks for the data item itself. @internal */
export function wantsDataItem(type: TypeHint): boolean {
  return typeof type === 'function' && (type === DataItem || type.prototype instanceof DataItem);
}

/** A method whose inputs and params are declared in `@Handler({ inputs, params })`. */
function declaredHandler(
  record: MethodHandlerRecord,
  declared: DeclaredHandlerArgs,
  fn: (...args: unknown[]) => unknown,
  instance: object | undefined,
  bindings: readonly ParameterBinding[],
  where: string,
): HandlerDefinition {
  if (bindings.length > 0) {
    throw new HandlerError(
      `The handler ${where} declares inputs/params in @Handler({...}) and also has @Input/@Param parameters.`,
      {
        code: 'HANDLER_INVALID_OPTIONS',
        details: { handler: where },
        fix: 'Use one way: either @Handler({ inputs, params }) with the method taking one object, or @Input/@Param on each parameter.',
      },
    );
  }
  return Object.freeze({
    name: record.name ?? String(record.method),
    kind: 'method',
    inputs: Object.freeze(
      Object.entries(declared.inputs).map(([name, type]) => Object.freeze({ name, type })),
    ),
    params: declared.params,
    outputs: record.outputs,
    labels: record.labels,
    invoke: async ({ inputs, params, context }: HandlerArguments) =>
      fn.call(instance, { ...params, ...inputs }, context),
  });
}

/** A standard-decorator handler that takes parameters but declares none. */
function undeclaredInputs(where: string, count: number): HandlerError {
  return new HandlerError(
    `The handler ${where} takes ${count} parameter(s), but it was declared with standard decorators, which have no parameter decorators and emit no types: Stowage cannot know its inputs or their types.`,
    {
      code: 'HANDLER_INPUTS_NOT_DECLARED',
      details: { handler: where, parameters: count },
      fix: "Declare them in @Handler: @Handler({ inputs: { data: Dataset }, params: ['epochs'] }) and take them as one object, train({ data, epochs }, context); use inputs: {} if the method only takes the run context.",
    },
  );
}
