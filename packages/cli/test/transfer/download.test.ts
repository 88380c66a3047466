import { promises as nodeFs } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { DataItem } from '@stowage/core';
import { ProgressBar } from '../../src/output/progress-bar';
import { downloadAll, type DownloadFs } from '../../src/transfer/download';
import { tempDir } from '../helpers/cli-process';

/** A data item whose stream yields `text` (all downloadAll reads of it). */
function itemOf(text: string): DataItem {
  return {
    stream: () => Promise.resolve(Readable.from([Buffer.from(text)])),
  } as unknown as DataItem;
}

/** Node's fs, recording the calls as `op name` (temporary names shown as `<tmp>`). */
function spyFs(root: string, failOn?: string): { fs: DownloadFs; calls: string[] } {
  const calls: string[] = [];
  const name = (path: string): string =>
    path === root ? '<folder>' : basename(path).replace(/^\..*\.stowage-[0-9a-f]{8}$/, '<tmp>');
  const record = (call: string): void => {
    calls.push(call);
    if (call === failOn) throw Object.assign(new Error(`${call} failed`), { code: 'EIO' });
  };
  return {
    calls,
    fs: {
      mkdir: (path, options) => nodeFs.mkdir(path, options),
      async open(path, flags) {
        record(`open ${name(path)} ${flags}`);
        const handle = await nodeFs.open(path, flags);
        return {
          sync: async () => {
            record(`fsync ${name(path)}`);
            await handle.sync();
          },
          close: () => handle.close(),
        };
      },
      async rename(from, to) {
        record(`rename ${name(from)} ${name(to)}`);
        await nodeFs.rename(from, to);
      },
      async rm(path, options) {
        calls.push(`rm ${name(path)}`);
        await nodeFs.rm(path, options);
      },
    },
  };
}

describe('downloadAll', () => {
  const dir = tempDir();
  const bar = (): ProgressBar => new ProgressBar({ write: () => true }, 'get', 0);
  afterEach(() => dir.remove());

  describe('when a file is downloaded', () => {
    it('should fsync it before the rename and its folder after', async () => {
      const { fs, calls } = spyFs(dir.path);
      const dest = join(dir.path, 'model.json');
      await downloadAll([{ item: itemOf('{"w":1}'), dest }], bar(), fs);
      expect(await readFile(dest, 'utf8')).toBe('{"w":1}');
      const folder = process.platform === 'win32' ? [] : ['open <folder> r', 'fsync <folder>'];
      expect(calls).toEqual(['open <tmp> r+', 'fsync <tmp>', 'rename <tmp> model.json', ...folder]);
    });
  });

  describe('when the fsync fails', () => {
    it('should reject and leave neither the file nor the temporary one', async () => {
      const { fs, calls } = spyFs(dir.path, 'fsync <tmp>');
      const dest = join(dir.path, 'model.json');
      await expect(downloadAll([{ item: itemOf('x'), dest }], bar(), fs)).rejects.toThrow(
        'fsync <tmp> failed',
      );
      expect(calls).toContain('rm <tmp>');
      expect(await readdir(dir.path)).toEqual([]);
    });
  });
});
