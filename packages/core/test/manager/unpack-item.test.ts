import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { ArtifactLayout } from '../../src/artifacts/artifact-layout';
import { IntegrityError } from '../../src/errors/integrity.error';
import { UnpackingError } from '../../src/errors/unpacking.error';
import type { PackedArtifact } from '../../src/manager/packed-output';
import { ArrayPackager } from '../../src/packagers/builtin/array.packager';
import { SetPackager } from '../../src/packagers/builtin/set.packager';
import { ObjectPackager } from '../../src/packagers/builtin/object.packager';
import { LocalPathPackager } from '../../src/packagers/builtin/local-path.packager';
import { LocalPath } from '../../src/values/local-path';
import type { PackableType } from '../../src/types';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { testManager } from '../helpers/manager-fixtures';
import { builtinManager } from '../packagers/builtin/helpers/builtin-manager';

/** Packs `value` as `hint` with the builtins and unpacks the stored artifact under `type`. */
async function logAndRead(value: unknown, hint: string, type: PackableType): Promise<unknown> {
  const { manager, repository } = builtinManager();
  const out = (await manager.pack(value, hint)) as PackedArtifact;
  return manager.unpack(await repository.open(out.artifact.uri as string), type);
}

describe('unpackItem', () => {
  describe('when a value logged as object is read with its own type hint', () => {
    it.each([
      ['a string', 'héllo', String],
      ['a number', 0.5, Number],
      ['a bigint', 2n ** 70n, BigInt as unknown as PackableType],
      ['a boolean', true, Boolean],
    ])('should give %s back from the recorded object packager', async (_l, value, type) => {
      expect(await logAndRead(value, 'k : object', type)).toBe(value);
    });

    it('should refuse a number read as String instead of giving the stored file', async () => {
      const error = await expectStowageRejection(
        logAndRead(42, 'k : object', String),
        UnpackingError,
        'UNPACKING_TYPE_MISMATCH',
      );
      expect(error.details).toMatchObject({
        key: 'k',
        recordedType: 'number',
        packager: 'stowage.object',
        artifactType: 'object',
        typeHint: 'String',
        valueType: 'Number',
      });
    });
  });

  describe('when the recorded packager gives back another type than the one logged', () => {
    it('should say that the packager did not restore it and how to keep the class', async () => {
      class Unregistered {
        readonly x = 1;
      }
      const error = await expectStowageRejection(
        logAndRead(new Unregistered(), 'k : object', Unregistered),
        UnpackingError,
        'UNPACKING_TYPE_MISMATCH',
      );
      expect(error.details).toMatchObject({
        recordedType: 'Unregistered',
        typeHint: 'Unregistered',
        valueType: 'Object',
      });
      expect(error.message).toContain('read it back as an Object, not an Unregistered');
      expect(error.fix).toContain('registerClass');
    });
  });

  describe('when an artifact is read under a type no documented conversion reaches', () => {
    it.each([
      ['a Map read as Set', new Map([['a', 1]]), 'k : file', Set, 'Map'],
      ['bytes read as Float64Array', new Uint8Array(16), 'k', Float64Array, 'Uint8Array'],
      ['an Error file read as Map', new RangeError('no'), 'k : file', Map, 'RangeError'],
      ['an array of pairs read as Map', [['a', 1]], 'k : file', Map, 'Array'],
      ['a Set read as Array', new Set([1]), 'k : file', Array, 'Set'],
      ['a record read as Map', { a: 1 }, 'k : file', Map, 'Object'],
    ])(
      'should refuse %s, naming the key, the recorded type and the hint',
      async (_l, value, hint, type, recorded) => {
        const error = await expectStowageRejection(
          logAndRead(value, hint, type as PackableType),
          UnpackingError,
          'UNPACKING_TYPE_MISMATCH',
        );
        expect(error.details).toMatchObject({
          key: 'k',
          recordedType: recorded,
          typeHint: type.name,
        });
        expect(error.message).toMatch(new RegExp(`^"k" was logged as an? ${recorded} `));
        expect(error.fix).toContain('Reading under another type');
      },
    );
  });

  describe('when the hint is a base class of the recorded value', () => {
    it.each([
      ['a Map read as Object', new Map([[1, 'a']]), 'k : file', Object],
      ['a RangeError read as Error', new RangeError('r'), 'k : file', Error],
      ['a Buffer read as Uint8Array', Buffer.from('hi'), 'k', Uint8Array],
    ])('should give %s back as its own class', async (_l, value, hint, type) => {
      const back = await logAndRead(value, hint, type as PackableType);
      expect(Object.getPrototypeOf(back)).toBe(Object.getPrototypeOf(value));
      expect(back).toEqual(value);
    });
  });

  describe('when the recorded packager is not registered', () => {
    it('should not try the object fallback on an artifact recorded as something else', async () => {
      const writer = testManager([ArrayPackager]);
      const out = (await writer.manager.pack([1, 2], 'k : file')) as PackedArtifact;
      const reader = testManager([], { repository: writer.repository, fallback: ObjectPackager });
      const error = await expectStowageRejection(
        reader.manager.unpack(await writer.repository.open(out.artifact.uri as string)),
        UnpackingError,
        'UNPACKING_NO_PACKAGER',
      );
      const attempts = error.details['attempts'] as Array<Record<string, unknown>>;
      expect(attempts.map((a) => a['packager'])).toEqual(['stowage.array']);
    });

    it('should not let a packager read it through another artifact type', async () => {
      const writer = testManager([ArrayPackager]);
      const rows = [{ a: 1 }, { a: 2 }];
      const out = (await writer.manager.pack(rows, 'k : dataset')) as PackedArtifact;
      const reader = testManager([SetPackager], { repository: writer.repository });
      const error = await expectStowageRejection(
        reader.manager.unpack(await writer.repository.open(out.artifact.uri as string), Set),
        UnpackingError,
        'UNPACKING_NO_PACKAGER',
      );
      expect(error.message).toContain('stowage.array as "dataset": skipped');
      expect(error.message).not.toContain('stowage.set');
      expect(reader.warnings.join('\n')).toContain('stowage.array, which is not registered');
    });
  });

  describe('when the recorded packager fails on damaged bytes', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'stowage-unpack-'));
      writeFileSync(join(dir, 'a.txt'), 'x'.repeat(5000));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('should throw the IntegrityError the reader failed on, not an unpacking error', async () => {
      const { manager, repository, store } = testManager([LocalPathPackager]);
      const out = (await manager.pack(new LocalPath(dir), 'k : path')) as PackedArtifact;
      const { version, fileName } = out.artifact;
      const at = ArtifactLayout.file('k', version as string, fileName as string);
      const bytes = Buffer.from(await store.get(at));
      const middle = bytes.length >> 1;
      bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
      await store.put(at, bytes);
      const item = await repository.open(out.artifact.uri as string);
      await expectStowageRejection(
        manager.unpack(item, LocalPath),
        IntegrityError,
        'INTEGRITY_MISMATCH',
      );
      await manager.cleanup();
    });
  });

  describe('when an artifact was logged by hand', () => {
    it("should still go to the hint's packager with its default unpacking type", async () => {
      const { manager, repository } = builtinManager();
      const logged = await repository.log(
        new Artifact({ key: 'm', body: Buffer.from('[["a",1]]'), fileName: 'm.json' }),
      );
      expect(await manager.unpack(await repository.open(logged.uri as string), Map)).toEqual(
        new Map([['a', 1]]),
      );
    });
  });
});
