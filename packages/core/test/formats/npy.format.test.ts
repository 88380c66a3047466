import { UnpackingError } from '../../src/errors/unpacking.error';
import { PackingError } from '../../src/errors/packing.error';
import { decodeNpy, encodeNpy } from '../../src/formats/npy.format';
import { encodeNpyHeader } from '../../src/formats/npy-header';
import { expectStowageError } from '../helpers/expect-stowage-error';

const concat = (parts: Uint8Array[]): Buffer => Buffer.concat(parts);

describe(encodeNpy, () => {
  describe('when given a typed array', () => {
    it('should return the header and a view of the array without copying', () => {
      const data = new Float64Array([1, 2, 3]);
      const [header, body] = encodeNpy(data);
      expect(header!.length % 64).toBe(0);
      expect(Buffer.from(header!).toString('latin1')).toContain(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
      );
      expect(body!.buffer).toBe(data.buffer);
    });
  });

  describe('when given a shape that does not fit', () => {
    it('should throw a PackingError with code NPY_SHAPE_MISMATCH', () => {
      expect(() => encodeNpy(new Int32Array(6), { shape: [4, 2] })).toThrow(
        expect.objectContaining({ code: 'NPY_SHAPE_MISMATCH' }),
      );
      expect(() => encodeNpy(new Int32Array(6), { shape: [4, 2] })).toThrow(PackingError);
    });
  });

  describe('when asked for b1 on a non-byte array', () => {
    it('should throw NPY_UNSUPPORTED_DTYPE', () => {
      expect(() => encodeNpy(new Int32Array(1), { dtype: 'b1' })).toThrow(
        expect.objectContaining({ code: 'NPY_UNSUPPORTED_DTYPE' }),
      );
    });
  });
});

