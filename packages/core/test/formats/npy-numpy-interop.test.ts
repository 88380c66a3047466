import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeNpy, encodeNpy } from '../../src/formats/npy.format';
import { decodeNpz, encodeNpz, encodeNpzBody } from '../../src/formats/npz.format';
import { LocalStore } from '../../src/stores/local.store';
import {
  dtypeInfo,
  NPY_DTYPES,
  type NpyDtype,
  type NumericArray,
} from '../../src/formats/npy-dtype';
import { UnpackingError } from '../../src/errors/unpacking.error';
import { expectStowageError } from '../helpers/expect-stowage-error';
import { describeWithNumpy, runPython } from './helpers/numpy';

const EXPECTED = `
import numpy as np
def expected(d):
    if d == 'b1': return np.array([True, False, True, True, False, False], dtype='?').reshape(2, 3)
    if d == 'u8': return np.array([0, 1, 2, 3, 2**63 + 5, 2**64 - 1], dtype='<u8').reshape(2, 3)
    if d == 'i8': return np.array([-2**63, -1, 0, 1, 2**62, 2**63 - 1], dtype='<i8').reshape(2, 3)
    if d[0] == 'f': return (np.arange(6, dtype='<' + d) * 1.5 - 2).reshape(2, 3)
    if d[0] == 'i': return (np.arange(6) - 3).astype('<' + d).reshape(2, 3)
    return np.arange(6).astype('<' + d).reshape(2, 3)
`;

/** The dtypes held in their own typed array (float16 and complex have their own cases below). */
const PLAIN_DTYPES = NPY_DTYPES.filter((d) => d !== 'f2' && d !== 'c8' && d !== 'c16');

function expectedJs(d: NpyDtype): NumericArray {
  const info = dtypeInfo(d)!;
  switch (d) {
    case 'b1':
      return new Uint8Array([1, 0, 1, 1, 0, 0]);
    case 'u8':
      return new BigUint64Array([0n, 1n, 2n, 3n, 2n ** 63n + 5n, 2n ** 64n - 1n]);
    case 'i8':
      return new BigInt64Array([-(2n ** 63n), -1n, 0n, 1n, 2n ** 62n, 2n ** 63n - 1n]);
    default: {
      const values = [0, 1, 2, 3, 4, 5].map((i) =>
        d.startsWith('f') ? i * 1.5 - 2 : d.startsWith('i') ? i - 3 : i,
      );
      return new (info.arrayType as Float64ArrayConstructor)(values);
    }
  }
}

