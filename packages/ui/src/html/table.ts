import { html, type HtmlValue, type SafeHtml } from './html';

/** How a {@link headedTable} is drawn. */
export interface HeadedTableOptions {
  /** The table's CSS class (`rows`, `arrays`, …); none by default. */
  readonly className?: string;
}

/**
 * A table with one header row (each heading a `<th scope="col">`, escaped unless it is
 * `SafeHtml`) and the given body rows (each a whole `<tr>…</tr>`).
 */
export function headedTable(
  headings: readonly HtmlValue[],
  rows: readonly HtmlValue[],
  options: HeadedTableOptions = {},
): SafeHtml {
  const cls = options.className === undefined ? '' : html` class="${options.className}"`;
  return html`<table${cls}>
    <thead>
      <tr>
        ${headings.map((h) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
