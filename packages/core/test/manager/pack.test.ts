import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { Option } from '../../src/decorators/option.decorator';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { OptionsError } from '../../src/errors/options.error';
import { PackingError } from '../../src/errors/packing.error';
import type { PackedArtifact, PackedResult } from '../../src/manager/packed-output';
import type { ArtifactOutput, PackContext } from '../../src/packagers/pack-context';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { JsonFallbackPackager } from '../helpers/json-fallback.packager';
import { testManager } from '../helpers/manager-fixtures';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

class PointFileOptions {
  @Option({ allowed: ['json', 'csv'] }) format = 'json';
  @Option() pretty = false;
}

const seen: { options?: unknown; dirs: string[] } = { dirs: [] };

@Packager({ type: Point, name: 'geo.point', packageVersions: { geo: '1.2.0' } })
class PointPackager {
  @Pack('file', { options: PointFileOptions })
  async packFile(
    point: Point,
    key: string,
    options: PointFileOptions,
    ctx: PackContext,
  ): Promise<ArtifactOutput> {
    seen.options = options;
    const dir = await ctx.tempDir();
    seen.dirs.push(dir);
    const path = join(dir, 'point.json');
    await writeFile(path, JSON.stringify(point, null, options.pretty ? 2 : 0));
    return {
      artifact: new Artifact({ key, body: { path }, fileName: `point.${options.format}` }),
      instructions: { format: options.format },
    };
  }
}

