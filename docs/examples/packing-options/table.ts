// The value type of the packing-options examples: rows of named cells.
export class Table {
  constructor(readonly rows: readonly Readonly<Record<string, string | number>>[]) {}

  /** The same rows with only `columns` (all columns when the list is empty). */
  select(columns: readonly string[]): Table {
    if (columns.length === 0) return this;
    return new Table(this.rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? '']))));
  }

  toJson(): string {
    return JSON.stringify(this.rows);
  }

  toCsv(header: boolean): string {
    const columns = Object.keys(this.rows[0] ?? {});
    const lines = this.rows.map((r) => columns.map((c) => String(r[c] ?? '')).join(','));
    return [...(header ? [columns.join(',')] : []), ...lines].join('\n');
  }
}
