import { LocalPath } from '../values/local-path';
import type { JsonValue } from '../types';
import {
  bigint,
  binaryName,
  bytesOf,
  decodeBinary,
  decodeError,
  decodeFields,
  encodeError,
  encodeFields,
  INVALID_DATE,
  list,
  mapKeyLabel,
  numberCell,
  reason,
  special,
  text,
  type DecodePart,
  type EncodePart,
} from './tagged-codecs';
import { isPlainObject } from '../objects';

export type { DecodePart, EncodePart } from './tagged-codecs';

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
      is: (v): v is object => isPlainObject(v) && Object.getPrototypeOf(v) === null,
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
