import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchCase } from '../bench-case';
import { hashBound } from '../baselines/machine-throughput';
import { readWhole, writeAndSync } from '../baselines/raw-io';
import { atLeast, interleave, ratioOutcome, timeMs, toMegabytesPerSecond } from '../harness';
import { npyFixture } from './npy-fixture';

/**
 * `npy_unpack_vs_raw_read`: unpacking the `.npy` artifact (sha256 verified) into a
 * Float64Array vs a bare `readFile` of the same bytes. Both files are in the page cache.
 */
export const npyUnpackVsRawRead: BenchCase = {
  id: 'npy_unpack_vs_raw_read',
  title: 'unpack the 128 MiB .npy artifact (hash verified) vs bare readFile',
  target: { on: 'ratio', op: '>=', value: 0.9 },
  async run(ctx) {
    const fixture = await npyFixture(ctx);
    if ('skipped' in fixture) return fixture;
    const { array, header, bytes, dir, packer } = fixture;
    const ref = await packer.pack(array, 'npy');
    const rawFile = join(dir, 'raw.npy');
    await writeAndSync(rawFile, [header, new Uint8Array(array.buffer)]);
    const last = array[array.length - 1];
    const unpackOnce = async (): Promise<number> => {
      let value: unknown;
      const ms = await timeMs(async () => {
        value = await packer.unpack(ref, Float64Array);
      });
      if (!(value instanceof Float64Array) || value[value.length - 1] !== last) {
        throw new Error('unpacked value is not the packed Float64Array');
      }
      return ms;
    };
    const rawRead = (read: (path: string) => Promise<Buffer>) => async (): Promise<number> => {
      let buffer: Buffer | undefined;
      const ms = await timeMs(async () => {
        buffer = await read(rawFile);
      });
      if (buffer?.byteLength !== bytes) throw new Error('raw read returned the wrong size');
      return ms;
    };
    const samples = await interleave(
      unpackOnce,
      rawRead((path) => readFile(path)),
      atLeast(ctx.plan),
    );
    const oneCall = await interleave(unpackOnce, rawRead(readWhole), atLeast(ctx.plan));
    const mbps = { convert: (ms: readonly number[]) => toMegabytesPerSecond(bytes, ms) };
    const figures = ratioOutcome(samples, 'MB/s', mbps);
    return {
      ...figures,
      ratioMeaning: 'Stowage unpack MB/s ÷ bare readFile MB/s',
      extra: [
        {
          id: 'vs_single_read_call',
          ...ratioOutcome(oneCall, 'MB/s', mbps),
          ratioMeaning: 'Stowage unpack MB/s ÷ one read() call into a buffer of the file size',
        },
      ],
      bound: hashBound(figures.baseline.median),
      notes: [`${(bytes / 2 ** 20).toFixed(1)} MiB per repetition, files in the page cache`],
    };
  },
};
