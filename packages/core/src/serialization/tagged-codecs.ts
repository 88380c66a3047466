import { TYPED_ARRAY_CLASSES } from '../typed-arrays';
import { ERROR_CLASSES } from './object-tags';
import type { JsonValue } from '../types';
import { defineOwn, isPlainObject, prototypesOf } from '../objects';

// The pieces the codecs of RESULT_TYPES (result-types.ts) are made of: checks of stored JSON,
// typed-array and Error conversions.

/** Encodes a part of the value (`suffix` is appended to the path, e.g. `.a` or `[3]`). @internal */
export type EncodePart = (value: unknown, suffix: string) => JsonValue;
/** Decodes a part of a stored value. @internal */
export type DecodePart = (value: unknown, suffix: string) => unknown;

/** Why a value cannot be stored, or why stored JSON is malformed (tagged-json adds where). @internal */
export class TaggedReason extends Error {}

/** The error a codec throws; tagged-json turns it into a typed error naming where. @internal */
export function reason(why: string): TaggedReason {
  return new TaggedReason(why);
}

const SPECIAL_NUMBERS: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};
const BIGINT_TEXT = /^-?(0|[1-9][0-9]*)$/;
/** How an invalid Date is stored under `$date`. @internal */
export const INVALID_DATE = 'Invalid Date';

/** The string a tag holds, or why not. @internal */
export function text(inner: unknown, tag: string): string {
  if (typeof inner !== 'string') throw reason(`"${tag}" does not hold a string`);
  return inner;
}

/** `NaN`, `Infinity`, `-Infinity` or `-0` from its stored name, or why not. @internal */
export function special(inner: string): number {
  const number = Object.hasOwn(SPECIAL_NUMBERS, inner) ? SPECIAL_NUMBERS[inner] : undefined;
  if (number === undefined)
    throw reason(`"${inner.slice(0, 40)}" is not NaN, Infinity, -Infinity or -0`);
  return number;
}

/** The bigint a decimal integer names, or why not. @internal */
export function bigint(inner: string): bigint {
  if (!BIGINT_TEXT.test(inner)) throw reason(`"${inner.slice(0, 40)}" is not an integer`);
  return BigInt(inner);
}

/** The list a tag holds, or why not. @internal */
export function list(inner: unknown, tag: string): unknown[] {
  if (!Array.isArray(inner)) throw reason(`"${tag}" does not hold a list`);
  return inner;
}

/** The plain object a tag holds, or why not. @internal */
export function fields(inner: unknown, tag: string): Record<string, unknown> {
  if (!isPlainObject(inner)) throw reason(`"${tag}" does not hold an object`);
  return inner;
}

type ViewClass = { new (length: number): ArrayLike<unknown>; readonly name: string };
/** Binary classes a result holds, by the name stored in `$typed.type`. */
const BINARY: ReadonlyMap<string, ViewClass> = new Map<string, ViewClass>(
  TYPED_ARRAY_CLASSES.map((c) => [c.name, c as unknown as ViewClass]),
);

/** The class name stored in `$typed.type` (a subclass gives its builtin class), or why not. @internal */
export function binaryName(value: object): string {
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (value instanceof ArrayBuffer) return 'ArrayBuffer';
  if (value instanceof DataView) return 'DataView';
  for (const p of prototypesOf(value)) {
    const name = (p as { constructor?: { name?: unknown } }).constructor?.name;
    if (
      typeof name === 'string' &&
      BINARY.get(name) === (p as { constructor: unknown }).constructor
    )
      return name;
  }
  throw reason('it is a typed array of an unknown class');
}

/** The bytes of an ArrayBuffer or DataView. @internal */
export function bytesOf(value: ArrayBuffer | DataView): Uint8Array {
  return value instanceof DataView
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    : new Uint8Array(value);
}

/** One typed-array element as JSON: a number, or a string for bigints, `-0` and non-finite numbers. @internal */
export function numberCell(n: unknown): JsonValue {
  if (typeof n === 'bigint') return n.toString();
  const x = n as number;
  return Number.isFinite(x) && !Object.is(x, -0) ? x : Object.is(x, -0) ? '-0' : String(x);
}

