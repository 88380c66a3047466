import type { PackedOutput } from '@stowage/core';
import type { BenchCase } from '../bench-case';
import { interleave, timeMs } from '../harness';
import {
  cpuNote,
  cpuSecondsSince,
  removePacked,
  tableFixture,
  secondsOutcome,
} from './table-fixture';

/**
 * `dataset_stats_overhead`: the same 1,000,000-row Parquet dataset pack with stats on vs off
 * (`stats=false`): what computing per-column statistics costs.
 */
export const datasetStatsOverhead: BenchCase = {
  id: 'dataset_stats_overhead',
  title: '1M-row Arrow table packed as Parquet with stats vs stats=false',
  target: { on: 'ratio', op: '<=', value: 1.15 },
  async run(ctx) {
    const { table, rows, manager, store } = await tableFixture(ctx);
    let rep = 0;
    const cpu: Record<string, number[]> = {};
    const pack = async (hint: string): Promise<number> => {
      rep += 1;
      let out: PackedOutput | undefined;
      const start = process.cpuUsage();
      const ms = await timeMs(async () => {
        out = await manager.pack(table, `stats-${rep}${hint}`);
      });
      (cpu[hint] ??= []).push(cpuSecondsSince(start));
      if (out !== undefined) await removePacked(store, out);
      return ms;
    };
    const samples = await interleave(
      () => pack(' : dataset'),
      () => pack(' : dataset[stats=false]'),
      ctx.plan,
    );
    return secondsOutcome(samples, 'pack seconds with stats ÷ pack seconds with stats=false', [
      `${rows} rows × 5 columns, snappy`,
      cpuNote(cpu[' : dataset'] ?? [], cpu[' : dataset[stats=false]'] ?? [], ctx.plan.reps),
    ]);
  },
};
