import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  Artifact,
  DataItem,
  MemoryStore,
  PackagersManager,
  type PackOutput,
  type RunRecord,
} from '@stowage/core';
import { Bundle } from '../../src/decorators/bundle.decorator';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { Unbundle } from '../../src/decorators/unbundle.decorator';
import { Unpack } from '../../src/decorators/unpack.decorator';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { collectionOf, dictOf, listOf, type TypeHint } from '../../src/decorators/type-hint';
import { ArrayPackager } from '../../src/packagers/builtin/array.packager';
import { MapPackager } from '../../src/packagers/builtin/map.packager';
import { NumberPackager } from '../../src/packagers/builtin/number.packager';
import { RecordPackager } from '../../src/packagers/builtin/record.packager';
import { SetPackager } from '../../src/packagers/builtin/set.packager';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}
class EvalSuite {
  constructor(readonly cases: Readonly<Record<string, Point>>) {}
}
class Fragile {
  constructor(readonly parts: unknown) {}
}

@Packager({ type: Point, defaultPackingArtifactType: 'file', defaultUnpackingArtifactType: 'file' })
class PointPackager {
  @Pack('file')
  packFile(point: Point, key: string): PackOutput {
    if (point.x < 0) throw new Error('negative points are not stored');
    return {
      artifact: new Artifact({
        key,
        body: Buffer.from(JSON.stringify(point)),
        fileName: 'point.json',
      }),
    };
  }
  @Unpack('file')
  async unpackFile(item: DataItem): Promise<Point> {
    const { x, y } = await item.getJson<{ x: number; y: number }>();
    return new Point(x, y);
  }
}

@Packager({ type: EvalSuite, defaultPackingArtifactType: 'result', bundleFromDict: true })
class EvalSuitePackager {
  @Pack('result')
  packResult(suite: EvalSuite): PackOutput {
    return { result: Object.keys(suite.cases) };
  }
  @Unbundle()
  unbundle(suite: EvalSuite): Record<string, Point> {
    return { ...suite.cases };
  }
  @Bundle()
  bundle(collection: Record<string, Point>): EvalSuite {
    return new EvalSuite(collection);
  }
}

@Packager({ type: Fragile, defaultPackingArtifactType: 'result' })
class FragilePackager {
  @Pack('result')
  packResult(): PackOutput {
    return { result: 'fragile' };
  }
  @Unbundle()
  unbundle(value: Fragile): unknown {
    if (value.parts === 'throw') throw new Error('cannot split');
    return value.parts;
  }
}

function setup(): PackagersManager {
  return new PackagersManager({
    store: new MemoryStore(),
    packagers: [
      ArrayPackager,
      RecordPackager,
      MapPackager,
      SetPackager,
      NumberPackager,
      PointPackager,
      EvalSuitePackager,
      FragilePackager,
    ],
    fallback: null,
  });
}

/** Runs a producer returning `value` under `hint`, then a consumer taking its structure as input typed `type`. */
async function roundTrip(
  manager: PackagersManager,
  value: unknown,
  hint: string,
  type: TypeHint,
): Promise<[RunRecord, unknown]> {
  const produced = await run(
    handler(() => value),
    { manager, returns: [hint] },
  );
  if (produced.status !== 'completed')
    throw new Error(JSON.stringify(produced.error ?? produced.failedOutputs));
  let received: unknown;
  const consume = handler(
    ({ input }: { input: unknown }) => {
      received = input;
    },
    { inputs: { input: type } },
  );
  const key = hint
    .replace(/^\d*\*/, '')
    .split(':')[0]!
    .trim();
  const consumed = await run(consume, {
    manager,
    inputs: { input: produced.results[key] as never },
  });
  if (consumed.status !== 'completed') throw new Error(JSON.stringify(consumed.error));
  return [produced, received];
}