/** The typed array, Buffer, ArrayBuffer or DataView a `$typed` value holds, or why not. @internal */
export function decodeBinary(inner: unknown): unknown {
  const f = fields(inner, '$typed');
  const type = f['type'];
  const values = list(f['values'], '$typed.values');
  if (type === 'Buffer' || type === 'ArrayBuffer' || type === 'DataView') {
    const bytes = Uint8Array.from(values as number[]);
    if (values.some((v, i) => v !== bytes[i]))
      throw reason('"$typed" holds a value that is not a byte');
    if (type === 'Buffer') return Buffer.from(bytes.buffer, 0, bytes.length);
    return type === 'ArrayBuffer' ? bytes.buffer : new DataView(bytes.buffer);
  }
  const cls = typeof type === 'string' ? BINARY.get(type) : undefined;
  if (cls === undefined) throw reason(`"$typed" names no typed array class`);
  const big = type === 'BigInt64Array' || type === 'BigUint64Array';
  const cells = values.map((v) =>
    typeof v === 'string' ? (big ? bigint(v) : special(v)) : v,
  ) as number[];
  const out = new cls(cells.length) as unknown as Record<number, unknown>;
  try {
    cells.forEach((v, i) => (out[i] = v));
  } catch {
    throw reason(`"$typed" holds a value a ${String(type)} cannot hold`);
  }
  if (cells.some((v, i) => !Object.is(out[i], v)))
    throw reason(`"$typed" holds a value a ${String(type)} cannot hold`);
  return out;
}

/** The nearest builtin Error class of `e` (a custom subclass comes back as it). */
function builtinErrorName(e: Error): string {
  for (const p of prototypesOf(e)) {
    const ctor = (p as { constructor?: unknown }).constructor;
    for (const [name, cls] of ERROR_CLASSES) if (cls === ctor) return name;
  }
  return 'Error';
}

const ERROR_OWN = new Set(['message', 'stack', 'cause', 'errors']);

/** What `$error` holds for an Error: its nearest builtin class, message, stack, cause, errors, name and own fields. @internal */
export function encodeError(e: Error, part: EncodePart): JsonValue {
  const cls = builtinErrorName(e);
  const out: { [k: string]: JsonValue } = { class: cls, message: String(e.message) };
  const own = Object.keys(e).filter((k) => !ERROR_OWN.has(k));
  if (
    e.name !== (ERROR_CLASSES.get(cls) as ErrorConstructor).prototype.name &&
    !own.includes('name')
  )
    out['name'] = String(e.name);
  if (typeof e.stack === 'string') out['stack'] = e.stack;
  if (Object.hasOwn(e, 'cause')) out['cause'] = part(e.cause, '.cause');
  if (e instanceof AggregateError) out['errors'] = part(e.errors, '.errors');
  if (own.length > 0) {
    const f: { [k: string]: JsonValue } = {};
    for (const k of own)
      defineOwn(f, k, part((e as unknown as Record<string, unknown>)[k], `.${k}`));
    out['fields'] = f;
  }
  return out;
}

/** The Error a `$error` value holds, or why not. @internal */
export function decodeError(inner: unknown, part: DecodePart): Error {
  const f = fields(inner, '$error');
  const cls = typeof f['class'] === 'string' ? ERROR_CLASSES.get(f['class']) : undefined;
  if (cls === undefined || !Object.hasOwn(f, 'class'))
    throw reason('"$error" names no builtin Error class');
  const e = Object.create(cls.prototype) as Error;
  defineOwn(e, 'message', text(f['message'], '$error.message'), false);
  if (f['name'] !== undefined) defineOwn(e, 'name', text(f['name'], '$error.name'), false);
  if (f['stack'] !== undefined) defineOwn(e, 'stack', text(f['stack'], '$error.stack'), false);
  if (Object.hasOwn(f, 'cause')) defineOwn(e, 'cause', part(f['cause'], '.cause'), false);
  if (Object.hasOwn(f, 'errors')) defineOwn(e, 'errors', part(f['errors'], '.errors'), false);
  if (f['fields'] !== undefined) {
    for (const [k, v] of Object.entries(fields(f['fields'], '$error.fields')))
      defineOwn(e, k, part(v, `.${k}`));
  }
  return e;
}

/** The own fields of an object, each encoded; refuses symbol keys. @internal */
export function encodeFields(value: object, part: EncodePart): { [k: string]: JsonValue } {
  if (Object.getOwnPropertySymbols(value).length > 0) throw reason('it has a symbol key');
  const out: { [k: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) defineOwn(out, k, part(v, `.${k}`));
  return out;
}

/** Sets the decoded fields a tag holds on `target`. @internal */
export function decodeFields(
  target: object,
  inner: unknown,
  tag: string,
  part: DecodePart,
): object {
  for (const [k, v] of Object.entries(fields(inner, tag))) defineOwn(target, k, part(v, `.${k}`));
  return target;
}

/** The path suffix naming a Map entry in error messages. @internal */
export function mapKeyLabel(k: unknown, i: number): string {
  return typeof k === 'string' || typeof k === 'number'
    ? `.get(${JSON.stringify(k)})`
    : `.entries[${i}]`;
}
