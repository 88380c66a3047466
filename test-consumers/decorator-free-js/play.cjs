// The scenario, given the module object that was loaded (by `import` or `require`): packagers
// with options, priority and an injected service; handlers with declared inputs and params; a
// *key bundle; explain; the manager from a typedi container inside a service.

/** Declares the classes, packagers and handlers with the decorator-free API of `core`. */
function defineScenario(core) {
  const { Artifact, PackagersManager, collectionOf, defineOptions, definePackager, handler } = core;
  class Point {
    constructor(x, y) {
      this.x = x;
      this.y = y;
    }
  }
  class Units {
    constructor() {
      this.scale = 10;
    }
  }
  class PointFileOptions {
    constructor() {
      this.format = 'json';
    }
  }
  defineOptions(PointFileOptions, {
    format: { allowed: ['json', 'csv'], description: 'File format' },
  });
  class PointPackager {
    constructor(units) {
      this.units = units;
    }
    packFile(point, key, options) {
      const body =
        options.format === 'csv'
          ? `${point.x},${point.y}`
          : JSON.stringify({ x: point.x, y: point.y, scale: this.units.scale });
      return {
        artifact: new Artifact({
          key,
          body: Buffer.from(body),
          fileName: `point.${options.format}`,
        }),
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
  core.registerPackager(PointPackager, {
    type: Point,
    priority: 2,
    inject: [Units],
    pack: { file: { method: 'packFile', options: PointFileOptions } },
    unpack: { file: 'unpackFile' },
  });
  class Suite {
    constructor(cases) {
      this.cases = cases;
    }
  }
  const SuitePackager = definePackager({
    type: Suite,
    bundleFromDict: true,
    defaultPackingArtifactType: 'result',
    pack: { result: (suite) => ({ result: Object.keys(suite.cases) }) },
    unbundle: (suite) => ({ ...suite.cases }),
    bundle: (cases) => new Suite(cases),
  });
  class ReportService {
    constructor(container) {
      this.manager = container.get(PackagersManager);
    }
  }
  return {
    Point,
    Suite,
    PointPackager,
    SuitePackager,
    ReportService,
    makePoint: handler(() => new Point(2, 3), { outputs: ['p : file[format=csv]'] }),
    scale: handler(({ point, factor }) => new Point(point.x * factor, point.y * factor), {
      inputs: { point: Point },
      params: ['factor'],
      outputs: ['scaled : file'],
    }),
    read: handler(({ point }) => [point.x, point.y, point instanceof Point], {
      inputs: { point: Point },
      outputs: ['x', 'y', 'isPoint'],
    }),
    makeSuite: handler(() => new Suite({ train: new Point(1, 2), test: new Point(3, 4) }), {
      outputs: ['*suite'],
    }),
    count: handler(({ suite }) => [Object.keys(suite.cases).length, suite instanceof Suite], {
      inputs: { suite: collectionOf(Suite, Point) },
      outputs: ['count', 'bundled'],
    }),
  };
}

/** Runs the scenario on a local store at `root` and checks every result. */
async function playScenario(core, Container, s, root, assert) {
  const { BUILTIN_PACKAGERS, LocalStore, PackagersManager, TypediContainer, run } = core;
  const container = Container.of(`decorator-free-${root}`);
  const manager = new PackagersManager({
    store: new LocalStore({ root }),
    packagers: [...BUILTIN_PACKAGERS, s.PointPackager, s.SuitePackager],
    container: new TypediContainer(container),
  });
  assert.equal(new s.ReportService(container).manager, manager);

  const explanation = manager.explain(new s.Point(1, 2), 'p : file[format=csv]');
  assert.deepEqual(explanation.chosen, {
    packager: 'PointPackager',
    artifactType: 'file',
    mode: 'method',
  });
  assert.equal(explanation.candidates[0].priority, 2);
  assert.equal(explanation.candidates[0].declaredWith, 'function');
  await assert.rejects(
    manager.pack(new s.Point(1, 2), 'p : file[format=xml]'),
    (e) => e.code === 'OPTIONS_NOT_ALLOWED',
  );

  const completed = (record) => {
    assert.equal(record.status, 'completed', JSON.stringify(record.error ?? record.failedOutputs));
    return record;
  };
  const uriOf = (record, key) => record.artifacts.find((a) => a.key === key).uri;
  const made = completed(await run(s.makePoint, { manager }));
  const scaled = completed(
    await run(s.scale, { manager, inputs: { point: uriOf(made, 'p') }, params: { factor: 10 } }),
  );
  const read = completed(
    await run(s.read, { manager, inputs: { point: uriOf(scaled, 'scaled') } }),
  );
  assert.deepEqual(read.results, { x: 20, y: 30, isPoint: true });

  const suite = completed(await run(s.makeSuite, { manager }));
  assert.deepEqual(suite.artifacts.map((a) => a.key).sort(), ['suite_test', 'suite_train']);
  const counted = completed(
    await run(s.count, { manager, inputs: { suite: suite.results.suite } }),
  );
  assert.equal(counted.results.count, 2);
  assert.equal(counted.results.bundled, true);
}

module.exports = { defineScenario, playScenario };
