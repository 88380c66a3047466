import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnpackingError } from '../../src/errors/unpacking.error';
import type { PackedArtifact } from '../../src/manager/packed-output';
import { READ_CONVERSIONS } from '../../src/manager/read-conversions';
import { LocalPath } from '../../src/values/local-path';
import type { PackableType } from '../../src/types';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { builtinManager } from '../packagers/builtin/helpers/builtin-manager';

const BigIntType = BigInt as unknown as PackableType;

const managers: Array<ReturnType<typeof builtinManager>['manager']> = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.cleanup()));
});

async function logAndRead(value: unknown, hint: string, type: PackableType): Promise<unknown> {
  const { manager, repository } = builtinManager();
  managers.push(manager);
  const out = (await manager.pack(value, hint)) as PackedArtifact;
  return manager.unpack(await repository.open(out.artifact.uri as string), type);
}

describe('READ_CONVERSIONS', () => {
  describe('when a path artifact is read as another path type', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'stowage-conv-'));
      writeFileSync(join(dir, 'a.txt'), 'content');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('should give a LocalPath as a string path and as a file: URL of the same file', async () => {
      const asString = await logAndRead(new LocalPath(join(dir, 'a.txt')), 'k', String);
      expect(typeof asString).toBe('string');
      expect(readFileSync(asString as string, 'utf8')).toBe('content');
      const asUrl = await logAndRead(new LocalPath(join(dir, 'a.txt')), 'k', URL);
      expect(asUrl).toBeInstanceOf(URL);
      expect(readFileSync(fileURLToPath(asUrl as URL), 'utf8')).toBe('content');
    });

    it('should give a string logged as a path as a LocalPath', async () => {
      const back = await logAndRead(join(dir, 'a.txt'), 'k : path', LocalPath);
      expect(back).toBeInstanceOf(LocalPath);
      expect(readFileSync((back as LocalPath).path, 'utf8')).toBe('content');
    });

    it('should refuse a string logged as a file read as a LocalPath', async () => {
      await expectStowageRejection(
        logAndRead('text', 'k : file', LocalPath),
        UnpackingError,
        'UNPACKING_TYPE_MISMATCH',
      );
    });
  });

  describe('when a bigint is read as Number', () => {
    it('should convert one the number holds exactly', async () => {
      expect(await logAndRead(2n ** 60n, 'k : file', Number)).toBe(2 ** 60);
    });

    it('should refuse one the number would round', async () => {
      const error = await expectStowageRejection(
        logAndRead(2n ** 70n + 1n, 'k : file', Number),
        UnpackingError,
        'UNPACKING_NOT_EXACT',
      );
      expect(error.details).toMatchObject({ key: 'k', recordedType: 'bigint', typeHint: 'Number' });
      expect(error.message).toContain('1180591620717411303425');
    });
  });

  describe('when a number is read as BigInt', () => {
    it('should convert an integer and refuse a fraction or -0', async () => {
      expect(await logAndRead(42, 'k : file', BigIntType)).toBe(42n);
      await expectStowageRejection(
        logAndRead(1.5, 'k : file', BigIntType),
        UnpackingError,
        'UNPACKING_NOT_EXACT',
      );
      await expectStowageRejection(
        logAndRead(-0, 'k : file', BigIntType),
        UnpackingError,
        'UNPACKING_NOT_EXACT',
      );
    });
  });

  describe('when bytes are read as another byte type', () => {
    it('should give a Uint8Array as a Buffer and as an ArrayBuffer of the same bytes', async () => {
      const bytes = new Uint8Array([1, 2, 3]);
      const asBuffer = await logAndRead(bytes, 'k', Buffer);
      expect(Buffer.isBuffer(asBuffer)).toBe(true);
      expect([...(asBuffer as Buffer)]).toEqual([1, 2, 3]);
      const asArrayBuffer = await logAndRead(bytes, 'k', ArrayBuffer);
      expect(asArrayBuffer).toBeInstanceOf(ArrayBuffer);
      expect([...new Uint8Array(asArrayBuffer as ArrayBuffer)]).toEqual([1, 2, 3]);
    });

    it('should give an ArrayBuffer as a Uint8Array', async () => {
      const back = await logAndRead(new Uint8Array([4, 5]).buffer, 'k', Uint8Array);
      expect(back).toBeInstanceOf(Uint8Array);
      expect([...(back as Uint8Array)]).toEqual([4, 5]);
    });
  });

  describe('when the docs list the conversions', () => {
    it('should have one row per conversion in docs/builtin-packagers.md', () => {
      const doc = readFileSync(join(__dirname, '../../../../docs/builtin-packagers.md'), 'utf8');
      const section = doc.slice(doc.indexOf('## Reading under another type'));
      for (const c of READ_CONVERSIONS) {
        expect(section).toContain(`| ${c.from} | \`${c.to.name}\` | ${c.rule} |`);
      }
      const rows = section.split('\n## ')[0]?.match(/^\| .* \| `\w+` \| .* \|$/gm) ?? [];
      expect(rows).toHaveLength(READ_CONVERSIONS.length);
    });
  });
});
