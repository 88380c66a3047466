import { Point } from '../concepts/point-packager';
import { EvalSuite, main } from './eval-suite';

describe('docs/bundling.md examples', () => {
  describe('when an EvalSuite is itemized and passed on', () => {
    it('should log one artifact per case and rebuild the suite and a list of points', async () => {
      const { produced, points, suite, nested } = await main();
      expect(produced.status).toBe('completed');
      expect(produced.artifacts.map((a) => a.key)).toEqual(['suite_easy', 'suite_hard']);
      expect(produced.results['suite']).toEqual({
        easy: produced.artifacts[0]!.uri,
        hard: produced.artifacts[1]!.uri,
      });
      expect(suite).toEqual(new EvalSuite({ easy: new Point(1, 1), hard: new Point(9, -3) }));
      expect(suite.cases['hard']).toBeInstanceOf(Point);
      expect(points).toEqual([new Point(1, 1), new Point(9, -3)]);
      expect(nested.results).toEqual({
        n_a_0: 1,
        n_a_1: [2, 3],
        n_b_c: 4,
        n: { a: [1, [2, 3]], b: { c: 4 } },
      });
    });
  });
});
