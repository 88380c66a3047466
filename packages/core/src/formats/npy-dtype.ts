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

/** A numpy dtype code without its byte-order character (`f8`, `i4`, `b1`, …). */
export type NpyDtype = 'f8' | 'f4' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'b1';

/** One supported dtype: its code, the typed array that holds it, and its item size. */
export interface DtypeInfo {
  readonly dtype: NpyDtype;
  readonly arrayType: NumericArrayConstructor;
  readonly itemSize: number;
}

const TABLE: readonly DtypeInfo[] = [
  { dtype: 'f8', arrayType: Float64Array, itemSize: 8 },
  { dtype: 'f4', arrayType: Float32Array, itemSize: 4 },
  { dtype: 'i1', arrayType: Int8Array, itemSize: 1 },
  { dtype: 'i2', arrayType: Int16Array, itemSize: 2 },
  { dtype: 'i4', arrayType: Int32Array, itemSize: 4 },
  { dtype: 'i8', arrayType: BigInt64Array, itemSize: 8 },
  { dtype: 'u1', arrayType: Uint8Array, itemSize: 1 },
  { dtype: 'u2', arrayType: Uint16Array, itemSize: 2 },
  { dtype: 'u4', arrayType: Uint32Array, itemSize: 4 },
  { dtype: 'u8', arrayType: BigUint64Array, itemSize: 8 },
  { dtype: 'b1', arrayType: Uint8Array, itemSize: 1 },
];

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
  return TABLE.find((t) => t.arrayType === ctor && t.dtype !== 'b1');
}

/** The numpy `descr` string for a dtype on this (little-endian) machine: `<f8`, `|u1`, … */
export function descrOf(dtype: NpyDtype): string {
  const info = dtypeInfo(dtype);
  return `${info !== undefined && info.itemSize === 1 ? '|' : '<'}${dtype}`;
}

/** The constructors of every typed array Stowage handles, by name (for instructions). */
export const NUMERIC_ARRAY_TYPES: Readonly<Record<string, NumericArrayConstructor>> =
  Object.fromEntries(TYPED_ARRAY_CLASSES.map((c) => [c.name, c]));
