// #region pack
import { Table, tableFromArrays } from 'apache-arrow';
import { DatasetArtifact, LocalStore, PackagersManager } from '@stowage/core';
// Importing @stowage/tables registers its packager for apache-arrow's Table.
import { unpackTable } from '@stowage/tables';

export async function main(
  root: string,
): Promise<{ record: DatasetArtifact; back: Table; scoresOnly: Table }> {
  const manager = new PackagersManager({ store: new LocalStore({ root }) });
  const scores = tableFromArrays({
    id: Int32Array.from([1, 2, 3, 4]),
    score: Float64Array.from([0.5, 0.75, NaN, 0.9]),
    team: ['red', 'blue', 'red', 'red'],
  });

  // A dataset by default, stored as Parquet (snappy); here zstd and 2 rows per row group.
  const out = await manager.pack(scores, 'scores : dataset[compression=zstd, rowGroupSize=2]');
  if (out.kind !== 'artifact') throw new Error('a table is always stored as an artifact');
  const record = out.artifact as DatasetArtifact;
  console.log(record.schema, record.rowCount, record.preview, record.stats);

  // Back as an apache-arrow Table, every column; or only some columns.
  const item = await manager.repository!.open(record.uri as string);
  const back = await manager.unpack(item, Table);
  const scoresOnly = await unpackTable(item, { columns: ['score'] });
  return { record, back, scoresOnly };
}
// #endregion
