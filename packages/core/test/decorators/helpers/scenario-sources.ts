/**
 * The toolchain scenario as user code: a custom packager with packing options, priority and an
 * injected service; a handler with an explicitly declared typed input; a `*key` bundle; and a
 * service that gets the manager from a typedi container. One version with standard decorators
 * (TypeScript), one with the decorator-free API (plain JavaScript).
 */

/** Standard (TC39) decorators, compiled without experimentalDecorators. */
export const STANDARD_SCENARIO = `
import {
  Artifact, Bundle, DataItem, Handler, Option, Pack, Packager, PackagersManager, Unbundle, Unpack,
  collectionOf, type PackOutput,
} from '@stowage/core';
import type { ContainerInstance } from 'typedi';

export class Point {
  constructor(readonly x: number, readonly y: number) {}
}

export class Units {
  readonly scale = 10;
}

export class PointFileOptions {
  @Option({ allowed: ['json', 'csv'], description: 'File format' }) format = 'json';
  @Option() precision = 1;
}

@Packager({ type: Point, priority: 2, inject: [Units] })
export class PointPackager {
  constructor(private readonly units: Units) {}

  @Pack('file', { options: PointFileOptions })
  packFile(point: Point, key: string, options: PointFileOptions): PackOutput {
    const body =
      options.format === 'csv'
        ? point.x + ',' + point.y
        : JSON.stringify({ x: point.x, y: point.y, scale: this.units.scale });
    return {
      artifact: new Artifact({ key, body: Buffer.from(body), fileName: 'point.' + options.format }),
      instructions: { format: options.format },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { format?: string }): Promise<Point> {
    const text = await item.getText();
    if (instructions.format === 'csv') {
      const [x, y] = text.split(',').map(Number);
      return new Point(x as number, y as number);
    }
    const { x, y } = JSON.parse(text) as { x: number; y: number };
    return new Point(x, y);
  }
}

export class Suite {
  constructor(readonly cases: Readonly<Record<string, Point>>) {}
}

@Packager({ type: Suite, bundleFromDict: true, defaultPackingArtifactType: 'result' })
export class SuitePackager {
  @Pack('result') packResult(suite: Suite): PackOutput {
    return { result: Object.keys(suite.cases) };
  }
  @Unbundle() unbundle(suite: Suite): Record<string, Point> {
    return { ...suite.cases };
  }
  @Bundle() bundle(cases: Record<string, Point>): Suite {
    return new Suite(cases);
  }
}

export class Jobs {
  @Handler({ outputs: ['*suite'] })
  makeSuite(): Suite {
    return new Suite({ train: new Point(1, 2), test: new Point(3, 4) });
  }

  @Handler({ inputs: { point: Point }, params: ['factor'], outputs: ['scaled : file'] })
  scale({ point, factor }: { point: Point; factor: number }): Point {
    return new Point(point.x * factor, point.y * factor);
  }

  @Handler({ inputs: { suite: collectionOf(Suite, Point) }, outputs: ['count'] })
  count({ suite }: { suite: Suite }): number {
    return Object.keys(suite.cases).length + (suite instanceof Suite ? 100 : 0);
  }

  @Handler()
  untyped(point: Point): Point {
    return point;
  }
}

export class ReportService {
  readonly manager: PackagersManager;
  constructor(container: ContainerInstance) {
    this.manager = container.get(PackagersManager);
  }
}
`;

/** The same scenario in plain JavaScript (CommonJS) with the decorator-free API. */
export const FUNCTION_SCENARIO = `
const { Artifact, PackagersManager, collectionOf, defineOptions, definePackager, handler, registerPackager } =
  require('@stowage/core');

class Point {
  constructor(x, y) { this.x = x; this.y = y; }
}
class Units {
  constructor() { this.scale = 10; }
}
class PointFileOptions {
  constructor() { this.format = 'json'; this.precision = 1; }
}
defineOptions(PointFileOptions, {
  format: { allowed: ['json', 'csv'], description: 'File format' },
  precision: {},
});

class PointPackager {
  constructor(units) { this.units = units; }
  packFile(point, key, options) {
    const body = options.format === 'csv'
      ? point.x + ',' + point.y
      : JSON.stringify({ x: point.x, y: point.y, scale: this.units.scale });
    return {
      artifact: new Artifact({ key, body: Buffer.from(body), fileName: 'point.' + options.format }),
      instructions: { format: options.format },
    };
  }
  async unpackFile(item, instructions) {
    const text = await item.getText();
    if (instructions.format === 'csv') {
      const [x, y] = text.split(',').map(Number);
      return new Point(x, y);
    }
    const { x, y } = JSON.parse(text);
    return new Point(x, y);
  }
}
registerPackager(PointPackager, {
  type: Point,
  priority: 2,
  inject: [Units],
  pack: { file: { method: 'packFile', options: PointFileOptions } },
  unpack: { file: 'unpackFile' },
});

class Suite {
  constructor(cases) { this.cases = cases; }
}
const SuitePackager = definePackager({
  type: Suite,
  bundleFromDict: true,
  defaultPackingArtifactType: 'result',
  pack: { result: (suite) => ({ result: Object.keys(suite.cases) }) },
  unbundle: (suite) => ({ ...suite.cases }),
  bundle: (cases) => new Suite(cases),
});

const makeSuite = handler(
  () => new Suite({ train: new Point(1, 2), test: new Point(3, 4) }),
  { outputs: ['*suite'] },
);
const scale = handler(
  ({ point, factor }) => new Point(point.x * factor, point.y * factor),
  { inputs: { point: Point }, params: ['factor'], outputs: ['scaled : file'] },
);
const count = handler(
  ({ suite }) => Object.keys(suite.cases).length + (suite instanceof Suite ? 100 : 0),
  { inputs: { suite: collectionOf(Suite, Point) }, outputs: ['count'] },
);

class ReportService {
  constructor(container) { this.manager = container.get(PackagersManager); }
}

module.exports = { Point, Units, PointFileOptions, PointPackager, Suite, SuitePackager, makeSuite, scale, count, ReportService };
`;
