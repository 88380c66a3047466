// Packing a value into a store and unpacking it back, with the manager.
import { MemoryStore, PackagersManager, StoreArtifactRepository } from '@stowage/core';
import type { PackagingRecord } from '@stowage/core';
import { Point, PointPackager } from './point-packager';

export async function main(): Promise<{
  point: Point;
  record: PackagingRecord | undefined;
  size?: number;
}> {
  // #region roundtrip
  const repository = new StoreArtifactRepository({ store: new MemoryStore() });
  const manager = new PackagersManager({ repository, packagers: [PointPackager] });

  // Pack: PointPackager writes "3,4" as a csv file; the manager stores it as a new version.
  const packed = await manager.pack(new Point(3, 4), 'position: file[format=csv]');

  // Unpack: open the latest version of "position" and ask for a Point.
  const item = await repository.open('store://position');
  const point = await manager.unpack(item, Point); // Point { x: 3, y: 4 }
  // #endregion

  if (packed.kind !== 'artifact') throw new Error('expected an artifact');
  // #region record
  const { packaging, size } = packed.artifact;
  // packaging: {
  //   packager: 'PointPackager', objectType: 'Point', artifactType: 'file',
  //   instructions: { format: 'csv' },
  //   runtime: { node: 'v20…', stowage: '0.1.0', … },
  // }
  // size: 3 (the bytes "3,4"), with their sha256 in packed.artifact.sha256
  // #endregion
  return { point, record: packaging, size };
}
