import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore, RunContext, type Store } from '../../src';
import {
  artifactIndex,
  deletedVersionEntry,
  versionId,
  type ArtifactIndexEntry,
} from '../../src/listing/artifact-index';
import { runIndex, type RunIndexEntry } from '../../src/listing/run-index';
import { SegmentedIndex } from '../../src/listing/segmented-index';

/** The store, with the paths read through `get`. */
function counting(store: Store): { store: Store; gets: string[] } {
  const gets: string[] = [];
  const wrapped = Object.create(store) as Store;
  wrapped.get = (path, range) => {
    gets.push(path);
    return store.get(path, range);
  };
  return { store: wrapped, gets };
}

function run(n: number, at = 1): RunIndexEntry {
  const id = `r${n.toString().padStart(3, '0')}`;
  return { id, at, name: `run ${n}`, status: 'completed', labels: {}, startedAt: '' };
}

function version(key: number, v: number, kind = 'dataset'): ArtifactIndexEntry {
  const k = `key-${key.toString().padStart(3, '0')}`;
  const version = `v${v}`;
  return { id: versionId(k, version), at: 1, key: k, version, kind };
}

/** Appends `entries` as one segment, then folds the index into one snapshot of `partSize` parts. */
async function compacted<E extends RunIndexEntry | ArtifactIndexEntry>(
  make: (compactAfter: number, partSize: number) => SegmentedIndex<E>,
  entries: E[],
  partSize: number,
): Promise<void> {
  // compactAfter 1: the append's own read writes the first (empty) snapshot, the next read folds.
  const index = make(1, partSize);
  await index.append(entries);
  await index.read();
}

async function objects(store: Store, under: string): Promise<string[]> {
  const paths: string[] = [];
  for await (const { path } of store.list(under)) paths.push(path);
  return paths;
}