describe('unbundling and bundling in runs', () => {
  describe('when a list of points is logged with *points', () => {
    it('should log one artifact per item and record the structure as store URIs', async () => {
      const manager = setup();
      const [record, received] = await roundTrip(
        manager,
        [new Point(1, 2), new Point(3, 4)],
        '*points',
        listOf(Point),
      );
      expect(record.artifacts.map((a) => a.key)).toEqual(['points_0', 'points_1']);
      expect(record.results['points']).toEqual(record.artifacts.map((a) => a.uri));
      expect(received).toEqual([new Point(1, 2), new Point(3, 4)]);
      expect((received as unknown[])[0]).toBeInstanceOf(Point);
    });

    it('should unpack the items by their packaging when the items type is not given', async () => {
      const [, received] = await roundTrip(setup(), [new Point(5, 6)], '*points', Array);
      expect(received).toEqual([new Point(5, 6)]);
      expect((received as unknown[])[0]).toBeInstanceOf(Point);
    });
  });

  describe('when a nested dict is logged with *scores', () => {
    const scores = { a: 0.5, b: [1, 2], c: { d: 3 } };

    it('should log one result per leaf and rebuild the dict from the structure', async () => {
      const [record, received] = await roundTrip(setup(), scores, '*scores', Object);
      expect(record.results).toEqual({
        scores_a: 0.5,
        scores_b_0: 1,
        scores_b_1: 2,
        scores_c_d: 3,
        scores,
      });
      expect(received).toEqual(scores);
    });

    it('should stop at the given depth with 1*scores', async () => {
      const [record] = await roundTrip(setup(), scores, '1*scores', Object);
      expect(Object.keys(record.results).sort()).toEqual([
        'scores',
        'scores_a',
        'scores_b',
        'scores_c',
      ]);
      expect(record.results['scores_b']).toEqual([1, 2]);
    });
  });

  describe('when a custom bundle class is unbundled and bundled back', () => {
    it('should give the next run an EvalSuite of Points', async () => {
      const suite = new EvalSuite({ train: new Point(1, 1), test: new Point(2, 2) });
      const [record, received] = await roundTrip(setup(), suite, '*suite', dictOf(Point));
      expect(record.artifacts.map((a) => a.key).sort()).toEqual(['suite_test', 'suite_train']);
      expect(received).toBeInstanceOf(Object);
      const [, typed] = await roundTrip(setup(), suite, '*suite', collectionOf(EvalSuite, Point));
      expect(typed).toBeInstanceOf(EvalSuite);
      expect(typed).toEqual(suite);
      expect((typed as EvalSuite).cases['train']).toBeInstanceOf(Point);
    });

    it('should bundle with the items packaging when only the collection class is given', async () => {
      const suite = new EvalSuite({ only: new Point(7, 7) });
      const [, typed] = await roundTrip(setup(), suite, '*suite', EvalSuite);
      expect(typed).toEqual(suite);
    });
  });

  describe('when a Map or a Set is itemized', () => {
    it('should split a Map into a dict and bundle it back into a Map', async () => {
      const [record, received] = await roundTrip(
        setup(),
        new Map([
          ['a', new Point(1, 0)],
          ['b', new Point(0, 1)],
        ]),
        '*m',
        Map,
      );
      expect(record.artifacts.map((a) => a.key)).toEqual(['m_a', 'm_b']);
      expect(received).toEqual(
        new Map([
          ['a', new Point(1, 0)],
          ['b', new Point(0, 1)],
        ]),
      );
    });

    it('should split a Set into a list and bundle it back into a Set', async () => {
      const [record, received] = await roundTrip(setup(), new Set([1, 2]), '*s', Set);
      expect(record.results).toEqual({ s_0: 1, s_1: 2, s: [1, 2] });
      expect(received).toEqual(new Set([1, 2]));
    });
  });

  describe('when the value cannot be unbundled', () => {
    it('should log it whole under its key with no structure', async () => {
      const record = await run(
        handler(() => new Point(1, 1)),
        { manager: setup(), returns: ['*p'] },
      );
      expect(record.status).toBe('completed');
      expect(record.artifacts.map((a) => a.key)).toEqual(['p']);
      expect(record.results).toEqual({});
    });
  });

  describe('when unbundling fails', () => {
    it.each([
      ['the @Unbundle throws', 'throw', 'UNBUNDLING_FAILED'],
      ['the @Unbundle returns a number', 5, 'UNBUNDLING_BAD_RESULT'],
    ])('should fail the output when %s', async (_label, parts, code) => {
      const record = await run(
        handler(() => [new Fragile(parts), 1]),
        { manager: setup(), returns: ['*f', 'n'] },
      );
      expect(record.status).toBe('error');
      expect(record.failedOutputs).toEqual([
        { key: 'f', error: expect.objectContaining({ name: 'UnbundlingError', code }) },
      ]);
      expect(record.results).toEqual({ n: 1 });
    });

    it('should fail the bundle and keep its other items when one item cannot be packed', async () => {
      const record = await run(
        handler(() => [new Point(1, 1), new Point(-1, 0)]),
        { manager: setup(), returns: ['*pts'] },
      );
      expect(record.status).toBe('error');
      expect(record.failedOutputs?.map((f) => [f.key, f.error.code])).toEqual([
        ['pts_1', 'PACKING_METHOD_FAILED'],
        ['pts', 'HANDLER_BUNDLE_INCOMPLETE'],
      ]);
      expect(record.artifacts.map((a) => a.key)).toEqual(['pts_0']);
      expect(record.results).toEqual({});
    });

    it('should refuse an unbundled key that another output uses', async () => {
      const record = await run(
        handler(() => [[1, 2], 3]),
        { manager: setup(), returns: ['*n', 'n_0'] },
      );
      expect(record.failedOutputs).toEqual([
        { key: 'n_0', error: expect.objectContaining({ code: 'HANDLER_DUPLICATE_OUTPUT' }) },
      ]);
    });
  });

  describe('when a collection input cannot be bundled', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'bundling-test-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    async function inputError(inputs: unknown, type: TypeHint): Promise<RunRecord['error']> {
      const consume = handler(({ input }: { input: unknown }) => input, {
        inputs: { input: type },
      });
      const record = await run(consume, { manager: setup(), inputs: { input: inputs as never } });
      expect(record.status).toBe('error');
      return record.error;
    }

    it('should name the missing packager for a list hinted as a Point', async () => {
      expect(await inputError(['store://x'], Point)).toMatchObject({
        name: 'BundlingError',
        code: 'BUNDLING_NO_PACKAGER',
      });
    });

    it('should reject a plain value where a Point is expected', async () => {
      expect(await inputError([1], listOf(Point))).toMatchObject({
        code: 'BUNDLING_ITEM_TYPE_MISMATCH',
      });
    });

    it('should refuse to hand over a raw file that has no packaging and no type', async () => {
      const path = join(dir, 'raw.txt');
      await writeFile(path, 'hello');
      const error = await inputError([pathToFileURL(path).href], Array);
      expect(error).toMatchObject({ code: 'BUNDLING_ITEM_NOT_UNPACKED' });
    });

    it('should give the raw data items when the items type is DataItem', async () => {
      const path = join(dir, 'raw.txt');
      await writeFile(path, 'hello');
      let received: unknown;
      const consume = handler(
        ({ input }: { input: DataItem[] }) => {
          received = input;
        },
        { inputs: { input: listOf(DataItem) } },
      );
      const record = await run(consume, {
        manager: setup(),
        inputs: { input: [pathToFileURL(path).href] },
      });
      expect(record.status).toBe('completed');
      expect(await (received as DataItem[])[0]!.getText()).toBe('hello');
    });

    it('should name the failing item by its path', async () => {
      const error = await inputError({ a: ['store://missing'] }, Object);
      expect(error).toMatchObject({ code: 'BUNDLING_ITEM_FAILED' });
      expect(error?.message).toContain('the input "input".a[0]');
    });
  });
});
