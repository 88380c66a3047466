import { join } from 'node:path';
import { type BenchCase, scaled } from '../bench-case';
import { runChild } from './child-run';
import { interleave, ratioOutcome, summarize } from '../harness';
import type { ParquetStreamChildResult } from './parquet-stream.child';

/** Parquet file size of the full run: 2 GiB. */
const FILE_BYTES = 2 * 2 ** 30;
/** Bytes a generated row takes in Parquet (snappy cannot shrink the noisy doubles): measured. */
const PARQUET_BYTES_PER_ROW = 41.5;

/** Runs one child and returns what it reported. */
const runStreamChild = (
  mode: string,
  root: string,
  arg: string,
): Promise<ParquetStreamChildResult> =>
  runChild<ParquetStreamChildResult>('parquet-stream.child.js', [mode, root, arg]);

/**
 * `parquet_stream_read_peak_rss_mib`: peak RSS growth while a 2 GiB Parquet dataset (packed from a
 * stream of record batches, itself measured) is read back as a stream of batches with
 * `streamRecordBatches` (sha256 check of the file, then parquet-wasm's row-group stream), vs
 * parquet-wasm's own `ParquetFile.stream` on the same file, each in a fresh child process.
 */
export const parquetStreamReadPeakRssMib: BenchCase = {
  id: 'parquet_stream_read_peak_rss_mib',
  title: 'peak RSS growth reading a 2 GiB Parquet dataset as batches vs bare parquet-wasm stream',
  target: { on: 'stowage', op: '<=', value: 192 },
  async run(ctx) {
    const bytes = scaled(FILE_BYTES, ctx.scale, 2 ** 20);
    const rows = Math.round(bytes / PARQUET_BYTES_PER_ROW);
    const root = join(await ctx.tempDir(), 'store');
    ctx.log(
      `packing ${rows} rows from a stream of batches (about ${(bytes / 2 ** 20).toFixed(0)} MiB of Parquet)`,
    );
    const made = await runStreamChild('make', root, String(rows));
    const times: Record<'stowage' | 'baseline', number[]> = { stowage: [], baseline: [] };
    const once = async (mode: 'stowage' | 'baseline'): Promise<number> => {
      const result = await runStreamChild(mode, root, mode === 'stowage' ? made.uri! : made.path!);
      if (result.rows !== rows) throw new Error(`${mode} read ${result.rows} of ${rows} rows`);
      times[mode].push(result.ms);
      return result.peakGrowthMiB;
    };
    const samples = await interleave(
      () => once('stowage'),
      () => once('baseline'),
      ctx.plan,
    );
    const seconds = (ms: number[]): string =>
      `${(summarize(ms.slice(-ctx.plan.reps), 'ms').median / 1e3).toFixed(1)} s`;
    return {
      ...ratioOutcome(samples, 'MiB'),
      ratioMeaning: 'Stowage peak RSS growth ÷ bare parquet-wasm stream peak RSS growth',
      notes: [
        `${rows} rows × 5 columns (4 noisy float64, int64), snappy, 131,072-row groups, ${((made.bytes ?? 0) / 2 ** 20).toFixed(0)} MiB file; batches of 65,536 rows`,
        `packing it from a stream of 65,536-row batches: peak RSS growth ${made.peakGrowthMiB.toFixed(0)} MiB (documented bound 256 MiB), ${(made.ms / 1e3).toFixed(1)} s`,
        `read time (median): stowage ${seconds(times.stowage)} (includes the sha256 pass), baseline ${seconds(times.baseline)}`,
      ],
    };
  },
};
