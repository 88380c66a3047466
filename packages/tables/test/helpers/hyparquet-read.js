'use strict';
// A second, independent Parquet reader (hyparquet, pure JavaScript, ESM-only, so it runs in this
// child process): prints the rows and the footer of the Parquet file named by argv[2] as JSON.
const { readFileSync } = require('node:fs');

async function main() {
  const { parquetMetadata, parquetReadObjects } = await import('hyparquet');

  const bytes = readFileSync(process.argv[2]);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const meta = parquetMetadata(file);
  const rows = await parquetReadObjects({ file, utf8: true });
  const columns = {};
  for (const group of meta.row_groups) {
    for (const chunk of group.columns) {
      const name = chunk.meta_data.path_in_schema.join('.');
      const s = chunk.meta_data.statistics ?? {};
      const c = (columns[name] ??= { nulls: 0n, min: [], max: [] });
      c.nulls += s.null_count ?? 0n;
      c.min.push(s.min_value ?? s.min ?? null);
      c.max.push(s.max_value ?? s.max ?? null);
    }
  }
  const plain = (_, v) =>
    typeof v === 'bigint'
      ? v.toString()
      : v instanceof Date
        ? v.toISOString()
        : typeof v === 'number' && !Number.isFinite(v)
          ? String(v)
          : v;
  console.log(
    JSON.stringify(
      {
        createdBy: meta.created_by,
        numRows: meta.num_rows,
        rowGroups: meta.row_groups.map((g) => g.num_rows),
        keys: (meta.key_value_metadata ?? []).map((kv) => kv.key),
        columns,
        rows,
      },
      plain,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
