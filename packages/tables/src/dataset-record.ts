import type { DataType, Schema, Table } from 'apache-arrow';
import type { DatasetField } from '@stowage/core';
import { arrowTypeName } from './arrow-type-name';
import { cellJson } from './cell-json';

/** The dataset schema of an Arrow table (or schema): each field's name, type and nullability. */
export function datasetFieldsOf(table: Table | Schema): DatasetField[] {
  const schema = 'schema' in table ? table.schema : table;
  return schema.fields.map((f) => ({
    name: f.name,
    type: arrowTypeName(f.type as DataType),
    nullable: f.nullable,
  }));
}

/** The first `rows` rows of `table` as JSON-safe records (see `cellJson`). */
export function previewOf(table: Table, rows: number): Record<string, unknown>[] {
  const n = Math.min(rows, table.numRows);
  const columns = table.schema.fields.map((f, i) => ({
    name: f.name,
    vector: table.getChildAt<DataType>(i),
  }));
  const out: Record<string, unknown>[] = [];
  for (let r = 0; r < n; r++) {
    const row: Record<string, unknown> = {};
    for (const { name, vector } of columns)
      row[name] = vector === null ? null : cellJson(vector, r);
    out.push(row);
  }
  return out;
}
