// #region records
import { DatasetArtifact, LocalStore, PackagersManager } from '@stowage/core';
// Importing @stowage/tables also registers RecordsDatasetPackager for arrays on `dataset`.
import '@stowage/tables';

export async function main(
  root: string,
): Promise<{ record: DatasetArtifact; back: unknown; explained: string }> {
  const manager = new PackagersManager({ store: new LocalStore({ root }) });
  const rows = [
    { id: 1n, score: 0.5, team: 'red', seen: new Date('2026-01-02T03:04:05Z'), note: null },
    { id: 2n, score: -0, team: 'blue', seen: new Date('2026-01-03T00:00:00Z'), note: 'late' },
    { id: 3n, score: NaN, team: 'red', seen: null, note: null },
  ];

  // Same option set as core's datasets (format, previewRows, stats) plus the table options.
  const out = await manager.pack(rows, 'scores : dataset[format=parquet, compression=zstd]');
  if (out.kind !== 'artifact') throw new Error('a dataset is always stored as an artifact');
  const record = out.artifact as DatasetArtifact;
  console.log(record.schema, record.stats);

  // Back as the same records: bigints, -0, NaN, Dates and nulls as they were logged.
  const item = await manager.repository!.open(record.uri as string);
  const back = await manager.unpack(item, Array);

  // Why this packager: it outranks core's stowage.array for `dataset` (priority 4 beats 5).
  const explained = manager.explain(rows, 'scores : dataset[format=parquet]').text;
  return { record, back, explained };
}
// #endregion
