import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Table, tableToIPC } from 'apache-arrow';
import type { BenchCase } from '../bench-case';
import { interleave, timeMs } from '../harness';
import { bareArrowRead, openPacked, tableFixture, secondsOutcome } from './table-fixture';

/**
 * `arrow_ipc_read_1m_rows_s`: unpacking a 1,000,000-row Arrow IPC dataset into an Arrow table
 * (hash check included) vs reading the file and apache-arrow's `tableFromIPC`.
 */
export const arrowIpcRead1mRowsS: BenchCase = {
  id: 'arrow_ipc_read_1m_rows_s',
  title: '1M-row Arrow IPC dataset unpacked to an Arrow Table vs bare file read + tableFromIPC',
  target: { on: 'ratio', op: '<=', value: 1.1 },
  async run(ctx) {
    const { table, rows, dir, manager } = await tableFixture(ctx);
    const item = await openPacked(
      manager,
      await manager.pack(table, 'ipc : dataset[format=arrow]'),
    );
    const file = join(dir, 'bare.arrow');
    await writeFile(file, tableToIPC(table, 'file'));
    const samples = await interleave(
      () => timeMs(() => manager.unpack(item, Table)),
      () => timeMs(() => bareArrowRead(file)),
      ctx.plan,
    );
    return secondsOutcome(samples, 'Stowage unpack seconds ÷ bare read seconds', [
      `${rows} rows × 5 columns, uncompressed Arrow IPC file`,
    ]);
  },
};
