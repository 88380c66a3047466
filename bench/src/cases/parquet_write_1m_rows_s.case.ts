import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackedOutput } from '@stowage/core';
import type { BenchCase } from '../bench-case';
import { interleave, timeMs } from '../harness';
import {
  bareParquetWrite,
  cpuNote,
  cpuSecondsSince,
  removePacked,
  tableFixture,
  secondsOutcome,
} from './table-fixture';

/**
 * `parquet_write_1m_rows_s`: packing a 1,000,000-row × 5-column Arrow table as a Parquet dataset
 * (snappy) on the local store — stats, preview, row-group footer, hashing and the atomic write
 * included — vs parquet-wasm's `writeParquet` of the same table plus a plain file write.
 */
export const parquetWrite1mRowsS: BenchCase = {
  id: 'parquet_write_1m_rows_s',
  title: '1M-row Arrow table packed as Parquet (stats on) vs bare parquet-wasm write + file',
  target: { on: 'ratio', op: '<=', value: 1.2 },
  async run(ctx) {
    const { table, rows, dir, manager, store } = await tableFixture(ctx);
    let rep = 0;
    const cpu: Record<'stowage' | 'baseline', number[]> = { stowage: [], baseline: [] };
    const samples = await interleave(
      async () => {
        rep += 1;
        let out: PackedOutput | undefined;
        const start = process.cpuUsage();
        const ms = await timeMs(async () => {
          out = await manager.pack(table, `parquet-${rep} : dataset`);
        });
        cpu.stowage.push(cpuSecondsSince(start));
        if (out !== undefined) await removePacked(store, out);
        return ms;
      },
      async () => {
        const file = join(dir, `bare-${rep}.parquet`);
        const start = process.cpuUsage();
        const ms = await timeMs(() => bareParquetWrite(table, file));
        cpu.baseline.push(cpuSecondsSince(start));
        await rm(file);
        return ms;
      },
      ctx.plan,
    );
    return secondsOutcome(samples, 'Stowage pack seconds ÷ bare write seconds', [
      `${rows} rows × 5 columns (int64, float64, utf8, bool, timestamp), snappy`,
      cpuNote(cpu.stowage, cpu.baseline, ctx.plan.reps),
    ]);
  },
};
