// Fixture packagers for the kit's own tests: one correct packager and one broken packager per
// mistake the kit must catch. Each broken one differs from PointPackager in exactly one way.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact, Option, Pack, Packager, Unpack } from '@stowage/core';
import type {
  DataItem,
  FullControlPackager,
  Instructions,
  PackContext,
  PackOutput,
} from '@stowage/core';

/** A tiny value type with a class identity, so round trips must revive the class. */
export class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

/** Packing options of the point packagers. */
export class PointFileOptions {
  @Option({ allowed: ['json', 'csv'] }) format = 'json';
}

const encode = (p: Point, format: string): string =>
  format === 'csv' ? `${p.x},${p.y}` : JSON.stringify({ x: p.x, y: p.y });

const decode = (text: string, format: string | undefined): Point => {
  if (format === 'csv') {
    const [x, y] = text.split(',').map(Number);
    return new Point(x ?? NaN, y ?? NaN);
  }
  const { x, y } = JSON.parse(text) as { x: number; y: number };
  return new Point(x, y);
};

const fileArtifact = (key: string, p: Point, format: string): Artifact =>
  new Artifact({ key, body: Buffer.from(encode(p, format)), fileName: `point.${format}` });

/** Correct: packs a point as a json or csv file and reads it back. */
@Packager({ type: Point, defaultPackingArtifactType: 'file', defaultUnpackingArtifactType: 'file' })
export class PointPackager {
  @Pack('file', { options: PointFileOptions })
  packFile(point: Point, key: string, options: PointFileOptions): PackOutput {
    return {
      artifact: fileArtifact(key, point, options.format),
      instructions: { format: options.format },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { format?: string }): Promise<Point> {
    return decode(await item.getText(), instructions.format);
  }
}

/** Broken: rounds the caller's point in place while packing. */
@Packager({ type: Point, name: 'MutatingPointPackager', defaultPackingArtifactType: 'file' })
export class MutatingPointPackager {
  @Pack('file')
  packFile(point: Point, key: string): PackOutput {
    point.x = Math.round(point.x) + 1;
    return { artifact: fileArtifact(key, point, 'json'), instructions: { format: 'json' } };
  }

  @Unpack('file')
  async unpackFile(item: DataItem): Promise<Point> {
    return decode(await item.getText(), 'json');
  }
}

/** Broken: writes a scratch file under os.tmpdir() itself instead of ctx.tempDir(), and keeps it. */
@Packager({ type: Point, name: 'LeakyPointPackager', defaultPackingArtifactType: 'file' })
export class LeakyPointPackager {
  @Pack('file')
  async packFile(point: Point, key: string): Promise<PackOutput> {
    const dir = await mkdtemp(join(tmpdir(), 'leaky-'));
    await writeFile(join(dir, 'scratch.json'), encode(point, 'json'));
    return { artifact: fileArtifact(key, point, 'json'), instructions: { format: 'json' } };
  }

  @Unpack('file')
  async unpackFile(item: DataItem): Promise<Point> {
    return decode(await item.getText(), 'json');
  }
}

/** Broken: its instructions hold a Date, which a JSON record cannot keep as a Date. */
@Packager({ type: Point, name: 'BadRecordPointPackager', defaultPackingArtifactType: 'file' })
export class BadRecordPointPackager {
  @Pack('file')
  packFile(point: Point, key: string): PackOutput {
    const instructions = { format: 'json', writtenAt: new Date(0) };
    return { artifact: fileArtifact(key, point, 'json'), instructions };
  }

  @Unpack('file')
  async unpackFile(item: DataItem): Promise<Point> {
    return decode(await item.getText(), 'json');
  }
}

/** Broken: swaps the coordinates when reading a point back. */
@Packager({ type: Point, name: 'SwappingPointPackager', defaultPackingArtifactType: 'file' })
export class SwappingPointPackager {
  @Pack('file')
  packFile(point: Point, key: string): PackOutput {
    return { artifact: fileArtifact(key, point, 'json'), instructions: {} };
  }

  @Unpack('file')
  async unpackFile(item: DataItem): Promise<Point> {
    const { x, y } = await item.getJson<{ x: number; y: number }>();
    return new Point(y, x);
  }
}

/** Broken: a full-control packager that takes any option and silently ignores it. */
@Packager({ type: Point, name: 'LaxPointPackager' })
export class LaxPointPackager implements FullControlPackager<Point> {
  isPackable(value: unknown, artifactType: string | undefined): boolean {
    return value instanceof Point && (artifactType === undefined || artifactType === 'file');
  }

  isUnpackable(_typeHint: unknown, artifactType: string | undefined): boolean {
    return artifactType === undefined || artifactType === 'file';
  }

  defaultPackingArtifactType(): string {
    return 'file';
  }

  defaultUnpackingArtifactType(): string {
    return 'file';
  }

  pack(
    point: Point,
    key: string,
    _artifactType: string,
    _options: Readonly<Record<string, unknown>>,
    _ctx: PackContext,
  ): PackOutput {
    return { artifact: fileArtifact(key, point, 'json'), instructions: { format: 'json' } };
  }

  async unpack(item: DataItem, _artifactType: string, instructions: Instructions): Promise<Point> {
    return decode(await item.getText(), instructions['format'] as string | undefined);
  }
}

/** Pack-only: renders a point as an SVG nobody reads back. */
@Packager({ type: Point, name: 'PointSvgPackager', defaultPackingArtifactType: 'plot' })
export class PointSvgPackager {
  @Pack('plot')
  packPlot(point: Point, key: string): PackOutput {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><circle cx="${point.x}" cy="${point.y}" r="1"/></svg>`;
    return {
      artifact: new Artifact({ key, body: Buffer.from(svg), fileName: 'point.svg' }),
      instructions: {},
    };
  }
}

/** Unpack-only: reads the legacy "x;y" text format. */
@Packager({ type: Point, name: 'LegacyPointReader', defaultUnpackingArtifactType: 'legacy' })
export class LegacyPointReader {
  @Unpack('legacy')
  async unpackLegacy(item: DataItem): Promise<Point> {
    const [x, y] = (await item.getText()).split(';').map(Number);
    return new Point(x ?? NaN, y ?? NaN);
  }
}
