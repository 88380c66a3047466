import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact, LocalStore, RunContext } from '@stowage/core';
import {
  lineageGraph,
  LINEAGE_GRAPH_MAX_DEPTH,
  LINEAGE_NODES_PER_LEVEL,
} from '../../src/data/lineage-graph';
import { StoreView } from '../../src/data/store-view';
import { sampleStore, type SampleStore } from '../helpers/sample-store';

describe('lineageGraph', () => {
  describe('when it starts from the sample dataset', () => {
    let sample: SampleStore;
    let view: StoreView;
    beforeAll(async () => {
      sample = await sampleStore();
      view = new StoreView({ store: sample.store });
    });
    afterAll(() => sample.remove());

    it('should put the producer one level up, readers one down, their outputs two down', async () => {
      const points = await view.artifacts.read('points');
      const graph = await lineageGraph(view, { artifact: points });
      const at = (level: number): string[] =>
        graph.nodes
          .filter((n) => n.level === level)
          .map((n) => (n.type === 'run' ? `run ${n.name}` : n.type === 'artifact' ? n.key : 'more'))
          .sort();
      expect(at(-1)).toEqual(['run prepare']);
      expect(at(0)).toEqual(['points']);
      expect(at(1)).toEqual(['run score', 'run train', 'run train']);
      expect(at(2)).toEqual(['classifier', 'classifier', 'model', 'model']);
      // score is reached again through the classifier it read: drawn once, linked twice.
      expect(graph.nodes.filter((n) => n.id === `run:${sample.failedRun}`)).toHaveLength(1);
      const intoScore = graph.edges.filter((e) => e.to === `run:${sample.failedRun}`);
      expect(intoScore.map((e) => [e.from.split('@')[0], e.byTag]).sort()).toEqual([
        ['artifact:classifier', false],
        ['artifact:points', true],
      ]);
      expect(graph.truncated).toEqual([]);
    });

    it('should stop at the depth asked for, at most at the maximum, and where all is drawn', async () => {
      const run = await view.runs.read(sample.failedRun);
      const one = await lineageGraph(view, { run }, { depth: 1 });
      expect(Math.min(...one.nodes.map((n) => n.level))).toBe(-1);
      expect(one.nodes.filter((n) => n.level === -1)).toHaveLength(2);
      const huge = await lineageGraph(view, { run }, { depth: 1000 });
      expect(huge.depth).toBe(LINEAGE_GRAPH_MAX_DEPTH);
      // Up 1: points and the classifier; up 2: prepare and train; up 3 would be points again.
      expect(Math.min(...huge.nodes.map((n) => n.level))).toBe(-2);
      expect(huge.nodes).toHaveLength(5);
    });
  });

  describe('when an artifact has more readers than a level shows', () => {
    const READERS = LINEAGE_NODES_PER_LEVEL + 8;
    let root: string;
    let view: StoreView;
    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'stowage-ui-lineage-'));
      const store = new LocalStore({ root });
      const source = await RunContext.start({ store, name: 'source' });
      const shared = await source.logArtifact(
        new Artifact({ key: 'shared', body: Buffer.from('x'), fileName: 'x.txt' }),
      );
      await source.complete();
      for (let i = 0; i < READERS; i++) {
        const reader = await RunContext.start({
          store,
          name: `reader-${i}`,
          inputs: { data: shared.uri ?? '' },
        });
        await reader.logArtifact(
          new Artifact({ key: `out-${i}`, body: Buffer.from(String(i)), fileName: 'o.txt' }),
        );
        await reader.complete();
      }
      view = new StoreView({ store });
    }, 60_000);
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('should draw the first ones, count the rest in one node, and read only what it draws', async () => {
      const shared = await view.artifacts.read('shared');
      const artifactReads = jest.spyOn(view.artifacts, 'read');
      try {
        const graph = await lineageGraph(view, { artifact: shared }, { depth: 3 });
        expect(graph.truncated).toEqual([
          { level: 1, shown: LINEAGE_NODES_PER_LEVEL, total: READERS },
        ]);
        const more = graph.nodes.find((n) => n.type === 'more');
        expect(more).toEqual({ type: 'more', id: 'more:1', level: 1, count: 8 });
        expect(graph.nodes.filter((n) => n.level === 1 && n.type === 'run')).toHaveLength(
          LINEAGE_NODES_PER_LEVEL,
        );
        // Level 2: only the outputs of the runs drawn, each record read once.
        expect(graph.nodes.filter((n) => n.level === 2)).toHaveLength(LINEAGE_NODES_PER_LEVEL);
        expect(artifactReads).toHaveBeenCalledTimes(LINEAGE_NODES_PER_LEVEL);
      } finally {
        artifactReads.mockRestore();
      }
    });
  });
});
