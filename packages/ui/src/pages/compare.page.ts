import type { RunRecord } from '@stowage/core';
import type { StoreView } from '../data/store-view';
import { formatDuration, formatValue } from '../html/format';
import { href, html, type SafeHtml } from '../html/html';
import { metricPicker, metricSection } from './metric-chart';
import { runLink, statusBadge } from './page-parts';

/** The fewest and most runs the compare page shows. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 10;

/** Whether the values of one row differ between runs (compared as JSON text). */
function differs(values: readonly unknown[]): boolean {
  return new Set(values.map((v) => formatValue(v, Infinity))).size > 1;
}

function rows(
  runs: readonly RunRecord[],
  section: string,
  pick: (r: RunRecord) => Readonly<Record<string, unknown>>,
): SafeHtml[] {
  const names = [...new Set(runs.flatMap((r) => Object.keys(pick(r))))].sort();
  return names.map((name) => {
    const values = runs.map((r) =>
      Object.prototype.hasOwnProperty.call(pick(r), name) ? pick(r)[name] : undefined,
    );
    const diff = differs(values);
    return html`<tr${diff ? html` class="diff"` : ''}><th scope="row">${section} ${name}${diff ? html` <span class="muted" title="differs">≠</span>` : ''}</th>${values.map(
      (v) =>
        html`<td>
          ${v === undefined ? html`<span class="muted">—</span>` : formatValue(v, 300)}
        </td>`,
    )}</tr>`;
  });
}

/**
 * 2–10 runs side by side: fields, params and results, differing rows highlighted; a chart of one
 * numeric result (`metric`, default the first by name) across the runs.
 */
export async function comparePage(
  view: StoreView,
  ids: readonly string[],
  metric?: string,
): Promise<SafeHtml> {
  const unique = [...new Set(ids)];
  if (unique.length < COMPARE_MIN || unique.length > COMPARE_MAX)
    return html`<p>
      Pick ${COMPARE_MIN} to ${COMPARE_MAX} runs on the <a href="/runs">Runs</a> page (tick their
      boxes, then "Compare selected"). ${unique.length > 0 ? `You picked ${unique.length}.` : ''}
    </p>`;
  const runs = await Promise.all(unique.map((id) => view.runs.read(id)));
  const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.results)))]
    .filter((m) => runs.some((r) => typeof r.results[m] === 'number'))
    .sort();
  const chosen = metric !== undefined && metrics.includes(metric) ? metric : (metrics[0] ?? '');
  return html`<p>Rows whose values differ are highlighted and marked ≠.</p>
    <table class="compare">
      <thead>
        <tr>
          <th scope="col">run</th>
          ${runs.map((r, i) => html`<th scope="col">#${i + 1} ${runLink(r.id, r.name)}<br /><code class="muted">${r.id}</code></th>`)}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">status</th>
          ${runs.map((r) => html`<td>${statusBadge(r.status)}</td>`)}
        </tr>
        <tr>
          <th scope="row">duration</th>
          ${runs.map((r) => html`<td>${formatDuration(r.startedAt, r.endedAt)}</td>`)}
        </tr>
        ${rows(runs, 'label', (r) => r.labels)} ${rows(runs, 'param', (r) => r.params)}
        ${rows(runs, 'result', (r) => r.results)} ${rows(runs, 'input', (r) => r.inputs)}
      </tbody>
    </table>
    ${
      metrics.length > 0
        ? html`<h2>Metric across the runs</h2>
            ${metricPicker('/compare', { run: unique }, metrics, chosen)}
            ${metricSection({
              metric: chosen,
              noun: 'runs',
              xTitle: 'run (in the order of the table)',
              points: runs.map((r, i) => {
                const v = r.results[chosen];
                return {
                  label: `#${i + 1} ${r.name}`,
                  name: `#${i + 1} run ${r.name} (${r.id})`,
                  value: typeof v === 'number' && Number.isFinite(v) ? v : undefined,
                  href: href('/run', { id: r.id }),
                };
              }),
            })}`
        : ''
    }`;
}
