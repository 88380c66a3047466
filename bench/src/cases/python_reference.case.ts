import { join } from 'node:path';
import { type BenchCase, type CaseContext, type CaseOutcome, scaled } from '../bench-case';
import { hashBound } from '../baselines/machine-throughput';
import { makeFloat64Array } from '../baselines/npy-header';
import { PythonReference } from '../baselines/python-reference';
import { BenchRecord, makeRecords } from '../baselines/sample-records';
import { atLeast, interleave, ratioOutcome, timeMs, toMegabytesPerSecond } from '../harness';
import { fallbackCodec, localPacker } from '../subjects/stowage';
import { RECORDS, roundTrip } from './fallback_vs_v8.case';
import { NPY_BYTES } from './npy-fixture';

/**
 * `python_reference`: what a Python user would get for the same data: `np.save` + fsync beside
 * Stowage's `.npy` pack, and `pickle` beside the object fallback. Target (issue 24): Stowage's
 * `.npy` pack, hash and record included, at least as fast as `np.save` + fsync (ratio ≥ 1).
 *
 * @remarks
 * Python runs as one long-lived `python3` process timing each operation itself (around the
 * operation only); its repetitions are interleaved with Stowage's in this process.
 */
export const pythonReference: BenchCase = {
  id: 'python_reference',
  title: 'Stowage .npy pack vs np.save + fsync, and the fallback vs pickle (Python 3)',
  target: { on: 'ratio', op: '>=', value: 1 },
  async run(ctx) {
    const dir = await ctx.tempDir();
    const python = await PythonReference.create(dir);
    if (typeof python === 'string') return { skipped: python };
    try {
      return await compare(python, dir, ctx);
    } finally {
      python.close();
    }
  },
};

async function compare(
  python: PythonReference,
  dir: string,
  ctx: CaseContext,
): Promise<CaseOutcome> {
  const packer = await localPacker(join(dir, 'store'));
  if ('missing' in packer) return { skipped: packer.missing };
  const codec = fallbackCodec([BenchRecord]);
  if ('missing' in codec) return { skipped: codec.missing };

  const array = makeFloat64Array(scaled(NPY_BYTES, ctx.scale, 8));
  let rep = 0;
  const npy = await interleave(
    async () => {
      let ref: unknown;
      const ms = await timeMs(async () => {
        ref = await packer.pack(array, `npy-${++rep}`);
      });
      await packer.remove(ref);
      return ms;
    },
    () => python.npySave(array.byteLength, join(dir, 'numpy.npy')),
    atLeast(ctx.plan),
  );
  const count = Math.round(RECORDS * ctx.scale);
  const records = makeRecords(count);
  const pickle = await interleave(
    () => roundTrip(codec.encode, codec.decode, records, count, true),
    () => python.pickleRoundTrip(count),
    ctx.plan,
  );
  const figures = ratioOutcome(npy, 'MB/s', {
    convert: (ms) => toMegabytesPerSecond(array.byteLength, ms),
  });
  return {
    ...figures,
    ratioMeaning: 'Stowage .npy pack MB/s ÷ np.save+fsync MB/s (above 1: Stowage faster)',
    extra: [
      {
        id: 'pickle_vs_fallback',
        ...ratioOutcome(pickle, 'ms', { inverse: true }),
        ratioMeaning: 'pickle ms ÷ fallback ms (above 1: Stowage faster)',
      },
    ],
    bound: hashBound(figures.baseline.median),
    notes: [
      python.versions,
      `${(array.byteLength / 2 ** 20).toFixed(0)} MiB float64; ${count} records for pickle`,
    ],
  };
}
