import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { promises as nodeFs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  writeFileAtomic,
  type AtomicWriteFs,
  type AtomicWriteHandle,
} from '../../src/config/atomic-write';

/** Node's fs, recording each call as `op name` (`name` relative to the test folder). */
function spyFs(root: string, failOn?: string): { fs: AtomicWriteFs; calls: string[] } {
  const calls: string[] = [];
  const name = (path: string): string =>
    path === root ? '<folder>' : basename(path).replace(/\.\d+\.[0-9a-f]{8}\.tmp$/, '.<tmp>');
  const record = (call: string): void => {
    calls.push(call);
    if (call === failOn) throw Object.assign(new Error(`${call} failed`), { code: 'EIO' });
  };
  const fs: AtomicWriteFs = {
    async open(path, flags, mode) {
      record(`open ${name(path)} ${flags}`);
      const handle = await nodeFs.open(path, flags, mode);
      const wrapped: AtomicWriteHandle = {
        writeFile: async (data, encoding) => {
          record(`write ${name(path)}`);
          await handle.writeFile(data, encoding);
        },
        sync: async () => {
          record(`fsync ${name(path)}`);
          await handle.sync();
        },
        close: async () => {
          calls.push(`close ${name(path)}`);
          await handle.close();
        },
      };
      return wrapped;
    },
    async rename(from, to) {
      record(`rename ${name(from)} ${name(to)}`);
      await nodeFs.rename(from, to);
    },
    async rm(path, options) {
      calls.push(`rm ${name(path)}`);
      await nodeFs.rm(path, options);
    },
  };
  return { fs, calls };
}

describe('writeFileAtomic', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stowage-atomic-write-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('when the write succeeds', () => {
    it('should fsync the file before the rename and the folder after it', async () => {
      const { fs, calls } = spyFs(root);
      const path = join(root, 'stowage.config.json');
      await writeFile(path, '{"old":true}\n');
      await writeFileAtomic(path, '{"new":true}\n', fs);
      expect(await readFile(path, 'utf8')).toBe('{"new":true}\n');
      const folderSync =
        process.platform === 'win32' ? [] : ['open <folder> r', 'fsync <folder>', 'close <folder>'];
      expect(calls).toEqual([
        'open stowage.config.json.<tmp> wx',
        'write stowage.config.json.<tmp>',
        'fsync stowage.config.json.<tmp>',
        'close stowage.config.json.<tmp>',
        'rename stowage.config.json.<tmp> stowage.config.json',
        ...folderSync,
      ]);
      expect(await readdir(root)).toEqual(['stowage.config.json']);
    });
  });

  describe('when the fsync of the file fails', () => {
    it('should reject, keep the old file and remove the temporary one', async () => {
      const { fs, calls } = spyFs(root, 'fsync stowage.config.json.<tmp>');
      const path = join(root, 'stowage.config.json');
      await writeFile(path, '{"old":true}\n');
      await expect(writeFileAtomic(path, '{"new":true}\n', fs)).rejects.toThrow(
        'fsync stowage.config.json.<tmp> failed',
      );
      expect(calls).not.toContain('rename stowage.config.json.<tmp> stowage.config.json');
      expect(calls).toContain('rm stowage.config.json.<tmp>');
      expect(await readFile(path, 'utf8')).toBe('{"old":true}\n');
      expect(await readdir(root)).toEqual(['stowage.config.json']);
    });
  });

  describe('when no fs is given', () => {
    it('should write through Node fs', async () => {
      const path = join(root, 'a.json');
      await writeFileAtomic(path, 'x');
      expect(await readFile(path, 'utf8')).toBe('x');
    });
  });
});
