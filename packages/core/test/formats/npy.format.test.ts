import { UnpackingError } from '../../src/errors/unpacking.error';
import { PackingError } from '../../src/errors/packing.error';
import { decodeNpy, encodeNpy } from '../../src/formats/npy.format';

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
        'a structured dtype',
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

    it('should throw NPY_UNSUPPORTED_DTYPE for float16 and NPY_FORTRAN_ORDER for column-major', () => {
      const f2 = Buffer.from(
        concat(encodeNpy(new Uint16Array(2)))
          .toString('latin1')
          .replace("'<u2'", "'<f2'"),
        'latin1',
      );
      expect(() => decodeNpy(f2)).toThrow(
        expect.objectContaining({ code: 'NPY_UNSUPPORTED_DTYPE' }),
      );
      const fortran = Buffer.from(
        concat(encodeNpy(new Uint8Array(4), { shape: [2, 2] }))
          .toString('latin1')
          .replace('False', 'True '),
        'latin1',
      );
      expect(() => decodeNpy(fortran)).toThrow(
        expect.objectContaining({ code: 'NPY_FORTRAN_ORDER' }),
      );
    });
  });
});
