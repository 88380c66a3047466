import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type BenchCase, scaled } from '../bench-case';
import { runChild } from './child-run';
import { hashBound } from '../baselines/machine-throughput';
import { interleave, ratioOutcome, toMegabytesPerSecond } from '../harness';
import { localPacker } from '../subjects/stowage';
import type { BigChildResult, BigMode } from './npy-big.child';

/** Array size (full run): 1 GiB. */
const BIG_BYTES = 2 ** 30;

const runBigChild = (mode: BigMode, bytes: number, dir: string): Promise<BigChildResult> =>
  runChild<BigChildResult>('npy-big.child.js', [mode, String(bytes), dir]);

/**
 * `npy_1gib`: a 1 GiB Float64Array packed to `.npy` (fresh child process) vs a bare write + fsync,
 * then unpacked (hash verified) vs a bare `readFile`; each child reports its time and its peak
 * RSS, which must stay within 1.1× the array while packing and 1.2× while unpacking.
 */
export const npy1Gib: BenchCase = {
  id: 'npy_1gib',
  title:
    '1 GiB Float64Array: pack vs write + fsync, unpack vs readFile, peak RSS ÷ array (children)',
  target: { on: 'ratio', op: '>=', value: 0.95 },
  async run(ctx) {
    const bytes = scaled(BIG_BYTES, ctx.scale, 8);
    const probe = await localPacker(join(await ctx.tempDir(), 'probe'));
    if ('missing' in probe) return { skipped: probe.missing };
    const second = { stowage: [] as BigChildResult[], baseline: [] as BigChildResult[] };
    const first = { stowage: [] as BigChildResult[], baseline: [] as BigChildResult[] };
    const pair = async (side: 'stowage' | 'baseline'): Promise<number> => {
      const dir = await ctx.tempDir();
      try {
        const written = await runBigChild(side === 'stowage' ? 'pack' : 'write', bytes, dir);
        const read = await runBigChild(side === 'stowage' ? 'unpack' : 'read', bytes, dir);
        first[side].push(written);
        second[side].push(read);
        return written.ms;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    };
    const samples = await interleave(
      () => pair('stowage'),
      () => pair('baseline'),
      ctx.plan,
    );
    const last = <T>(list: T[]): T[] => list.slice(-ctx.plan.reps);
    const ms = (list: BigChildResult[]): number[] => last(list).map((r) => r.ms);
    const peaks = (list: BigChildResult[]): number[] => last(list).map((r) => r.peakBytes);
    const mbps = { convert: (values: readonly number[]) => toMegabytesPerSecond(bytes, values) };
    const perArray = { convert: (values: readonly number[]) => values.map((v) => v / bytes) };
    const figures = ratioOutcome(samples, 'MB/s', mbps);
    const unpack = ratioOutcome(
      { stowage: ms(second.stowage), baseline: ms(second.baseline) },
      'MB/s',
      mbps,
    );
    return {
      ...figures,
      ratioMeaning: 'Stowage 1 GiB pack MB/s ÷ bare write+fsync MB/s',
      extra: [
        {
          id: 'unpack_vs_read',
          ...unpack,
          ratioMeaning: 'Stowage 1 GiB unpack MB/s ÷ readFile MB/s; target ≥ 0.9',
        },
        {
          id: 'pack_peak_rss',
          ...ratioOutcome(
            { stowage: peaks(first.stowage), baseline: peaks(first.baseline) },
            '× array',
            perArray,
          ),
          ratioMeaning: 'peak RSS ÷ array, pack vs bare write; target: Stowage ≤ 1.1',
        },
        {
          id: 'unpack_peak_rss',
          ...ratioOutcome(
            { stowage: peaks(second.stowage), baseline: peaks(second.baseline) },
            '× array',
            perArray,
          ),
          ratioMeaning: 'peak RSS ÷ array, unpack vs readFile; target: Stowage ≤ 1.2',
        },
      ],
      bound: `pack: ${hashBound(figures.baseline.median)}; unpack: ${hashBound(unpack.baseline.median)}`,
      notes: [`${(bytes / 2 ** 20).toFixed(0)} MiB float64, each step in a fresh child process`],
    };
  },
};
