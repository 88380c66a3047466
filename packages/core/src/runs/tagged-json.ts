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

function decodeNumber(text: string): number {
  return text === '-0' ? -0 : Number(text);
}

/** Decodes what {@link encodeTaggedJson} produced, restoring bigint, Date and special numbers. */
export function decodeTaggedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeTaggedJson);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [tag, inner] = entries[0] as [string, unknown];
    if (tag === '$bigint' && typeof inner === 'string') return BigInt(inner);
    if (tag === '$date' && typeof inner === 'string') return new Date(inner);
    if (tag === '$number' && typeof inner === 'string') return decodeNumber(inner);
    if (tag === '$escape' && inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, decodeTaggedJson(v)]));
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: decodeTaggedJson(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = decodeTaggedJson(v);
  }
  return out;
}
