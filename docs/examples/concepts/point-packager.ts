// A complete custom packager: a Point stored as a small JSON or CSV file.
import { Artifact, Option, Pack, Packager, Unpack } from '@stowage/core';
import type { DataItem, PackOutput } from '@stowage/core';

// #region point
/** The type we want to pass between jobs. */
export class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}
// #endregion

// #region options
/** The packing options of `@Pack('file')`: each property's initial value is its default. */
export class PointFileOptions {
  @Option({ allowed: ['json', 'csv'], description: 'How the point is written.' })
  format = 'json';
}
// #endregion

// #region packager
/** `String(-0)` is "0": keep the sign so every number survives the csv round trip. */
const numberText = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

@Packager({ type: Point, defaultPackingArtifactType: 'file', defaultUnpackingArtifactType: 'file' })
export class PointPackager {
  @Pack('file', { options: PointFileOptions })
  packFile(point: Point, key: string, options: PointFileOptions): PackOutput {
    const text =
      options.format === 'csv'
        ? `${numberText(point.x)},${numberText(point.y)}`
        : JSON.stringify(point);
    const artifact = new Artifact({
      key,
      body: Buffer.from(text),
      fileName: `point.${options.format}`,
    });
    return { artifact, instructions: { format: options.format } };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { format?: string }): Promise<Point> {
    const text = await item.getText();
    // No instructions (a file stored by hand): guess from the content.
    const format = instructions.format ?? (text.trimStart().startsWith('{') ? 'json' : 'csv');
    if (format === 'csv') {
      const [x = NaN, y = NaN] = text.split(',').map(Number);
      return new Point(x, y);
    }
    const { x, y } = JSON.parse(text) as { x: number; y: number };
    return new Point(x, y);
  }
}
// #endregion
