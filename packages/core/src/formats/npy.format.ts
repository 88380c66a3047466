import type { ErrorCode } from '../errors/error-codes';
import { PackingError } from '../errors/packing.error';
import { UnpackingError } from '../errors/unpacking.error';
import { decodeNpyHeader, encodeNpyHeader } from './npy-header';
import {
  descrOf,
  dtypeInfo,
  dtypeOf,
  NPY_DTYPES,
  type NpyDtype,
  type NumericArray,
} from './npy-dtype';

/** Options of {@link encodeNpy}. */
export interface NpyWriteOptions {
  /** The n-dimensional shape (C order); defaults to `[array.length]`. */
  readonly shape?: readonly number[];
  /** Write a `Uint8Array` as numpy booleans (`b1`) instead of `u1`. */
  readonly dtype?: NpyDtype;
}

/** An array read from `.npy`: the data, its shape and its dtype. */
export interface NpyArray {
  /** The elements in C order; a view of the input bytes when they were aligned. */
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
  let dtype: NpyDtype = info.dtype;
  if (options.dtype !== undefined && options.dtype !== dtype) {
    if (!(options.dtype === 'b1' && dtype === 'u1')) {
      throw new PackingError(
        `Cannot write a ${array.constructor.name} as dtype "${options.dtype}".`,
        {
          code: 'NPY_UNSUPPORTED_DTYPE',
          fix: 'Only a Uint8Array can be written as "b1" (booleans); other arrays keep their own dtype.',
        },
      );
    }
    dtype = 'b1';
  }
  const shape = options.shape ?? [array.length];
  if (
    shape.some((d) => !Number.isSafeInteger(d) || d < 0) ||
    elementCount(shape) !== array.length
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

function unsupported(what: string, where: string, code: ErrorCode): UnpackingError {
  return new UnpackingError(`The .npy data of ${where} ${what}.`, {
    code,
    details: { where },
    fix: `Stowage reads C-order arrays of the dtypes ${NPY_DTYPES.join(', ')}; convert it in numpy first.`,
  });
}

function swapBytes(bytes: Uint8Array, itemSize: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += itemSize) {
    for (let j = 0; j < itemSize; j++) out[i + j] = bytes[i + itemSize - 1 - j] ?? 0;
  }
  return out;
}

/**
 * Decodes `.npy` bytes into a typed array.
 *
 * @remarks
 * The result is a view of `bytes` when the data offset is aligned for the element size; otherwise
 * (and for big-endian data, which is byte-swapped) the data is copied once. Extra bytes after the
 * data are ignored.
 * @throws UnpackingError (`NPY_INVALID`, `NPY_UNSUPPORTED_DTYPE`, `NPY_FORTRAN_ORDER`,
 * `NPY_TRUNCATED`) for malformed, unsupported or truncated data.
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
  if (header.fortranOrder && header.shape.length > 1) {
    throw unsupported('is in Fortran order', where, 'NPY_FORTRAN_ORDER');
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
  let raw = bytes.subarray(dataOffset, dataOffset + byteLength);
  if (order === '>' && info.itemSize > 1) raw = swapBytes(raw, info.itemSize);
  else if (raw.byteOffset % info.itemSize !== 0) raw = raw.slice();
  const data = new info.arrayType(raw.buffer as ArrayBuffer, raw.byteOffset, count);
  return { data, shape: header.shape, dtype: info.dtype };
}
