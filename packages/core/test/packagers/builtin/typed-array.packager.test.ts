import 'reflect-metadata';
import { zipSync } from 'fflate';
import { Artifact } from '../../../src/artifacts/artifact';
import { UnpackingError } from '../../../src/errors/unpacking.error';
import { decodeNpy, encodeNpy } from '../../../src/formats/npy.format';
import { encodeNpyHeader } from '../../../src/formats/npy-header';
import type { PackedArtifact } from '../../../src/manager/packed-output';
import { expectStowageError } from '../../helpers/expect-stowage-error';
import { builtinManager } from './helpers/builtin-manager';

/** Packs `value` under `hint`, then reads back the stored bytes and the unpacked value. */
async function packed(value: unknown, hint: string, type: new (...a: never[]) => unknown) {
  const { manager, repository } = builtinManager();
  const out = (await manager.pack(value, hint)) as PackedArtifact;
  const item = await repository.open(out.artifact.uri as string);
  return { out, bytes: await item.get(), back: await manager.unpack(item, type) };
}

describe('TypedArrayPackager', () => {
  describe('when the hint gives a shape as the docs write it', () => {
    it.each(['w : file[shape=2,3]', 'w : file[shape=[2, 3]]', 'w : file[shape="2,3"]'])(
      'should store %s as a 2x3 .npy and read the six values back',
      async (hint) => {
        const value = new Float32Array([1, 2, 3, 4, 5, 6]);
        const { out, bytes, back } = await packed(value, hint, Float32Array);
        expect(out.artifact.packaging?.instructions).toMatchObject({
          format: 'npy',
          dtype: 'f4',
          shape: [2, 3],
        });
        expect(decodeNpy(bytes).shape).toEqual([2, 3]);
        expect(back).toEqual(value);
      },
    );
  });

  describe('when the hint asks for complex or float16', () => {
    it('should write the numpy dtype and read the same lanes back', async () => {
      const c = new Float64Array([1, 2, 3, 4]);
      const complex = await packed(c, 'z : file[dtype=c16]', Float64Array);
      expect(decodeNpy(complex.bytes)).toMatchObject({ dtype: 'c16', shape: [2] });
      expect(complex.back).toEqual(c);
      const h = new Uint16Array([0x3c00, 0x7c00]);
      const half = await packed(h, 'h : file[dtype=f2, shape=2,1]', Uint16Array);
      expect(decodeNpy(half.bytes)).toMatchObject({ dtype: 'f2', shape: [2, 1] });
      expect(half.out.artifact.packaging?.instructions).toMatchObject({
        dtype: 'f2',
        arrayType: 'Uint16Array',
      });
      expect(half.back).toEqual(h);
    });
  });

  describe('when an .npz written elsewhere holds one entry of an unsupported dtype', () => {
    it('should read the other entries and throw NPY_UNSUPPORTED_DTYPE only for that one', async () => {
      const text = Buffer.concat([
        encodeNpyHeader({ descr: '<U2', fortranOrder: false, shape: [1] }),
        Buffer.alloc(8),
      ]);
      const npz = zipSync(
        {
          'good.npy': Buffer.concat(encodeNpy(new Int32Array([1, 2]))),
          'text.npy': text,
        },
        { level: 0 },
      );
      const { manager, repository } = builtinManager();
      const logged = await repository.log(new Artifact({ key: 'z', body: npz, fileName: 'z.npz' }));
      const back = (await manager.unpack(
        await repository.open(logged.uri as string),
        Object,
      )) as Record<string, unknown>;
      expect(Object.keys(back)).toEqual(['good', 'text']);
      expect(back['good']).toEqual(new Int32Array([1, 2]));
      const error = expectStowageError(() => back['text'], UnpackingError, 'NPY_UNSUPPORTED_DTYPE');
      expect(error.message).toContain('text.npy');
    });
  });
});
