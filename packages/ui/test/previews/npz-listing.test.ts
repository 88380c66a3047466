import { encodeNpz, LocalStore, RunContext, Artifact } from '@stowage/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreView } from '../../src/data/store-view';
import { listNpz } from '../../src/previews/npz-listing';
import { NPZ_SUMMARY_BYTES } from '../../src/previews/npz-preview';
import { previewOf } from '../../src/previews/preview';

/** An `.npz` of a big float64 array `big` (about `bytes` bytes) and a small int32 array. */
function bigNpz(bytes: number): Buffer {
  return Buffer.concat(
    encodeNpz({
      big: { data: new Float64Array(Math.ceil(bytes / 8)), shape: [Math.ceil(bytes / 8)] },
      small: { data: new Int32Array([1, 2, 3, 4]), shape: [2, 2] },
    }),
  );
}

describe('listNpz', () => {
  describe('when an .npz is read by ranges', () => {
    it('should find each array with its shape and dtype, reading only a few KiB', async () => {
      const bytes = bigNpz(2 * 1024 * 1024);
      let read = 0;
      const listing = await listNpz(bytes.length, async (start, end) => {
        read += end - start;
        return bytes.subarray(start, end);
      });
      expect(listing?.total).toBe(2);
      expect(listing?.entries.map((e) => [e.name, e.header?.shape, e.header?.dtype])).toEqual([
        ['big', [262144], '<f8'],
        ['small', [2, 2], '<i4'],
      ]);
      // The tail (at most 64 KiB + 22), the directory, and 30 + 4096 bytes per array.
      expect(read).toBeLessThan(80 * 1024);
    });

    it('should answer undefined for bytes that are not a zip', async () => {
      const bytes = Buffer.from('not a zip at all, just text');
      await expect(
        listNpz(bytes.length, async (s, e) => bytes.subarray(s, e)),
      ).resolves.toBeUndefined();
    });
  });
});

describe('previewOf', () => {
  describe('when an .npz is bigger than the summary limit', () => {
    let root: string;
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('should list its arrays from ranged reads, without reading the whole file', async () => {
      root = mkdtempSync(join(tmpdir(), 'stowage-ui-npz-'));
      const store = new LocalStore({ root });
      const run = await RunContext.start({ store, name: 'big' });
      const artifact = await run.logArtifact(
        new Artifact({ key: 'big', body: bigNpz(NPZ_SUMMARY_BYTES + 1024), fileName: 'big.npz' }),
      );
      await run.complete();
      const view = new StoreView({ store });
      let read = 0;
      const get = store.get.bind(store);
      jest.spyOn(store, 'get').mockImplementation(async (path, range) => {
        const bytes = await get(path, range);
        if (path.endsWith('big.npz')) read += bytes.length;
        return bytes;
      });
      const page = (await previewOf(view, artifact)).text
        .replace(/\s+/g, ' ')
        .replace(/\s*(<[^>]+>)\s*/g, '$1');
      expect(page).toContain('2 arrays,');
      expect(page).toContain('too big for summaries here');
      expect(page).toContain('<th scope="row">big</th><td>(1048704)</td><td><code>&lt;f8</code>');
      expect(page).toContain('<th scope="row">small</th><td>(2, 2)</td>');
      expect(read).toBeLessThan(80 * 1024);
    });
  });
});
