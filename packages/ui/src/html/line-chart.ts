import { html, type SafeHtml } from './html';

/** One point of a {@link lineChart}: its x label, its value (a gap when undefined), a link. */
export interface ChartPoint {
  readonly label: string;
  readonly value: number | undefined;
  /** Where the point (and its x label) links to. */
  readonly href?: string;
  /** The full name of the point for its tooltip (default: its label). */
  readonly name?: string;
}

/** What {@link lineChart} draws. */
export interface LineChartOptions {
  /** The chart's accessible name (`aria-label`). */
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly points: readonly ChartPoint[];
}

/** About `count` round tick values covering [min, max] (1, 2 or 5 times a power of ten apart). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 10;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(min / step);
  const last = Math.ceil(max / step);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** A number short enough for an axis or a point label. */
export function shortNumber(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e6 || abs < 1e-3) return n.toExponential(2);
  return String(Number(n.toPrecision(4)));
}

const cut = (text: string, max: number): string =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;

const W = 680;
const H = 260;
const LEFT = 96;
/** Space between the y axis (and the right edge) and the first (last) point. */
const INSET = 24;
const RIGHT = 16;
const TOP = 16;
const BOTTOM = 70;

/**
 * A point-and-line chart as inline SVG (no script, no inline style): a y axis with round ticks
 * and grid lines, one x tick per point with its label, each point a circle with its value as a
 * tooltip (and a link when it has one), consecutive points joined by a line (a missing value
 * breaks it).
 */
export function lineChart(options: LineChartOptions): SafeHtml {
  const { points } = options;
  const values = points.flatMap((p) =>
    p.value !== undefined && Number.isFinite(p.value) ? [p.value] : [],
  );
  if (values.length === 0) return html`<p class="muted">No numeric values to chart.</p>`;
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const lo = ticks[0] ?? Math.min(...values);
  const hi = ticks[ticks.length - 1] ?? Math.max(...values);
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const xOf = (i: number): number =>
    LEFT +
    INSET +
    (points.length === 1
      ? (plotW - 2 * INSET) / 2
      : (i * (plotW - 2 * INSET)) / (points.length - 1));
  const yOf = (v: number): number => TOP + plotH - ((v - lo) / (hi - lo || 1)) * plotH;
  const round = (n: number): number => Math.round(n * 10) / 10;

  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.value === undefined || !Number.isFinite(p.value)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${round(xOf(i))} ${round(yOf(p.value))} `;
    pen = true;
  });
  const grid = ticks.map(
    (t) =>
      html`<line
          class="grid"
          x1="${LEFT}"
          x2="${W - RIGHT}"
          y1="${round(yOf(t))}"
          y2="${round(yOf(t))}"
        />
        <text class="tick" x="${LEFT - 6}" y="${round(yOf(t)) + 4}" text-anchor="end"
          >${shortNumber(t)}</text
        >`,
  );
  const every = Math.max(1, Math.ceil(points.length / 20));
  const xLabels = points.map((p, i) =>
    i % every === 0 || i === points.length - 1
      ? html`<text
          class="tick"
          x="${round(xOf(i))}"
          y="${TOP + plotH + 14}"
          text-anchor="end"
          transform="rotate(-30 ${round(xOf(i))} ${TOP + plotH + 14})"
          >${cut(p.label, 16)}</text
        >`
      : '',
  );
  const dots = points.map((p, i) => {
    if (p.value === undefined || !Number.isFinite(p.value)) return '';
    const dot = html`<circle class="point" cx="${round(xOf(i))}" cy="${round(yOf(p.value))}" r="4"
      ><title>${p.name ?? p.label}: ${p.value}</title></circle
    >`;
    return p.href !== undefined
      ? html`<a href="${p.href}" aria-label="${p.name ?? p.label}: ${p.value}">${dot}</a>`
      : dot;
  });
  return html`<svg
    class="chart line-chart"
    role="img"
    aria-label="${options.title}"
    viewBox="0 0 ${W} ${H}"
    width="${W}"
    height="${H}"
  >
    ${grid}
    <line class="axis" x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${TOP + plotH}" />
    <line class="axis" x1="${LEFT}" x2="${W - RIGHT}" y1="${TOP + plotH}" y2="${TOP + plotH}" />
    <text
      class="axis-title"
      x="14"
      y="${TOP + plotH / 2}"
      text-anchor="middle"
      transform="rotate(-90 14 ${TOP + plotH / 2})"
    >
      ${cut(options.yTitle, 30)}
    </text>
    <text class="axis-title" x="${LEFT + plotW / 2}" y="${H - 4}" text-anchor="middle">
      ${options.xTitle}
    </text>
    ${d !== '' ? html`<path class="series" d="${d.trim()}" />` : ''} ${xLabels} ${dots}
  </svg>`;
}
