import { LogHintError } from '../errors/log-hint.error';
import type { LogHint } from './log-hint';
import { NUMBER_PATTERN } from './log-hint-patterns';

// Control characters are exactly what a bare word may not contain.
// eslint-disable-next-line no-control-regex
const BARE_WORD = /^[^\s*:[\],='"{}()\\\x00-\x1f\x7f]+$/;
const KEYWORDS = new Set(['true', 'false', 'null', 'True', 'False', 'None']);

/**
 * Writes the string form of a hint's key, level, artifact type and options.
 *
 * @remarks
 * `parseLogHint(formatLogHint(h))` gives back the same key, level, artifact type and options.
 * Tag, labels, extra data and metrics have no string form and are left out.
 * @throws LogHintError (`LOG_HINT_NOT_FORMATTABLE`) when an option value is not a string,
 * finite number, boolean, null or list of these.
 */
export function formatLogHint(hint: LogHint): string {
  const level = hint.itemized === true ? '*' : hint.itemized === false ? '' : `${hint.itemized}*`;
  let text = `${level}${hint.key}`;
  if (hint.artifactType === undefined) return text;
  text += ` : ${hint.artifactType}`;
  const entries = Object.entries(hint.options);
  if (entries.length > 0)
    text += `[${entries.map(([k, v]) => `${k}=${formatValue(v, hint.key, k)}`).join(', ')}]`;
  return text;
}

function formatValue(value: unknown, key: string, option: string): string {
  if (typeof value === 'string') {
    return BARE_WORD.test(value) && !KEYWORDS.has(value) && !NUMBER_PATTERN.test(value)
      ? value
      : JSON.stringify(value);
  }
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return value.toExponential();
  if (
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'boolean' ||
    value === null
  )
    return String(value);
  if (Array.isArray(value))
    return `[${value.map((v: unknown) => formatValue(v, key, option)).join(', ')}]`;
  throw new LogHintError(
    `The option "${option}" of the log hint for "${key}" has no string form.`,
    {
      code: 'LOG_HINT_NOT_FORMATTABLE',
      details: { key, option },
      fix: 'Only strings, finite numbers, booleans, null and lists of these can be written in a string hint.',
    },
  );
}
