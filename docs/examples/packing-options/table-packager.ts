// Packing options: a dataset pack method whose format, header, compression and columns the log
// hint may set.
// #region options
import { Artifact, Option, Pack, Packager, type PackOutput } from '@stowage/core';
import { Table } from './table';

export class TableFileOptions {
  @Option({ allowed: ['csv', 'json', 'parquet'], description: 'File format' })
  format = 'csv';

  @Option({ description: 'Write a header row (csv only)' })
  header = true;

  @Option()
  compressionLevel = 6;

  @Option({ itemType: String, description: 'Columns to keep; all when empty' })
  columns: string[] = [];
}

@Packager({ type: Table })
export class TablePackager {
  @Pack('dataset', { options: TableFileOptions })
  packDataset(table: Table, key: string, options: TableFileOptions): PackOutput {
    const kept = table.select(options.columns);
    const text = options.format === 'json' ? kept.toJson() : kept.toCsv(options.header);
    return {
      artifact: new Artifact({
        key,
        body: Buffer.from(text),
        fileName: `${key}.${options.format}`,
      }),
      instructions: { format: options.format, compressionLevel: options.compressionLevel },
    };
  }
}
// #endregion
