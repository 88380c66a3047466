import { main } from './pack-and-unpack';
import { Point } from './point-packager';

describe('docs/concepts.md examples', () => {
  describe('when packing and unpacking a point', () => {
    it('should give back an equal Point and record how it was packed', async () => {
      const { point, record, size } = await main();
      expect(point).toEqual(new Point(3, 4));
      expect(point).toBeInstanceOf(Point);
      expect(record).toMatchObject({
        packager: 'PointPackager',
        objectType: 'Point',
        artifactType: 'file',
        instructions: { format: 'csv' },
        runtime: { node: process.version, stowage: '0.1.0' },
      });
      expect(size).toBe(3);
    });
  });
});
