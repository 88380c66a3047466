// Pattern 3, round trip: write a Point, read it back elsewhere, typed.
import {
  Artifact,
  MemoryStore,
  Option,
  Pack,
  Packager,
  PackagersManager,
  Unpack,
} from '@stowage/core';
import type { DataItem, PackOutput, PackedOutput } from '@stowage/core';

export class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

// #region packager
class PointFileOptions {
  @Option({ allowed: ['json', 'csv'], description: 'Encoding of the file' }) format = 'json';
}

@Packager({ type: Point, name: 'geo.PointPackager', packageVersions: { geo: '2.1.0' } })
export class PointPackager {
  @Pack('file', { options: PointFileOptions })
  packFile(point: Point, key: string, options: PointFileOptions): PackOutput {
    const text = options.format === 'csv' ? `${point.x},${point.y}` : JSON.stringify(point);
    return {
      artifact: new Artifact({ key, body: Buffer.from(text), fileName: `point.${options.format}` }),
      instructions: { format: options.format },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { format?: string }): Promise<Point> {
    const text = await item.getText();
    if (instructions.format === 'csv') {
      const [x, y] = text.split(',').map(Number);
      return new Point(x ?? 0, y ?? 0);
    }
    const { x, y } = JSON.parse(text) as { x: number; y: number };
    return new Point(x, y);
  }
}
// #endregion

/** Packs a point as CSV and unpacks it through the repository. */
export async function main(): Promise<{ out: PackedOutput; point: Point }> {
  const manager = new PackagersManager({ store: new MemoryStore(), packagers: [PointPackager] });
  const repository = manager.repository!;
  // #region round-trip
  const out = await manager.pack(new Point(1, 2), 'origin : file[format=csv]');
  // later, maybe on another machine
  const point = await manager.unpack(await repository.open('store://origin'), Point);
  // #endregion
  return { out, point };
}
