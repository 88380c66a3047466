import type { ErrorCode } from '../errors/error-codes';
import { HandlerError } from '../errors/handler.error';
import { parseLogHint } from '../log-hints/parse-log-hint';
import type { HandlerOptions, OutputHint } from './handler-options';
import type { HandlerRecord } from './handler-records';

const OPTION_NAMES = ['outputs', 'labels', 'name'];

/**
 * Checks handler options and parses their output hints once, when the handler is declared.
 * @internal
 * @throws HandlerError for unknown options, bad labels or a bad name; LogHintError for a bad hint.
 */
export function normalizeHandlerOptions(options: HandlerOptions, where: string): HandlerRecord {
  const fail = (what: string, code: ErrorCode, fix: string): never => {
    throw new HandlerError(`The handler ${where} ${what}`, {
      code,
      details: { handler: where },
      fix,
    });
  };
  if (typeof options !== 'object' || options === null)
    fail(
      'has options that are not an object.',
      'HANDLER_INVALID_OPTIONS',
      'Pass { outputs, labels, name }.',
    );
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.includes(name)) {
      fail(
        `has an unknown option "${name}".`,
        'HANDLER_INVALID_OPTIONS',
        `Valid options: ${OPTION_NAMES.join(', ')}.`,
      );
    }
  }
  const given: unknown = options.outputs ?? [];
  if (!Array.isArray(given))
    fail(
      'has "outputs" that is not an array.',
      'HANDLER_INVALID_OPTIONS',
      "List one hint per returned value: outputs: ['model : file'].",
    );
  const outputs = given as readonly OutputHint[];
  const labels = options.labels ?? {};
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string')
      fail(
        `has the label "${key}" with a ${typeof value} value.`,
        'HANDLER_INVALID_OPTIONS',
        'Labels are strings.',
      );
  }
  if (
    options.name !== undefined &&
    (typeof options.name !== 'string' || options.name.trim() === '')
  ) {
    fail(
      'has an empty or non-string "name".',
      'HANDLER_INVALID_OPTIONS',
      'Give a non-empty name, or omit it to use the function name.',
    );
  }
  const parsed = outputs.map((output) => (output === null ? null : parseLogHint(output)));
  const keys = parsed.flatMap((h) => (h === null ? [] : [h.key]));
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  if (duplicate !== undefined) {
    fail(
      `has two outputs with the key "${duplicate}".`,
      'HANDLER_DUPLICATE_OUTPUT',
      'Give each output its own key.',
    );
  }
  return Object.freeze({
    outputs: Object.freeze(parsed),
    labels: Object.freeze({ ...labels }),
    name: options.name,
  });
}
