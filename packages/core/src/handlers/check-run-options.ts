import type { ErrorCode } from '../errors/error-codes';
import { DataItem } from '../data/data-item';
import { quoteInput } from '../errors/input-guard';
import { HandlerError } from '../errors/handler.error';
import { isPlainCollection } from '../bundling/bundle-input';
import type { HandlerDefinition } from './handler-definition';
import type { RunOptions } from './run-options';

const RUN_OPTIONS = [
  'params',
  'inputs',
  'returns',
  'labels',
  'store',
  'manager',
  'name',
  'id',
  'onOutputFailure',
  'recordAtStart',
];

/**
 * Checks run options against the handler before a run starts, so a typo never creates a run.
 * @internal
 * @throws HandlerError `HANDLER_INVALID_OPTIONS`, `HANDLER_UNKNOWN_INPUT`, `HANDLER_UNKNOWN_PARAM`,
 * `HANDLER_INVALID_INPUT`.
 */
export function checkRunOptions(definition: HandlerDefinition, options: RunOptions): void {
  const fail = (
    what: string,
    code: ErrorCode,
    fix: string,
    details: Record<string, unknown> = {},
  ): never => {
    throw new HandlerError(`run(${definition.name}): ${what}`, {
      code,
      details: { handler: definition.name, ...details },
      fix,
    });
  };
  for (const name of Object.keys(options)) {
    if (!RUN_OPTIONS.includes(name))
      fail(
        `unknown option "${name}".`,
        'HANDLER_INVALID_OPTIONS',
        `Valid options: ${RUN_OPTIONS.join(', ')}.`,
      );
  }
  if (
    options.onOutputFailure !== undefined &&
    options.onOutputFailure !== 'error' &&
    options.onOutputFailure !== 'warn'
  ) {
    fail(
      `onOutputFailure is ${quoteInput(options.onOutputFailure)}.`,
      'HANDLER_INVALID_OPTIONS',
      "Use 'error' (default) or 'warn'.",
    );
  }
  if (options.recordAtStart !== undefined && typeof options.recordAtStart !== 'boolean') {
    fail(
      `recordAtStart is ${quoteInput(options.recordAtStart)}.`,
      'HANDLER_INVALID_OPTIONS',
      'Use true (default: the record is written when the run starts) or false (once, at its end).',
    );
  }
  const declared = definition.inputs.map((i) => i.name);
  for (const [name, source] of Object.entries(options.inputs ?? {})) {
    if (!declared.includes(name)) {
      fail(
        `the handler takes no input "${name}".`,
        'HANDLER_UNKNOWN_INPUT',
        `Declared inputs: ${declared.join(', ') || '(none)'}. Pass plain values as params; declare inputs with @Input or handler(fn, { inputs }).`,
        { input: name, inputs: declared },
      );
    }
    if (typeof source !== 'string' && !(source instanceof DataItem) && !isPlainCollection(source)) {
      fail(
        `the input "${name}" is a ${typeof source}, not a URI, path, data item or collection of these.`,
        'HANDLER_INVALID_INPUT',
        'Give the input as a URI (store://key), a path, a DataItem, or a list/dict of these; pass plain values as params.',
        { input: name },
      );
    }
  }
  if (definition.params !== undefined) {
    for (const name of Object.keys(options.params ?? {})) {
      if (!definition.params.includes(name)) {
        fail(
          `the handler takes no param "${name}".`,
          'HANDLER_UNKNOWN_PARAM',
          `Declared params: ${definition.params.join(', ') || '(none)'}.`,
          { param: name, params: [...definition.params] },
        );
      }
    }
  }
}