describe('PackagersManager.pack', () => {
  beforeEach(() => {
    seen.dirs = [];
    delete seen.options;
  });

  describe('when a number is logged as a result', () => {
    it('should return the value as a result without storing anything', async () => {
      const { manager, store } = testManager([]);
      const out = (await manager.pack(0.93, 'accuracy : result')) as PackedResult;
      expect(out).toMatchObject({
        kind: 'result',
        key: 'accuracy',
        value: 0.93,
        artifactType: 'result',
      });
      expect([...(await collect(store.list('')))]).toEqual([]);
    });

    // Issue 22 changed this: a result keeps its types (it was `'1970-…Z'`, `['a']`, `'2'`).
    it('should keep the types of a record result without touching the input', async () => {
      const { manager } = testManager([]);
      const input = {
        when: new Date(0),
        tags: new Set(['a']),
        big: 2n,
        nested: { skip: undefined },
      };
      const out = (await manager.pack(input, {
        key: 'summary',
        artifactType: 'result',
      })) as PackedResult;
      expect(out.value).toEqual({
        when: new Date(0),
        tags: new Set(['a']),
        big: 2n,
        nested: { skip: undefined },
      });
      expect(out.value).not.toBe(input);
      expect(input.tags).toBeInstanceOf(Set);
    });

    it('should reject a cycle with PACKING_NOT_JSON_SAFE', async () => {
      const { manager } = testManager([]);
      const cyclic: Record<string, unknown> = {};
      cyclic['self'] = cyclic;
      await expectStowageRejection(
        manager.pack(cyclic, 'loop : result'),
        PackingError,
        'PACKING_NOT_JSON_SAFE',
      );
    });
  });

  describe('when the packager packs an artifact', () => {
    it('should store it with the packaging record and the hint metadata', async () => {
      const { manager, repository } = testManager([PointPackager]);
      const out = (await manager.pack(
        new Point(1, 2),
        {
          key: 'origin',
          tag: 'v1',
          labels: { team: 'geo' },
          options: { format: 'csv' },
        },
        { runId: 'run-1' },
      )) as PackedArtifact;
      expect(out).toMatchObject({
        kind: 'artifact',
        key: 'origin',
        packager: 'geo.point',
        artifactType: 'file',
      });
      expect(out.artifact.packaging).toMatchObject({
        packager: 'geo.point',
        objectType: 'Point',
        artifactType: 'file',
        instructions: { format: 'csv' },
        runtime: { node: process.version, packages: { geo: '1.2.0' } },
      });
      expect(out.artifact.packaging?.runtime.stowage).toMatch(/^\d+\.\d+\.\d+/);
      const read = await repository.read('origin', { tag: 'v1' });
      expect(read.labels).toEqual({ team: 'geo' });
      expect(read.producer).toEqual({ runId: 'run-1' });
      expect(read.fileName).toBe('point.csv');
    });

    it('should hand the pack method a typed, frozen options instance converted from the hint string', async () => {
      const { manager } = testManager([PointPackager]);
      await manager.pack(new Point(1, 2), 'origin : file[format=csv, pretty=true]');
      expect(seen.options).toBeInstanceOf(PointFileOptions);
      expect(seen.options).toEqual(
        Object.assign(new PointFileOptions(), { format: 'csv', pretty: true }),
      );
      expect(Object.isFrozen(seen.options)).toBe(true);
    });

    it('should remove the temporary directories once stored', async () => {
      const { manager } = testManager([PointPackager]);
      await manager.pack(new Point(1, 2), 'origin');
      expect(seen.dirs).toHaveLength(1);
      expect(existsSync(seen.dirs[0] as string)).toBe(false);
    });
  });

  describe('when the options are wrong', () => {
    it('should throw OPTIONS_UNKNOWN naming the option, packager and artifact type before packing', async () => {
      const { manager } = testManager([PointPackager]);
      const error = await expectStowageRejection(
        manager.pack(new Point(1, 2), 'origin : file[colour=red]'),
        OptionsError,
        'OPTIONS_UNKNOWN',
      );
      expect(error.message).toContain('"colour"');
      expect(error.message).toContain('geo.point');
      expect(error.message).toContain('format: string = "json"');
      expect(seen.options).toBeUndefined();
    });

    it('should throw OPTIONS_NOT_ALLOWED and OPTIONS_WRONG_TYPE', async () => {
      const { manager } = testManager([PointPackager]);
      await expectStowageRejection(
        manager.pack(new Point(1, 2), 'p : file[format=xml]'),
        OptionsError,
        'OPTIONS_NOT_ALLOWED',
      );
      await expectStowageRejection(
        manager.pack(new Point(1, 2), 'p : file[pretty=maybe]'),
        OptionsError,
        'OPTIONS_WRONG_TYPE',
      );
    });

    it('should reject options for a generic result', async () => {
      const { manager } = testManager([]);
      await expectStowageRejection(
        manager.pack(1, 'n : result[digits=2]'),
        OptionsError,
        'OPTIONS_UNKNOWN',
      );
    });
  });

  describe('when the default artifact type is computed from the value', () => {
    @Packager({
      type: Array,
      defaultPackingArtifactType: (v: unknown[]) => (v.length > 3 ? 'file' : 'result'),
    })
    class ListPackager {
      @Pack('file') packFile(list: unknown[], key: string): ArtifactOutput {
        return { artifact: new Artifact({ key, body: Buffer.from(JSON.stringify(list)) }) };
      }
    }

    it('should pack short lists as results and long ones as files', async () => {
      const { manager } = testManager([ListPackager]);
      expect(await manager.pack([1, 2], 'short')).toMatchObject({ kind: 'result', value: [1, 2] });
      expect(await manager.pack([1, 2, 3, 4], 'long')).toMatchObject({
        kind: 'artifact',
        artifactType: 'file',
      });
    });
  });

  describe('when result is asked of a packager without @Pack("result")', () => {
    it('should pack a generic JSON-safe result', async () => {
      const { manager } = testManager([PointPackager]);
      expect(await manager.pack(new Point(1, 2), 'p : result')).toMatchObject({
        kind: 'result',
        value: { x: 1, y: 2 },
        packager: 'geo.point',
      });
    });

    it('should use the packager\'s own @Pack("result") when it has one', async () => {
      @Packager({ type: Point })
      class PointAsText {
        @Pack('result') packResult(p: Point): { result: string } {
          return { result: `(${p.x}, ${p.y})` };
        }
      }
      const { manager } = testManager([PointAsText]);
      expect(await manager.pack(new Point(1, 2), 'p : result')).toMatchObject({ value: '(1, 2)' });
    });
  });

  describe('when "object" is asked for', () => {
    it('should delegate to the fallback even when a packager handles the type', async () => {
      const { manager } = testManager([PointPackager], { fallback: JsonFallbackPackager });
      const out = (await manager.pack(new Point(3, 4), 'p : object')) as PackedArtifact;
      expect(out.artifact.packaging).toMatchObject({
        packager: 'test.json-fallback',
        objectType: 'Point',
        artifactType: 'object',
      });
    });

    it('should fall back for a type no packager handles', async () => {
      const { manager } = testManager([], { fallback: JsonFallbackPackager });
      expect(await manager.pack(new Map(), 'm')).toMatchObject({
        kind: 'artifact',
        artifactType: 'object',
      });
    });
  });

  describe('when packing cannot proceed', () => {
    it('should throw PACKING_NO_PACKAGER when nothing handles the type', async () => {
      const { manager } = testManager([PointPackager]);
      const error = await expectStowageRejection(
        manager.pack(new Map(), 'm : file'),
        PackingError,
        'PACKING_NO_PACKAGER',
      );
      expect(error.message).toContain('"m"');
      expect(error.message).toContain('Map');
    });

    it('should throw PACKING_NO_PACKAGER for an artifact type the packager lacks', async () => {
      const { manager } = testManager([PointPackager]);
      await expectStowageRejection(
        manager.pack(new Point(0, 0), 'p : dataset'),
        PackingError,
        'PACKING_NO_PACKAGER',
      );
    });

    it('should throw PACKING_UNSUPPORTED_ARTIFACT_TYPE when a computed default has no method', async () => {
      @Packager({ type: Point, defaultPackingArtifactType: () => 'model' })
      class Confused {
        @Pack('file') packFile(): void {}
      }
      const { manager } = testManager([Confused]);
      await expectStowageRejection(
        manager.pack(new Point(0, 0), 'p'),
        PackingError,
        'PACKING_UNSUPPORTED_ARTIFACT_TYPE',
      );
    });

    it('should throw PACKING_INVALID_OUTPUT when the method returns something else', async () => {
      @Packager({ type: Point })
      class Sloppy {
        @Pack('file') packFile(): unknown {
          return 'done';
        }
      }
      const { manager } = testManager([Sloppy]);
      await expectStowageRejection(
        manager.pack(new Point(0, 0), 'p'),
        PackingError,
        'PACKING_INVALID_OUTPUT',
      );
    });

    it('should throw PACKING_NO_REPOSITORY for an artifact when the manager has no store', async () => {
      const { manager } = testManager([PointPackager], { repository: undefined });
      await expectStowageRejection(
        manager.pack(new Point(0, 0), 'p'),
        PackingError,
        'PACKING_NO_REPOSITORY',
      );
      expect(existsSync(seen.dirs[0] as string)).toBe(false);
    });

    it('should wrap a failing pack method in PACKING_METHOD_FAILED and still remove its temp dirs', async () => {
      @Packager({ type: Point })
      class Failing {
        @Pack('file') async packFile(
          _p: Point,
          _k: string,
          _o: object,
          ctx: PackContext,
        ): Promise<never> {
          const dir = await ctx.tempDir();
          seen.dirs.push(dir);
          await writeFile(join(dir, 'partial.bin'), 'half');
          throw new Error('disk full');
        }
      }
      const { manager } = testManager([Failing]);
      const error = await expectStowageRejection(
        manager.pack(new Point(0, 0), 'p'),
        PackingError,
        'PACKING_METHOD_FAILED',
      );
      expect(error.message).toContain('Failing.packFile');
      expect(error.message).toContain('disk full');
      expect(error.cause).toBeInstanceOf(Error);
      expect(existsSync(seen.dirs[0] as string)).toBe(false);
    });
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
