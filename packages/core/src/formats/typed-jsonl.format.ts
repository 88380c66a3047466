import type { CsvColumn } from './csv-columns';
import { readCell, writeCell } from './csv-columns';
import { decodeJsonl, encodeJsonl } from './jsonl.format';
import { unreadable } from './format-errors';
import { defineOwn } from '../objects';

/** Whether JSON holds the number exactly (finite and not `-0`). */
function jsonNumber(n: number): boolean {
  return Number.isFinite(n) && !Object.is(n, -0);
}

/** One cell as JSON: JSON's own values as is, the others as the text a CSV cell would hold. */
function toJsonCell(column: CsvColumn | undefined, v: unknown, path: string): unknown {
  if (column === undefined || column.type === 'json' || v === null) return v;
  if (column.type === 'number' && jsonNumber(v as number)) return v;
  if (column.type === 'string' || column.type === 'boolean') return v;
  return writeCell(column, v, path);
}

function fromJsonCell(column: CsvColumn | undefined, v: unknown): unknown {
  if (column === undefined || column.type === 'json' || typeof v !== 'string') return v;
  return column.type === 'string' ? v : readCell(column, v);
}

function byName(columns: readonly CsvColumn[]): Map<string, CsvColumn> {
  return new Map(columns.map((c) => [c.name, c]));
}

/**
 * Encodes records as JSON Lines, one record per line, typed by the columns
 * {@link inferColumns} found (the ones a CSV artifact records).
 *
 * @remarks
 * Values JSON holds exactly are written as themselves. In a `date`, `bigint` or `number` column,
 * a Date, a bigint, `NaN`, `±Infinity` or `-0` is written as the text its CSV cell would hold
 * (`"2026-01-01T00:00:00.000Z"`, `"123"`, `"NaN"`), and {@link decodeTypedJsonl} turns it back.
 * Missing keys stay missing; each record keeps its own key order.
 * @throws PackingError (`FORMAT_NOT_EXACT`) when a `json` column holds something JSON cannot.
 */
export function encodeTypedJsonl(
  rows: readonly Record<string, unknown>[],
  columns: readonly CsvColumn[],
): Uint8Array {
  const types = byName(columns);
  const lines = rows.map((row, i) => {
    const line: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(row)) {
      if (v === undefined) continue;
      const cell = toJsonCell(types.get(name), v, `$[${i}][${JSON.stringify(name)}]`);
      defineOwn(line, name, cell);
    }
    return line;
  });
  return encodeJsonl(lines);
}

/**
 * Decodes JSON Lines written by {@link encodeTypedJsonl} back into typed records; without
 * columns (a file from elsewhere), the records are returned as parsed.
 *
 * @throws UnpackingError (`FORMAT_INVALID`) when a line is not JSON or not a record.
 */
export function decodeTypedJsonl(
  bytes: Uint8Array,
  columns: readonly CsvColumn[] | undefined,
  where = 'the input',
): Record<string, unknown>[] {
  const types = byName(columns ?? []);
  return decodeJsonl(bytes, where).map((line, i) => {
    const at = `${where} (record ${i + 1})`;
    if (typeof line !== 'object' || line === null || Array.isArray(line))
      throw unreadable('jsonl', at, new Error('the line is not a JSON object'));
    const row: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(line as Record<string, unknown>)) {
      let value: unknown;
      try {
        value = fromJsonCell(types.get(name), v);
      } catch (cause) {
        throw unreadable('jsonl', at, cause);
      }
      defineOwn(row, name, value);
    }
    return row;
  });
}
