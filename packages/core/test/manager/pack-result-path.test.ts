import 'reflect-metadata';
import * as artifactLinks from '../../src/artifacts/artifact-links';
import { Artifact } from '../../src/artifacts/artifact';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { LogHintError } from '../../src/errors/log-hint.error';
import { OptionsError } from '../../src/errors/options.error';
import { PackingError } from '../../src/errors/packing.error';
import { SerializationError } from '../../src/errors/serialization.error';
import { StowageError } from '../../src/errors/stowage.error';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { hint as hintBuilder } from '../../src/log-hints/hint.builder';
import type { LogHintSource } from '../../src/log-hints/parse-log-hint';
import { isPlainScalar, keptResult } from '../../src/manager/kept-result';
import { OutputBatch } from '../../src/manager/output-batch';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { PackedArtifact, PackedOutput } from '../../src/manager/packed-output';
import { BUILTIN_PACKAGERS } from '../../src/packagers/builtin';
import type { ArtifactOutput, PackContext } from '../../src/packagers/pack-context';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { decodeTaggedJson, encodeTaggedJson } from '../../src/serialization/tagged-json';
import { MemoryStore } from '../../src/stores/memory.store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { failingCommit } from '../helpers/failing-commit';
import { differenceOf } from '../helpers/same-value';

/** Readings: a short one is logged as a result, a long one as a file, by the same method. */
class Readings {
  constructor(readonly values: readonly number[]) {}
}

@Packager({ type: Readings, name: 'test.readings' })
class ReadingsPackager {
  @Pack('summary')
  packSummary(r: Readings, key: string): ArtifactOutput | { result: unknown } {
    if (r.values.length <= 3) return { result: { count: r.values.length, values: [...r.values] } };
    const body = new TextEncoder().encode(JSON.stringify(r.values));
    return { artifact: new Artifact({ key, body, fileName: 'readings.json' }) };
  }
}

/** Fails inside its pack method, and records when it ran. */
class Flaky {
  constructor(readonly name: string) {}
}

const events: string[] = [];

@Packager({ type: Flaky, name: 'test.flaky' })
class FlakyPackager {
  @Pack('result')
  packResult(f: Flaky, _key: string, _o: object, _ctx: PackContext): { result: unknown } {
    events.push(`pack ${f.name}`);
    if (f.name === 'bad') throw new Error('flaky failed');
    return { result: f.name };
  }
}

class Plain {
  constructor(
    readonly a: number,
    readonly b: string,
  ) {}
}

const quiet = { warn: (): void => undefined };

function newManager(store = new MemoryStore()): PackagersManager {
  return new PackagersManager({
    store,
    packagers: [...BUILTIN_PACKAGERS, ReadingsPackager, FlakyPackager],
    warnings: quiet,
  });
}

/** The one output a batch of one logs (what `pack()` returned before its result path). */
async function throughBatch(
  manager: PackagersManager,
  value: unknown,
  hint: LogHintSource,
): Promise<PackedOutput> {
  const report = await manager.outputs().add(value, hint).commit();
  const [failure] = report.failures;
  if (failure !== undefined) throw failure.error;
  expect(report.outputs).toHaveLength(1);
  return report.outputs[0] as PackedOutput;
}

/** What pack() or a batch threw, or a failure of this test when nothing was thrown. */
async function thrown(work: Promise<unknown>): Promise<StowageError> {
  try {
    await work;
  } catch (error) {
    expect(StowageError.is(error)).toBe(true);
    return error as StowageError;
  }
  throw new Error('expected a rejection');
}

const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { x: 1 });

