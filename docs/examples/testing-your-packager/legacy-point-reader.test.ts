// Testing an unpack-only packager with stored fixtures.
// #region unpack-only
import { Packager, Unpack } from '@stowage/core';
import type { DataItem } from '@stowage/core';
import { describePackager } from '@stowage/testing';
import { Point } from '../concepts/point-packager';

/** Reads the "x;y" files an older tool wrote; nothing writes them any more. */
@Packager({ type: Point, name: 'LegacyPointReader', defaultUnpackingArtifactType: 'legacy' })
class LegacyPointReader {
  @Unpack('legacy')
  async unpackLegacy(item: DataItem): Promise<Point> {
    const [x = NaN, y = NaN] = (await item.getText()).split(';').map(Number);
    return new Point(x, y);
  }
}

describePackager(LegacyPointReader, {
  unpackFixtures: [
    { name: 'a legacy file', artifactType: 'legacy', body: '1;2', expected: new Point(1, 2) },
    // Logged by hand: no packaging record, so the manager picks the reader from the type hint.
    {
      name: 'a file logged by hand',
      artifactType: 'legacy',
      body: '-5;0.5',
      packaged: false,
      expected: new Point(-5, 0.5),
    },
  ],
});
// #endregion
