import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors/usage.error';

/** A JSON number token: sign, integer part, optional fraction and exponent. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const TWO_53 = 2n ** 53n;

/**
 * Turns the text of `--param key=text` into a value.
 *
 * @remarks
 * The text is read as JSON when it is valid JSON (`3`, `0.5`, `true`, `null`, `[1,2]`,
 * `{"a":1}`, `"quoted"`), otherwise it is kept as the string itself. Quote a value to force a
 * string: `--param id='"007"'`. The handler's declared parameter types may convert further.
 *
 * Numbers are never rounded silently. A whole number written without fraction or exponent that
 * is beyond ±(2^53 − 1) becomes a `bigint`, exactly (also inside arrays and objects). A number
 * written with a fraction or exponent is a float: at or beyond 2^53 it is accepted only when the
 * float keeps every significant digit written (`1e20`, `6.02e23`), and refused with a
 * {@link UsageError} when it would lose some (`1.2345678901234567891e19`) or overflow (`1e400`).
 * Below 2^53, floats round as JSON floats always do (`0.1`).
 * @throws UsageError (`CLI_PARAM_INEXACT`) for a float that would lose digits, as above.
 */
export function parseParamValue(text: string, key = 'value'): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return text;
  if (!/^[-\d"[{]|^(true|false|null)$/.test(trimmed)) return text;
  let plain: unknown;
  try {
    plain = JSON.parse(trimmed) as unknown;
  } catch {
    return text;
  }
  const marker = `stowage-bigint-${randomBytes(8).toString('hex')}:`;
  const rewritten = markLargeNumbers(trimmed, marker, key);
  if (rewritten === trimmed) return plain;
  return JSON.parse(rewritten, (_k, v: unknown) =>
    typeof v === 'string' && v.startsWith(marker) ? BigInt(v.slice(marker.length)) : v,
  ) as unknown;
}

/** Parses every parameter text with {@link parseParamValue}. */
export function parseParamValues(texts: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(texts)) out[key] = parseParamValue(text, key);
  return out;
}

/**
 * Rewrites the number tokens of the JSON `text` (outside strings) that a float cannot hold: large
 * whole numbers become marked strings (turned into bigints after `JSON.parse`); inexact floats
 * throw. Leaves everything else as it is.
 */
function markLargeNumbers(text: string, marker: string, key: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    NUMBER.lastIndex = i;
    const match = ch === '-' || (ch >= '0' && ch <= '9') ? NUMBER.exec(text) : null;
    if (match === null) {
      out += ch;
      i++;
      continue;
    }
    const token = match[0];
    out += numberText(token, marker, key);
    i += token.length;
  }
  return out;
}

function numberText(token: string, marker: string, key: string): string {
  if (INTEGER.test(token)) {
    const n = BigInt(token);
    return n >= TWO_53 || n <= -TWO_53 ? `"${marker}${token}"` : token;
  }
  const value = Number(token);
  if (!Number.isFinite(value)) throw inexact(key, token, 'is too large for a number');
  if (Math.abs(value) < 2 ** 53) return token;
  if (significantDigits(token) !== significantDigits(String(value)))
    throw inexact(key, token, 'has more digits than a number holds (it would be rounded)');
  return token;
}

/** The significant digits of a decimal number text: `-1.20e5` → `12`. */
function significantDigits(text: string): string {
  const [mantissa = ''] = text.toLowerCase().split('e');
  return mantissa.replace(/[-+.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
}

function inexact(key: string, token: string, what: string): UsageError {
  return new UsageError(`--param ${key}: ${token} ${what}.`, {
    code: 'CLI_PARAM_INEXACT',
    details: { param: key, number: token },
    fix:
      'Write it as a whole number without fraction or exponent to pass it exactly as a bigint ' +
      `(e.g. -p ${key}=12345678901234567890), or quote it to pass the text ('"${token}"').`,
  });
}

/** The index just past the JSON string starting at `start` (or the end of `text`). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
