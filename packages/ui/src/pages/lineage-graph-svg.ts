import type { LineageGraph, LineageNode } from '../data/lineage-graph';
import { href, html, type SafeHtml } from '../html/html';

const NODE_W = 190;
const NODE_H = 40;
const COL_STEP = 250;
const ROW_STEP = 52;
const TOP = 28;
const PAD = 10;

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function nodeHref(node: LineageNode): string | undefined {
  if (node.type === 'run') return href('/run', { id: node.runId });
  if (node.type === 'artifact') return href('/artifact', { key: node.key, version: node.version });
  return undefined;
}

function nodeText(node: LineageNode): { title: string; sub: string; full: string } {
  if (node.type === 'run')
    return {
      title: `run ${node.name}`,
      sub: node.status ?? '',
      full: `run ${node.name} (${node.status ?? 'unreadable'}) ${node.runId}`,
    };
  if (node.type === 'artifact')
    return {
      title: node.key,
      sub: [node.kind, node.version].filter((s) => s !== undefined).join(' · ') || 'by tag',
      full: `artifact ${node.key}${node.version !== undefined ? ` version ${node.version}` : ''}`,
    };
  return {
    title: `+${node.count} more`,
    sub: 'not drawn',
    full: `${node.count} more at this level, not drawn`,
  };
}

const levelName = (level: number): string =>
  level === 0 ? 'this' : level < 0 ? `${-level} up` : `${level} down`;

/**
 * Draws a lineage graph as inline SVG: one column per level, upstream on the left, the focus in
 * the middle, downstream on the right; runs and artifact versions are links (SVG `<a>`, reached
 * with Tab and followed with Enter), edges by tag are dashed.
 *
 * @remarks
 * No script and no inline style: classes styled by the page's stylesheet, every text escaped.
 */
export function lineageGraphSvg(graph: LineageGraph): SafeHtml {
  const levels = [...new Set(graph.nodes.map((n) => n.level))].sort((a, b) => a - b);
  const rows = new Map<number, LineageNode[]>();
  for (const node of graph.nodes) rows.set(node.level, [...(rows.get(node.level) ?? []), node]);
  const tallest = Math.max(1, ...[...rows.values()].map((r) => r.length));
  const height = TOP + tallest * ROW_STEP + PAD;
  const width = (levels.length > 0 ? levels.length : 1) * COL_STEP - (COL_STEP - NODE_W) + PAD * 2;
  const where = new Map<string, { x: number; y: number }>();
  for (const [level, list] of rows) {
    const x = PAD + levels.indexOf(level) * COL_STEP;
    const offset = ((tallest - list.length) * ROW_STEP) / 2;
    list.forEach((node, i) => where.set(node.id, { x, y: TOP + offset + i * ROW_STEP }));
  }
  const edges = graph.edges.flatMap((edge) => {
    const a = where.get(edge.from);
    const b = where.get(edge.to);
    if (a === undefined || b === undefined) return [];
    // Drawn left to right; an edge that points back (to a node already drawn further right, as
    // when a run reads what was made downstream of the focus) gets its arrow at the start.
    const back = a.x > b.x;
    const [left, right] = back ? [b, a] : [a, b];
    const x1 = left.x + NODE_W + (back ? 4 : 0);
    const y1 = left.y + NODE_H / 2;
    const x2 = right.x - (back ? 0 : 4);
    const y2 = right.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    return [
      html`<path
        class="edge${edge.byTag ? ' by-tag' : ''}"
        d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}"
        ${back ? html`marker-start="url(#arrow)"` : html`marker-end="url(#arrow)"`}
      />`,
    ];
  });
  // In reading order (column by column, top to bottom), so Tab moves left to right.
  const ordered = [...graph.nodes].sort(
    (a, b) => a.level - b.level || (where.get(a.id)?.y ?? 0) - (where.get(b.id)?.y ?? 0),
  );
  const nodes = ordered.map((node) => {
    const at = where.get(node.id) ?? { x: 0, y: 0 };
    const text = nodeText(node);
    const focus = node.id === graph.focus;
    const status = node.type === 'run' && node.status !== undefined ? ` status-${node.status}` : '';
    const inner = html`<title>${text.full}</title>
      <rect x="${at.x}" y="${at.y}" width="${NODE_W}" height="${NODE_H}" rx="5" />
      <text x="${at.x + 8}" y="${at.y + 16}">${shorten(text.title, 26)}</text>
      <text class="sub" x="${at.x + 8}" y="${at.y + 32}">${shorten(text.sub, 27)}</text>`;
    const cls = `node node-${node.type}${focus ? ' focus' : ''}${status}`;
    const link = focus ? undefined : nodeHref(node);
    return link !== undefined
      ? html`<a class="${cls}" href="${link}" aria-label="${text.full}">${inner}</a>`
      : html`<g class="${cls}" ${focus ? html`aria-current="true"` : ''}>${inner}</g>`;
  });
  const headers = levels.map(
    (level, i) =>
      html`<text class="level" x="${PAD + i * COL_STEP + NODE_W / 2}" y="16" text-anchor="middle"
        >${levelName(level)}</text
      >`,
  );
  return html`<div class="graph">
    <svg
      class="lineage-graph"
      role="group"
      aria-label="Lineage graph: ${graph.nodes.length} nodes, ${graph.edges.length} links, up to ${graph.depth} steps each way"
      viewBox="0 0 ${width} ${height}"
      width="${width}"
      height="${height}"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 8 8"
          refX="8"
          refY="4"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path class="arrow" d="M0 0 L8 4 L0 8 z" />
        </marker>
      </defs>
      ${headers} ${edges} ${nodes}
    </svg>
  </div>`;
}

/** The sentence that says which levels were cut, or nothing. */
export function truncationNote(graph: LineageGraph): SafeHtml {
  if (graph.truncated.length === 0) return html``;
  return html`<p class="note" role="note">
    Big graph: at most ${graph.perLevel} nodes a level are drawn.
    ${graph.truncated.map(
      (t) => html`Level ${levelName(t.level)} shows ${t.shown} of ${t.total}. `,
    )}
  </p>`;
}
