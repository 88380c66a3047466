import { zipSync } from 'fflate';
import { UnpackingError } from '../../src/errors/unpacking.error';
import { encodeNpy } from '../../src/formats/npy.format';
import { decodeNpz, encodeNpz } from '../../src/formats/npz.format';
import { zipEntries } from '../../src/formats/zip-entries';
import { expectStowageError } from '../helpers/expect-stowage-error';

describe(zipEntries, () => {
  describe('when given a zip of stored and deflated entries', () => {
    it('should locate each entry without copying it', () => {
      const a = Buffer.from('first entry');
      const b = Buffer.alloc(1000, 7);
      const zip = zipSync({ 'a.txt': [a, { level: 0 }], 'dir/b.bin': [b, { level: 9 }] });
      const entries = zipEntries(zip);
      expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
        ['a.txt', 0, a.length],
        ['dir/b.bin', 8, b.length],
      ]);
      const stored = entries[0]!;
      expect(Buffer.from(zip.subarray(stored.dataOffset, stored.dataOffset + stored.size))).toEqual(
        a,
      );
    });
  });

  describe('when the bytes are not a zip', () => {
    it('should throw a RangeError', () => {
      expect(() => zipEntries(new Uint8Array(100))).toThrow(RangeError);
    });
  });
});

describe(decodeNpz, () => {
  describe('when an entry is stored at an aligned offset', () => {
    it('should give a view of the archive, not a copy', () => {
      const npy = Buffer.concat(encodeNpy(new Float64Array([1, 2, 3])));
      // pad the name so the local header (30 + name) ends on a multiple of 8
      const zip = zipSync({ 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL.npy': [npy, { level: 0 }] });
      const copy = new Uint8Array(zip); // its own buffer, offset 0
      const entry = zipEntries(copy)[0]!;
      expect((entry.dataOffset + 128) % 8).toBe(0);
      const back = decodeNpz(copy)['abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL'];
      expect(back?.data).toEqual(new Float64Array([1, 2, 3]));
      expect(back?.data.buffer).toBe(copy.buffer);
    });
  });

  describe('when Stowage wrote the archive', () => {
    it('should align every entry to 64 bytes and give views of the archive', () => {
      const record = { x: new Float64Array([1, 2]), longer_name: new Int16Array([3, 4, 5]) };
      const archive = new Uint8Array(
        Buffer.concat(
          encodeNpz({ x: { data: record.x }, longer_name: { data: record.longer_name } }),
        ),
      );
      for (const entry of zipEntries(archive)) expect(entry.dataOffset % 64).toBe(0);
      const back = decodeNpz(archive);
      expect(back['x']?.data).toEqual(record.x);
      expect(back['longer_name']?.data).toEqual(record.longer_name);
      expect(back['x']?.data.buffer).toBe(archive.buffer);
      expect(back['longer_name']?.data.buffer).toBe(archive.buffer);
    });
  });

  describe('when the archive is truncated', () => {
    it('should throw NPZ_INVALID', () => {
      const zip = zipSync({ 'a.npy': Buffer.concat(encodeNpy(new Int8Array(4))) });
      expectStowageError(
        () => decodeNpz(zip.subarray(0, zip.length - 30)),
        UnpackingError,
        'NPZ_INVALID',
      );
    });
  });
});
