import { Table } from 'apache-arrow';
import type { BenchCase } from '../bench-case';
import { interleave, timeMs } from '../harness';
import {
  bareParquetRead,
  bareParquetWrite,
  openPacked,
  tableFixture,
  secondsOutcome,
} from './table-fixture';
import { join } from 'node:path';

/**
 * `parquet_read_1m_rows_s`: unpacking a 1,000,000-row Parquet dataset into an Arrow table
 * (hash check included) vs reading the same-sized file and parquet-wasm's `readParquet`.
 */
export const parquetRead1mRowsS: BenchCase = {
  id: 'parquet_read_1m_rows_s',
  title: '1M-row Parquet dataset unpacked to an Arrow Table vs bare file read + parquet-wasm',
  target: { on: 'ratio', op: '<=', value: 1.1 },
  async run(ctx) {
    const { table, rows, dir, manager } = await tableFixture(ctx);
    const item = await openPacked(manager, await manager.pack(table, 'read : dataset'));
    const file = join(dir, 'bare.parquet');
    await bareParquetWrite(table, file);
    const samples = await interleave(
      () => timeMs(() => manager.unpack(item, Table)),
      () => timeMs(() => bareParquetRead(file)),
      ctx.plan,
    );
    return secondsOutcome(samples, 'Stowage unpack seconds ÷ bare read seconds', [
      `${rows} rows × 5 columns, snappy`,
    ]);
  },
};
