import type { RunRecord } from '@stowage/core';
import type { StoreView } from '../data/store-view';
import { formatDuration, formatValue } from '../html/format';
import { html, type SafeHtml } from '../html/html';
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

/** A bar chart (inline SVG, no script) of one numeric result across the runs. */
function metricChart(runs: readonly RunRecord[], metric: string): SafeHtml {
  const values = runs.map((r) => r.results[metric]);
  const nums = values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined));
  const max = Math.max(0, ...nums.map((n) => n ?? 0));
  const min = Math.min(0, ...nums.map((n) => n ?? 0));
  const span = max - min || 1;
  const width = 60;
  const zero = 20 + Math.round((max / span) * 120);
  const bars = nums.map((n, i) => {
    if (n === undefined) return html``;
    const h = Math.round((Math.abs(n) / span) * 120);
    const y = n >= 0 ? zero - h : zero;
    return html`<rect class="bar" x="${i * width + 10}" y="${y}" width="${width - 20}" height="${h}"
        ><title>${runs[i]?.name ?? ''}: ${n}</title></rect
      ><text x="${i * width + width / 2}" y="${y - 4}" text-anchor="middle"
        >${Number(n.toPrecision(4))}</text
      ><text x="${i * width + width / 2}" y="158" text-anchor="middle">#${i + 1}</text>`;
  });
  return html`<figure>
    <figcaption>
      ${metric} across the runs (#1 … #${runs.length}, in the order of the table)
    </figcaption>
    <svg
      class="chart"
      role="img"
      aria-label="Bar chart of ${metric} across ${runs.length} runs"
      viewBox="0 0 ${runs.length * width + 20} 165"
      width="${runs.length * width + 20}"
      height="165"
    >
      <line
        class="axis"
        x1="0"
        y1="${zero + 0.5}"
        x2="${runs.length * width + 20}"
        y2="${zero + 0.5}"
      />
      ${bars}
    </svg>
  </figure>`;
}

/** 2–10 runs side by side: fields, params and results, differing rows highlighted; metric charts. */
export async function comparePage(view: StoreView, ids: readonly string[]): Promise<SafeHtml> {
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
        ? html`<h2>Metrics</h2>
            ${metrics.map((m) => metricChart(runs, m))}`
        : ''
    }`;
}
