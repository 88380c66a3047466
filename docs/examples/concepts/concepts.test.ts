import { main } from './pack-and-unpack';
import { main as runAJob } from './run-a-job';
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

  describe('when running two jobs', () => {
    it('should log the first artifact and pass it, unpacked, to the second job', async () => {
      const { first, second } = await runAJob();
      expect(first.status).toBe('completed');
      expect(first.artifacts[0]?.uri).toMatch(/^store:\/\/position@/);
      expect(second.status).toBe('completed');
      expect(second.results).toEqual({ distance: 5 });
    });
  });
});
