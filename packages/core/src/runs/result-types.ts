import { LocalPath } from '../data/local-path';
import { ERROR_CLASSES } from '../serialization/object-tags';
import type { JsonValue } from '../types';

/** Encodes a part of the value (`suffix` is appended to the path, e.g. `.a` or `[3]`). @internal */
export type EncodePart = (value: unknown, suffix: string) => JsonValue;
/** Decodes a part of a stored value. @internal */
export type DecodePart = (value: unknown, suffix: string) => unknown;

/** How one tag stores and rebuilds its values. @internal */
export interface TaggedCodec {
  /** The single key of the stored object, e.g. `$bigint`. */
  readonly tag: string;
  /** A primitive (bigint, special number, undefined): a leaf that counts no nesting level. */
  readonly leaf?: boolean;
  /** Whether this codec stores `value` (rows are asked in order). */
  is(value: unknown): boolean;
  /** The JSON held under the tag; throws a {@link TaggedReason} saying why the value cannot be stored. */
  encode(value: never, part: EncodePart): JsonValue;
  /** The value back; throws a {@link TaggedReason} saying why the stored JSON is malformed. */
  decode(inner: unknown, part: DecodePart): unknown;
}

/** One row of the results table (docs/runs.md, "Results"). */
export interface ResultType {
  /** The JavaScript value, as the docs name it. */
  readonly type: string;
  /** What the run record's JSON holds. */
  readonly storedAs: string;
  /** What `run().results` and `RunRecord.results` give back. */
  readonly comesBackAs: string;
  /** How it is tagged; absent for values plain JSON holds as they are. */
  readonly codec?: TaggedCodec;
}

/** Why a value cannot be stored, or why stored JSON is malformed (tagged-json adds where). @internal */
export class TaggedReason extends Error {}

function reason(why: string): TaggedReason {
  return new TaggedReason(why);
}

const SPECIAL_NUMBERS: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};
const BIGINT_TEXT = /^-?(0|[1-9][0-9]*)$/;
const INVALID_DATE = 'Invalid Date';

function isPlain(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function text(inner: unknown, tag: string): string {
  if (typeof inner !== 'string') throw reason(`"${tag}" does not hold a string`);
  return inner;
}

function special(inner: string): number {
  const number = Object.hasOwn(SPECIAL_NUMBERS, inner) ? SPECIAL_NUMBERS[inner] : undefined;
  if (number === undefined)
    throw reason(`"${inner.slice(0, 40)}" is not NaN, Infinity, -Infinity or -0`);
  return number;
}

function bigint(inner: string): bigint {
  if (!BIGINT_TEXT.test(inner)) throw reason(`"${inner.slice(0, 40)}" is not an integer`);
  return BigInt(inner);
}

function list(inner: unknown, tag: string): unknown[] {
  if (!Array.isArray(inner)) throw reason(`"${tag}" does not hold a list`);
  return inner;
}

function fields(inner: unknown, tag: string): Record<string, unknown> {
  if (!isPlain(inner)) throw reason(`"${tag}" does not hold an object`);
  return inner as Record<string, unknown>;
}

/** Sets an own data field, even one named `__proto__`. @internal */
export function defineField(target: object, key: string, value: unknown, enumerable = true): void {
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });
}

type ViewClass = { new (length: number): ArrayLike<unknown>; readonly name: string };
/** Binary classes a result holds, by the name stored in `$typed.type`. */
const BINARY: ReadonlyMap<string, ViewClass> = new Map<string, ViewClass>(
  [
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
    Float64Array,
    BigInt64Array,
    BigUint64Array,
  ].map((c) => [c.name, c as unknown as ViewClass]),
);

function binaryName(value: object): string {
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (value instanceof ArrayBuffer) return 'ArrayBuffer';
  if (value instanceof DataView) return 'DataView';
  for (let p = Object.getPrototypeOf(value) as object | null; p !== null;) {
    const name = (p as { constructor?: { name?: unknown } }).constructor?.name;
    if (
      typeof name === 'string' &&
      BINARY.get(name) === (p as { constructor: unknown }).constructor
    )
      return name;
    p = Object.getPrototypeOf(p) as object | null;
  }
  throw reason('it is a typed array of an unknown class');
}

function bytesOf(value: ArrayBuffer | DataView): Uint8Array {
  return value instanceof DataView
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    : new Uint8Array(value);
}

function numberCell(n: unknown): JsonValue {
  if (typeof n === 'bigint') return n.toString();
  const x = n as number;
  return Number.isFinite(x) && !Object.is(x, -0) ? x : Object.is(x, -0) ? '-0' : String(x);
}

function decodeBinary(inner: unknown): unknown {
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
  for (let p = Object.getPrototypeOf(e) as object | null; p !== null;) {
    const ctor = (p as { constructor?: unknown }).constructor;
    for (const [name, cls] of ERROR_CLASSES) if (cls === ctor) return name;
    p = Object.getPrototypeOf(p) as object | null;
  }
  return 'Error';
}

const ERROR_OWN = new Set(['message', 'stack', 'cause', 'errors']);

