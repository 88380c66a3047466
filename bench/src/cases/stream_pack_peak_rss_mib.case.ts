import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type BenchCase, scaled } from '../bench-case';
import { runChild } from './child-run';
import { interleave, ratioOutcome, summarize } from '../harness';
import { localPacker } from '../subjects/stowage';
import type { StreamChildResult } from './stream-pack.child';

/** Stream size (full run): 2 GiB. */
const STREAM_BYTES = 2 * 2 ** 30;

/** Runs one child and returns what it reported. */
const runPackChild = (
  mode: 'stowage' | 'baseline',
  bytes: number,
  dir: string,
): Promise<StreamChildResult> =>
  runChild<StreamChildResult>('stream-pack.child.js', [mode, String(bytes), dir]);

/**
 * `stream_pack_peak_rss_mib`: peak RSS growth while packing a 2 GiB stream into the local store,
 * vs a bare `pipeline(stream, createWriteStream)` + fsync, each in a fresh child process whose RSS
 * is sampled every 5 ms.
 */
export const streamPackPeakRssMib: BenchCase = {
  id: 'stream_pack_peak_rss_mib',
  title: 'peak RSS growth while packing a 2 GiB stream vs pipeline to a file (child process)',
  target: { on: 'stowage', op: '<=', value: 128 },
  async run(ctx) {
    const bytes = scaled(STREAM_BYTES, ctx.scale, 2 ** 20);
    const probe = await localPacker(join(await ctx.tempDir(), 'probe'));
    if ('missing' in probe) return { skipped: probe.missing };
    const times: Record<'stowage' | 'baseline', number[]> = { stowage: [], baseline: [] };
    const once = async (mode: 'stowage' | 'baseline'): Promise<number> => {
      const dir = await ctx.tempDir();
      try {
        const result = await runPackChild(mode, bytes, dir);
        times[mode].push(result.ms);
        return result.peakGrowthMiB;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    };
    const samples = await interleave(
      () => once('stowage'),
      () => once('baseline'),
      ctx.plan,
    );
    const mbps = (ms: number[]): string =>
      `${(bytes / 1e6 / (summarize(ms.slice(-ctx.plan.reps), 'ms').median / 1e3)).toFixed(0)} MB/s`;
    return {
      ...ratioOutcome(samples, 'MiB'),
      ratioMeaning: 'Stowage peak RSS growth ÷ pipeline-to-file peak RSS growth',
      notes: [
        `${(bytes / 2 ** 20).toFixed(0)} MiB stream in fresh 64 KiB chunks; RSS sampled every 5 ms`,
        `throughput (median): stowage ${mbps(times.stowage)}, baseline ${mbps(times.baseline)}`,
      ],
    };
  },
};
