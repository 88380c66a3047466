import type { OutputStream } from '../io';

/** One column of a {@link renderTable} table. */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  /** Right-align (numbers, sizes). */
  readonly right?: boolean;
}

const MIN_WIDTH = 8;

/**
 * Renders rows as an aligned text table with a header line.
 *
 * @remarks
 * On a terminal the header is bold and, when the table is wider than the terminal, the widest
 * columns are cut with `…` until it fits. Off a terminal (pipes, files) nothing is cut.
 */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  out: OutputStream,
): string {
  const cells = rows.map((row) => columns.map((c) => clean(c.value(row))));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  if (out.isTTY === true && out.columns !== undefined) shrink(widths, columns, out.columns);
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => pad(cut(v, widths[i] ?? 0), widths[i] ?? 0, columns[i]?.right === true))
      .join('  ')
      .trimEnd();
  const header = line(columns.map((c) => c.header));
  const head = out.isTTY === true ? `\u001b[1m${header}\u001b[0m` : header;
  return [head, ...cells.map(line)].join('\n') + '\n';
}

/**
 * Renders `label: value` lines with the labels aligned, skipping undefined values.
 */
export function renderFields(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const shown = fields.filter((f): f is readonly [string, string] => f[1] !== undefined);
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  return (
    shown.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`).join('\n') + '\n'
  );
}

function shrink<Row>(widths: number[], columns: readonly Column<Row>[], total: number): void {
  const sum = (): number => widths.reduce((a, b) => a + b, 0) + 2 * (columns.length - 1);
  while (sum() > total) {
    let widest = 0;
    widths.forEach((w, i) => {
      if (w > (widths[widest] ?? 0)) widest = i;
    });
    const w = widths[widest] ?? 0;
    if (w <= MIN_WIDTH) return;
    widths[widest] = Math.max(MIN_WIDTH, w - (sum() - total));
  }
}

function clean(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function pad(text: string, width: number, right: boolean): string {
  return right ? text.padStart(width) : text.padEnd(width);
}
