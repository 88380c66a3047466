import { href, html, type SafeHtml } from '../html/html';
import { lineChart, shortNumber, type ChartPoint } from '../html/line-chart';

/**
 * A form that picks which metric to chart (a GET form: it works without script), keeping the
 * other query values as hidden fields.
 */
export function metricPicker(
  path: string,
  keep: Readonly<Record<string, string | readonly string[]>>,
  metrics: readonly string[],
  chosen: string,
): SafeHtml {
  const hidden = Object.entries(keep).flatMap(([name, value]) =>
    (typeof value === 'string' ? [value] : value).map(
      (v) => html`<input type="hidden" name="${name}" value="${v}" />`,
    ),
  );
  return html`<form class="filters metric-picker" method="get" action="${path}">
    ${hidden}
    <label
      >metric
      <select name="metric" id="metric">
        ${metrics.map(
          (m) => html`<option value="${m}" ${m === chosen ? html`selected` : ''}>${m}</option>`,
        )}
      </select></label
    >
    <button type="submit">Show</button>
  </form>`;
}

/** A chart of one metric over points, with a table of the same values under it (for text). */
export function metricSection(options: {
  readonly metric: string;
  readonly xTitle: string;
  /** What the points are, plural (`runs`, `versions`). */
  readonly noun: string;
  readonly points: readonly ChartPoint[];
}): SafeHtml {
  const { metric, points } = options;
  return html`<figure class="metric">
    <figcaption>${metric} by ${options.xTitle}</figcaption>
    ${lineChart({
      title: `Chart of ${metric} across ${points.length} ${options.noun}`,
      xTitle: options.xTitle,
      yTitle: metric,
      points,
    })}
    <details>
      <summary>The values</summary>
      <table class="metric-values">
        <tbody>
          ${points.map(
            (p) =>
              html`<tr>
                <th scope="row">
                  ${p.href !== undefined ? html`<a href="${p.href}">${p.label}</a>` : p.label}
                </th>
                <td class="num">
                  ${p.value !== undefined ? shortNumber(p.value) : html`<span class="muted">—</span>`}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </figure>`;
}

/** Link to a page of metrics (re-exported for pages that only link). */
export const metricsHref = (key: string): string => href('/metrics', { key });
