import { type BenchCase, scaled } from '../bench-case';
import { machineThroughput } from '../baselines/machine-throughput';
import { makeFloat64Array } from '../baselines/npy-header';
import { interleave, ratioOutcome, timeMs, toMegabytesPerSecond } from '../harness';
import { findExports } from '../subjects/load';
import { NPY_BYTES } from './npy-fixture';

type Encode = (array: Float64Array, options?: object) => Uint8Array[];
type Decode = (bytes: Uint8Array) => { data: Float64Array };

/**
 * `npy_bigendian_read`: decoding a 128 MiB big-endian (`>f8`) `.npy` in memory (one copy, then
 * a native byte swap) vs copying the little-endian data into a fresh buffer (what reading a
 * misaligned little-endian file costs). Target: the swap costs at most about as much as the copy.
 */
export const npyBigendianRead: BenchCase = {
  id: 'npy_bigendian_read',
  title: 'decode a 128 MiB big-endian .npy (copy + byte swap) vs copying the little-endian data',
  target: { on: 'ratio', op: '>=', value: 0.5 },
  async run(ctx) {
    const found = findExports('@stowage/core', ['encodeNpy', 'decodeNpy']);
    if ('missing' in found) return { skipped: found.missing };
    const encodeNpy = found.exports['encodeNpy'] as Encode;
    const decodeNpy = found.exports['decodeNpy'] as Decode;
    const array = makeFloat64Array(scaled(NPY_BYTES, ctx.scale, 8));
    const little = Buffer.concat(encodeNpy(array));
    const big = Buffer.from(little);
    big.subarray(little.length - array.byteLength).swap64();
    big.write("'>f8'", big.indexOf("'<f8'"), 'latin1');
    const last = array[array.length - 1];
    const samples = await interleave(
      async () => {
        let got: Float64Array | undefined;
        const ms = await timeMs(() => {
          got = decodeNpy(big).data;
        });
        if (got?.[got.length - 1] !== last) throw new Error('big-endian decode gave wrong values');
        return ms;
      },
      async () => {
        let copy: Uint8Array | undefined;
        const ms = await timeMs(() => {
          copy = new Uint8Array(little.subarray(little.length - array.byteLength));
        });
        if (copy?.byteLength !== array.byteLength) throw new Error('copy has the wrong size');
        return ms;
      },
      ctx.plan,
    );
    const { memcpyMBps } = machineThroughput();
    return {
      ...ratioOutcome(samples, 'MB/s', {
        convert: (ms) => toMegabytesPerSecond(array.byteLength, ms),
      }),
      ratioMeaning: 'big-endian decode MB/s ÷ copy into a fresh buffer MB/s',
      bound: `memory: one copy (fresh pages, memcpy ${memcpyMBps.toFixed(0)} MB/s when paged in) plus one in-place swap pass; ratio ≈ 0.5–1`,
      notes: [`${(array.byteLength / 2 ** 20).toFixed(0)} MiB float64, in memory`],
    };
  },
};
