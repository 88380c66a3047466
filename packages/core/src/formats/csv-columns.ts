import { findJsonProblem } from './json-exact';
import { notExact } from './format-errors';

/** How the cells of a CSV column are written and read back. */
export type CsvColumnType = 'number' | 'string' | 'boolean' | 'date' | 'bigint' | 'json';

/**
 * A column of a CSV artifact, recorded in the unpacking instructions so values come back typed.
 *
 * @remarks
 * In typed columns an empty cell is `null` (`nullable`). A `json` column holds each cell as JSON
 * and an empty cell as a missing key; it is used for mixed types, nested values, missing keys and
 * string columns that hold both `""` and `null`.
 */
export interface CsvColumn {
  readonly name: string;
  readonly type: CsvColumnType;
  readonly nullable: boolean;
}

function kindOf(v: unknown): CsvColumnType | 'null' | 'missing' {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (
    typeof v === 'number' ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    typeof v === 'bigint'
  )
    return typeof v as CsvColumnType;
  if (v instanceof Date) return 'date';
  return 'json';
}

/** Which cells need a `json` column: see {@link inferColumns}. */
export interface InferColumnsOptions {
  /**
   * `true` (default): CSV cells, where an empty cell is either `null` or a missing key, so a
   * column with missing keys, or with both `""` and `null` strings, is a `json` column.
   * `false`: JSON values (JSON lines, schemas), where missing keys are simply absent.
   */
  readonly forCsv?: boolean;
}

/** Infers the columns of a list of records (keys in order of first appearance). @internal */
export function inferColumns(
  rows: readonly Record<string, unknown>[],
  { forCsv = true }: InferColumnsOptions = {},
): CsvColumn[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows)
    for (const k of Object.keys(row)) {
      if (seen.has(k)) continue;
      seen.add(k);
      names.push(k);
    }
  return names.map((name) => {
    const kinds = new Set<string>();
    let emptyString = false;
    for (const row of rows) {
      const v = Object.prototype.hasOwnProperty.call(row, name) ? row[name] : undefined;
      if (v === undefined && !forCsv) continue;
      kinds.add(kindOf(v));
      if (v === '') emptyString = true;
    }
    const nullable = kinds.delete('null');
    const only = kinds.size === 1 ? ([...kinds][0] as string) : undefined;
    if (only === undefined && kinds.size === 0) return { name, type: 'json', nullable };
    if (only === undefined || only === 'missing' || only === 'json')
      return { name, type: 'json', nullable };
    if (only === 'string' && nullable && emptyString && forCsv)
      return { name, type: 'json', nullable };
    return { name, type: only as CsvColumnType, nullable };
  });
}

function formatNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/** Writes one cell. @internal */
export function writeCell(column: CsvColumn, v: unknown, path: string): string {
  if (column.type === 'json') {
    if (v === undefined) return '';
    const problem = findJsonProblem(v, path);
    if (problem !== undefined) throw notExact('csv', problem);
    return JSON.stringify(v);
  }
  if (v === null) return '';
  switch (column.type) {
    case 'number':
      return formatNumber(v as number);
    case 'date': {
      const d = v as Date;
      return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString();
    }
    default:
      return typeof v === 'string' ? v : (v as boolean | bigint).toString();
  }
}

/** Reads one cell; `undefined` means the key is missing from the record. @internal */
export function readCell(column: CsvColumn, cell: string): unknown {
  if (column.type === 'json') return cell === '' ? undefined : (JSON.parse(cell) as unknown);
  if (cell === '' && column.nullable) return null;
  switch (column.type) {
    case 'number':
      return Number(cell);
    case 'boolean':
      return cell === 'true';
    case 'date':
      return new Date(cell);
    case 'bigint':
      return BigInt(cell);
    default:
      return cell;
  }
}
