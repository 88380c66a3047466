import Papa from 'papaparse';
import { PackingError } from '../errors/packing.error';
import { notExact, unreadable } from './format-errors';
import { inferColumns, readCell, writeCell, type CsvColumn } from './csv-columns';
import { defineOwn, isPlainObject } from '../objects';

/** A CSV file and the facts needed to read it back exactly. */
export interface CsvEncoded {
  readonly bytes: Uint8Array;
  readonly columns: readonly CsvColumn[];
  readonly rowCount: number;
}

/**
 * Encodes an array of plain records as CSV (RFC 4180 quoting, `\n` line ends, a header row).
 *
 * @remarks
 * Column types are inferred and returned, to be stored in the unpacking instructions: numbers
 * (`-0`, `NaN`, `±Infinity` included), booleans, dates (ISO 8601), bigints and `null` come back
 * as themselves; mixed or nested columns are written as JSON cells.
 * @throws PackingError (`FORMAT_NOT_RECORDS`, `FORMAT_NOT_EXACT`) when the value is not a list of
 * plain records, a JSON cell cannot hold a value exactly, or a cell has a lone surrogate.
 */
export function encodeCsv(value: unknown): CsvEncoded {
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw new PackingError('Cannot write the value as csv: it is not an array of plain records.', {
      code: 'FORMAT_NOT_RECORDS',
      fix: 'csv holds a list of records such as [{ a: 1, b: "x" }]; use "json" or "yaml" for other shapes.',
    });
  }
  const rows = value;
  const columns = inferColumns(rows);
  const table: string[][] = [columns.map((c) => c.name)];
  rows.forEach((row, i) => {
    table.push(
      columns.map((c) => {
        const v = Object.prototype.hasOwnProperty.call(row, c.name) ? row[c.name] : undefined;
        return writeCell(c, v, `$[${i}][${JSON.stringify(c.name)}]`);
      }),
    );
  });
  const text =
    columns.length === 0
      ? ''
      : Papa.unparse(table, { newline: '\n', delimiter: ',', quotes: false });
  const lone = text.search(/\p{Surrogate}/u);
  if (lone >= 0) {
    // UTF-8 cannot hold a lone surrogate (it would read back as U+FFFD); JSON cells escape theirs
    throw notExact('csv', {
      path: '$',
      reason: `text with a lone surrogate (at character ${lone})`,
    });
  }
  return { bytes: Buffer.from(text, 'utf8'), columns, rowCount: rows.length };
}

/**
 * Decodes CSV written by {@link encodeCsv} into records, using the recorded columns; without
 * them (a CSV from elsewhere), every cell is read as a string and empty cells as missing keys.
 *
 * @throws UnpackingError (`FORMAT_INVALID`) when the text does not parse or a cell does not fit
 * its recorded column type.
 */
export function decodeCsv(
  bytes: Uint8Array,
  recorded?: { readonly columns?: readonly CsvColumn[]; readonly rowCount?: number },
  where = 'the input',
): Record<string, unknown>[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text === '') return Array.from({ length: recorded?.rowCount ?? 0 }, () => ({}));
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    delimiter: ',',
  });
  if (parsed.errors.length > 0)
    throw unreadable('csv', where, new Error(parsed.errors[0]?.message));
  const [header = [], ...body] = parsed.data;
  const rowCount =
    recorded?.rowCount ?? body.filter((r) => !(r.length === 1 && r[0] === '')).length;
  const columns: CsvColumn[] = header.map((name) => {
    const known = recorded?.columns?.find((c) => c.name === name);
    return known ?? { name, type: 'json', nullable: false };
  });
  const untyped = recorded?.columns === undefined;
  try {
    return body.slice(0, rowCount).map((cells) => {
      const record: Record<string, unknown> = {};
      columns.forEach((c, i) => {
        const cell = cells[i] ?? '';
        const v = untyped ? (cell === '' ? undefined : cell) : readCell(c, cell);
        if (v !== undefined) defineOwn(record, c.name, v);
      });
      return record;
    });
  } catch (cause) {
    throw unreadable('csv', where, cause);
  }
}