describe(SegmentedIndex, () => {
  let root: string;
  let store: Store;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stowage-test-segmented-'));
    store = new LocalStore({ root });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  describe('when the snapshot is folded', () => {
    it('should split it into parts by id range, named by one manifest', async () => {
      await compacted(
        (c, p) => runIndex(store, c, p),
        Array.from({ length: 50 }, (_, i) => run(i)),
        5,
      );

      const paths = await objects(store, 'index/runs/');
      expect(paths.filter((p) => p.includes('/snap-'))).toHaveLength(1);
      expect(paths.filter((p) => p.includes('/part/'))).toHaveLength(10);
      expect(paths.filter((p) => p.includes('/log/'))).toHaveLength(0);
      expect((await runIndex(store).read()).entries.size).toBe(50);
    });

    it('should keep the versions of one key in one part', async () => {
      const entries = Array.from({ length: 20 }, (_, k) =>
        [0, 1, 2].map((v) => version(k, v)),
      ).flat();
      await compacted((c, p) => artifactIndex(store, c, p), entries, 4);
      const parts = (await objects(store, 'index/artifacts/part/')).sort();
      expect(parts.length).toBeGreaterThan(5);

      for (const part of parts) {
        const { rows } = JSON.parse((await store.get(part)).toString('utf8')) as {
          rows: [string, number, number, string, string][];
        };
        const keys = new Set(rows.map((r) => r[3]));
        for (const key of keys) expect(rows.filter((r) => r[3] === key)).toHaveLength(3);
      }
    });
  });

  describe('when one end of a folded index is read', () => {
    it('should read the manifest and the one part holding the newest runs', async () => {
      await compacted(
        (c, p) => runIndex(store, c, p),
        Array.from({ length: 50 }, (_, i) => run(i)),
        5,
      );
      const { store: counted, gets } = counting(store);

      const window = await runIndex(counted).readWindow({ from: 'end', groups: 5 });

      expect([...window.entries.keys()].sort()).toEqual(['r045', 'r046', 'r047', 'r048', 'r049']);
      expect(window.groups).toBe(50);
      expect(window.complete).toBe(false);
      expect(gets.filter((p) => p.includes('/snap-'))).toHaveLength(1);
      expect(gets.filter((p) => p.includes('/part/'))).toHaveLength(1);
      expect(gets).toHaveLength(2);
    });

    it('should read on until the window holds the groups asked for', async () => {
      await compacted(
        (c, p) => runIndex(store, c, p),
        Array.from({ length: 50 }, (_, i) => run(i)),
        5,
      );
      const { store: counted, gets } = counting(store);

      const window = await runIndex(counted).readWindow({ from: 'end', groups: 12 });

      expect(window.entries.size).toBe(15);
      expect(gets.filter((p) => p.includes('/part/'))).toHaveLength(3);
    });

    it('should merge the log segments written since, with exact counts', async () => {
      await compacted(
        (c, p) => runIndex(store, c, p),
        Array.from({ length: 50 }, (_, i) => run(i)),
        5,
      );
      const writer = runIndex(store);
      await writer.append([run(50, 2)]);
      await writer.append([{ id: 'r010', at: 2, deleted: true }]);
      await writer.append([{ ...run(47, 2), status: 'error' }]);
      const { store: counted, gets } = counting(store);

      const window = await runIndex(counted).readWindow({ from: 'end', groups: 5 });

      const newest = [...window.entries.keys()].sort().reverse().slice(0, 5);
      expect(newest).toEqual(['r050', 'r049', 'r048', 'r047', 'r046']);
      expect(window.entries.get('r047')?.status).toBe('error');
      // 51 runs written, one deleted: the count comes from the part the tombstone falls in.
      expect(window.groups).toBe(50);
      // The manifest, 3 segments, the last part and the part holding r010.
      expect(gets.filter((p) => p.includes('/part/'))).toHaveLength(2);
      expect(gets).toHaveLength(6);
    });

    it('should give whole keys, the key count and every kind from the start of the index', async () => {
      const entries = Array.from({ length: 20 }, (_, k) =>
        [0, 1, 2].map((v) => version(k, v, k === 19 ? 'model' : 'dataset')),
      ).flat();
      await compacted((c, p) => artifactIndex(store, c, p), entries, 4);
      await artifactIndex(store).append([deletedVersionEntry('key-000', 'v2', 2)]);
      const { store: counted, gets } = counting(store);

      const window = await artifactIndex(counted).readWindow({ from: 'start', groups: 2 });

      const keys = [...window.entries.values()].map((e) => e.key);
      expect(keys.filter((k) => k === 'key-000')).toHaveLength(2);
      expect(keys.filter((k) => k === 'key-001')).toHaveLength(3);
      expect(window.groups).toBe(20);
      expect(window.facets).toEqual(['dataset', 'model']);
      expect(gets.filter((p) => p.includes('/part/')).length).toBeLessThan(3);
    });
  });

  describe('when a part of the snapshot is damaged', () => {
    async function threeRuns(): Promise<string[]> {
      const ids: string[] = [];
      for (const name of ['a', 'b', 'c']) {
        const r = await RunContext.start({ store, name });
        await r.complete();
        ids.push(r.id);
      }
      // The first read rebuilds from the records (keeping the runs' segments), the second folds.
      await runIndex(store, 1, 1).read();
      await runIndex(store, 1, 1).read();
      return ids.sort();
    }

    it('should rebuild from the records when a part does not parse', async () => {
      const ids = await threeRuns();
      const parts = (await objects(store, 'index/runs/part/')).sort();
      expect(parts).toHaveLength(3);
      await store.put(parts[2] as string, Buffer.from('{"format":3,'));

      const window = await runIndex(store).readWindow({ from: 'end', groups: 1 });

      expect(window.complete).toBe(true);
      expect([...window.entries.keys()].sort()).toEqual(ids);
    });

    it('should rebuild when a part holds runs of another part\u2019s range', async () => {
      const ids = await threeRuns();
      const parts = (await objects(store, 'index/runs/part/')).sort();
      // The last part claims a run older than the first part's range holds: a lie.
      const bytes = (await store.get(parts[2] as string)).toString('utf8');
      await store.put(
        parts[2] as string,
        Buffer.from(bytes.replace(ids[2] as string, '00000000T000000000Z-ghost')),
      );

      const window = await runIndex(store).readWindow({ from: 'end', groups: 1 });

      expect(window.complete).toBe(true);
      expect([...window.entries.keys()].sort()).toEqual(ids);
    });

    it('should read again, then rebuild, when a part its manifest names is gone', async () => {
      const ids = await threeRuns();
      const parts = (await objects(store, 'index/runs/part/')).sort();
      await store.delete(parts[2] as string);

      const read = await runIndex(store).read();

      expect(read.rebuilt).toBe(true);
      expect([...read.entries.keys()].sort()).toEqual(ids);
    });
  });

  describe('when every group is listed with its label', () => {
    /** 20 keys of 3 versions in parts of 4 entries; key-019's newest version is a model. */
    async function keys(): Promise<void> {
      const entries = Array.from({ length: 20 }, (_, k) =>
        [0, 1, 2].map((v) => version(k, v, k === 19 && v === 2 ? 'model' : 'dataset')),
      ).flat();
      await compacted((c, p) => artifactIndex(store, c, p), entries, 4);
    }

    it('should answer from the manifest alone, each key with its newest kind', async () => {
      await keys();
      const { store: counted, gets } = counting(store);

      const read = await artifactIndex(counted).readGroups();

      expect([...read.groups.keys()]).toHaveLength(20);
      expect(read.groups.get('key-000')).toBe('dataset');
      expect(read.groups.get('key-019')).toBe('model');
      expect(read.facets).toEqual(['dataset', 'model']);
      expect(gets.filter((p) => p.includes('/part/'))).toEqual([]);
    });

    it('should merge the log segments, reading only the parts they fall in', async () => {
      await keys();
      await artifactIndex(store).append([
        deletedVersionEntry('key-019', 'v2', 2),
        deletedVersionEntry('key-005', 'v0', 2),
        deletedVersionEntry('key-005', 'v1', 2),
        deletedVersionEntry('key-005', 'v2', 2),
        { ...version(30, 0, 'plot'), at: 2 },
      ]);
      const { store: counted, gets } = counting(store);

      const read = await artifactIndex(counted).readGroups();

      expect(read.groups.get('key-019')).toBe('dataset');
      expect(read.groups.has('key-005')).toBe(false);
      expect(read.groups.get('key-030')).toBe('plot');
      expect([...read.groups.keys()]).toEqual([...read.groups.keys()].sort());
      expect(read.groups.size).toBe(20);
      expect(read.facets).toEqual(['dataset', 'plot']);
      expect(gets.filter((p) => p.includes('/part/')).length).toBeLessThan(4);
    });

    /** The labels of manifest row `n` (its fifth field). */
    const labels = (parts: unknown[][], n: number): unknown[][] =>
      (parts[n] as unknown[])[4] as unknown[][];
    it.each([
      ['names keys of another part', (p: unknown[][]) => ((p[1] as unknown[])[4] = labels(p, 2))],
      ['lists its keys out of order', (p: unknown[][]) => labels(p, 1).reverse()],
      [
        'gives a label that is not text',
        (p: unknown[][]) => ((labels(p, 1)[0] as unknown[])[1] = 7),
      ],
    ])('should rebuild from the records when a manifest %s', async (_, damage) => {
      await keys();
      const [manifest] = (await objects(store, 'index/artifacts/')).filter((p) =>
        p.includes('/snap-'),
      );
      const body = JSON.parse((await store.get(manifest as string)).toString('utf8')) as {
        parts: unknown[][];
      };
      damage(body.parts);
      await store.put(manifest as string, Buffer.from(JSON.stringify(body)));
      const rebuilds = jest.fn(() => Promise.resolve([version(1, 0, 'from-records')]));
      const index = new SegmentedIndex<ArtifactIndexEntry>(store, {
        name: 'artifacts',
        group: (e) => e.key,
        groupLabel: (v) => v[0]?.kind ?? '',
        fields: ['key', 'version', 'kind', 'size', 'createdAt', 'runId'],
        isEntry: (v): v is ArtifactIndexEntry => typeof v === 'object',
        rebuild: rebuilds,
      });

      const read = await index.readGroups();

      expect(rebuilds).toHaveBeenCalledTimes(1);
      expect([...read.groups]).toEqual([['key-001', 'from-records']]);
    });

    it('should refuse on an index that keeps no labels', async () => {
      await expect(runIndex(store).readGroups()).rejects.toThrow(/keeps no group labels/);
    });
  });
});
