import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchCase } from '../bench-case';
import { hashBound } from '../baselines/machine-throughput';
import { writeAndSync } from '../baselines/raw-io';
import { atLeast, interleave, ratioOutcome, timeMs, toMegabytesPerSecond } from '../harness';
import { npzFixture } from './npz-fixture';

/**
 * `npz_pack_vs_raw_write` and its unpack twin: a record of four Float64Arrays (128 MiB in all)
 * packed as `.npz` on the local store vs a bare vectored write + fsync of the same arrays; then
 * unpacked (hash verified) vs a bare `readFile` of a file of the same size.
 */
export const npzPackVsRawWrite: BenchCase = {
  id: 'npz_pack_vs_raw_write',
  title:
    'record of 4 Float64Arrays (128 MiB) packed to .npz vs bare write + fsync; unpack vs readFile',
  target: { on: 'ratio', op: '>=', value: 0.95 },
  async run(ctx) {
    const fixture = await npzFixture(ctx);
    if ('skipped' in fixture) return fixture;
    const { record, bytes, dir, packer } = fixture;
    const views = Object.values(record).map((a) => new Uint8Array(a.buffer));
    let rep = 0;
    // Each repetition packs other bytes (one value changed, outside the clock), as the bare side
    // writes a new file: bytes the store already holds would measure the dedup path instead.
    const a0 = record['a0'] as Float64Array;
    const first = a0[0] as number;
    const pack = await interleave(
      async () => {
        rep += 1;
        a0[0] = first + rep;
        let ref: unknown;
        const ms = await timeMs(async () => {
          ref = await packer.pack(record, `npz-${rep}`);
        });
        await packer.remove(ref);
        return ms;
      },
      async () => {
        const file = join(dir, `raw-${rep}.bin`);
        const ms = await timeMs(() => writeAndSync(file, views));
        await rm(file);
        return ms;
      },
      atLeast(ctx.plan),
    );
    a0[0] = first;
    const ref = await packer.pack(record, 'npz');
    const rawFile = join(dir, 'raw.bin');
    await writeAndSync(rawFile, views);
    const last = record['a3']?.[record['a3'].length - 1];
    const unpack = await interleave(
      async () => {
        let value: unknown;
        const ms = await timeMs(async () => {
          value = await packer.unpack(ref, Object);
        });
        const a3 = (value as Record<string, Float64Array>)['a3'];
        if (a3?.[a3.length - 1] !== last) throw new Error('unpacked record is not the packed one');
        return ms;
      },
      async () => {
        let buffer: Buffer | undefined;
        const ms = await timeMs(async () => {
          buffer = await readFile(rawFile);
        });
        if (buffer?.byteLength !== bytes) throw new Error('raw read returned the wrong size');
        return ms;
      },
      atLeast(ctx.plan),
    );
    const mbps = { convert: (ms: readonly number[]) => toMegabytesPerSecond(bytes, ms) };
    const figures = ratioOutcome(pack, 'MB/s', mbps);
    const unpacked = ratioOutcome(unpack, 'MB/s', mbps);
    return {
      ...figures,
      ratioMeaning: 'Stowage .npz pack MB/s ÷ bare write+fsync MB/s',
      extra: [
        {
          id: 'npz_unpack_vs_raw_read',
          ...unpacked,
          ratioMeaning:
            'Stowage .npz unpack MB/s (hash verified) ÷ bare readFile MB/s; target ≥ 0.9',
        },
      ],
      bound: `pack: ${hashBound(figures.baseline.median)}; unpack: ${hashBound(unpacked.baseline.median)}`,
      notes: [`${(bytes / 2 ** 20).toFixed(0)} MiB in 4 arrays per repetition`, ...packer.notes],
    };
  },
};
