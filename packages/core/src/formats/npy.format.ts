import type { ErrorCode } from '../errors/error-codes';
import { PackingError } from '../errors/packing.error';
import { UnpackingError } from '../errors/unpacking.error';
import { decodeNpyHeader, encodeNpyHeader } from './npy-header';
import {
  descrOf,
  dtypeInfo,
  dtypeOf,
  EXPLICIT_DTYPES,
  NPY_DTYPES,
  type DtypeInfo,
  type NpyDtype,
  type NumericArray,
} from './npy-dtype';
import { toCOrder } from './npy-order';

/** Options of {@link encodeNpy}. */
export interface NpyWriteOptions {
  /**
   * The n-dimensional shape (C order); defaults to `[elements]`; `[]` writes a 0-d array of one
   * element.
   */
  readonly shape?: readonly number[];
  /**
   * A dtype the array's class does not imply: `b1` for a `Uint8Array` of booleans, `f2` for a
   * `Uint16Array` of float16 bits, `c8`/`c16` for a `Float32Array`/`Float64Array` of interleaved
   * real and imaginary parts.
   */
  readonly dtype?: NpyDtype;
}

/** An array read from `.npy`: the data, its shape and its dtype. */
export interface NpyArray {
  /**
   * The elements in C order (a Fortran-order file is reordered); a view of the input bytes when
   * they were aligned, little-endian and in C order. Complex elements are two lanes each.
   */
  readonly data: NumericArray;
  readonly shape: readonly number[];
  readonly dtype: NpyDtype;
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Encodes a typed array as `.npy` without copying it: the result is `[header, view of the array]`,
 * to be written back to back (a vectored `Body`).
 *
 * @throws PackingError (`NPY_UNSUPPORTED_DTYPE`, `NPY_SHAPE_MISMATCH`) for an unsupported array or
 * a shape whose element count differs from the array's length.
 */
export function encodeNpy(array: NumericArray, options: NpyWriteOptions = {}): Uint8Array[] {
  const info = dtypeOf(array);
  if (info === undefined) {
    throw new PackingError(`Cannot write ${Object.prototype.toString.call(array)} as .npy.`, {
      code: 'NPY_UNSUPPORTED_DTYPE',
      fix: `Use one of the typed arrays for the dtypes ${NPY_DTYPES.join(', ')}.`,
    });
  }
  const dtype = writtenDtype(array, info, options.dtype);
  const lanes = dtypeInfo(dtype)?.lanes ?? 1;
  const shape = options.shape ?? [array.length / lanes];
  if (
    shape.some((d) => !Number.isSafeInteger(d) || d < 0) ||
    elementCount(shape) * lanes !== array.length
  ) {
    throw new PackingError(
      `The shape [${shape.join(', ')}] does not fit an array of ${array.length} elements.`,
      {
        code: 'NPY_SHAPE_MISMATCH',
        details: { shape, length: array.length },
        fix: 'Give a shape of non-negative integers whose product is the array length.',
      },
    );
  }
  const header = encodeNpyHeader({ descr: descrOf(dtype), fortranOrder: false, shape });
  return [header, new Uint8Array(array.buffer, array.byteOffset, array.byteLength)];
}

function writtenDtype(
  array: NumericArray,
  info: DtypeInfo,
  wanted: NpyDtype | undefined,
): NpyDtype {
  if (wanted === undefined || wanted === info.dtype) return info.dtype;
  if (EXPLICIT_DTYPES[wanted] === array.constructor) return wanted;
  const holders = Object.entries(EXPLICIT_DTYPES)
    .map(([d, c]) => `${c.name} as "${d}"`)
    .join(', ');
  throw new PackingError(`Cannot write a ${array.constructor.name} as dtype "${wanted}".`, {
    code: 'NPY_UNSUPPORTED_DTYPE',
    details: { arrayType: array.constructor.name, dtype: wanted },
    fix: `Only these arrays take another dtype: ${holders}; other arrays keep their own dtype.`,
  });
}

function unsupported(what: string, where: string, code: ErrorCode): UnpackingError {
  return new UnpackingError(`The .npy data of ${where} ${what}.`, {
    code,
    details: { where },
    fix: `Stowage reads arrays of the dtypes ${NPY_DTYPES.join(', ')}; convert it in numpy first.`,
  });
}

/**
 * The data bytes as little-endian, aligned for `info`: a view when they already are, else one
 * copy (swapped in place with the native `Buffer.swap16/32/64` for big-endian data).
 */
function littleEndian(raw: Uint8Array, info: DtypeInfo, bigEndian: boolean): Uint8Array {
  const lane = info.arrayType.BYTES_PER_ELEMENT;
  if (!(bigEndian && lane > 1) && raw.byteOffset % lane === 0) return raw;
  const copy = Buffer.allocUnsafeSlow(raw.byteLength);
  copy.set(raw);
  if (bigEndian && lane === 2) copy.swap16();
  else if (bigEndian && lane === 4) copy.swap32();
  else if (bigEndian && lane === 8) copy.swap64();
  return new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength);
}

/**
 * Decodes `.npy` bytes into a typed array.
 *
 * @remarks
 * The result is a view of `bytes` when the data is little-endian, in C order and aligned for the
 * element size; otherwise it is copied once (big-endian data is byte-swapped at memory speed, a
 * Fortran-order array is reordered to C order). Extra bytes after the data are ignored.
 * @throws UnpackingError (`NPY_INVALID`, `NPY_UNSUPPORTED_DTYPE`, `NPY_TRUNCATED`) for malformed,
 * unsupported (strings, objects, structured dtypes, …) or truncated data.
 */
export function decodeNpy(bytes: Uint8Array, where = 'the input'): NpyArray {
  const { header, dataOffset } = decodeNpyHeader(bytes, where);
  const order = header.descr[0] ?? '';
  const info = dtypeInfo(header.descr.slice(1));
  if (!['<', '>', '|', '='].includes(order) || info === undefined) {
    throw unsupported(
      `has the unsupported dtype "${header.descr}"`,
      where,
      'NPY_UNSUPPORTED_DTYPE',
    );
  }
  const count = elementCount(header.shape);
  const byteLength = count * info.itemSize;
  if (bytes.length - dataOffset < byteLength) {
    throw new UnpackingError(
      `The .npy data of ${where} is truncated: ${bytes.length - dataOffset} of ${byteLength} bytes.`,
      {
        code: 'NPY_TRUNCATED',
        details: { where, expected: byteLength, actual: bytes.length - dataOffset },
        fix: 'The artifact is incomplete; log it again.',
      },
    );
  }
  let raw = littleEndian(bytes.subarray(dataOffset, dataOffset + byteLength), info, order === '>');
  if (header.fortranOrder && header.shape.length > 1)
    raw = toCOrder(raw, header.shape, info.itemSize);
  const data = new info.arrayType(raw.buffer as ArrayBuffer, raw.byteOffset, count * info.lanes);
  return { data, shape: header.shape, dtype: info.dtype };
}
