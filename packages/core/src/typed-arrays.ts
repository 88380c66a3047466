/**
 * Every builtin typed array class, in one list: the npy format, the run record's tagged JSON and
 * the object fallback all build their tables from it. @internal
 */
export const TYPED_ARRAY_CLASSES = [
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
] as const;
