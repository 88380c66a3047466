import 'reflect-metadata';
import { Artifact } from '../../src/artifacts/artifact';
import type { DataItem } from '../../src/data/data-item';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { Unpack } from '../../src/decorators/unpack.decorator';
import { UnpackingError } from '../../src/errors/unpacking.error';
import type { PackedArtifact } from '../../src/manager/packed-output';
import type { ArtifactOutput } from '../../src/packagers/pack-context';
import type { Instructions } from '../../src/types';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { JsonFallbackPackager } from '../helpers/json-fallback.packager';
import { testManager } from '../helpers/manager-fixtures';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}
class Point3 extends Point {}

const calls: Array<{ packager: string; instructions: Instructions }> = [];

@Packager({ type: Point, name: 'geo.point' })
class PointPackager {
  @Pack('file') packFile(p: Point, key: string): ArtifactOutput {
    return {
      artifact: new Artifact({ key, body: Buffer.from(`${p.x},${p.y}`) }),
      instructions: { separator: ',' },
    };
  }

  @Unpack('file') async unpackFile(item: DataItem, instructions: Instructions): Promise<Point> {
    calls.push({ packager: 'geo.point', instructions });
    const [x, y] = (await item.getText())
      .split(typeof instructions['separator'] === 'string' ? instructions['separator'] : ',')
      .map(Number);
    return new Point(x ?? NaN, y ?? NaN);
  }
}

@Packager({ type: Point, name: 'geo.point-reader' })
class PointReader {
  @Unpack('file') async unpackFile(item: DataItem, instructions: Instructions): Promise<Point> {
    calls.push({ packager: 'geo.point-reader', instructions });
    const [x, y] = (await item.getText()).split(',').map(Number);
    return new Point(x ?? NaN, y ?? NaN);
  }
}

@Packager({ type: Point, name: 'geo.broken-reader', priority: 1 })
class BrokenReader {
  @Unpack('file') unpackFile(): Point {
    throw new Error('unsupported encoding');
  }
}

describe('PackagersManager.unpack', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  describe('when the recorded packager is registered', () => {
    it('should round-trip with the recorded artifact type and instructions', async () => {
      const { manager, repository } = testManager([PointPackager, PointReader]);
      const out = (await manager.pack(new Point(1, 2), 'p')) as PackedArtifact;
      const value = await manager.unpack(await repository.open(out.artifact.uri as string), Point);
      expect(value).toEqual(new Point(1, 2));
      expect(calls).toEqual([{ packager: 'geo.point', instructions: { separator: ',' } }]);
    });

    it('should unpack without a type hint', async () => {
      const { manager, repository } = testManager([PointPackager]);
      const out = (await manager.pack(new Point(5, 6), 'p')) as PackedArtifact;
      expect(await manager.unpack(await repository.open(out.artifact.uri as string))).toEqual(
        new Point(5, 6),
      );
    });
  });

  describe('when the recorded packager is gone', () => {
    it('should use a packager matching the hint with its default type and empty instructions', async () => {
      const writer = testManager([PointPackager]);
      const out = (await writer.manager.pack(new Point(1, 2), 'p')) as PackedArtifact;
      const reader = testManager([PointReader], { repository: writer.repository });
      const value = await reader.manager.unpack(
        await writer.repository.open(out.artifact.uri as string),
        Point,
      );
      expect(value).toEqual(new Point(1, 2));
      expect(calls).toEqual([{ packager: 'geo.point-reader', instructions: {} }]);
      expect(reader.warnings.join('\n')).toContain('geo.point, which is not registered');
    });
  });

  describe('when the artifact was logged by hand', () => {
    it("should unpack it with the hinted type's packager", async () => {
      const { manager, repository } = testManager([PointReader]);
      const logged = await repository.log(
        new Artifact({ key: 'manual', body: Buffer.from('7,8') }),
      );
      expect(logged.packaging).toBeUndefined();
      expect(await manager.unpack(await repository.open(logged.uri as string), Point)).toEqual(
        new Point(7, 8),
      );
    });

    it('should return the data item itself when there is no hint either', async () => {
      const { manager, repository } = testManager([PointReader]);
      const logged = await repository.log(
        new Artifact({ key: 'manual', body: Buffer.from('7,8') }),
      );
      const item = await repository.open(logged.uri as string);
      expect(await manager.unpack(item)).toBe(item);
    });
  });

  describe('when the recorded packager does not fit the hint', () => {
    // issue 22 changed this: the record decides and the hint checks, so this is now a type
    // mismatch named before reading (it was UNPACKING_NO_PACKAGER after trying other packagers)
    it('should refuse the hint without reading, naming the key, the recorded type and the hint', async () => {
      const { manager, repository } = testManager([PointPackager, PointReader]);
      const out = (await manager.pack(new Point(1, 2), 'p')) as PackedArtifact;
      const error = await expectStowageRejection(
        manager.unpack(await repository.open(out.artifact.uri as string), Point3),
        UnpackingError,
        'UNPACKING_TYPE_MISMATCH',
      );
      expect(error.details).toMatchObject({
        key: 'p',
        recordedType: 'Point',
        packager: 'geo.point',
        typeHint: 'Point3',
      });
      expect(calls).toEqual([]);
    });
  });

  describe('when every packager fails', () => {
    it('should throw one UnpackingError listing every attempt and why', async () => {
      const { manager, repository } = testManager([BrokenReader], {
        fallback: JsonFallbackPackager,
      });
      const logged = await repository.log(
        new Artifact({ key: 'manual', body: Buffer.from('7,8') }),
      );
      const error = await expectStowageRejection(
        manager.unpack(await repository.open(logged.uri as string), Point),
        UnpackingError,
        'UNPACKING_NO_PACKAGER',
      );
      const attempts = error.details['attempts'] as Array<Record<string, unknown>>;
      expect(attempts.map((a) => [a['packager'], a['outcome']])).toEqual([
        ['geo.broken-reader', 'failed'],
        ['test.json-fallback', 'failed'],
      ]);
      expect(error.message).toContain(
        '1. geo.broken-reader as "file": failed: Error: unsupported encoding',
      );
      expect(error.message).toContain('2. test.json-fallback as "object"');
      expect((error.cause as Error).message).toBe('unsupported encoding');
    });

    it('should say so when nothing matches at all', async () => {
      const { manager, repository } = testManager([]);
      const logged = await repository.log(new Artifact({ key: 'manual', body: Buffer.from('x') }));
      const error = await expectStowageRejection(
        manager.unpack(await repository.open(logged.uri as string), Point),
        UnpackingError,
        'UNPACKING_NO_PACKAGER',
      );
      expect(error.message).toContain('no packager matches');
    });
  });

  describe('when the fallback packed the value', () => {
    it('should unpack it through the fallback with its instructions', async () => {
      const { manager, repository } = testManager([], { fallback: JsonFallbackPackager });
      const out = (await manager.pack({ a: [1, 2] }, 'data : object')) as PackedArtifact;
      expect(await manager.unpack(await repository.open(out.artifact.uri as string))).toEqual({
        a: [1, 2],
      });
    });
  });
});
