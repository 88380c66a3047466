import { join } from 'node:path';
import { type BenchCase, scaled } from '../bench-case';
import { makeFloat64Array } from '../baselines/npy-header';
import { interleave, ratioOutcome, timeMs, toMegabytesPerSecond } from '../harness';
import { type StowagePacker, localPacker, s3Endpoint, s3Packer } from '../subjects/stowage';

/** Bytes moved each way per repetition (full run): 256 MiB. */
const BYTES = 256 * 2 ** 20;

/** Times packing `array` then unpacking it again; returns milliseconds for the round trip. */
async function roundTrip(packer: StowagePacker, array: Float64Array, key: string): Promise<number> {
  let ref: unknown;
  let back: unknown;
  const ms = await timeMs(async () => {
    ref = await packer.pack(array, key);
    back = await packer.unpack(ref, Float64Array);
  });
  if (!(back instanceof Float64Array) || back.length !== array.length) {
    throw new Error(`round trip through ${packer.url} returned the wrong value`);
  }
  await packer.remove(ref);
  return ms;
}

/**
 * `s3_vs_local`: a 256 MiB Float64Array packed and unpacked through the S3 store (Swift's s3api
 * on loopback) vs the local store. Reported, no target: no issue names one for
 * this comparison (issue 15's S3 target belongs to a new case beside the bare AWS SDK). Skipped
 * when the server is down.
 */
export const s3VsLocal: BenchCase = {
  id: 's3_vs_local',
  title: '256 MiB packed + unpacked through the S3 store on loopback vs the local store',
  async run(ctx) {
    const endpoint = await s3Endpoint();
    if (typeof endpoint !== 'string') return { skipped: endpoint.missing };
    const array = makeFloat64Array(scaled(BYTES, ctx.scale, 8));
    const s3 = await s3Packer(endpoint);
    if ('missing' in s3) return { skipped: s3.missing };
    const local = await localPacker(join(await ctx.tempDir(), 'store'));
    try {
      if ('missing' in local) return { skipped: local.missing };
      let rep = 0;
      const samples = await interleave(
        () => roundTrip(s3, array, `s3-${++rep}`),
        () => roundTrip(local, array, `local-${rep}`),
        ctx.plan,
      );
      const bytes = 2 * array.byteLength;
      return {
        ...ratioOutcome(samples, 'MB/s', { convert: (ms) => toMegabytesPerSecond(bytes, ms) }),
        ratioMeaning: 'S3 store round-trip MB/s ÷ local store round-trip MB/s',
        notes: [
          `${(array.byteLength / 2 ** 20).toFixed(0)} MiB packed then unpacked; MB/s counts both ways`,
          `S3 endpoint ${endpoint} (Swift s3api, one proxy worker, loopback)`,
          ...s3.notes,
        ],
      };
    } finally {
      await s3.close();
      if (!('missing' in local)) await local.close();
    }
  },
};
