import { accuracyOf, areaUnderCurve, confusionMatrix, rocCurve } from '../../src/model/metrics';
import { fitLogistic } from '../../src/model/fit-logistic';
import { syntheticDataset } from '../../src/data/synthetic-dataset';

describe('confusionMatrix', () => {
  describe('when scores are cut at 0.5', () => {
    it('should count each outcome', () => {
      const m = confusionMatrix([0.9, 0.8, 0.2, 0.1, 0.6], [1, 0, 1, 0, 1]);
      expect(m).toEqual({ truePositive: 2, falsePositive: 1, trueNegative: 1, falseNegative: 1 });
      expect(accuracyOf(m)).toBe(0.6);
    });
  });
});

describe('rocCurve', () => {
  describe('when the scores rank every positive first', () => {
    it('should have an area of 1', () => {
      const curve = rocCurve([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0]);
      expect(curve[0]).toMatchObject({ falsePositiveRate: 0, truePositiveRate: 0 });
      expect(curve[curve.length - 1]).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
      expect(areaUnderCurve(curve)).toBe(1);
    });
  });

  describe('when all scores tie', () => {
    it('should be the diagonal, area 0.5', () => {
      expect(areaUnderCurve(rocCurve([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]))).toBe(0.5);
    });
  });
});

describe('fitLogistic', () => {
  describe('when fitted twice on the same seeded data', () => {
    it('should give identical weights and a loss below that of a coin flip', () => {
      const rows = syntheticDataset({ rows: 500, seed: 11, testFraction: 0.2 });
      const options = {
        features: ['x1', 'x2'],
        label: 'label',
        epochs: 100,
        learningRate: 0.5,
        l2: 0,
      };
      const a = fitLogistic(rows, options);
      const b = fitLogistic(rows, options);
      expect(Array.from(a.model.weights)).toEqual(Array.from(b.model.weights));
      expect(a.loss).toBeLessThan(Math.log(2));
      expect(a.model.weights[0]).toBeGreaterThan(0);
    });
  });
});
