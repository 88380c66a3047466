// What a property failure looks like: JSON cannot keep Infinity, NaN or -0.
import fc from 'fast-check';
import { checkRoundTripProperty } from '@stowage/testing';
import { Point, PointPackager } from '../concepts/point-packager';

describe('the json format of PointPackager', () => {
  describe('when round-tripping arbitrary doubles', () => {
    it('should be caught losing a value, with the seed to replay it', async () => {
      // #region failure
      const anyPoint = fc.tuple(fc.double(), fc.double()).map(([x, y]) => new Point(x, y));
      const run = checkRoundTripProperty(
        { packagerClass: PointPackager, artifactType: 'file', options: { format: 'json' } },
        anyPoint,
        { numRuns: 300, seed: 7 },
      );
      // #endregion
      const error = (await run.catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(/seed: 7, path: "[\d:]+"/);
      expect(error.message).toMatch(/Counterexample: \[\{"x":.*"y":.*\}\]/);
      expect(String((error.cause as Error).message)).toContain('did not round-trip');
    });
  });
});
