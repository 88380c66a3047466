import { typedInputError } from '../errors/input-guard';
import { SerializationError } from '../errors/serialization.error';
import type { JsonValue } from '../types';
import { RESULT_TYPES, type TaggedCodec } from './result-types';
import { TaggedReason } from './tagged-codecs';
import { defineOwn } from '../objects';

const CODECS: readonly TaggedCodec[] = RESULT_TYPES.flatMap((row) =>
  row.codec === undefined ? [] : [row.codec],
);
const BY_TAG: ReadonlyMap<string, TaggedCodec> = new Map(CODECS.map((c) => [c.tag, c]));
const ESCAPE = '$escape';
const MAX_DEPTH = 100;

function fail(path: string, why: string): SerializationError {
  return new SerializationError(`Value at ${path} cannot be stored as JSON: ${why}.`, {
    details: { path, reason: why },
    fix: 'Results and params hold the types listed in docs/runs.md ("Results"); log anything else as an artifact (e.g. "key : object").',
  });
}

function isTagLike(keys: readonly string[]): boolean {
  return keys.length === 1 && (keys[0] === ESCAPE || BY_TAG.has(keys[0] as string));
}

function encodeAt(value: unknown, path: string, depth: number, seen: Set<object>): JsonValue {
  if (typeof value === 'function' || typeof value === 'symbol')
    throw fail(path, `a ${typeof value} is not data`);
  const isObject = typeof value === 'object' && value !== null;
  if (isObject) {
    if (depth > MAX_DEPTH) throw fail(path, `it is nested deeper than ${MAX_DEPTH} levels`);
    if (seen.has(value)) throw fail(path, 'it contains a cycle');
    seen.add(value);
  }
  try {
    const part = (v: unknown, suffix: string): JsonValue =>
      encodeAt(v, `${path}${suffix}`, depth + 1, seen);
    const codec = CODECS.find((c) => c.is(value));
    if (codec !== undefined) {
      try {
        return { [codec.tag]: codec.encode(value as never, part) };
      } catch (error) {
        if (error instanceof TaggedReason) throw fail(path, error.message);
        throw error;
      }
    }
    if (!isObject) return value as JsonValue;
    if (Array.isArray(value)) {
      const out: JsonValue[] = [];
      for (let i = 0; i < value.length; i++) out.push(part(value[i], `[${i}]`));
      return out;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      throw fail(
        path,
        `a ${typeof name === 'string' && name !== '' ? name : 'class'} instance is not plain data`,
      );
    }
    if (Object.getOwnPropertySymbols(value).length > 0) throw fail(path, 'it has a symbol key');
    const out: { [key: string]: JsonValue } = {};
    // defineOwn, not `out[k] =`: a field named "__proto__" is data, kept as given.
    for (const [k, v] of Object.entries(value)) defineOwn(out, k, part(v, `.${k}`));
    return isTagLike(Object.keys(out)) ? { [ESCAPE]: out } : out;
  } finally {
    if (isObject) seen.delete(value);
  }
}

/**
 * Encodes a value as JSON, tagging what plain JSON would lose.
 *
 * @remarks
 * Each kind of value is stored as {@link RESULT_TYPES} says (docs/runs.md, "Results"): bigint,
 * Date, `NaN`/`±Infinity`/`-0`, `undefined`, Map, Set, typed arrays and binary buffers, Errors,
 * LocalPath, URL and null-prototype objects are tagged (`{"$bigint": "123"}`, `{"$map": […]}`…);
 * a plain object whose only key is a tag is wrapped as `{"$escape": {…}}`, so user data never
 * decodes as a tag. Field names are kept as given, `__proto__` included (stored as data, decoded
 * as an own field). Functions, symbols, symbol keys, instances of other classes, cycles and more
 * than 100 levels are refused.
 *
 * @param path - Name of the value, used in error messages (e.g. `results.loss`).
 * @throws SerializationError naming where the value cannot be encoded (code `INPUT_UNREADABLE`
 * when reading it threw: a getter, proxy or iterator).
 */
export function encodeTaggedJson(value: unknown, path = 'value'): JsonValue {
  try {
    return encodeAt(value, path, 0, new Set());
  } catch (error) {
    // A getter, proxy or iterator of the value threw: say where, keep it as the cause.
    throw typedInputError(error, SerializationError, `The value at ${path}`);
  }
}

function malformed(path: string, why: string): SerializationError {
  return new SerializationError(`The stored value at ${path} is malformed: ${why}.`, {
    code: 'TAGGED_VALUE_INVALID',
    details: { path, reason: why },
    fix: 'The stored JSON was damaged or not written by Stowage; restore it from a backup or write it again.',
  });
}

function decodeAt(value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  const keys = Array.isArray(value) ? [] : Object.keys(value);
  const tag = isTagLike(keys) ? (keys[0] as string) : undefined;
  const codec = tag === undefined ? undefined : BY_TAG.get(tag);
  // Like the encoder: tagged primitives are leaves, objects (tagged or not) count a level.
  if (depth > MAX_DEPTH && codec?.leaf !== true)
    throw malformed(path, `it is nested deeper than ${MAX_DEPTH} levels`);
  const part = (v: unknown, suffix: string): unknown => decodeAt(v, `${path}${suffix}`, depth + 1);
  if (Array.isArray(value)) return value.map((v, i) => part(v, `[${i}]`));
  const inner = tag === undefined ? value : (value as Record<string, unknown>)[tag];
  if (tag === ESCAPE && (inner === null || typeof inner !== 'object' || Array.isArray(inner)))
    throw malformed(path, '"$escape" does not hold an object');
  if (codec !== undefined) {
    try {
      return codec.decode(inner, part);
    } catch (error) {
      if (error instanceof TaggedReason) throw malformed(path, error.message);
      throw error;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inner as object)) defineOwn(out, k, part(v, `.${k}`));
  return out;
}

/**
 * Decodes what {@link encodeTaggedJson} produced, rebuilding every tagged value.
 *
 * @remarks
 * Only what the encoder writes is accepted (see {@link RESULT_TYPES}): `$bigint` holds a decimal
 * integer, `$date` an ISO-8601 UTC time as `Date.toISOString()` writes it, `$number` one of `NaN`,
 * `Infinity`, `-Infinity`, `-0`, a `$typed` value fits its class, and so on. Anything else tagged,
 * or nesting deeper than 100 levels, is damaged data and an error, never a `SyntaxError` or a
 * silently wrong value.
 *
 * @param path - Name of the value, used in error messages (e.g. `results.loss`).
 * @throws SerializationError (code `TAGGED_VALUE_INVALID`) naming where the value is malformed.
 */
export function decodeTaggedJson(value: unknown, path = 'value'): unknown {
  return decodeAt(value, path, 0);
}

/**
 * Whether {@link encodeTaggedJson} stores `value` (a default packing type asks it before choosing
 * `result`). Never throws: a value whose reading throws is not held.
 */
export function holdsAsResult(value: unknown): boolean {
  try {
    encodeAt(value, 'value', 0, new Set());
    return true;
  } catch {
    return false;
  }
}

/** Whether `value` is one of the tagged kinds of {@link RESULT_TYPES} (a Map, a Date, an Error…). */
export function holdsTaggedType(value: unknown): boolean {
  return CODECS.some((c) => c.is(value));
}
