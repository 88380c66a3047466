import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeNpy, encodeNpy } from '../../src/formats/npy.format';
import { decodeNpz, encodeNpz } from '../../src/formats/npz.format';
import {
  dtypeInfo,
  NPY_DTYPES,
  type NpyDtype,
  type NumericArray,
} from '../../src/formats/npy-dtype';
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
        [dir, ...NPY_DTYPES],
      );
      for (const d of NPY_DTYPES) {
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
      for (const d of NPY_DTYPES) {
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
        [dir, ...NPY_DTYPES],
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
np.savez_compressed(sys.argv[1] + '/py.npz', x=np.arange(3, dtype='<u2'), y=np.array([True]))
`,
        [dir],
      );
      const back = decodeNpz(readFileSync(join(dir, 'py.npz')));
      expect(back['x']).toEqual({ data: new Uint16Array([0, 1, 2]), shape: [3], dtype: 'u2' });
      expect(back['y']).toEqual({ data: new Uint8Array([1]), shape: [1], dtype: 'b1' });
    });
  });
});
