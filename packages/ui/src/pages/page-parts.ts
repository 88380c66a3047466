import { formatValue } from '../html/format';
import { href, html, join, type HtmlValue, type SafeHtml } from '../html/html';
import { headedTable } from '../html/table';

/** A link to a run's page. */
export function runLink(id: string, text: HtmlValue = id): SafeHtml {
  return html`<a href="${href('/run', { id })}">${text}</a>`;
}

/** A link to an artifact's page (a version, or its newest when `version` is undefined). */
export function artifactLink(key: string, version?: string, text: HtmlValue = key): SafeHtml {
  return html`<a href="${href('/artifact', { key, version })}">${text}</a>`;
}

/** A run status as a coloured word. */
export function statusBadge(status: string): SafeHtml {
  const known = ['running', 'completed', 'warn', 'error', 'lost'].includes(status) ? status : 'x';
  return html`<span class="status status-${known}">${status}</span>`;
}

/** Labels as small boxes. */
export function labelList(labels: Readonly<Record<string, string>>): SafeHtml {
  return join(Object.entries(labels).map(([k, v]) => html`<span class="label">${k}=${v}</span>`));
}

/** A two-column list of fields; rows whose value is undefined or '' are left out. */
export function fieldList(rows: readonly (readonly [string, HtmlValue])[]): SafeHtml {
  const shown = rows.filter(([, v]) => v !== undefined && v !== '');
  return html`<dl class="fields">
    ${shown.map(
      ([k, v]) =>
        html`<dt>${k}</dt>
          <dd>${v}</dd>`,
    )}
  </dl>`;
}

/** A table of name → value (params, results). */
export function valueTable(values: Readonly<Record<string, unknown>>, empty: string): SafeHtml {
  const entries = Object.entries(values);
  if (entries.length === 0) return html`<p class="muted">${empty}</p>`;
  return headedTable(
    ['name', 'value'],
    entries.map(
      ([k, v]) =>
        html`<tr>
          <th scope="row">${k}</th>
          <td>${formatValue(v, 2000)}</td>
        </tr>`,
    ),
  );
}

/** Previous/next links for a paginated list. */
export function pager(
  path: string,
  query: Readonly<Record<string, string | undefined>>,
  page: number,
  pages: number,
  total: number,
): SafeHtml {
  const to = (p: number): string => href(path, { ...query, page: p > 1 ? String(p) : undefined });
  return html`<nav class="pager" aria-label="Pages">
    ${page > 1 ? html`<a href="${to(page - 1)}" rel="prev">← Previous</a>` : ''}<span
      >Page ${page} of ${Math.max(pages, 1)} (${total} in all)</span
    >${page < pages ? html`<a href="${to(page + 1)}" rel="next">Next →</a>` : ''}
  </nav>`;
}

/** A positive page number from the query (1 when absent or not a number). */
export function pageNumber(text: string | null): number {
  const n = Number(text ?? '1');
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}