describe(decodeNpy, () => {
  describe('when the data offset is aligned', () => {
    it('should return a view of the input', () => {
      const bytes = concat(encodeNpy(new Float64Array([1.5, -0, NaN])));
      const aligned = new Uint8Array(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
      );
      const got = decodeNpy(aligned);
      expect(got.data.buffer).toBe(aligned.buffer);
      expect(Object.is(got.data[1], -0)).toBe(true);
      expect(Number.isNaN(got.data[2])).toBe(true);
    });
  });

  describe('when the data offset is misaligned', () => {
    it('should copy once and return the right values', () => {
      const bytes = concat(encodeNpy(new Float64Array([1, 2])));
      const shifted = new Uint8Array(bytes.length + 1);
      shifted.set(bytes, 1);
      const got = decodeNpy(shifted.subarray(1));
      expect(got.data).toEqual(new Float64Array([1, 2]));
      expect(got.data.buffer).not.toBe(shifted.buffer);
    });
  });

  describe('when the input is malformed', () => {
    it.each([
      ['no magic', Buffer.from('hello world, not npy'), 'NPY_INVALID'],
      [
        'a bad dict',
        Buffer.concat([
          Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 6, 0]),
          Buffer.from('{oops}'),
        ]),
        'NPY_INVALID',
      ],
      [
        'a header with its dict blanked out',
        concat(encodeNpy(new Uint8Array(1))).fill(0x20, 10, 20),
        'NPY_INVALID',
      ],
    ])('should throw UnpackingError for %s', (_name, bytes, code) => {
      expect(() => decodeNpy(bytes)).toThrow(UnpackingError);
      expect(() => decodeNpy(bytes)).toThrow(expect.objectContaining({ code }));
    });

    it('should throw NPY_TRUNCATED when the data is short', () => {
      const bytes = concat(encodeNpy(new Float64Array(4)));
      expect(() => decodeNpy(bytes.subarray(0, bytes.length - 1))).toThrow(
        expect.objectContaining({ code: 'NPY_TRUNCATED' }),
      );
    });

    it('should throw NPY_UNSUPPORTED_DTYPE for a structured dtype, not NPY_INVALID', () => {
      const dict =
        "{'descr': [('a', '<f8'), ('b', [('c', '<i4', (2,))])], 'fortran_order': False, 'shape': (1,), }";
      const text = dict.padEnd(118, ' ') + '\n';
      const bytes = Buffer.concat([
        Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length, 0]),
        Buffer.from(text, 'latin1'),
        Buffer.alloc(16),
      ]);
      const error = expectStowageError(
        () => decodeNpy(bytes, 's'),
        UnpackingError,
        'NPY_UNSUPPORTED_DTYPE',
      );
      expect(error.message).toContain('structured dtype');
      expect(error.details['where']).toBe('s');
    });

    it('should throw NPY_UNSUPPORTED_DTYPE for strings and objects', () => {
      for (const descr of ['<U3', '|O', '|S2', '<M8[ns]']) {
        expectStowageError(
          () => decodeNpy(npyOf(descr, false, [1], 16)),
          UnpackingError,
          'NPY_UNSUPPORTED_DTYPE',
        );
      }
    });
  });

  describe('when the dtype has no typed array of its own', () => {
    it('should read float16 as a Uint16Array of the raw bits, marked f2', () => {
      const bits = new Uint16Array([0x3c00, 0xc000, 0x7e00]); // 1, -2, NaN
      const got = decodeNpy(npyOf('<f2', false, [3], bits));
      expect(got).toEqual({ data: bits, shape: [3], dtype: 'f2' });
    });

    it('should read complex64/complex128 as interleaved real and imaginary lanes', () => {
      const c8 = new Float32Array([1, 2, 3, -4]);
      expect(decodeNpy(npyOf('<c8', false, [2], c8))).toEqual({
        data: c8,
        shape: [2],
        dtype: 'c8',
      });
      const c16 = new Float64Array([0.5, -1, 7, 8, 9, 10]);
      expect(decodeNpy(npyOf('<c16', false, [3, 1], c16))).toEqual({
        data: c16,
        shape: [3, 1],
        dtype: 'c16',
      });
    });

    it('should write them only when asked, with the element count in the header', () => {
      expect(header(encodeNpy(new Float64Array(6), { dtype: 'c16' }))).toContain("'descr': '<c16'");
      expect(header(encodeNpy(new Float64Array(6), { dtype: 'c16' }))).toContain("'shape': (3,)");
      expect(header(encodeNpy(new Uint16Array(2), { dtype: 'f2' }))).toContain("'descr': '<f2'");
      expect(header(encodeNpy(new Uint16Array(2)))).toContain("'descr': '<u2'");
      expectStowageError(
        () => encodeNpy(new Float32Array(3), { dtype: 'c8' }),
        PackingError,
        'NPY_SHAPE_MISMATCH',
      );
      expectStowageError(
        () => encodeNpy(new Int16Array(2), { dtype: 'f2' }),
        PackingError,
        'NPY_UNSUPPORTED_DTYPE',
      );
    });
  });

  describe('when the array is in Fortran order', () => {
    it('should give the elements in C order', () => {
      // the 2x3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column
      const got = decodeNpy(npyOf('<f8', true, [2, 3], new Float64Array([1, 4, 2, 5, 3, 6])));
      expect(got).toEqual({
        data: new Float64Array([1, 2, 3, 4, 5, 6]),
        shape: [2, 3],
        dtype: 'f8',
      });
    });

    it('should reorder n-dimensional, complex and big-endian data', () => {
      // a[i, j, k] = 100 i + 10 j + k for shape (2, 3, 4), stored with i fastest
      const f = new Int32Array(24);
      const c = new Int32Array(24);
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 3; j++)
          for (let k = 0; k < 4; k++) {
            f[i + 2 * j + 6 * k] = 100 * i + 10 * j + k;
            c[12 * i + 4 * j + k] = 100 * i + 10 * j + k;
          }
      expect(decodeNpy(npyOf('<i4', true, [2, 3, 4], f)).data).toEqual(c);
      const be = Buffer.from(f.buffer.slice(0)).swap32();
      expect(decodeNpy(npyOf('>i4', true, [2, 3, 4], be)).data).toEqual(c);
      const complex = decodeNpy(
        npyOf('<c8', true, [2, 2], new Float32Array([1, 1, 3, 3, 2, 2, 4, 4])),
      );
      expect(complex.data).toEqual(new Float32Array([1, 1, 2, 2, 3, 3, 4, 4]));
    });
  });

  describe('when the data is big-endian', () => {
    it.each([
      ['>i2', Int16Array, [1, -2, 300]],
      ['>f4', Float32Array, [1.5, -2, 3e30]],
      ['>f8', Float64Array, [1.5, -0, 1e300]],
      ['>c8', Float32Array, [1, 2, 3, 4]],
    ] as const)('should swap %s to the right values, aligned or not', (descr, ctor, values) => {
      const little = new ctor(values);
      const swapped = Buffer.from(little.buffer.slice(0));
      const lane = ctor.BYTES_PER_ELEMENT;
      if (lane === 2) swapped.swap16();
      else if (lane === 4) swapped.swap32();
      else swapped.swap64();
      const bytes = npyOf(
        descr,
        false,
        [descr.startsWith('>c') ? values.length / 2 : values.length],
        swapped,
      );
      const shifted = new Uint8Array(bytes.length + 1);
      shifted.set(bytes, 1);
      for (const input of [bytes, shifted.subarray(1)]) {
        const got = decodeNpy(input);
        expect(got.data).toEqual(little);
        expect(got.data.byteOffset % lane).toBe(0);
        expect(got.data.buffer).not.toBe(input.buffer);
      }
    });
  });

  describe('when the array is 0-d', () => {
    it('should write shape () and read one element back', () => {
      const parts = encodeNpy(new Float64Array([2.5]), { shape: [] });
      expect(header(parts)).toContain("'shape': (), }");
      expect(decodeNpy(concat(parts))).toEqual({
        data: new Float64Array([2.5]),
        shape: [],
        dtype: 'f8',
      });
    });
  });
});

/** The header text of encoded parts. */
function header(parts: Uint8Array[]): string {
  return Buffer.from(parts[0]!).toString('latin1');
}

/** `.npy` bytes with any header fields (written by hand, as numpy would for other dtypes). */
function npyOf(
  descr: string,
  fortranOrder: boolean,
  shape: number[],
  data: ArrayBufferView | number,
): Buffer {
  const head = encodeNpyHeader({ descr, fortranOrder, shape });
  const body =
    typeof data === 'number'
      ? Buffer.alloc(data)
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.concat([head, body]);
}
