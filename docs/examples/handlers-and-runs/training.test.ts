import { main } from './training';

describe('docs/handlers-and-runs.md examples', () => {
  describe('when the method handler and the function handler run in sequence', () => {
    it('should log the centroid, the spread and the shifted point', async () => {
      const [summary, shifted, partial] = await main();
      expect(summary.status).toBe('completed');
      expect(summary.labels).toEqual({ team: 'geo' });
      expect(summary.results['spread']).toBeCloseTo(Math.hypot(4, 2));
      expect(summary.artifacts.map((a) => a.key)).toEqual(['centroid']);
      expect(shifted.status).toBe('completed');
      expect(shifted.inputs['point']).toBe(summary.artifacts[0]!.uri);
      expect(partial.status).toBe('warn');
      expect(partial.artifacts.map((a) => a.key)).toEqual(['kept']);
      expect(partial.failedOutputs?.map((f) => f.key)).toEqual(['lost']);
    });
  });
});
