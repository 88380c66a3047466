import { HandlerError } from '../errors/handler.error';
import type { TypeHint } from './type-hint';
import { checkInputType, type InputTypeSource } from './unpackable-input-type';

/**
 * Checks the `inputs` declared in `handler(fn, { inputs })` or `@Handler({ inputs })`: each must be
 * a class or collection hint that some packager can produce. @internal
 * @throws HandlerError `HANDLER_INVALID_INPUT_TYPE` (not a class, with what to write) and
 * `HANDLER_UNPACKABLE_INPUT_TYPE`.
 */
export function checkDeclaredInputs(
  inputs: unknown,
  name: string,
  source: Extract<InputTypeSource, 'handler()' | '@Handler'>,
): Readonly<Record<string, TypeHint>> {
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
    throw new HandlerError(`The handler ${name} has "inputs" that is not an object.`, {
      code: 'HANDLER_INVALID_OPTIONS',
      details: { handler: name },
      fix: 'Map each input name to its type: inputs: { data: Dataset }.',
    });
  }
  for (const [input, type] of Object.entries(inputs)) {
    if (typeof type !== 'function' && (typeof type !== 'object' || type === null)) {
      const example =
        source === '@Handler'
          ? `@Handler({ inputs: { ${input}: Point } })`
          : `inputs: { ${input}: Point }`;
      throw new HandlerError(
        `The handler ${name} gives the input "${input}" the type ${String(type)}, which is not a class.`,
        {
          code: 'HANDLER_INVALID_INPUT_TYPE',
          details: { handler: name, input },
          fix: `Give a class (Point, Array, DataItem) or a collection hint such as listOf(Point): ${example}.`,
        },
      );
    }
    checkInputType(type as TypeHint, name, input, source);
  }
  return Object.freeze({ ...(inputs as Record<string, TypeHint>) });
}

/**
 * Checks declared `params`: an array of valid, distinct names. @internal
 * @throws HandlerError `HANDLER_INVALID_OPTIONS`.
 */
export function checkDeclaredParams(params: unknown, name: string): readonly string[] {
  if (!Array.isArray(params) || params.some((p) => typeof p !== 'string' || p === '')) {
    throw new HandlerError(`The handler ${name} has "params" that is not a list of names.`, {
      code: 'HANDLER_INVALID_OPTIONS',
      details: { handler: name },
      fix: "List the param names: params: ['epochs', 'rate'].",
    });
  }
  return Object.freeze([...(params as string[])]);
}
