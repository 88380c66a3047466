import { Table } from 'apache-arrow';
import {
  Pack,
  Packager,
  Unpack,
  type DataItem,
  type Instructions,
  type PackOutput,
} from '@stowage/core';
import { packTable } from './pack-table';
import { isStoredTableFormat } from './table-format';
import { readTable } from './table-io';
import { TableDatasetOptions, TableFileOptions } from './table-options';
import { TABLES_PACKAGE_VERSIONS } from './package-versions';

async function unpack(item: DataItem, instructions: Instructions): Promise<Table> {
  const recorded = instructions['format'] ?? item.meta?.format;
  return readTable(await item.get(), {
    ...(isStoredTableFormat(recorded) ? { format: recorded } : {}),
    where: `"${item.key}"`,
  });
}

/**
 * Packs apache-arrow `Table`s as Parquet (default) or Arrow IPC files, and unpacks them (or any
 * Parquet, Arrow IPC file or stream) back into a `Table` with the same schema and values.
 *
 * @remarks
 * Registered by importing `@stowage/tables`. Artifact types: `dataset` (default: a
 * `DatasetArtifact` whose record holds the schema, row count, preview and per-column stats) and
 * `file` (the same bytes, a plain artifact). Priority 4, so a packager of your own for `Table`
 * (default priority 3) wins. See `docs/tables.md`.
 *
 * @example
 * ```ts
 * import '@stowage/tables';
 * await manager.pack(table, 'scores : dataset[compression=zstd, rowGroupSize=65536]');
 * ```
 */
@Packager({
  type: Table,
  name: 'stowage.tables.ArrowTablePackager',
  priority: 4,
  defaultPackingArtifactType: 'dataset',
  defaultUnpackingArtifactType: 'dataset',
  packageVersions: TABLES_PACKAGE_VERSIONS,
})
export class ArrowTablePackager {
  /** Packs a table as a dataset with schema, preview and stats. */
  @Pack('dataset', { options: TableDatasetOptions })
  packDataset(table: Table, key: string, options: TableDatasetOptions): Promise<PackOutput> {
    return packTable(table, key, options, options);
  }

  /** Packs a table as a plain file artifact. */
  @Pack('file', { options: TableFileOptions })
  packFile(table: Table, key: string, options: TableFileOptions): Promise<PackOutput> {
    return packTable(table, key, options, undefined);
  }

  /** Reads a dataset back into a table. */
  @Unpack('dataset')
  unpackDataset(item: DataItem, instructions: Instructions): Promise<Table> {
    return unpack(item, instructions);
  }

  /** Reads a file back into a table. */
  @Unpack('file')
  unpackFile(item: DataItem, instructions: Instructions): Promise<Table> {
    return unpack(item, instructions);
  }
}
