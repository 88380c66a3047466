// The toolchain scenario, one source for every toolchain of this project: a packager with
// packing options, priority and an injected service listed in @Packager({ inject }); handlers
// whose inputs and params are declared in @Handler (standard decorators have no parameter
// decorators, and no toolchain here but tsc with emitDecoratorMetadata emits design-time types);
// a *key bundle; and a service that gets the manager from a typedi container.
import {
  Artifact,
  Bundle,
  DataItem,
  Handler,
  Option,
  Pack,
  Packager,
  PackagersManager,
  Unbundle,
  Unpack,
  collectionOf,
  type PackOutput,
} from '@stowage/core';
import type { ContainerInstance } from 'typedi';

export class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

export class Units {
  readonly scale = 10;
}

export class PointFileOptions {
  @Option({ allowed: ['json', 'csv'], description: 'File format' }) format = 'json';
}

@Packager({ type: Point, priority: 2, inject: [Units] })
export class PointPackager {
  constructor(private readonly units: Units) {}

  @Pack('file', { options: PointFileOptions })
  packFile(point: Point, key: string, options: PointFileOptions): PackOutput {
    const body =
      options.format === 'csv'
        ? `${point.x},${point.y}`
        : JSON.stringify({ x: point.x, y: point.y, scale: this.units.scale });
    return {
      artifact: new Artifact({ key, body: Buffer.from(body), fileName: `point.${options.format}` }),
      instructions: { format: options.format },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { format?: string }): Promise<Point> {
    const text = await item.getText();
    if (instructions.format === 'csv') {
      const [x, y] = text.split(',').map(Number);
      return new Point(x ?? NaN, y ?? NaN);
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

  @Handler({ outputs: ['p : file[format=csv]'] })
  makePoint(): Point {
    return new Point(2, 3);
  }

  @Handler({ inputs: { point: Point }, params: ['factor'], outputs: ['scaled : file'] })
  scale({ point, factor }: { point: Point; factor: number }): Point {
    return new Point(point.x * factor, point.y * factor);
  }

  @Handler({ inputs: { point: Point }, outputs: ['x', 'y', 'isPoint'] })
  read({ point }: { point: Point }): [number, number, boolean] {
    return [point.x, point.y, point instanceof Point];
  }

  @Handler({ inputs: { suite: collectionOf(Suite, Point) }, outputs: ['count', 'bundled'] })
  count({ suite }: { suite: Suite }): [number, boolean] {
    return [Object.keys(suite.cases).length, suite instanceof Suite];
  }
}

export class ReportService {
  readonly manager: PackagersManager;
  constructor(container: ContainerInstance) {
    this.manager = container.get(PackagersManager);
  }
}
