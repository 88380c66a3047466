import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchCase } from '../bench-case';
import { hashBound } from '../baselines/machine-throughput';
import { writeAndSync } from '../baselines/raw-io';
import { atLeast, interleave, ratioOutcome, timeMs, toMegabytesPerSecond } from '../harness';
import { npyFixture } from './npy-fixture';

/**
 * `npy_pack_vs_raw_write`: packing a 128 MiB Float64Array to `.npy` on the local store
 * (hashing, temp + fsync + rename, and the record included) vs a bare vectored write + fsync of
 * the same bytes.
 */
export const npyPackVsRawWrite: BenchCase = {
  id: 'npy_pack_vs_raw_write',
  title: '128 MiB Float64Array packed to .npy on the local store vs bare write + fsync',
  target: { on: 'ratio', op: '>=', value: 0.95 },
  async run(ctx) {
    const fixture = await npyFixture(ctx);
    if ('skipped' in fixture) return fixture;
    const { array, header, bytes, dir, packer } = fixture;
    const view = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    let rep = 0;
    // Each repetition packs other bytes (one value changed, outside the clock), as the bare side
    // writes a new file: bytes the store already holds would measure the dedup path instead.
    const first = array[0] as number;
    const samples = await interleave(
      async () => {
        rep += 1;
        array[0] = first + rep;
        let ref: unknown;
        const ms = await timeMs(async () => {
          ref = await packer.pack(array, `npy-${rep}`);
        });
        await packer.remove(ref);
        return ms;
      },
      async () => {
        const file = join(dir, `raw-${rep}.npy`);
        const ms = await timeMs(() => writeAndSync(file, [header, view]));
        await rm(file);
        return ms;
      },
      atLeast(ctx.plan),
    );
    array[0] = first;
    const figures = ratioOutcome(samples, 'MB/s', {
      convert: (ms) => toMegabytesPerSecond(bytes, ms),
    });
    return {
      ...figures,
      ratioMeaning: 'Stowage pack MB/s ÷ bare write+fsync MB/s',
      bound: hashBound(figures.baseline.median),
      notes: [`${(bytes / 2 ** 20).toFixed(1)} MiB per repetition`, ...packer.notes],
    };
  },
};
