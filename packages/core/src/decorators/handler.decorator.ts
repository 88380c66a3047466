import { HandlerError } from '../errors/handler.error';
import { HANDLER_ARGS } from '../metadata/metadata-keys';
import { writeMetadata } from '../metadata/metadata-store';
import { checkDeclaredInputs, checkDeclaredParams } from './declared-inputs';
import {
  checkStandardMethod,
  isStandardContext,
  type DeclarationMode,
  type StowageMethodDecorator,
} from './decorator-mode';
import { normalizeHandlerOptions } from './normalize-handler-options';
import type { MethodHandlerOptions } from './handler-options';
import { memberName, type DeclaredHandlerArgs, type HandlerRecord } from './handler-records';
import { checkMethodTarget } from './method-target';

/**
 * Marks a method as a handler that `run()` can execute: its inputs are unpacked from data items,
 * its params passed as given, and its return value logged.
 *
 * @remarks
 * Two ways to declare the inputs and params:
 * - with parameter decorators `@Input`/`@Param` (legacy decorators only; input types come from
 *   `emitDecoratorMetadata` or the type given to `@Input`);
 * - in the arguments, `@Handler({ inputs: { data: Dataset }, params: ['epochs'] })` (any mode, and
 *   the only way with standard decorators): the method then takes one object with every input and
 *   param by name, and the run's context second, like a `handler()` function.
 *
 * @example
 * ```ts
 * class Training {
 *   @Handler({ inputs: { data: Dataset }, params: ['epochs'], outputs: ['model : model'] })
 *   train({ data, epochs = 10 }: { data: Dataset; epochs?: number }): Model { … }
 * }
 * await run([new Training(), 'train'], { inputs: { data: 'store://data' }, params: { epochs: 3 } });
 * ```
 * @throws HandlerError when an output hint, a label, an input type or a param name is invalid
 * (LogHintError for a malformed hint).
 */
export function Handler(options: MethodHandlerOptions = {}): StowageMethodDecorator {
  return ((target: object, method: unknown, descriptor?: PropertyDescriptor) => {
    if (isStandardContext(method)) {
      checkStandardMethod('@Handler', target, method);
      const name = method.name as string | symbol;
      const { record, declared } = normalizeMethodHandler(options, String(name));
      writeMetadata(
        HANDLER_ARGS,
        { ...record, owner: undefined, method: name, fn: target, declared, mode: 'standard' },
        target,
      );
      return;
    }
    const name = method as string | symbol;
    checkMethodTarget('@Handler', target, name, descriptor);
    const { record, declared } = normalizeMethodHandler(options, memberName(target, name));
    writeMetadata(HANDLER_ARGS, record, target, name);
    const mode: DeclarationMode = 'legacy';
    writeMetadata(
      HANDLER_ARGS,
      declared === undefined
        ? { ...record, owner: target, method: name, mode }
        : { ...record, owner: target, method: name, declared, mode },
      (descriptor as PropertyDescriptor).value as object,
    );
  }) as StowageMethodDecorator;
}

function normalizeMethodHandler(
  options: MethodHandlerOptions,
  where: string,
): { record: HandlerRecord; declared: DeclaredHandlerArgs | undefined } {
  if (typeof options !== 'object' || options === null) {
    return { record: normalizeHandlerOptions(options, where), declared: undefined };
  }
  const { inputs, params, ...rest } = options;
  const record = normalizeHandlerOptions(rest, where);
  if (inputs === undefined && params === undefined) return { record, declared: undefined };
  const declared: DeclaredHandlerArgs = Object.freeze({
    inputs: checkDeclaredInputs(inputs ?? {}, where, '@Handler'),
    params: checkDeclaredParams(params ?? [], where),
  });
  const both = declared.params.find((p) => p in declared.inputs);
  if (both !== undefined) {
    throw new HandlerError(`The handler ${where} declares "${both}" as an input and a param.`, {
      code: 'HANDLER_DUPLICATE_BINDING',
      details: { handler: where, name: both },
      fix: 'Give each input and param its own name.',
    });
  }
  return { record, declared };
}
