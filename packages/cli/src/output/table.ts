import type { TerminalStyle } from './terminal';

/** One column of a {@link renderTable} table. */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  /** Right-align (numbers, sizes). */
  readonly right?: boolean;
  /**
   * May be cut with `…` to fit a narrow terminal: free text such as names, labels and
   * descriptions. Columns without it (ids, versions, times, URIs, paths, hashes) always print in
   * full, even if the table then overflows the terminal.
   */
  readonly shrink?: boolean;
}

const MIN_WIDTH = 8;

/**
 * Renders rows as an aligned text table with a header line.
 *
 * @remarks
 * With `style.color` the header is bold. When `style.width` is set (a terminal, without
 * `--wide`) and the table is wider, the widest {@link Column.shrink} columns are cut with `…`
 * (down to 8 characters) until it fits; other columns are never cut. Off a terminal (pipes,
 * files) nothing is cut.
 */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  style: TerminalStyle,
): string {
  const cells = rows.map((row) => columns.map((c) => clean(c.value(row))));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  if (style.width !== undefined) shrink(widths, columns, style.width);
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => pad(cut(v, widths[i] ?? 0), widths[i] ?? 0, columns[i]?.right === true))
      .join('  ')
      .trimEnd();
  const header = line(columns.map((c) => c.header));
  const head = style.color ? `\u001b[1m${header}\u001b[0m` : header;
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
    let widest = -1;
    widths.forEach((w, i) => {
      if (columns[i]?.shrink === true && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
    });
    const w = widths[widest] ?? 0;
    if (widest < 0 || w <= MIN_WIDTH) return;
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
