import { MemoryStore } from '@stowage/core';
import { listKeyFolders } from '../../src/data/key-listing';
import { etagStore } from '../helpers/etag-store';

/** A store holding, per key, records of `versions`, a `latest` pointer and `files` data files. */
async function keysStore(
  keys: Record<string, { versions: number; files: number; tags?: string[] }>,
): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const [key, { versions, files, tags }] of Object.entries(keys)) {
    for (let v = 0; v < versions; v++) {
      const version = `20260101T00000${v}000Z-v${v}`;
      await store.put(`artifacts/${key}/records/${version}.json`, Buffer.from(`{"v":${v}}`));
      for (let f = 0; f < files; f++)
        await store.put(`artifacts/${key}/versions/${version}/f${f}.bin`, Buffer.from('x'));
    }
    for (const tag of ['latest', ...(tags ?? [])])
      await store.put(`artifacts/${key}/tags/${tag}.json`, Buffer.from('{}'));
  }
  return store;
}

describe(listKeyFolders, () => {
  describe("when keys' files lie between their records", () => {
    it('should list every version and tag, starting again after the files', async () => {
      const s3like = etagStore(
        await keysStore({
          a: { versions: 2, files: 40, tags: ['prod'] },
          b: { versions: 3, files: 40 },
          c: { versions: 1, files: 0 },
        }),
      );

      const { keys, usable } = await listKeyFolders(s3like.store, ['a', 'b', 'c'], 10);

      expect(usable).toBe(true);
      expect(keys.get('a')?.versions).toHaveLength(2);
      expect([...(keys.get('a')?.tagNames ?? [])].sort()).toEqual(['latest', 'prod']);
      expect(keys.get('b')?.versions).toHaveLength(3);
      expect(keys.get('c')?.versions).toEqual(['20260101T000000000Z-v0']);
      expect(keys.get('c')?.recordTags.get('20260101T000000000Z-v0')).toMatch(/^"[0-9a-f]{32}"$/);
      // Restarted after a's files and after b's, not listed through them.
      expect(s3like.lists()).toBe(3);
    });
  });

  describe('when a key is a prefix of others ("a", "a-b", "a.c")', () => {
    it('should keep each key to its own folder', async () => {
      const s3like = etagStore(
        await keysStore({
          a: { versions: 1, files: 0 },
          'a-b': { versions: 2, files: 0 },
          'a.c': { versions: 3, files: 0 },
          ab: { versions: 4, files: 0 },
        }),
      );

      const { keys } = await listKeyFolders(s3like.store, ['a', 'a-b', 'a.c', 'ab']);

      expect([...keys].map(([k, e]) => [k, e.versions.length]).sort()).toEqual([
        ['a', 1],
        ['a-b', 2],
        ['a.c', 3],
        ['ab', 4],
      ]);
    });
  });

  describe('when the store lists no ETags', () => {
    it('should say the listing is unusable', async () => {
      const store = await keysStore({ a: { versions: 1, files: 0 }, b: { versions: 1, files: 0 } });
      expect((await listKeyFolders(store, ['a', 'b'])).usable).toBe(false);
    });
  });
});
