import { guardInput } from '../errors/input-guard';
import { LogHintError } from '../errors/log-hint.error';
import type { LogHint, LogHintInit } from './log-hint';
import { isValidatedHint, normalizeLogHint } from './log-hint-object';
import { parseLogHintString } from './log-hint.parser';

/** Anything that can be turned into a {@link LogHint}: a string, an object, or a builder. */
export type LogHintSource = string | LogHintInit | LogHint | { toLogHint(): LogHint };

/**
 * Parses and validates a log hint given as a string, an object, a {@link LogHint} or a builder.
 *
 * @remarks
 * The string grammar is `[N]*key [: artifactType [ [option=value, ...] ]]`, for example
 * `model`, `model : file`, `table : file[format=csv, header=true]`, `*metrics` or
 * `2*nested : file[format=yaml]`. Option values are typed: numbers, `true`/`false`, `null`,
 * quoted strings (`'…'` or `"…"`, which may hold spaces and `: , [ ]`), lists `[1, 2]`; any
 * other unquoted word is a string. The result is a new frozen object; the input is never
 * modified. See `docs/log-hints.md`.
 *
 * @example
 * ```ts
 * parseLogHint('table : file[format=csv, header=true]');
 * // { key: 'table', artifactType: 'file', options: { format: 'csv', header: true }, itemized: false, … }
 * ```
 * @throws LogHintError with a specific `code` (e.g. `LOG_HINT_UNCLOSED_BRACKET`) when the hint
 * is malformed; a string hint's error quotes it and points at the column; `INPUT_UNREADABLE`
 * when reading the hint object throws (a getter or proxy).
 */
export function parseLogHint(input: LogHintSource): LogHint {
  return guardInput(LogHintError, 'The log hint', () => parseAny(input));
}

function parseAny(input: LogHintSource): LogHint {
  if (typeof input === 'string') return parseLogHintString(input);
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    if (isValidatedHint(input)) return input;
    const toLogHint = (input as { toLogHint?: unknown }).toLogHint;
    if (typeof toLogHint === 'function')
      return normalizeLogHint((toLogHint as () => LogHint).call(input));
    return normalizeLogHint(input as LogHintInit);
  }
  throw new LogHintError(
    `A log hint must be a string, an object or a hint() builder; got ${describeInput(input)}.`,
    {
      code: 'LOG_HINT_BAD_INPUT',
      details: { received: describeInput(input) },
      fix: "Write it as a string such as 'model : file', an object such as { key: 'model' }, or hint('model').",
    },
  );
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return typeof input;
}
