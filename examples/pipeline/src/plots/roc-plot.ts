import type { RocPoint } from '../model/metrics';

const SIZE = 360;
const MARGIN = 48;

/**
 * Draws a ROC curve as a standalone SVG document (no library: a polyline, axes and labels).
 *
 * @remarks
 * The output is deterministic text (coordinates rounded to 0.1 px), so two runs on the same data
 * write byte-identical plots.
 */
export function rocPlotSvg(points: readonly RocPoint[], auc: number, title = 'ROC curve'): string {
  const plot = SIZE - 2 * MARGIN;
  const px = (fpr: number): string => (MARGIN + fpr * plot).toFixed(1);
  const py = (tpr: number): string => (SIZE - MARGIN - tpr * plot).toFixed(1);
  const curve = points.map((p) => `${px(p.falsePositiveRate)},${py(p.truePositiveRate)}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<text x="${px(t)}" y="${SIZE - MARGIN + 16}" text-anchor="middle">${t}</text>` +
        `<text x="${MARGIN - 8}" y="${py(t)}" text-anchor="end" dominant-baseline="middle">${t}</text>`,
    )
    .join('\n  ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" font-family="sans-serif" font-size="11">`,
    `  <title>${escapeXml(title)}</title>`,
    `  <rect width="${SIZE}" height="${SIZE}" fill="white"/>`,
    `  <rect x="${MARGIN}" y="${MARGIN}" width="${plot}" height="${plot}" fill="none" stroke="#999"/>`,
    `  <line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#bbb" stroke-dasharray="4 4"/>`,
    `  ${ticks}`,
    `  <text x="${SIZE / 2}" y="${MARGIN / 2}" text-anchor="middle" font-size="14">${escapeXml(title)} (AUC ${auc.toFixed(3)})</text>`,
    `  <text x="${SIZE / 2}" y="${SIZE - 12}" text-anchor="middle">false positive rate</text>`,
    `  <text x="14" y="${SIZE / 2}" text-anchor="middle" transform="rotate(-90 14 ${SIZE / 2})">true positive rate</text>`,
    `  <polyline points="${curve}" fill="none" stroke="#1f77b4" stroke-width="2"/>`,
    '</svg>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c,
  );
}
