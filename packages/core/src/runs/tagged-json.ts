import { typedInputError } from '../errors/input-guard';
import { SerializationError } from '../errors/serialization.error';
import type { JsonValue } from '../types';

const TAGS = new Set(['$bigint', '$date', '$number', '$escape']);
const MAX_DEPTH = 100;

function fail(path: string, why: string): SerializationError {
  return new SerializationError(`Value at ${path} cannot be stored as JSON: ${why}.`, {
    details: { path, reason: why },
    fix: 'Keep results to numbers, strings, booleans, null, bigint, Date, arrays and plain objects; log anything else as an artifact.',
  });
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function encodeAt(
  value: unknown,
  path: string,
  depth: number,
  seen: Set<object>,
): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0)
        ? value
        : { $number: Object.is(value, -0) ? '-0' : String(value) };
    case 'bigint':
      return { $bigint: value.toString() };
    case 'undefined':
      return undefined;
    case 'function':
    case 'symbol':
      throw fail(path, `a ${typeof value} is not data`);
  }
  if (value === null) return null;
  const object = value as object;
  if (depth > MAX_DEPTH) throw fail(path, `it is nested deeper than ${MAX_DEPTH} levels`);
  if (seen.has(object)) throw fail(path, 'it contains a cycle');
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw fail(path, 'it is an invalid Date');
    return { $date: object.toISOString() };
  }
  seen.add(object);
  try {
    if (Array.isArray(object))
      return object.map((v, i) => encodeAt(v, `${path}[${i}]`, depth + 1, seen) ?? null);
    if (!isPlainObject(object))
      throw fail(path, `a ${object.constructor?.name ?? 'class'} instance is not plain data`);
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(object)) {
      const encoded = encodeAt(v, `${path}.${k}`, depth + 1, seen);
      // defineProperty, not `out[k] =`: a field named "__proto__" is data, kept as given.
      if (encoded !== undefined)
        Object.defineProperty(out, k, {
          value: encoded,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    const keys = Object.keys(out);
    return keys.length === 1 && TAGS.has(keys[0] as string) ? { $escape: out } : out;
  } finally {
    seen.delete(object);
  }
}

/**
 * Encodes a value as JSON-safe data, tagging what plain JSON would lose.
 *
 * @remarks
 * - `bigint` → `{"$bigint": "123"}`; `Date` → `{"$date": "2026-01-01T00:00:00.000Z"}`;
 *   `NaN`, `±Infinity` and `-0` → `{"$number": "NaN"}`.
 * - A plain object whose only key is one of these tags is wrapped as `{"$escape": {…}}`, so
 *   user data never decodes as a tag.
 * - `undefined` object fields are dropped, and become `null` in arrays (as in JSON).
 * - Anything else (functions, symbols, class instances, Map, Set, typed arrays, cycles,
 *   more than 100 levels) is refused.
 * - Field names are kept as given, `__proto__`, `constructor` and `prototype` included (they
 *   are stored as data and decode as own fields; nothing touches a prototype).
 *
 * @param path - Name of the value, used in error messages (e.g. `results.loss`).
 * @throws SerializationError naming where the value cannot be encoded (code `INPUT_UNREADABLE`
 * when reading it threw: a getter, proxy or iterator).
 */
export function encodeTaggedJson(value: unknown, path = 'value'): JsonValue {
  try {
    return encodeAt(value, path, 0, new Set()) ?? null;
  } catch (error) {
    // A getter, proxy or iterator of the value threw: say where, keep it as the cause.
    throw typedInputError(error, SerializationError, `The value at ${path}`);
  }
}

const SPECIAL_NUMBERS: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};
const BIGINT_TEXT = /^-?(0|[1-9][0-9]*)$/;

function malformed(path: string, why: string): SerializationError {
  return new SerializationError(`The stored value at ${path} is malformed: ${why}.`, {
    code: 'TAGGED_VALUE_INVALID',
    details: { path, reason: why },
    fix: 'The stored JSON was damaged or not written by Stowage; restore it from a backup or write it again.',
  });
}

/** Decodes one tagged value (`{"$bigint": …}` and the like). */
function decodeTag(tag: string, inner: unknown, path: string, depth: number): unknown {
  if (tag === '$escape') {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner))
      throw malformed(path, '"$escape" does not hold an object');
    return decodeObject(inner as Record<string, unknown>, path, depth);
  }
  if (typeof inner !== 'string') throw malformed(path, `"${tag}" does not hold a string`);
  if (tag === '$bigint') {
    if (!BIGINT_TEXT.test(inner))
      throw malformed(path, `"${inner.slice(0, 40)}" is not an integer`);
    return BigInt(inner);
  }
  if (tag === '$date') {
    const date = new Date(inner);
    if (Number.isNaN(date.getTime()) || date.toISOString() !== inner)
      throw malformed(path, `"${inner.slice(0, 40)}" is not an ISO-8601 UTC time`);
    return date;
  }
  const number = SPECIAL_NUMBERS[inner];
  if (number === undefined || !Object.hasOwn(SPECIAL_NUMBERS, inner))
    throw malformed(path, `"${inner.slice(0, 40)}" is not NaN, Infinity, -Infinity or -0`);
  return number;
}

function decodeObject(
  value: Readonly<Record<string, unknown>>,
  path: string,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const decoded = decodeAt(v, `${path}.${k}`, depth + 1);
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: decoded,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = decoded;
  }
  return out;
}

function decodeAt(value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  const keys = Array.isArray(value) ? [] : Object.keys(value);
  const tag = keys.length === 1 && TAGS.has(keys[0] as string) ? (keys[0] as string) : undefined;
  // Like the encoder: tagged scalars are leaves, containers (and escaped objects) count a level.
  if (tag !== undefined && tag !== '$escape')
    return decodeTag(tag, (value as Record<string, unknown>)[tag], path, depth);
  if (depth > MAX_DEPTH) throw malformed(path, `it is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((v, i) => decodeAt(v, `${path}[${i}]`, depth + 1));
  if (tag !== undefined)
    return decodeTag(tag, (value as Record<string, unknown>)[tag], path, depth);
  return decodeObject(value as Record<string, unknown>, path, depth);
}

/**
 * Decodes what {@link encodeTaggedJson} produced, restoring bigint, Date and special numbers.
 *
 * @remarks
 * Only what the encoder writes is accepted: `$bigint` holds a decimal integer, `$date` an ISO-8601
 * UTC time as `Date.toISOString()` writes it, `$number` one of `NaN`, `Infinity`, `-Infinity`,
 * `-0`, and `$escape` an object. Anything else tagged, or nesting deeper than 100 levels, is
 * damaged data and an error, never a `SyntaxError` or a silently wrong value.
 *
 * @param path - Name of the value, used in error messages (e.g. `results.loss`).
 * @throws SerializationError (code `TAGGED_VALUE_INVALID`) naming where the value is malformed.
 */
export function decodeTaggedJson(value: unknown, path = 'value'): unknown {
  return decodeAt(value, path, 0);
}