describe('PackagersManager.pack of a result', () => {
  afterEach(() => {
    events.length = 0;
    jest.restoreAllMocks();
  });

  describe.each<[string, unknown, LogHintSource]>([
    ['a number', 1.5, 'n'],
    ['an integer as a result', 42, 'n : result'],
    ['-0', -0, 'n'],
    ['NaN', NaN, 'n'],
    ['Infinity', -Infinity, 'n'],
    ['a string', 'text', 's : result'],
    ['an empty string', '', 's : result'],
    ['a boolean', false, 'b'],
    ['null', null, 'z : result'],
    ['a bigint', 12345678901234567890n, 'big'],
    ['a Date', new Date('2026-12-07T00:00:00.000Z'), 'when : result'],
    ['a Map', new Map<unknown, unknown>([['a', 1n]]), 'map : result'],
    ['a plain object', { a: 1, list: [true, null, 'x'], nested: { d: -0 } }, 'obj : result'],
    ['an object with a "__proto__" field', JSON.parse('{"__proto__": 3}'), 'p : result'],
    ['a null-prototype object', nullProto, 'np : result'],
    ['a class instance as a generic result', new Plain(1, 'b'), 'plain : result'],
    ['a custom result', new Flaky('fine'), 'flaky'],
    ['short readings (a result from a non-result method)', new Readings([1, 2]), 'r'],
    ['an object hint', 2.5, { key: 'o', artifactType: 'result' }],
    ['a builder hint', 3.5, hintBuilder('built').as('result')],
  ])('when %s is packed', (_name, value, hint) => {
    it('should give the output a batch of one gives, and the result run() records', async () => {
      const manager = newManager();

      const packed = await manager.pack(value, hint);
      const batched = await throughBatch(manager, value, hint);
      const record = await run(
        handler(() => value),
        { manager, returns: [hint] },
      );

      expect(packed.kind).toBe('result');
      expect(differenceOf(packed, batched)).toBeUndefined();
      expect(differenceOf(record.results[packed.key], (packed as { value: unknown }).value)).toBe(
        undefined,
      );
      expect(Object.keys(record.results)).toEqual([packed.key]);
    });
  });

  describe('when the value is a result', () => {
    it('should neither start an output batch nor resolve links', async () => {
      const manager = newManager();
      const commit = jest.spyOn(OutputBatch.prototype, 'commit');
      const link = jest.spyOn(artifactLinks, 'resolveLinks');

      await manager.pack(1.5, 'n');
      await manager.pack(new Readings([1]), 'r');

      expect(commit).not.toHaveBeenCalled();
      expect(link).not.toHaveBeenCalled();
    });
  });

  describe('when a batch holds only results', () => {
    it('should not resolve links, and report what it logged', async () => {
      const manager = newManager();
      const link = jest.spyOn(artifactLinks, 'resolveLinks');

      const report = await manager
        .outputs()
        .add(1, 'a')
        .add('x', 'b : result')
        .add({ c: [1] }, 'c : result')
        .commit();

      expect(link).not.toHaveBeenCalled();
      expect(report.results).toEqual({ a: 1, b: 'x', c: { c: [1] } });
      expect(report.outputs.map((o) => o.key)).toEqual(['a', 'b', 'c']);
      expect(report.artifacts).toEqual([]);
      expect(report.structures).toEqual({});
      expect(report.failures).toEqual([]);
    });

    it('should keep a result named "__proto__" as an own field', async () => {
      const report = await newManager().outputs().add(7, '__proto__ : result').commit();

      expect(Object.getPrototypeOf(report.results)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(report.results, '__proto__')).toEqual({
        value: 7,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
  });

  describe('when the same method returns an artifact for the value', () => {
    it('should stage, link and commit it through a batch, as run() does', async () => {
      const manager = newManager();
      const commit = jest.spyOn(OutputBatch.prototype, 'commit');
      const hint: LogHintSource = { key: 'r', extraData: { r: '...' } };

      const packed = (await manager.pack(new Readings([1, 2, 3, 4]), hint)) as PackedArtifact;

      expect(commit).toHaveBeenCalledTimes(1);
      expect(packed.kind).toBe('artifact');
      expect(packed).toMatchObject({
        key: 'r',
        packager: 'test.readings',
        artifactType: 'summary',
      });
      const stored = await (manager.repository as StoreArtifactRepository).read('r');
      expect(stored.version).toBe(packed.artifact.version);
      // The link resolved against the batch: the artifact's own URI.
      expect(stored.extraData['r']).toBe(packed.artifact.uri);
    });

    it('should abort it and throw PACKING_STORE_FAILED when its commit fails', async () => {
      const inner = new StoreArtifactRepository({ store: new MemoryStore() });
      const { repository: failing, aborted } = failingCommit(inner);
      const manager = new PackagersManager({
        repository: failing,
        packagers: [ReadingsPackager],
        warnings: quiet,
      });

      const error = await expectStowageRejection(
        manager.pack(new Readings([1, 2, 3, 4]), 'r'),
        PackingError,
        'PACKING_STORE_FAILED',
      );

      expect(error.details).toMatchObject({ key: 'r', step: 'committing' });
      expect(aborted).toEqual(['r']);
      expect(await manager.pack(new Readings([1]), 'small')).toMatchObject({ kind: 'result' });
      await inner.dispose();
    });
  });

  describe.each<[string, () => unknown, LogHintSource, Function, string]>([
    ['a malformed hint', () => 1, 'n : file[', LogHintError, 'LOG_HINT_UNCLOSED_BRACKET'],
    ['an unknown option', () => 1, 'n : result[digits=2]', OptionsError, 'OPTIONS_UNKNOWN'],
    ['no packager', () => new Plain(1, 'b'), 'p : model', PackingError, 'PACKING_NO_PACKAGER'],
    ['a failing pack method', () => new Flaky('bad'), 'f', PackingError, 'PACKING_METHOD_FAILED'],
    [
      'a value a result cannot hold',
      () => ({ f: (): void => undefined }),
      'f : result',
      PackingError,
      'PACKING_NOT_JSON_SAFE',
    ],
    [
      'a value whose getter throws',
      () =>
        Object.defineProperty({}, 'x', {
          enumerable: true,
          get: () => {
            throw new TypeError('no');
          },
        }),
      'g : result',
      SerializationError,
      'INPUT_UNREADABLE',
    ],
  ])('when packing fails with %s', (_name, make, hint, errorClass, code) => {
    it('should throw what a batch of one reports, with the same class, code and message', async () => {
      const manager = newManager();

      const byPack = await thrown(manager.pack(make(), hint));
      const byBatch = await thrown(throughBatch(manager, make(), hint));

      expect(byPack).toBeInstanceOf(errorClass);
      expect(byPack.code).toBe(code);
      expect(byBatch).toBeInstanceOf(errorClass);
      expect(byBatch.code).toBe(code);
      expect(byPack.message).toBe(byBatch.message);
      expect(byPack.details).toEqual(byBatch.details);
    });
  });

  describe('when several packs are started without awaiting', () => {
    it('should run the pack methods after the caller, in call order, as a batch does', async () => {
      const manager = newManager();

      const first = manager.pack(new Flaky('one'), 'a');
      const second = manager.pack(new Flaky('two'), 'b');
      events.push('caller');
      const batch = manager.outputs().add(new Flaky('three'), 'c').commit();
      events.push('caller again');
      await Promise.all([first, second, batch]);

      expect(events).toEqual(['caller', 'caller again', 'pack one', 'pack two', 'pack three']);
    });
  });
});

describe(keptResult, () => {
  describe('when the value is a plain scalar', () => {
    it.each<[unknown]>([
      [0],
      [1.5],
      [-2],
      [Number.MAX_VALUE],
      [''],
      ['x'],
      [true],
      [false],
      [null],
    ])('should give %p, what the tagged JSON round trip gives', (value) => {
      expect(isPlainScalar(value)).toBe(true);
      const roundTrip = decodeTaggedJson(encodeTaggedJson(value, 'results.k'), 'results.k');
      expect(Object.is(keptResult(value, 'k'), roundTrip)).toBe(true);
      expect(encodeTaggedJson(value, 'results.k')).toBe(value);
    });
  });

  describe('when the value is a scalar the tagged JSON tags', () => {
    it.each<[unknown]>([[-0], [NaN], [Infinity], [undefined], [1n]])(
      'should not take %p for a plain scalar',
      (value) => {
        expect(isPlainScalar(value)).toBe(false);
        expect(encodeTaggedJson(value, 'results.k')).not.toBe(value);
      },
    );
  });
});
