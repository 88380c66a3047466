import 'reflect-metadata';
import * as typedi from 'typedi';
import { Container } from 'typedi';
import * as core from '@stowage/core';
import {
  DefinitionError,
  HandlerError,
  MemoryStore,
  PackagersManager,
  TypediContainer,
  run,
  type RunRecord,
} from '@stowage/core';
import { expectStowageError, expectStowageRejection } from '../helpers/expect-stowage-error';
import {
  FUNCTION_SCENARIO_FILE,
  STANDARD_SCENARIO_FILE,
  readConsumerSource,
} from './helpers/scenario-sources';
import {
  compileStandard,
  loadCommonJs,
  loadStandard,
  typescriptVersion,
} from './helpers/standard-module';

const MODULES = { '@stowage/core': core, typedi };
const firstLine = (text: string): string => text.split('\n')[0] ?? '';
const quiet = { warn: (): void => undefined };
let containers = 0;

type Ctor = new (...args: never[]) => object;
type Job = Parameters<typeof run>[0];

/** What both scenario versions export, and how to call their handlers. */
interface Scenario {
  readonly PointPackager: Ctor;
  readonly SuitePackager: Ctor;
  readonly Point: new (x: number, y: number) => { x: number; y: number };
  readonly Suite: Ctor;
  readonly ReportService: new (container: typedi.ContainerInstance) => {
    manager: PackagersManager;
  };
  readonly makePoint: Job;
  readonly scale: Job;
  readonly read: Job;
  readonly makeSuite: Job;
  readonly count: Job;
}

function standardScenario(): Scenario {
  const m = loadStandard(readConsumerSource(STANDARD_SCENARIO_FILE), MODULES) as Record<
    string,
    Ctor
  >;
  const jobs = new (m['Jobs'] as Ctor)();
  const method = (name: string): Job => [jobs, name] as unknown as Job;
  return {
    ...(m as unknown as Scenario),
    makePoint: method('makePoint'),
    scale: method('scale'),
    read: method('read'),
    makeSuite: method('makeSuite'),
    count: method('count'),
  };
}

function functionScenario(): Scenario {
  const play = loadCommonJs(readConsumerSource(FUNCTION_SCENARIO_FILE), {}) as {
    defineScenario(module: typeof core): Scenario;
  };
  return play.defineScenario(core);
}

function uriOf(record: RunRecord, key: string): string | undefined {
  return record.artifacts.find((a) => a.key === key)?.uri;
}

function completed(record: RunRecord): RunRecord {
  if (record.status !== 'completed')
    throw new Error(JSON.stringify(record.error ?? record.failedOutputs));
  return record;
}

/** Runs the shared scenario against a manager built from the catalog (builtins + imported packagers). */
async function playScenario(s: Scenario, mode: 'standard' | 'function'): Promise<void> {
  const container = Container.of(`toolchain-scenario-${++containers}`);
  // Each test loads the scenario afresh, so the import-time catalog holds several
  // "PointPackager" classes: the list is given explicitly (the builtins, then the user's).
  const manager = new PackagersManager({
    store: new MemoryStore(),
    packagers: [...core.BUILTIN_PACKAGERS, s.PointPackager, s.SuitePackager] as never[],
    container: new TypediContainer(container),
    warnings: quiet,
  });
  // The manager obtained from the container inside a service.
  expect(new s.ReportService(container).manager).toBe(manager);

  // Ranking, options and explain.
  const explanation = manager.explain(new s.Point(1, 2), 'p : file[format=csv]');
  expect(explanation.chosen).toEqual({
    packager: 'PointPackager',
    artifactType: 'file',
    mode: 'method',
  });
  expect(explanation.candidates[0]).toMatchObject({
    packager: 'PointPackager',
    priority: 2,
    declaredWith: mode,
    packMethodsDeclaredWith: { file: mode },
  });
  expect(explanation.text).toContain(
    `PointPackager: declared with ${core.declarationModeLabel(mode)}`,
  );
  const refused: unknown = await manager.pack(new s.Point(1, 2), 'p : file[format=xml]').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(refused).toMatchObject({ code: 'OPTIONS_NOT_ALLOWED' });

  // A typed input declared explicitly, a param, and the injected service in the packager.
  const produced = completed(await run(s.makePoint, { manager }));
  const scaled = completed(
    await run(s.scale, {
      manager,
      inputs: { point: uriOf(produced, 'p') as never },
      params: { factor: 10 },
    }),
  );
  const read = completed(
    await run(s.read, { manager, inputs: { point: uriOf(scaled, 'scaled') as never } }),
  );
  expect(read.results).toEqual({ x: 20, y: 30, isPoint: true });

  // A *key bundle: one artifact per item, bundled back into a Suite of Points.
  const suite = completed(await run(s.makeSuite, { manager }));
  expect(suite.artifacts.map((a) => a.key).sort()).toEqual(['suite_test', 'suite_train']);
  const counted = completed(
    await run(s.count, { manager, inputs: { suite: suite.results['suite'] as never } }),
  );
  expect(counted.results).toEqual({ count: 2, bundled: true });
}

