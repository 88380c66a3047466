import { HandlerError } from '../errors/handler.error';
import type { WarningSink } from '../packagers/pack-context';
import type { LogHint } from '../log-hints/log-hint';

/** A returned value paired with the hint it is logged by. @internal */
export interface MatchedOutput {
  readonly hint: LogHint;
  readonly value: unknown;
}

/** What matching a return value to the output hints gave. @internal */
export interface OutputMatch {
  readonly outputs: readonly MatchedOutput[];
  /** Hinted outputs that cannot be logged at all, with why. */
  readonly failures: readonly { readonly key: string; readonly error: HandlerError }[];
}

/**
 * Pairs a handler's return value with its output hints.
 *
 * @remarks
 * - No hints: nothing is logged (a warning when a value was returned).
 * - One hint: it takes the value whole, even an array.
 * - Several hints: the value must be an array, spread over the hints by position (a non-array is
 *   a failure of every hinted output). Extra values are not logged, hints without a value are
 *   skipped; both with a warning.
 * - A `null` hint skips its position silently; an `undefined` value skips its hint with a
 *   warning (`null` is a value and is logged).
 * @internal
 */
export function matchOutputs(
  value: unknown,
  hints: readonly (LogHint | null)[],
  handler: string,
  sink: WarningSink,
): OutputMatch {
  const named = hints.filter((h): h is LogHint => h !== null);
  if (named.length === 0) {
    if (value !== undefined && hints.length === 0)
      sink.warn(`${handler} returned a value but declares no outputs; nothing was logged.`);
    return { outputs: [], failures: [] };
  }
  if (value === undefined) {
    sink.warn(`${handler} returned nothing; the outputs ${keys(named)} were not logged.`);
    return { outputs: [], failures: [] };
  }
  if (hints.length === 1) return { outputs: [{ hint: named[0] as LogHint, value }], failures: [] };
  if (!Array.isArray(value)) {
    const error = new HandlerError(
      `${handler} returned one ${typeof value} value for ${hints.length} output hints (${keys(named)}).`,
      {
        code: 'HANDLER_RETURN_NOT_ARRAY',
        details: { handler, outputs: named.map((h) => h.key) },
        fix: 'Return an array with one value per output hint, or declare a single output to log the value whole.',
      },
    );
    return { outputs: [], failures: named.map((h) => ({ key: h.key, error })) };
  }
  if (value.length > hints.length) {
    sink.warn(
      `${handler} returned ${value.length} values for ${hints.length} output hints; the last ${value.length - hints.length} were not logged.`,
    );
  }
  const outputs: MatchedOutput[] = [];
  const skipped: string[] = [];
  hints.forEach((hint, i) => {
    if (hint === null) return;
    if (i >= value.length || value[i] === undefined) skipped.push(hint.key);
    else outputs.push({ hint, value: value[i] });
  });
  if (skipped.length > 0)
    sink.warn(
      `${handler} returned no value for the outputs ${skipped.map((k) => `"${k}"`).join(', ')}; they were not logged.`,
    );
  return { outputs, failures: [] };
}

function keys(hints: readonly LogHint[]): string {
  return hints.map((h) => `"${h.key}"`).join(', ');
}
