import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Artifact,
  DataItem,
  HandlerError,
  MemoryStore,
  PackagersManager,
  RunContext,
  RunRepository,
  type PackContext,
  type PackOutput,
} from '@stowage/core';
import { Handler } from '../../src/decorators/handler.decorator';
import { Input } from '../../src/decorators/input.decorator';
import { Param } from '../../src/decorators/param.decorator';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { Unpack } from '../../src/decorators/unpack.decorator';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { listOf } from '../../src/decorators/type-hint';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}
class Broken {}
const tempDirsSeen: string[] = [];

@Packager({ type: Point, defaultPackingArtifactType: 'file', defaultUnpackingArtifactType: 'file' })
class PointPackager {
  @Pack('file')
  async packFile(
    point: Point,
    key: string,
    _options: object,
    ctx: PackContext,
  ): Promise<PackOutput> {
    const dir = await ctx.tempDir();
    tempDirsSeen.push(dir);
    const path = join(dir, 'point.json');
    await writeFile(path, JSON.stringify({ x: point.x, y: point.y }));
    return {
      artifact: new Artifact({ key, body: { path }, fileName: 'point.json' }),
      instructions: { format: 'json' },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem): Promise<Point> {
    const { x, y } = await item.getJson<{ x: number; y: number }>();
    return new Point(x, y);
  }
}

@Packager({ type: Number, defaultPackingArtifactType: 'result' })
class NumberResults {
  @Pack('result')
  packResult(value: number): PackOutput {
    return { result: value };
  }
}

@Packager({ type: Broken, defaultPackingArtifactType: 'file' })
class BrokenPackager {
  @Pack('file')
  packFile(): PackOutput {
    throw new Error('disk on fire');
  }
}

function setup(): { store: MemoryStore; manager: PackagersManager; runs: RunRepository } {
  const store = new MemoryStore();
  const manager = new PackagersManager({
    store,
    packagers: [PointPackager, NumberResults, BrokenPackager],
    fallback: null,
  });
  return { store, manager, runs: new RunRepository({ store }) };
}

async function storePoint(manager: PackagersManager, key: string, point: Point): Promise<string> {
  const out = await manager.pack(point, key);
  if (out.kind !== 'artifact') throw new Error('expected an artifact');
  return out.artifact.uri as string;
}

describe('run', () => {
  describe('when a @Handler method takes an input by URI and a param', () => {
    class Geometry {
      calls = 0;
      @Handler({ outputs: ['scaled', 'norm'], labels: { team: 'geo' } })
      scale(@Input('point') point: Point, @Param('by') by: number): [Point, number] {
        this.calls++;
        return [new Point(point.x * by, point.y * by), point.norm() * by];
      }
    }

    it('should unpack the input, log both outputs and complete the run', async () => {
      const { store, manager, runs } = setup();
      const uri = await storePoint(manager, 'origin', new Point(3, 4));
      const jobs = new Geometry();
      const record = await run([jobs, 'scale'], {
        inputs: { point: uri },
        params: { by: 2 },
        manager,
        labels: { stage: 'dev' },
      });

      expect(jobs.calls).toBe(1);
      expect(record.status).toBe('completed');
      expect(record.name).toBe('scale');
      expect(record.labels).toEqual({ team: 'geo', stage: 'dev' });
      expect(record.params).toEqual({ by: 2 });
      expect(record.inputs).toEqual({ point: uri });
      expect(record.results).toEqual({ norm: 10 });
      expect(record.artifacts).toHaveLength(1);
      expect(record.artifacts[0]).toMatchObject({
        key: 'scaled',
        uri: expect.stringMatching(/^store:\/\/scaled@/),
      });
      expect(await runs.read(record.id)).toEqual(
        expect.objectContaining({ status: 'completed', results: { norm: 10 } }),
      );
      const back = await manager.unpack(
        await manager.repository!.open(record.artifacts[0]!.uri),
        Point,
      );
      expect(back).toEqual(new Point(6, 8));
      expect(back).toBeInstanceOf(Point);
      expect(store.url).toMatch(/^memory:/);
    });
  });

  describe('when a plain function is made a handler', () => {
    const shift = handler(
      ({ point, dx }: { point: Point; dx: number }) => new Point(point.x + dx, point.y),
      { inputs: { point: Point }, params: ['dx'], outputs: ['shifted'] },
    );

    it('should pass inputs and params in one object and log the value', async () => {
      const { manager } = setup();
      const uri = await storePoint(manager, 'p', new Point(1, 1));
      const record = await run(shift, { inputs: { point: uri }, params: { dx: 4 }, manager });
      expect(record.status).toBe('completed');
      const item = await manager.repository!.open(record.artifacts[0]!.uri);
      expect(await manager.unpack(item, Point)).toEqual(new Point(5, 1));
    });

    it('should reject a param the function does not declare, before any run exists', async () => {
      const { manager, runs } = setup();
      // @ts-expect-error: dy is not a field of shift's argument (the compiler refuses it too)
      await expect(run(shift, { params: { dy: 1 }, manager })).rejects.toMatchObject({
        code: 'HANDLER_UNKNOWN_PARAM',
      });
      expect(await runs.list()).toEqual([]);
    });
  });

  describe('when an input is typed DataItem', () => {
    class Raw {
      @Handler({ outputs: ['size : result'] })
      size(@Input('item') item: DataItem): Promise<number> {
        return item.get().then((b) => b.length);
      }
    }

    it('should receive the data item itself', async () => {
      const { manager } = setup();
      const uri = await storePoint(manager, 'p', new Point(1, 2));
      const record = await run([new Raw(), 'size'], { inputs: { item: uri }, manager });
      expect(record.results).toEqual({ size: JSON.stringify({ x: 1, y: 2 }).length });
    });
  });

  describe('when a collection input is given', () => {
    const count = handler(({ points }: { points: Point[] }) => points.length, {
      inputs: { points: listOf(Point) },
      outputs: ['count'],
    });

    it('should record the list of URIs as a list, in the returned and the stored record', async () => {
      const { manager, runs } = setup();
      const first = await storePoint(manager, 'p1', new Point(1, 1));
      const second = await manager.repository!.open(
        await storePoint(manager, 'p2', new Point(2, 2)),
      );

      const record = await run(count, { manager, inputs: { points: [first, second] } });

      expect(record.status).toBe('completed');
      expect(record.results).toEqual({ count: 2 });
      expect(record.inputs).toEqual({ points: [first, second.url] });
      expect((await runs.read(record.id)).inputs).toEqual({ points: [first, second.url] });
    });
  });

  describe('when a parameter is typed RunContext', () => {
    class Manual {
      @Handler()
      log(@Param('n') n: number, ctx: RunContext): Promise<void> {
        return ctx.logResult('manual', n + 1);
      }
    }

    it('should receive the run context', async () => {
      const { manager } = setup();
      const record = await run([new Manual(), 'log'], { params: { n: 1 }, manager });
      expect(record.results).toEqual({ manual: 2 });
    });
  });

  describe('when an input cannot be unpacked', () => {
    class Jobs {
      called = false;
      @Handler({ outputs: ['out'] })
      use(@Input('point') point: Point): Point {
        this.called = true;
        return point;
      }
    }

    it('should fail the run before the handler runs, naming the input', async () => {
      const { manager } = setup();
      const jobs = new Jobs();
      const record = await run([jobs, 'use'], { inputs: { point: 'store://missing' }, manager });
      expect(jobs.called).toBe(false);
      expect(record.status).toBe('error');
      expect(record.error).toMatchObject({
        name: 'UnpackingError',
        code: 'UNPACKING_INPUT_FAILED',
      });
      expect(record.error?.message).toContain('"point"');
      expect(record.artifacts).toEqual([]);
    });

    it('should record why, as the chain of causes with a fix per level', async () => {
      const { manager } = setup();
      const record = await run([new Jobs(), 'use'], {
        inputs: { point: 'store://missing' },
        manager,
      });
      const error = record.error;
      expect(error?.message).not.toContain('How to fix');
      expect(error?.fix).toEqual(expect.any(String));
      expect(error?.cause).toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND' });
      expect(error?.cause?.message).toContain('missing');
      expect(error?.cause?.fix).toEqual(expect.any(String));
      expect(error?.message).not.toContain(error?.cause?.message ?? '');
    });
  });

  describe('when the handler throws', () => {
    const failing = handler(async (_args: object, ctx: RunContext) => {
      await ctx.logResult('progress', 0.5);
      throw new TypeError('bad math');
    });

    it('should record the error with its stack and keep what was logged', async () => {
      const { manager, runs } = setup();
      const record = await run(failing, { manager });
      expect(record.status).toBe('error');
      expect(record.error).toMatchObject({
        name: 'TypeError',
        message: 'bad math',
        stack: expect.stringContaining('bad math'),
      });
      const stored = await runs.read(record.id);
      expect(stored.results).toEqual({ progress: 0.5 });
      expect(stored.status).toBe('error');
    });
  });

  describe('when one output cannot be packed', () => {
    const mixed = handler(() => [new Point(1, 1), new Broken(), 7], {
      outputs: ['good', 'bad', 'n'],
    });

    it('should log the other outputs, record the failure and set status error', async () => {
      const { manager } = setup();
      const record = await run(mixed, { manager });
      expect(record.status).toBe('error');
      expect(record.error).toMatchObject({ code: 'PACKING_RUN_OUTPUTS_FAILED' });
      expect(record.results).toEqual({ n: 7 });
      expect(record.artifacts.map((a) => a.key)).toEqual(['good']);
      expect(record.failedOutputs).toEqual([
        {
          key: 'bad',
          error: expect.objectContaining({
            code: 'PACKING_METHOD_FAILED',
            message: expect.stringContaining('disk on fire'),
          }),
        },
      ]);
    });

    it("should set status warn with onOutputFailure: 'warn'", async () => {
      const { manager } = setup();
      const record = await run(mixed, { manager, onOutputFailure: 'warn' });
      expect(record.status).toBe('warn');
      expect(record.error).toBeUndefined();
      expect(record.failedOutputs?.map((f) => f.key)).toEqual(['bad']);
    });
  });

  describe('when a handler returns results and artifacts (and one output fails)', () => {
    const mixed = handler(() => [new Point(1, 1), new Broken(), 7], {
      outputs: ['good', 'bad', 'n'],
    });

    /** The stored states of `runs/<id>.json`, one per write, decoded. */
    function recordWrites(store: MemoryStore): { status: string; artifacts: unknown[] }[] {
      const writes: { status: string; artifacts: unknown[] }[] = [];
      const put = store.put.bind(store);
      store.put = async (path, body, options) => {
        const result = await put(path, body, options);
        if (/^runs\/[^/]+\.json$/.test(path))
          writes.push(JSON.parse((await store.get(path)).toString('utf8')));
        return result;
      };
      return writes;
    }

    it('should write the run record twice: when it starts, and with its outputs when it ends', async () => {
      const { store, manager, runs } = setup();
      const writes = recordWrites(store);
      const record = await run(mixed, { manager, onOutputFailure: 'warn' });
      expect(writes.map((w) => w.status)).toEqual(['running', 'warn']);
      expect(writes[0]?.artifacts).toEqual([]);
      const stored = await runs.read(record.id);
      expect(stored.results).toEqual({ n: 7 });
      expect(stored.artifacts.map((a) => a.key)).toEqual(['good']);
      expect(stored.failedOutputs?.map((f) => f.key)).toEqual(['bad']);
    });
  });

  describe('when the return value does not match the hints', () => {
    const cases: ReadonlyArray<
      [string, () => unknown, string[], Record<string, unknown>, string | undefined]
    > = [
      [
        'nothing is returned for hinted outputs',
        () => undefined,
        ['a', 'b'],
        {},
        'returned nothing',
      ],
      ['a value is returned with no hints', () => 5, [], {}, 'declares no outputs'],
      [
        'an array is returned for a single hint',
        () => [1, 2],
        ['pair : result'],
        { pair: [1, 2] },
        undefined,
      ],
      [
        'more values than hints',
        () => [1, 2, 3],
        ['a', 'b'],
        { a: 1, b: 2 },
        'the last 1 were not logged',
      ],
      ['fewer values than hints', () => [1], ['a', 'b'], { a: 1 }, 'no value for the outputs "b"'],
      [
        'undefined at a hinted position',
        () => [undefined, 2],
        ['a', 'b'],
        { b: 2 },
        'no value for the outputs "a"',
      ],
    ];
    it.each(cases)(
      'should log what matches and warn when %s',
      async (_label, fn, outputs, results, warning) => {
        const { manager } = setup();
        const record = await run(
          handler(fn, { outputs: outputs.map((o) => (o.includes(':') ? o : `${o} : result`)) }),
          { manager },
        );
        expect(record.status).toBe('completed');
        expect(record.results).toEqual(results);
        if (warning === undefined) expect(record.warnings).toBeUndefined();
        else expect(record.warnings).toEqual([expect.stringContaining(warning)]);
      },
    );

    it('should skip a null hint position silently', async () => {
      const { manager } = setup();
      const record = await run(
        handler(() => [1, 2], { outputs: [null, 'b : result'] }),
        { manager },
      );
      expect(record.results).toEqual({ b: 2 });
      expect(record.warnings).toBeUndefined();
    });

    it('should fail every hinted output when one non-array value meets several hints', async () => {
      const { manager } = setup();
      const record = await run(
        handler(() => 3, { outputs: ['a : result', 'b : result'] }),
        { manager },
      );
      expect(record.status).toBe('error');
      expect(record.failedOutputs?.map((f) => [f.key, f.error.code])).toEqual([
        ['a', 'HANDLER_RETURN_NOT_ARRAY'],
        ['b', 'HANDLER_RETURN_NOT_ARRAY'],
      ]);
    });
  });

  describe('when returns is given', () => {
    it('should replace the declared outputs', async () => {
      const { manager } = setup();
      const record = await run(
        handler(() => 4, { outputs: ['declared : result'] }),
        { manager, returns: ['given : result'] },
      );
      expect(record.results).toEqual({ given: 4 });
    });
  });

  describe('when an output links to another with "..."', () => {
    it('should resolve the link to the other output before committing', async () => {
      const { manager } = setup();
      const record = await run(
        handler(() => [new Point(0, 1), 0.9]),
        {
          manager,
          returns: [{ key: 'model', extraData: { score: '...' } }, 'score : result'],
        },
      );
      expect(record.status).toBe('completed');
      const item = await manager.repository!.open(record.artifacts[0]!.uri);
      expect(item.meta?.extraData).toEqual({ score: 0.9 });
    });
  });

  describe('when a pack method makes a temporary directory', () => {
    it('should leave no temporary directory behind', async () => {
      const { manager } = setup();
      tempDirsSeen.length = 0;
      await run(
        handler(() => new Point(1, 2)),
        { manager, returns: ['p'] },
      );
      expect(tempDirsSeen).toHaveLength(1);
      expect(existsSync(tempDirsSeen[0] as string)).toBe(false);
    });
  });

  describe('when an id is given', () => {
    const shift = handler(
      ({ point, dx }: { point: Point; dx: number }) => new Point(point.x + dx, point.y),
      { inputs: { point: Point }, params: ['dx'], outputs: ['shifted'] },
    );

    it('should record the run under that id, and the artifacts as produced by it', async () => {
      const { manager, runs } = setup();
      const uri = await storePoint(manager, 'p', new Point(1, 1));
      const record = await run(shift, {
        id: 'queued-run-1',
        inputs: { point: uri },
        params: { dx: 1 },
        manager,
      });
      expect(record.id).toBe('queued-run-1');
      expect((await runs.read('queued-run-1')).status).toBe('completed');
      const [artifact] = await runs.listArtifacts({ key: 'shifted' });
      expect(artifact?.producer?.runId).toBe('queued-run-1');
    });
  });

  describe('when the call is wrong', () => {
    const echo = handler(({ point }: { point: Point }) => point, { inputs: { point: Point } });

    it.each([
      ['an undeclared input', { inputs: { other: 'store://x' } }, 'HANDLER_UNKNOWN_INPUT'],
      ['an input that is a number', { inputs: { point: 5 as never } }, 'HANDLER_INVALID_INPUT'],
      ['an unknown option', { input: {} } as never, 'HANDLER_INVALID_OPTIONS'],
      ['a bad failure policy', { onOutputFailure: 'ignore' as never }, 'HANDLER_INVALID_OPTIONS'],
    ])('should reject %s with a HandlerError and create no run', async (_label, options, code) => {
      const { manager, runs } = setup();
      // Wrong on purpose: the options bypass the compiler (as a JavaScript caller's would).
      const untyped = { manager, ...options } as never;
      const attempt = run(echo, untyped);
      await expect(attempt).rejects.toBeInstanceOf(HandlerError);
      await expect(run(echo, untyped)).rejects.toMatchObject({ code });
      expect(await runs.list()).toEqual([]);
    });

    it('should reject a run with no store', async () => {
      const manager = new PackagersManager({ packagers: [NumberResults], fallback: null });
      await expect(run(echo, { manager })).rejects.toMatchObject({ code: 'HANDLER_NO_STORE' });
    });
  });
});
