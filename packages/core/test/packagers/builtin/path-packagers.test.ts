import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PackedArtifact } from '../../../src/manager/packed-output';
import { LocalPath } from '../../../src/values/local-path';
import { builtinManager } from './helpers/builtin-manager';

describe('path packagers through the manager', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stowage-path-'));
    mkdirSync(join(dir, 'report', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'report', 'index.html'), '<h1>ok</h1>');
    writeFileSync(join(dir, 'report', 'sub', 'data.csv'), 'a\n1\n');
    writeFileSync(join(dir, 'single.txt'), 'one file');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe.each(['zip', 'tar', 'tar.gz'])('when logging a folder archived as %s', (format) => {
    it('should extract it safely on unpack and remove the extraction on cleanup', async () => {
      const { manager, roundTrip } = builtinManager();
      const { out, back } = await roundTrip(
        new LocalPath(join(dir, 'report')),
        `k : path[archiveFormat=${format}]`,
        LocalPath,
      );
      expect((out as PackedArtifact).artifact.fileName).toBe(`report.${format}`);
      const extracted = (back as LocalPath).path;
      expect(readFileSync(join(extracted, 'sub', 'data.csv'), 'utf8')).toBe('a\n1\n');
      await manager.cleanup();
      expect(existsSync(extracted)).toBe(false);
    });

    it('should round-trip an empty folder and an empty folder inside one', async () => {
      mkdirSync(join(dir, 'empty'));
      mkdirSync(join(dir, 'holder', 'inner'), { recursive: true });
      const { manager, roundTrip } = builtinManager();
      const hint = `k : path[archiveFormat=${format}]`;
      const empty = (await roundTrip(new LocalPath(join(dir, 'empty')), hint, LocalPath))
        .back as LocalPath;
      expect(readdirSync(empty.path)).toEqual([]);
      const holder = (await roundTrip(new LocalPath(join(dir, 'holder')), hint, LocalPath))
        .back as LocalPath;
      expect(readdirSync(holder.path)).toEqual(['inner']);
      expect(readdirSync(join(holder.path, 'inner'))).toEqual([]);
      await manager.cleanup();
    });
  });

  describe('when logging a file:// string, a URL and a single file', () => {
    it('should store the file and give back a local path of the same content', async () => {
      const { manager, roundTrip } = builtinManager();
      const url = pathToFileURL(join(dir, 'single.txt'));
      const fromString = (await roundTrip(url.href, 'k', String)).back as string;
      expect(readFileSync(fromString, 'utf8')).toBe('one file');
      const fromUrl = (await roundTrip(url, 'k', URL)).back as URL;
      expect(fromUrl.protocol).toBe('file:');
      const asText = (await roundTrip(join(dir, 'single.txt'), 'k : path', String)).back as string;
      expect(readFileSync(asText, 'utf8')).toBe('one file');
      await manager.cleanup();
      expect([fromString, fileURLToPath(fromUrl), asText].filter((p) => existsSync(p))).toEqual([]);
    });
  });

  describe('when the path does not exist', () => {
    it('should fail with PATH_NOT_FOUND in the cause chain', async () => {
      const { manager } = builtinManager();
      const err = await manager
        .pack(new LocalPath(join(dir, 'missing')), 'k')
        .catch((e: unknown) => e);
      const codes: unknown[] = [];
      for (let e: unknown = err; e instanceof Error; e = e.cause)
        codes.push((e as { code?: unknown }).code);
      expect(codes).toContain('PATH_NOT_FOUND');
    });
  });
});