function encodeError(e: Error, part: EncodePart): JsonValue {
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
      defineField(f, k, part((e as unknown as Record<string, unknown>)[k], `.${k}`));
    out['fields'] = f;
  }
  return out;
}

function decodeError(inner: unknown, part: DecodePart): Error {
  const f = fields(inner, '$error');
  const cls = typeof f['class'] === 'string' ? ERROR_CLASSES.get(f['class']) : undefined;
  if (cls === undefined || !Object.hasOwn(f, 'class'))
    throw reason('"$error" names no builtin Error class');
  const e = Object.create(cls.prototype) as Error;
  defineField(e, 'message', text(f['message'], '$error.message'), false);
  if (f['name'] !== undefined) defineField(e, 'name', text(f['name'], '$error.name'), false);
  if (f['stack'] !== undefined) defineField(e, 'stack', text(f['stack'], '$error.stack'), false);
  if (Object.hasOwn(f, 'cause')) defineField(e, 'cause', part(f['cause'], '.cause'), false);
  if (Object.hasOwn(f, 'errors')) defineField(e, 'errors', part(f['errors'], '.errors'), false);
  if (f['fields'] !== undefined) {
    for (const [k, v] of Object.entries(fields(f['fields'], '$error.fields')))
      defineField(e, k, part(v, `.${k}`));
  }
  return e;
}