describe('standard (TC39) decorators', () => {
  it('should run under a TypeScript that emits decorator metadata (5.2+)', () => {
    const [major, minor] = typescriptVersion();
    expect(major > 5 || (major === 5 && minor >= 2)).toBe(true);
  });

  describe('when the toolchain scenario is compiled without experimentalDecorators', () => {
    it('should pack, explain, run typed handlers, bundle and inject the manager', async () => {
      await playScenario(standardScenario(), 'standard');
    });

    it('should record the same records as the legacy decorators, marked standard', () => {
      const s = loadStandard(readConsumerSource(STANDARD_SCENARIO_FILE), MODULES) as Record<
        string,
        Ctor
      >;
      const manager = new PackagersManager({
        packagers: [s['PointPackager'] as never, s['SuitePackager'] as never],
        fallback: null,
        warnings: quiet,
      });
      const point = manager.snapshot.byName('PointPackager');
      expect(point).toMatchObject({
        priority: 2,
        declaredWith: 'standard',
        inject: [s['Units']],
        defaultPackingArtifactType: 'file',
        unpackMethods: { file: { method: 'unpackFile', declaredWith: 'standard' } },
      });
      expect(point?.packMethods['file']?.options.options.map((o) => o.name)).toEqual(['format']);
      expect(manager.snapshot.byName('SuitePackager')).toMatchObject({
        bundleMethod: 'bundle',
        unbundleMethod: 'unbundle',
        bundleFromDict: true,
      });
    });
  });

  describe('when a standard-mode handler takes parameters it does not declare', () => {
    it('should say to declare the inputs in @Handler', async () => {
      const s = loadStandard(
        `import { Handler } from '@stowage/core';
         export class Point {}
         export class Jobs {
           @Handler()
           untyped(point: Point): Point { return point; }
         }`,
        MODULES,
      ) as Record<string, Ctor>;
      const jobs = new (s['Jobs'] as Ctor)();
      const manager = new PackagersManager({ packagers: [], fallback: null, warnings: quiet });
      const record = await run([jobs, 'untyped'] as unknown as Job, { manager }).catch(
        (e: unknown) => e,
      );
      const error = record instanceof HandlerError ? record : (record as RunRecord).error;
      expect(error).toMatchObject({ code: 'HANDLER_INPUTS_NOT_DECLARED' });
      expect(String((error as { message: string }).message)).toContain(
        'Jobs.untyped takes 1 parameter(s)',
      );
      expect(String((error as { fix?: string }).fix)).toContain(
        "@Handler({ inputs: { data: Dataset }, params: ['epochs'] })",
      );
    });
  });

  describe('when @Pack is misplaced under standard decorators', () => {
    it('should name the member kind instead of "[object Object]"', () => {
      const error = expectStowageError(
        () =>
          loadStandard(
            `import { Pack } from '@stowage/core';
             export class P { @Pack('file') packFile = 1; }`,
            MODULES,
          ),
        DefinitionError,
        'DEFINITION_NOT_A_METHOD',
      );
      expect(firstLine(error.message)).toBe(
        '@Pack is on the field packFile, which is not a public instance method.',
      );
      expect(error.message).not.toContain('[object Object]');
    });

    it('should refuse a static method and say where it may go', () => {
      const error = expectStowageError(
        () =>
          loadStandard(
            `import { Unpack } from '@stowage/core';
             export class P { @Unpack('file') static unpackFile() {} }`,
            MODULES,
          ),
        DefinitionError,
        'DEFINITION_NOT_A_METHOD',
      );
      expect(firstLine(error.message)).toBe(
        '@Unpack is on the static method unpackFile, which is not a public instance method.',
      );
    });

    it('should report a duplicate artifact type with the class name when @Packager runs', () => {
      const error = expectStowageError(
        () =>
          loadStandard(
            `import { Pack, Packager } from '@stowage/core';
             export class Thing {}
             @Packager({ type: Thing })
             export class ThingPackager {
               @Pack('file') a() { return { result: 1 }; }
               @Pack('file') b() { return { result: 2 }; }
             }`,
            MODULES,
          ),
        DefinitionError,
        'DEFINITION_DUPLICATE_METHOD',
      );
      expect(firstLine(error.message)).toBe(
        'ThingPackager has two @Pack("file") methods: a and b.',
      );
    });
  });

  describe('when @Input is put on a field under standard decorators', () => {
    it('should say to declare inputs in @Handler instead', () => {
      const error = expectStowageError(
        () =>
          loadStandard(
            `import { Input } from '@stowage/core';
             export class J { @(Input('data') as any) data = 1; }`,
            MODULES,
          ),
        HandlerError,
        'HANDLER_NOT_A_METHOD_PARAMETER',
      );
      expect(error.fix).toContain("@Handler({ inputs: { data: Dataset }, params: ['epochs'] })");
    });
  });

  describe('when the compiler passes no context.metadata', () => {
    it('should say which TypeScript to use or what to use instead', () => {
      const js = compileStandard(
        `import { Pack } from '@stowage/core';
         export class P { @Pack('file') packFile() { return { result: 1 }; } }`,
      );
      const symbols = Symbol as unknown as { metadata?: symbol };
      const saved = Object.getOwnPropertyDescriptor(Symbol, 'metadata');
      delete symbols.metadata;
      try {
        const error = expectStowageError(
          () => loadCommonJs(js, MODULES),
          DefinitionError,
          'DEFINITION_NO_DECORATOR_METADATA',
        );
        expect(error.fix).toContain('TypeScript 5.2');
        expect(error.fix).toContain('definePackager()');
      } finally {
        if (saved !== undefined) Object.defineProperty(Symbol, 'metadata', saved);
      }
    });
  });

  describe('when a standard-mode packager takes a service but lists no inject', () => {
    it('should say to add inject before the container passes undefined', async () => {
      const s = loadStandard(
        `import { Pack, Packager } from '@stowage/core';
         export class Thing {}
         export class Units { scale = 2; }
         @Packager({ type: Thing })
         export class ThingPackager {
           constructor(readonly units: Units) {}
           @Pack('result') packResult() { return { result: this.units.scale }; }
         }`,
        MODULES,
      );
      const manager = new PackagersManager({
        packagers: [s['ThingPackager'] as never],
        fallback: null,
        warnings: quiet,
      });
      const error = await expectStowageRejection(
        manager.pack(new (s['Thing'] as Ctor)(), 't : result'),
        DefinitionError,
        'DEFINITION_INJECT_REQUIRED',
      );
      expect(error.message).toContain('standard decorators emit no constructor types');
      expect(error.fix).toContain('@Packager({ type: Thing, inject: [MyService] })');
    });
  });
});

describe('the decorator-free API (plain JavaScript)', () => {
  describe('when the toolchain scenario is written with registerPackager/definePackager', () => {
    it('should pack, explain, run typed handlers, bundle and inject the manager', async () => {
      await playScenario(functionScenario(), 'function');
    });
  });
});