describeWithNumpy('.npy and .npz interop with numpy', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stowage-npy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('when numpy writes arrays of every dtype', () => {
    it('should read the same values, dtype and shape', () => {
      runPython(
        `${EXPECTED}
import sys
for d in sys.argv[2:]:
    np.save(sys.argv[1] + '/' + d + '.npy', expected(d))
np.save(sys.argv[1] + '/scalar.npy', np.float64(2.5))
np.save(sys.argv[1] + '/empty.npy', np.zeros((0, 4), dtype='<i4'))
np.save(sys.argv[1] + '/big.npy', np.arange(6, dtype='>i4'))
`,
        [dir, ...PLAIN_DTYPES],
      );
      for (const d of PLAIN_DTYPES) {
        const got = decodeNpy(readFileSync(join(dir, `${d}.npy`)), d);
        expect(got.dtype).toBe(d);
        expect(got.shape).toEqual([2, 3]);
        expect(got.data).toEqual(expectedJs(d));
      }
      expect(decodeNpy(readFileSync(join(dir, 'scalar.npy')))).toEqual({
        data: new Float64Array([2.5]),
        shape: [],
        dtype: 'f8',
      });
      expect(decodeNpy(readFileSync(join(dir, 'empty.npy')))).toEqual({
        data: new Int32Array(0),
        shape: [0, 4],
        dtype: 'i4',
      });
      expect(decodeNpy(readFileSync(join(dir, 'big.npy'))).data).toEqual(
        new Int32Array([0, 1, 2, 3, 4, 5]),
      );
    });
  });

  describe('when Stowage writes arrays of every dtype', () => {
    it('should be read by numpy and be byte-identical to np.save', () => {
      for (const d of PLAIN_DTYPES) {
        const parts = encodeNpy(expectedJs(d), { shape: [2, 3], dtype: d });
        writeFileSync(join(dir, `${d}.npy`), Buffer.concat(parts));
      }
      const out = runPython(
        `${EXPECTED}
import sys, io
bad = []
for d in sys.argv[2:]:
    path = sys.argv[1] + '/' + d + '.npy'
    got = np.load(path)
    exp = expected(d)
    if got.dtype != exp.dtype or got.shape != exp.shape or not np.array_equal(got, exp): bad.append(d + ': values')
    buf = io.BytesIO(); np.save(buf, exp)
    if buf.getvalue() != open(path, 'rb').read(): bad.append(d + ': bytes')
print(','.join(bad))
`,
        [dir, ...PLAIN_DTYPES],
      );
      expect(out.trim()).toBe('');
    });
  });

  describe('when bundling arrays as .npz', () => {
    it('should round-trip through numpy both ways', () => {
      const parts = encodeNpz({
        a: { data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] },
        b: { data: new BigInt64Array([7n]) },
      });
      writeFileSync(join(dir, 'js.npz'), Buffer.concat(parts));
      runPython(
        `
import numpy as np, sys
z = np.load(sys.argv[1] + '/js.npz')
assert z['a'].dtype == np.float32 and z['a'].shape == (2, 2) and z['a'].tolist() == [[1, 2], [3, 4]]
assert z['b'].dtype == np.int64 and z['b'].tolist() == [7]
import zipfile
assert zipfile.ZipFile(sys.argv[1] + '/js.npz').testzip() is None
np.savez_compressed(sys.argv[1] + '/py.npz', x=np.arange(3, dtype='<u2'), y=np.array([True]))
`,
        [dir],
      );
      const back = decodeNpz(readFileSync(join(dir, 'py.npz')));
      expect(back['x']).toEqual({ data: new Uint16Array([0, 1, 2]), shape: [3], dtype: 'u2' });
      expect(back['y']).toEqual({ data: new Uint8Array([1]), shape: [1], dtype: 'b1' });
    });
  });

  describe('when a LocalStore writes a .npz whose CRC-32s are filled in while it is written', () => {
    it('should be read by numpy (every CRC-32 checked) and by decodeNpz, an empty array included', async () => {
      const a = Float64Array.from({ length: 30_000 }, (_, i) => Math.sin(i));
      const entries = {
        a: { data: a, shape: [100, 300] },
        empty: { data: new Float32Array(0) },
        b: { data: new Int32Array([5, -6]) },
      };
      const store = new LocalStore({ root: join(dir, 'store') });
      await store.put('x.npz', encodeNpzBody(entries));
      const path = join(dir, 'store', 'x.npz');
      const bytes = readFileSync(path);
      expect(bytes.equals(Buffer.concat(encodeNpz(entries)))).toBe(true);
      const out = runPython(
        `
import numpy as np, sys, zipfile
assert zipfile.ZipFile(sys.argv[1]).testzip() is None
z = np.load(sys.argv[1])
assert z['a'].shape == (100, 300) and z['a'][99, 299] == np.sin(29999)
assert z['empty'].shape == (0,) and z['empty'].dtype == np.float32
print(z['b'].tolist())
`,
        [path],
      );
      expect(out.trim()).toBe('[5, -6]');
      const back = decodeNpz(bytes);
      const view = back['a']!.data;
      const got = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      expect(got.equals(Buffer.from(a.buffer))).toBe(true);
      expect(back['empty']).toEqual({ data: new Float32Array(0), shape: [0], dtype: 'f4' });
    });
  });

  describe('when numpy writes float16, complex, Fortran-order, 0-d and n-d arrays', () => {
    it('should read each with its values in C order, its dtype and its shape', () => {
      runPython(
        `
import numpy as np, sys
d = sys.argv[1]
np.save(d + '/f2.npy', np.array([1, -2, 0.5, np.inf], dtype='<f2'))
np.save(d + '/c8.npy', np.array([1 + 2j, -3 - 4j], dtype='<c8'))
np.save(d + '/c16be.npy', np.array([[0.5 + 1j], [2 - 3j]], dtype='>c16'))
np.save(d + '/fortran.npy', np.asfortranarray(np.arange(24, dtype='<i4').reshape(2, 3, 4)))
np.save(d + '/zero-d.npy', np.array(7, dtype='<i2'))
np.save(d + '/nd.npy', np.arange(24, dtype='>f8').reshape(2, 3, 4))
np.save(d + '/structured.npy', np.zeros(2, dtype=[('a', '<f8'), ('b', '<i4')]))
np.savez(d + '/mixed.npz', good=np.arange(3, dtype='<i4'), text=np.array(['ab', 'c']))
`,
        [dir],
      );
      const read = (name: string) => decodeNpy(readFileSync(join(dir, name)), name);
      expect(read('f2.npy')).toEqual({
        data: new Uint16Array([0x3c00, 0xc000, 0x3800, 0x7c00]),
        shape: [4],
        dtype: 'f2',
      });
      expect(read('c8.npy')).toEqual({
        data: new Float32Array([1, 2, -3, -4]),
        shape: [2],
        dtype: 'c8',
      });
      expect(read('c16be.npy')).toEqual({
        data: new Float64Array([0.5, 1, 2, -3]),
        shape: [2, 1],
        dtype: 'c16',
      });
      const iota = Int32Array.from({ length: 24 }, (_, i) => i);
      expect(read('fortran.npy')).toEqual({ data: iota, shape: [2, 3, 4], dtype: 'i4' });
      expect(read('zero-d.npy')).toEqual({ data: new Int16Array([7]), shape: [], dtype: 'i2' });
      expect(read('nd.npy')).toEqual({
        data: new Float64Array(iota),
        shape: [2, 3, 4],
        dtype: 'f8',
      });
      expectStowageError(() => read('structured.npy'), UnpackingError, 'NPY_UNSUPPORTED_DTYPE');
      const mixed = decodeNpz(readFileSync(join(dir, 'mixed.npz')), 'mixed');
      expect(Object.keys(mixed).sort()).toEqual(['good', 'text']);
      expect(mixed['good']).toEqual({ data: new Int32Array([0, 1, 2]), shape: [3], dtype: 'i4' });
      expectStowageError(() => mixed['text'], UnpackingError, 'NPY_UNSUPPORTED_DTYPE');
    });
  });

  describe('when Stowage writes float16, complex, 0-d and n-d arrays', () => {
    it('should be read by numpy with the same values and be byte-identical to np.save', () => {
      const write = (name: string, parts: Uint8Array[]) =>
        writeFileSync(join(dir, name), Buffer.concat(parts));
      write(
        'f2.npy',
        encodeNpy(new Uint16Array([0x3c00, 0xc000, 0x3800, 0x7c00]), { dtype: 'f2' }),
      );
      write('c8.npy', encodeNpy(new Float32Array([1, 2, -3, -4]), { dtype: 'c8' }));
      write(
        'c16.npy',
        encodeNpy(new Float64Array([0.5, 1, 2, -3]), { dtype: 'c16', shape: [2, 1] }),
      );
      write('zero-d.npy', encodeNpy(new Int16Array([7]), { shape: [] }));
      write(
        'nd.npy',
        encodeNpy(
          Float64Array.from({ length: 24 }, (_, i) => i),
          { shape: [2, 3, 4] },
        ),
      );
      const out = runPython(
        `
import numpy as np, sys, io
d = sys.argv[1]
cases = {
  'f2.npy': np.array([1, -2, 0.5, np.inf], dtype='<f2'),
  'c8.npy': np.array([1 + 2j, -3 - 4j], dtype='<c8'),
  'c16.npy': np.array([[0.5 + 1j], [2 - 3j]], dtype='<c16'),
  'zero-d.npy': np.array(7, dtype='<i2'),
  'nd.npy': np.arange(24, dtype='<f8').reshape(2, 3, 4),
}
bad = []
for name, exp in cases.items():
    got = np.load(d + '/' + name)
    if got.dtype != exp.dtype or got.shape != exp.shape or not np.array_equal(got, exp): bad.append(name + ': values')
    buf = io.BytesIO(); np.save(buf, exp)
    if buf.getvalue() != open(d + '/' + name, 'rb').read(): bad.append(name + ': bytes')
print(','.join(bad))
`,
        [dir],
      );
      expect(out.trim()).toBe('');
    });
  });
});
