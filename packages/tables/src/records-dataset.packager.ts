import { buildOptionsSchema, resolveOptions } from '@stowage/core/internal';
import {
  datasetRows,
  packDataset,
  Packager,
  unpackDataset,
  type DataItem,
  type FullControlPackager,
  type Instructions,
  type PackableType,
  type PackOutput,
} from '@stowage/core';
import { packTable } from './pack-table';
import { TABLES_PACKAGE_VERSIONS } from './package-versions';
import {
  recordedColumns,
  recordsColumnNames,
  recordsToTable,
  tableToRecords,
} from './records-table';
import { columnNotFound, invalidTableOption } from './table-errors';
import { isStoredTableFormat } from './table-format';
import { readTable } from './table-io';
import { DEFAULT_ROW_GROUP_SIZE, RecordsDatasetOptions, type TableFormat } from './table-options';

/** The stable name of {@link RecordsDatasetPackager}, as packaging records hold it. */
export const RECORDS_DATASET_PACKAGER = 'stowage.tables.RecordsDatasetPackager';

const SCHEMA = buildOptionsSchema(RecordsDatasetOptions, RECORDS_DATASET_PACKAGER);

/** The options that only a table file (parquet, arrow) uses, with their defaults. */
const TABLE_ONLY: ReadonlyArray<[keyof RecordsDatasetOptions, unknown]> = [
  ['compression', 'auto'],
  ['rowGroupSize', DEFAULT_ROW_GROUP_SIZE],
  ['columns', []],
];

function checkCoreOptions(key: string, o: RecordsDatasetOptions): void {
  for (const [name, dflt] of TABLE_ONLY) {
    const v = o[name];
    const unset = Array.isArray(v) ? v.length === 0 : v === dflt;
    if (!unset)
      throw invalidTableOption(
        key,
        name,
        v,
        `left unset with format=${o.format} (it applies to format=parquet and format=arrow)`,
      );
  }
}

/**
 * Packs arrays of plain records (or of scalars) as a `dataset` in four formats: core's `csv`
 * (default) and `jsonl`, and `parquet` or `arrow` (an Arrow IPC file) through apache-arrow.
 *
 * @remarks
 * Registered by importing `@stowage/tables`, at priority 4 so it is chosen before core's
 * `stowage.array` (priority 5), and only for a `dataset` asked in `parquet` or `arrow`: csv and
 * jsonl datasets, and arrays logged with no artifact type or as `result`, `file` or `object`,
 * stay core's (`isPackable` says no, which `manager.explain` shows), so their records name
 * core's packager and read back exactly without this package. It still reads csv and jsonl
 * through core's code when asked to. Parquet and Arrow keep values exactly (see `recordsToTable`): what they cannot hold
 * is a `TABLE_TYPE_UNSUPPORTED` error naming the column, never a silent change.
 *
 * @example
 * ```ts
 * import '@stowage/tables';
 * await manager.pack([{ id: 1, name: 'a' }], 'rows : dataset[format=parquet]');
 * ```
 */
@Packager({
  type: Array,
  name: RECORDS_DATASET_PACKAGER,
  priority: 4,
  packageVersions: TABLES_PACKAGE_VERSIONS,
})
export class RecordsDatasetPackager implements FullControlPackager<unknown[]> {
  /**
   * Packs only arrays asked for as a `dataset` in Parquet or Arrow: csv and jsonl stay core's, so
   * their record names core's packager and a process without this package reads them exactly.
   */
  isPackable(
    value: unknown,
    artifactType: string | undefined,
    options: Readonly<Record<string, unknown>>,
  ): boolean {
    return (
      artifactType === 'dataset' && Array.isArray(value) && isStoredTableFormat(options['format'])
    );
  }

  /** Unpacks only what was recorded as a `dataset`, into an array. */
  isUnpackable(typeHint: PackableType | undefined, artifactType: string | undefined): boolean {
    return artifactType === 'dataset' && (typeHint === undefined || typeHint === Array);
  }

  /** Always `dataset` (the packager is only asked for datasets). */
  defaultPackingArtifactType(): string {
    return 'dataset';
  }

  /** Always `dataset`. */
  defaultUnpackingArtifactType(): string {
    return 'dataset';
  }

  /** Packs the array as a dataset in the asked format. */
  async pack(
    value: unknown[],
    key: string,
    artifactType: string,
    raw: Readonly<Record<string, unknown>>,
  ): Promise<PackOutput> {
    const o = resolveOptions(SCHEMA, raw, {
      packager: RECORDS_DATASET_PACKAGER,
      artifactType,
    }) as RecordsDatasetOptions;
    if (!isStoredTableFormat(o.format)) {
      checkCoreOptions(key, o);
      return packDataset(value, key, {
        format: o.format,
        previewRows: o.previewRows,
        stats: o.stats,
      });
    }
    const format = o.format as TableFormat;
    const { rows, scalars } = datasetRows(value, key);
    const names = recordsColumnNames(rows);
    const missing = o.columns.filter((c) => !names.includes(c));
    if (missing.length > 0) throw columnNotFound(`"${key}"`, missing, names, false);
    const kept = o.columns.length > 0 ? o.columns : names;
    const { table, columns } = recordsToTable(rows, kept, key, format);
    const out = await packTable(table, key, { ...o, format, columns: [] }, { ...o, format });
    return {
      artifact: out.artifact,
      instructions: {
        ...out.instructions,
        records: columns,
        ...(scalars ? { valueColumn: 'value' } : {}),
      },
    };
  }

  /** Reads the dataset back: csv and jsonl by core, parquet and arrow into the same records. */
  async unpack(
    item: DataItem,
    _artifactType: string,
    instructions: Instructions,
  ): Promise<unknown[]> {
    const format = instructions['format'] ?? item.meta?.format;
    if (!isStoredTableFormat(format)) return unpackDataset(item, instructions);
    const table = await readTable(await item.get(), { format, where: `"${item.key}"` });
    const rows = tableToRecords(table, recordedColumns(instructions['records']));
    const column = instructions['valueColumn'];
    return typeof column === 'string'
      ? rows.map((row) => (Object.hasOwn(row, column) ? row[column] : undefined))
      : rows;
  }
}
