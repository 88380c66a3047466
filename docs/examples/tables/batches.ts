// #region batches
import { RecordBatch, Table, tableFromArrays } from 'apache-arrow';
import { DatasetArtifact, LocalStore, PackagersManager } from '@stowage/core';
// Importing @stowage/tables also registers RecordBatchStreamPackager.
import '@stowage/tables';

/** Batches made one at a time, as a reader of a big source would yield them. */
async function* readings(batches: number, rows: number): AsyncGenerator<RecordBatch> {
  for (let b = 0; b < batches; b++) {
    const at = Float64Array.from({ length: rows }, (_, i) => b * rows + i);
    const value = Float64Array.from(at, (t) => Math.sin(t / 100));
    const [batch] = tableFromArrays({ at, value }).batches;
    if (batch !== undefined) yield batch;
  }
}

export async function main(
  root: string,
): Promise<{ record: DatasetArtifact; batchRows: number[]; whole: Table }> {
  const manager = new PackagersManager({ store: new LocalStore({ root }) });

  // One Parquet file, written row group by row group as the batches come.
  const out = await manager.pack(readings(4, 1000), 'readings : dataset[rowGroupSize=2000]');
  if (out.kind !== 'artifact') throw new Error('a dataset is always stored as an artifact');
  const record = out.artifact as DatasetArtifact;
  console.log(record.rowCount, record.stats?.['value']);

  // Back as batches (bounded memory), or whole as a Table.
  const item = await manager.repository!.open(record.uri as string);
  const batchRows: number[] = [];
  for await (const batch of await manager.unpack<AsyncIterable<RecordBatch>>(item))
    batchRows.push(batch.numRows);
  const whole = await manager.unpack(item, Table);
  return { record, batchRows, whole };
}
// #endregion batches
