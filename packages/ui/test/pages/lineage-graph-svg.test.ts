import type { LineageGraph } from '../../src/data/lineage-graph';
import { lineageGraphSvg, shorten, truncationNote } from '../../src/pages/lineage-graph-svg';

const XSS = '<img src=x onerror=alert(1)>';

/** A focus artifact read by one run (named with markup), with 8 more readers not drawn. */
const graph: LineageGraph = {
  focus: 'artifact:a@v1',
  depth: 4,
  perLevel: 1,
  nodes: [
    { type: 'artifact', id: 'artifact:a@v1', level: 0, key: 'a', version: 'v1', kind: 'dataset' },
    { type: 'run', id: 'run:r1', level: 1, runId: 'r1', name: XSS, status: 'error' },
    { type: 'more', id: 'more:1', level: 1, count: 8 },
  ],
  edges: [{ from: 'artifact:a@v1', to: 'run:r1', byTag: true }],
  truncated: [{ level: 1, shown: 1, total: 9 }],
};

describe('lineageGraphSvg', () => {
  describe('when a level was cut', () => {
    it('should draw the rest as one box that is not a link, and say so above the graph', () => {
      const svg = lineageGraphSvg(graph).text;
      expect(svg).toMatch(/<g class="node node-more"\s*>/);
      expect(svg).toContain('+8 more');
      expect(svg.match(/<a /g)).toHaveLength(1);
      expect(truncationNote(graph).text.replace(/\s+/g, ' ')).toContain(
        'at most 1 nodes a level are drawn. Level 1 down shows 1 of 9.',
      );
      expect(truncationNote({ ...graph, truncated: [] }).text).toBe('');
    });
  });

  describe('when a name holds markup', () => {
    it('should escape it in the box, its tooltip and its accessible name', () => {
      const svg = lineageGraphSvg(graph).text;
      expect(svg).not.toContain('<img');
      expect(svg).toContain('aria-label="run &lt;img src=x onerror=alert(1)&gt; (error) r1"');
      expect(svg).toContain('class="node node-run status-error" href="/run?id=r1"');
      expect(svg).toMatch(/class="edge by-tag"[^>]*marker-end/);
    });
  });
});

describe('lineageGraphSvg', () => {
  describe('when nodes were found upstream and downstream in any order', () => {
    it('should put them in the document column by column, so Tab goes left to right', () => {
      const svg = lineageGraphSvg({
        ...graph,
        nodes: [
          graph.nodes[0]!,
          { type: 'run', id: 'run:d1', level: 1, runId: 'd1', name: 'down1' },
          { type: 'run', id: 'run:u1', level: -1, runId: 'u1', name: 'up1' },
          { type: 'artifact', id: 'artifact:u2@v', level: -2, key: 'up2', version: 'v' },
          { type: 'artifact', id: 'artifact:d2@v', level: 2, key: 'down2', version: 'v' },
        ],
        edges: [],
        truncated: [],
      }).text;
      const order = [...svg.matchAll(/aria-label="((?:run|artifact) [^ "]+)/g)].map((m) => m[1]);
      expect(order).toEqual(['artifact up2', 'run up1', 'run down1', 'artifact down2']);
    });
  });
});

describe('shorten', () => {
  describe('when a text is longer than the box', () => {
    it('should cut it by characters (not UTF-16 units) and end it with an ellipsis', () => {
      expect(shorten('abcdef', 4)).toBe('abc…');
      expect(shorten('😀😀😀😀😀', 3)).toBe('😀😀…');
      expect(shorten('abc', 3)).toBe('abc');
    });
  });
});
