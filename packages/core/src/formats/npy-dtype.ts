import { TYPED_ARRAY_CLASSES } from '../typed-arrays';

/** A typed array Stowage can write to and read from `.npy`. */
export type NumericArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** A constructor of a {@link NumericArray}. */
export type NumericArrayConstructor =
  | Float64ArrayConstructor
  | Float32ArrayConstructor
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor
  | Uint8ClampedArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

/**
 * A numpy dtype code without its byte-order character (`f8`, `i4`, `b1`, …).
 *
 * @remarks
 * Three codes have no typed array of their own and are held in another one, never converted:
 * `f2` (float16) as a `Uint16Array` of the raw IEEE half-precision bits (Node 20 has no
 * `Float16Array`), `c8` (complex64) as a `Float32Array` and `c16` (complex128) as a
 * `Float64Array` of interleaved real and imaginary parts (two lanes per element).
 */
export type NpyDtype =
  'f8' | 'f4' | 'f2' | 'c8' | 'c16' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'b1';

/** One supported dtype: its code, the typed array that holds it, and its item size. */
export interface DtypeInfo {
  readonly dtype: NpyDtype;
  readonly arrayType: NumericArrayConstructor;
  /** Bytes per numpy element (a complex element is two lanes of the typed array). */
  readonly itemSize: number;
  /** Typed-array elements per numpy element: 2 for complex, else 1. */
  readonly lanes: number;
}

/** The dtypes that only an explicit `dtype` writes (the array's class alone means another one). */
export const EXPLICIT_DTYPES: Readonly<Partial<Record<NpyDtype, NumericArrayConstructor>>> = {
  b1: Uint8Array,
  f2: Uint16Array,
  c8: Float32Array,
  c16: Float64Array,
};

const TABLE: readonly DtypeInfo[] = (
  [
    ['f8', Float64Array, 8],
    ['f4', Float32Array, 4],
    ['i1', Int8Array, 1],
    ['i2', Int16Array, 2],
    ['i4', Int32Array, 4],
    ['i8', BigInt64Array, 8],
    ['u1', Uint8Array, 1],
    ['u2', Uint16Array, 2],
    ['u4', Uint32Array, 4],
    ['u8', BigUint64Array, 8],
    ['b1', Uint8Array, 1],
    ['f2', Uint16Array, 2],
    ['c8', Float32Array, 8],
    ['c16', Float64Array, 16],
  ] as const
).map(([dtype, arrayType, itemSize]) => ({
  dtype,
  arrayType,
  itemSize,
  lanes: itemSize / arrayType.BYTES_PER_ELEMENT,
}));

/** Every dtype code Stowage reads and writes. */
export const NPY_DTYPES: readonly NpyDtype[] = TABLE.map((t) => t.dtype);

/** The facts about a dtype code, or `undefined` when it is not supported. */
export function dtypeInfo(dtype: string): DtypeInfo | undefined {
  return TABLE.find((t) => t.dtype === dtype);
}

/**
 * The dtype a typed array is written as (`Uint8ClampedArray` is written as `u1`); `undefined`
 * for anything that is not a supported typed array.
 */
export function dtypeOf(array: unknown): DtypeInfo | undefined {
  if (array instanceof Uint8ClampedArray) return dtypeInfo('u1');
  if (!ArrayBuffer.isView(array)) return undefined;
  const ctor = (array as { constructor: unknown }).constructor;
  return TABLE.find((t) => t.arrayType === ctor && !(t.dtype in EXPLICIT_DTYPES));
}

/** The numpy `descr` string for a dtype on this (little-endian) machine: `<f8`, `|u1`, … */
export function descrOf(dtype: NpyDtype): string {
  const info = dtypeInfo(dtype);
  return `${info !== undefined && info.itemSize === 1 ? '|' : '<'}${dtype}`;
}

/** The constructors of every typed array Stowage handles, by name (for instructions). */
export const NUMERIC_ARRAY_TYPES: Readonly<Record<string, NumericArrayConstructor>> =
  Object.fromEntries(TYPED_ARRAY_CLASSES.map((c) => [c.name, c]));