function encodeFields(value: object, part: EncodePart): { [k: string]: JsonValue } {
  if (Object.getOwnPropertySymbols(value).length > 0) throw reason('it has a symbol key');
  const out: { [k: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) defineField(out, k, part(v, `.${k}`));
  return out;
}

function decodeFields(target: object, inner: unknown, tag: string, part: DecodePart): object {
  for (const [k, v] of Object.entries(fields(inner, tag))) defineField(target, k, part(v, `.${k}`));
  return target;
}

function mapKeyLabel(k: unknown, i: number): string {
  return typeof k === 'string' || typeof k === 'number'
    ? `.get(${JSON.stringify(k)})`
    : `.entries[${i}]`;
}

const codec = <T>(c: {
  tag: string;
  leaf?: boolean;
  is: (v: unknown) => v is T;
  encode: (v: T, part: EncodePart) => JsonValue;
  decode: (inner: unknown, part: DecodePart) => unknown;
}): TaggedCodec => c;

/**
 * Every kind of value a result (and a param) holds, how the run record's tagged JSON stores it
 * and what comes back; docs/runs.md ("Results") shows this table and the tests iterate it.
 *
 * @remarks
 * Anything not listed is refused with a `SerializationError` naming where it is
 * (`results.metrics.hist`): functions, symbols, symbol keys, instances of other classes
 * (`RegExp`, boxed primitives, user classes — log those as `object`), cycles, and nesting deeper
 * than 100 levels. Shared (non-cyclic) references come back as separate copies.
 */
export const RESULT_TYPES: readonly ResultType[] = Object.freeze([
  { type: 'string', storedAs: 'itself', comesBackAs: 'the same string (lone surrogates included)' },
  { type: 'boolean, null', storedAs: 'itself', comesBackAs: 'itself' },
  { type: 'finite number', storedAs: 'itself', comesBackAs: 'the same number' },
  {
    type: '`NaN`, `Infinity`, `-Infinity`, `-0`',
    storedAs: '`{"$number": "NaN"}` …',
    comesBackAs: 'the same number',
    codec: codec<number>({
      tag: '$number',
      leaf: true,
      is: (v): v is number => typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)),
      encode: (v) => numberCell(v),
      decode: (inner) => special(text(inner, '$number')),
    }),
  },
  {
    type: '`undefined`',
    storedAs: '`{"$undefined": true}`',
    comesBackAs:
      '`undefined` (an object field stays an own field; an array hole comes back as `undefined`)',
    codec: codec<undefined>({
      tag: '$undefined',
      leaf: true,
      is: (v): v is undefined => v === undefined,
      encode: () => true,
      decode: (inner) => {
        if (inner !== true) throw reason('"$undefined" does not hold true');
        return undefined;
      },
    }),
  },
  {
    type: '`bigint`',
    storedAs: '`{"$bigint": "12345678901234567890"}`',
    comesBackAs: 'the same bigint',
    codec: codec<bigint>({
      tag: '$bigint',
      leaf: true,
      is: (v): v is bigint => typeof v === 'bigint',
      encode: (v) => v.toString(),
      decode: (inner) => bigint(text(inner, '$bigint')),
    }),
  },
  {
    type: '`Date`',
    storedAs: '`{"$date": "2026-11-27T10:15:29.870Z"}` (`"Invalid Date"` for one)',
    comesBackAs: 'a `Date` at the same time (a subclass comes back as `Date`)',
    codec: codec<Date>({
      tag: '$date',
      is: (v): v is Date => v instanceof Date,
      encode: (v) => (Number.isNaN(v.getTime()) ? INVALID_DATE : v.toISOString()),
      decode: (inner) => {
        const iso = text(inner, '$date');
        if (iso === INVALID_DATE) return new Date(Number.NaN);
        const date = new Date(iso);
        if (Number.isNaN(date.getTime()) || date.toISOString() !== iso)
          throw reason(`"${iso.slice(0, 40)}" is not an ISO-8601 UTC time`);
        return date;
      },
    }),
  },
  {
    type: 'array',
    storedAs: 'a JSON array',
    comesBackAs: 'an array (holes come back as `undefined`)',
  },
  {
    type: 'plain object',
    storedAs: 'a JSON object (`{"$escape": {…}}` when its only key is a tag)',
    comesBackAs: 'a plain object with the same own fields, `__proto__` included as a field',
  },
  {
    type: 'object with a `null` prototype',
    storedAs: '`{"$nullProto": {…}}`',
    comesBackAs: 'an object with a `null` prototype and the same fields',
    codec: codec<object>({
      tag: '$nullProto',
      is: (v): v is object => isPlain(v) && Object.getPrototypeOf(v) === null,
      encode: (v, part) => encodeFields(v, part),
      decode: (inner, part) =>
        decodeFields(Object.create(null) as object, inner, '$nullProto', part),
    }),
  },
  {
    type: '`Map`',
    storedAs: '`{"$map": [[key, value], …]}`',
    comesBackAs: 'a `Map` with the same entries in order (keys of any kind listed here)',
    codec: codec<Map<unknown, unknown>>({
      tag: '$map',
      is: (v): v is Map<unknown, unknown> => v instanceof Map,
      encode: (v, part) =>
        [...v].map(([k, x], i) => [part(k, `.keys[${i}]`), part(x, mapKeyLabel(k, i))]),
      decode: (inner, part) =>
        new Map(
          list(inner, '$map').map((entry, i) => {
            const pair = list(entry, '$map entry');
            if (pair.length !== 2)
              throw reason('"$map" holds an entry that is not a [key, value] pair');
            return [part(pair[0], `.keys[${i}]`), part(pair[1], `.entries[${i}]`)];
          }),
        ),
    }),
  },
  {
    type: '`Set`',
    storedAs: '`{"$set": [value, …]}`',
    comesBackAs: 'a `Set` with the same members in order',
    codec: codec<Set<unknown>>({
      tag: '$set',
      is: (v): v is Set<unknown> => v instanceof Set,
      encode: (v, part) => [...v].map((x, i) => part(x, `.values[${i}]`)),
      decode: (inner, part) => new Set(list(inner, '$set').map((x, i) => part(x, `.values[${i}]`))),
    }),
  },
  {
    type: 'typed arrays, `Buffer`, `ArrayBuffer`, `DataView`',
    storedAs:
      '`{"$typed": {"type": "Float32Array", "values": [0.5, "NaN", …]}}` (bigints and non-finite numbers as strings)',
    comesBackAs:
      'the same class with the same elements (a subclass comes back as its builtin class)',
    codec: codec<object>({
      tag: '$typed',
      is: (v): v is object => ArrayBuffer.isView(v) || v instanceof ArrayBuffer,
      encode: (v) => {
        const type = binaryName(v);
        const cells =
          v instanceof ArrayBuffer || v instanceof DataView
            ? bytesOf(v)
            : (v as unknown as ArrayLike<number | bigint>);
        return { type, values: Array.from(cells, numberCell) };
      },
      decode: (inner) => decodeBinary(inner),
    }),
  },
  {
    type: '`Error` (and subclasses)',
    storedAs:
      '`{"$error": {"class": "TypeError", "message": …, "stack": …, "cause"?: …, "fields"?: {…}}}`',
    comesBackAs:
      'an Error of the nearest builtin class (`Error`, `TypeError`, …, `AggregateError`) with the same message, stack, cause, errors, `name` and own enumerable fields (`code`, …)',
    codec: codec<Error>({
      tag: '$error',
      is: (v): v is Error => v instanceof Error,
      encode: encodeError,
      decode: decodeError,
    }),
  },
  {
    type: '`LocalPath`',
    storedAs: '`{"$path": "/abs/path"}` (the path only, nothing is archived)',
    comesBackAs: 'a `LocalPath` with the same path',
    codec: codec<LocalPath>({
      tag: '$path',
      is: (v): v is LocalPath => v instanceof LocalPath,
      encode: (v) => v.path,
      decode: (inner) => {
        const path = text(inner, '$path');
        if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path) && !path.startsWith('\\\\'))
          throw reason('"$path" does not hold an absolute path');
        return new LocalPath(path);
      },
    }),
  },
  {
    type: '`URL`',
    storedAs: '`{"$url": "https://…"}`',
    comesBackAs: 'a `URL` with the same `href`',
    codec: codec<URL>({
      tag: '$url',
      is: (v): v is URL => v instanceof URL,
      encode: (v) => v.href,
      decode: (inner) => {
        const href = text(inner, '$url');
        if (!URL.canParse(href)) throw reason(`"${href.slice(0, 40)}" is not a URL`);
        return new URL(href);
      },
    }),
  },
]);
