import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { ArtifactLayout } from '../../src/artifacts/artifact-layout';
import { encodeArtifactRecord } from '../../src/artifacts/artifact-record';
import { BlobLayout, DEDUP_MIN_BYTES, storedFilePath } from '../../src/artifacts/blob-layout';
import { sealRecord } from '../../src/artifacts/record-seal';
import { STORE_FORMAT_PATH } from '../../src/artifacts/store-format';
import { StoreError } from '../../src/errors/store.error';
import { StowageError } from '../../src/errors/stowage.error';
import { collectGarbage } from '../../src/gc/collect-garbage';
import { migrateStore } from '../../src/gc/migrate-store';
import { artifactStorage, storeUsage } from '../../src/gc/store-usage';
import { deleteVersion } from '../../src/lifecycle/delete-artifacts';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import type { Store } from '../../src/stores/store';
import { expectStowageRejection } from './expect-stowage-error';
import { filesUnder } from './files-under';

/** The store of today's layout (format 1) made by the code before format versions. */
export const FORMAT_1_FIXTURE = join(__dirname, '../fixtures/stores/format-1');

interface FixtureExpectation {
  readonly expected: { record: Record<string, unknown>; files: Record<string, string> }[];
  readonly tags: Record<string, string>;
}

/** What the code that wrote the fixture read back from it. */
export async function fixtureExpectation(): Promise<FixtureExpectation> {
  return JSON.parse(
    await fs.readFile(join(FORMAT_1_FIXTURE, '../format-1.expected.json'), 'utf8'),
  ) as FixtureExpectation;
}

/** Copies the format-1 fixture store, object by object, into `store`. */
export async function loadFormat1Fixture(store: Store): Promise<void> {
  for (const path of await filesUnder(FORMAT_1_FIXTURE)) {
    const rel = path.split('\\').join('/');
    await store.put(rel, await fs.readFile(join(FORMAT_1_FIXTURE, path)));
  }
}

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads every version of the store and checks it equals what the fixture's writer read. */
export async function expectFixtureReadsBack(store: Store): Promise<void> {
  const { expected, tags } = await fixtureExpectation();
  const repo = new StoreArtifactRepository({ store });
  try {
    const listed = await repo.list();
    expect(listed.map((a) => `${a.key}@${a.version}`)).toEqual(
      expected.map((e) => `${String(e.record['key'])}@${String(e.record['version'])}`),
    );
    for (const [i, artifact] of listed.entries()) {
      const want = expected[i]!;
      const { schemaVersion: _a, blobFiles: _b, ...got } = encodeArtifactRecord(artifact);
      const { schemaVersion: _c, ...record } = want.record;
      void [_a, _b, _c];
      expect(got).toEqual(record);
      const item = repo.item(artifact);
      for (const [name, hash] of Object.entries(want.files)) {
        const bytes = name === artifact.fileName ? await item.get() : await item.file(name).get();
        expect(sha(bytes)).toBe(hash);
      }
    }
    for (const [ref, version] of Object.entries(tags)) {
      const [key, tag] = ref.split(':') as [string, string];
      expect((await repo.read(key, { tag })).version).toBe(version);
    }
  } finally {
    await repo.dispose();
  }
}

/** Paths under a prefix, sorted. */
async function pathsUnder(store: Store, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const { path } of store.list(prefix)) out.push(path);
  return out.sort();
}

/**
 * A store that runs `after` once each mutating call (put, move, delete) of the wrapped store
 * finished, and throws once `failAt` mutating calls have run (a migration killed there).
 */
export function instrumentedStore(
  inner: Store & Required<Pick<Store, 'move'>>,
  hooks: { after?: (op: string) => Promise<void>; failAt?: number },
): Store {
  let calls = 0;
  const step = async <T>(op: string, run: () => Promise<T>): Promise<T> => {
    calls++;
    if (hooks.failAt !== undefined && calls > hooks.failAt)
      throw new Error(`killed before ${op} (call ${calls})`);
    const result = await run();
    await hooks.after?.(op);
    return result;
  };
  return {
    url: inner.url,
    put: (path, body, options) => step(`put ${path}`, () => inner.put(path, body, options)),
    get: (path, range) => inner.get(path, range),
    stream: (path, range) => inner.stream(path, range),
    stat: (path) => inner.stat(path),
    list: (prefix, options) => inner.list(prefix, options),
    delete: (path) => step(`delete ${path}`, () => inner.delete(path)),
    move: (from, to) => step(`move ${from}`, () => inner.move(from, to)),
  };
}

/** Options of {@link describeStoreFormat}. */
export interface StoreFormatSuiteOptions {
  /** How many runs log the same dataset (default 20). */
  readonly runs?: number;
  /** Size of the logged dataset and the repository's dedup threshold (default 1 MiB). */
  readonly datasetBytes?: number;
  /** Iterations of each writer in the concurrent gc test (default 24; at least 7, every 7th is kept). */
  readonly writes?: number;
  readonly timeout?: number;
}

/**
 * Format versions, migration and deduplication on one kind of store: `makeStore` returns a fresh,
 * empty store each time.
 */
export function describeStoreFormat(
  name: string,
  makeStore: () => Store & Required<Pick<Store, 'move'>>,
  options: StoreFormatSuiteOptions = {},
): void {
  const runs = options.runs ?? 20;
  const datasetBytes = options.datasetBytes ?? DEDUP_MIN_BYTES;
  const writes = options.writes ?? 24;
  const dataset = Buffer.alloc(datasetBytes, 7);
  for (let i = 0; i < dataset.length; i += 4096) dataset.writeUInt32LE(i, i);

  describe(`store format and deduplication on ${name}`, () => {
    if (options.timeout !== undefined) jest.setTimeout(options.timeout);
    let store: Store & Required<Pick<Store, 'move'>>;
    let repo: StoreArtifactRepository;
    beforeEach(() => {
      store = makeStore();
      repo = new StoreArtifactRepository({ store, dedupMinBytes: datasetBytes });
    });
    const getStore = () => store;
    const getRepo = () => repo;
    afterEach(async () => {
      await repo.dispose();
      await store.close?.();
    });

    describe('when the same dataset is logged by many runs under several keys', () => {
      it('should store its bytes once and read every version back', async () => {
        const logged: Artifact[] = [];
        for (let i = 0; i < runs; i++)
          logged.push(
            await repo.log(new Artifact({ key: `dataset-${i % 3}`, body: dataset, format: 'bin' })),
          );
        const usage = await storeUsage(store);
        expect(usage.blobs).toBe(1);
        expect(usage.blobBytes).toBe(dataset.length);
        expect(usage.logicalBytes).toBe(runs * dataset.length);
        // One copy plus records and tags (a few KB), not `runs` copies.
        expect(usage.storedBytes).toBeLessThan(dataset.length + runs * 4096);
        expect(await pathsUnder(store, 'artifacts/dataset-0/versions/')).toEqual([]);
        for (const a of logged) {
          const back = await repo.read(a.key, { version: a.version! });
          expect(back.blobFiles).toEqual(['data.bin']);
          expect((await repo.item(back).get()).equals(dataset)).toBe(true);
        }
        const shown = await artifactStorage(store, logged[0]!);
        expect(shown).toMatchObject({
          logicalBytes: dataset.length,
          storedBytes: 0,
          sharedBytes: dataset.length,
        });
        expect(shown.files[0]!.sharedWith).toHaveLength(runs - 1);
      });

      it('should keep a 1 KB artifact in its version folder', async () => {
        const small = await repo.log(new Artifact({ key: 'small', body: Buffer.alloc(1024, 1) }));
        expect(small.blobFiles).toBeUndefined();
        expect(await pathsUnder(store, BlobLayout.root)).toEqual([]);
        expect(storedFilePath(small, small.fileName!)).toBe(
          ArtifactLayout.file('small', small.version!, small.fileName!),
        );
      });
    });

    describe('when one of two versions sharing a blob is deleted', () => {
      it('should keep the blob for the other, and gc should remove it after the last one', async () => {
        const a = await repo.log(new Artifact({ key: 'a', body: dataset }));
        const b = await repo.log(new Artifact({ key: 'b', body: dataset }));
        const blob = BlobLayout.blob(a.sha256!);
        await deleteVersion(store, 'a', a.version!, { force: true });
        const first = await collectGarbage(store, { dryRun: false, graceMs: 0 });
        expect(first.items.filter((i) => i.kind === 'unreferenced-blob')).toEqual([]);
        expect(await store.stat(blob)).toBeDefined();
        expect((await repo.item(await repo.read('b')).get()).equals(dataset)).toBe(true);
        await deleteVersion(store, 'b', b.version!, { force: true });
        // `now` a little ahead: an S3 server's clock (and LastModified) may run ahead of ours.
        const second = await collectGarbage(store, {
          dryRun: false,
          graceMs: 0,
          now: Date.now() + 5000,
        });
        expect(second.items.filter((i) => i.kind === 'unreferenced-blob')).toMatchObject([
          { path: blob, bytes: dataset.length, outcome: 'removed' },
        ]);
        expect(await store.stat(blob)).toBeUndefined();
      });

      it('should keep an unreferenced blob younger than the grace period', async () => {
        const a = await repo.log(new Artifact({ key: 'a', body: dataset }));
        await deleteVersion(store, 'a', a.version!, { force: true });
        const report = await collectGarbage(store, { dryRun: false });
        expect(report.items.filter((i) => i.kind === 'unreferenced-blob')).toEqual([]);
        expect(await store.stat(BlobLayout.blob(a.sha256!))).toBeDefined();
      });
    });

    describe('when writers log shared bytes while gc runs', () => {
      it('should lose no blob that a committed record names', async () => {
        // This test's own store and repository (a later test's beforeEach replaces the shared ones).
        const [store, repo] = [getStore(), getRepo()];
        // Writers log three contents over and over and delete most versions again, so blobs keep
        // becoming unreferenced and reused, while gc passes with a short grace period run alongside.
        const bodies = [0, 1, 2].map((n) => {
          const b = Buffer.from(dataset);
          b.writeUInt32LE(n + 1, 8);
          return b;
        });
        let writing = 2;
        let lostLogs = 0;
        const failures: unknown[] = [];
        const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        const writer = async (w: number): Promise<void> => {
          for (let i = 0; i < writes; i++) {
            const key = `w${w}`;
            try {
              const logged = await repo.log(new Artifact({ key, body: bodies[(i + w) % 3] }));
              if (i % 7 !== 6) await deleteVersion(store, key, logged.version!, { force: true });
            } catch (error) {
              // With a grace period this short gc may take bytes a writer staged a moment ago
              // (or its blob before the commit): the log fails with a typed error, and nothing
              // is committed. Any other failure is a bug.
              if (!(error instanceof StowageError)) failures.push(error);
              else lostLogs++;
            }
            await pause(15);
          }
          writing--;
        };
        let removed = 0;
        const gc = async (): Promise<void> => {
          while (writing > 0) {
            const report = await collectGarbage(store, { dryRun: false, graceMs: 40 });
            removed += report.items.filter(
              (x) => x.kind === 'unreferenced-blob' && x.outcome === 'removed',
            ).length;
            await pause(10);
          }
        };
        await Promise.all([gc(), writer(0), writer(1)]);
        expect(failures).toEqual([]);
        const kept = await repo.list();
        expect(kept.length).toBeGreaterThan(0);
        for (const artifact of kept) {
          for (const file of artifact.blobFiles ?? [])
            expect(await store.stat(storedFilePath(artifact, file))).toBeDefined();
          expect((await repo.item(artifact).get()).length).toBe(dataset.length);
        }
        // Afterwards gc keeps exactly the blobs the kept versions name. S3 servers report an
        // object's modification time rounded up to the second, so a blob written in the last
        // second looks younger than a zero grace period: wait that second out first.
        await pause(1100);
        await collectGarbage(store, { dryRun: false, graceMs: 0 });
        const named = new Set(kept.map((a) => BlobLayout.blob(a.sha256!)));
        expect(await pathsUnder(store, BlobLayout.root)).toEqual([...named].sort());
        if (process.env['STOWAGE_PRINT_GC'] !== undefined)
          console.log(`gc removed ${removed} blob(s) during the writes; ${lostLogs} log(s) failed`);
      });
    });

    describe('when a store was written by a newer Stowage', () => {
      it('should refuse to read, write or collect it, and change nothing', async () => {
        await loadFormat1Fixture(store);
        await store.put(STORE_FORMAT_PATH, Buffer.from('{"format": 3}'));
        const before = await pathsUnder(store, '');
        const fresh = new StoreArtifactRepository({ store });
        try {
          const read = await expectStowageRejection(
            fresh.read('notes'),
            StoreError,
            'STORE_FORMAT_TOO_NEW',
          );
          expect(read.details).toMatchObject({ found: 3, newest: 2, path: STORE_FORMAT_PATH });
          await expectStowageRejection(
            fresh.log(new Artifact({ key: 'notes', body: Buffer.from('x') })),
            StoreError,
            'STORE_FORMAT_TOO_NEW',
          );
          await expectStowageRejection(
            collectGarbage(store, { dryRun: false, graceMs: 0 }),
            StoreError,
            'STORE_FORMAT_TOO_NEW',
          );
          await expectStowageRejection(
            migrateStore(store, { dryRun: false }),
            StoreError,
            'STORE_FORMAT_TOO_NEW',
          );
        } finally {
          await fresh.dispose();
        }
        expect(await pathsUnder(store, '')).toEqual(before);
      });

      it('should refuse a record of a newer schema version', async () => {
        const logged = await repo.log(new Artifact({ key: 'k', body: Buffer.from('x') }));
        const path = ArtifactLayout.record('k', logged.version!);
        const json = JSON.parse((await store.get(path)).toString('utf8')) as Record<
          string,
          unknown
        >;
        await store.put(path, sealRecord({ ...json, schemaVersion: 99, storedIn: 'elsewhere' }));
        const error = await expectStowageRejection(
          repo.read('k'),
          StoreError,
          'STORE_FORMAT_TOO_NEW',
        );
        expect(error.details).toMatchObject({ found: 99, path });
      });
    });

    describe('when the store is a format-1 store of today’s layout', () => {
      it('should read every version back as the code that wrote it did', async () => {
        await loadFormat1Fixture(store);
        await expectFixtureReadsBack(store);
      });

      it('should keep writing format 1 (no marker, bytes in version folders) until migrated', async () => {
        await loadFormat1Fixture(store);
        const fresh = new StoreArtifactRepository({ store });
        try {
          const logged = await fresh.log(new Artifact({ key: 'dataset', body: dataset }));
          expect(logged.blobFiles).toBeUndefined();
          expect(await store.stat(STORE_FORMAT_PATH)).toBeUndefined();
          expect(await pathsUnder(store, BlobLayout.root)).toEqual([]);
        } finally {
          await fresh.dispose();
        }
      });
    });

    describe('when a format-1 store is migrated', () => {
      it('should say what it would change first, then move duplicates into one blob', async () => {
        await loadFormat1Fixture(store);
        const before = await pathsUnder(store, '');
        const plan = await migrateStore(store);
        expect(plan).toMatchObject({ from: 1, to: 2, dryRun: true, markerWritten: true });
        expect(plan.steps.map((s) => `${s.key}:${s.action}:${s.outcome}`)).toEqual([
          'dataset-copy:move:planned',
          'dataset:duplicate:planned',
          'dataset:duplicate:planned',
        ]);
        expect(plan.savedBytes).toBe(2 * DEDUP_MIN_BYTES);
        expect(await pathsUnder(store, '')).toEqual(before);

        const usageBefore = await storeUsage(store);
        const done = await migrateStore(store, { dryRun: false });
        expect(done.steps.every((s) => s.outcome === 'done')).toBe(true);
        expect(JSON.parse((await store.get(STORE_FORMAT_PATH)).toString('utf8'))).toMatchObject({
          format: 2,
          migratedFrom: 1,
        });
        const usage = await storeUsage(store);
        expect(usage.blobs).toBe(1);
        // Two copies gone; the records grew by their `blobFiles` (a few bytes each).
        expect(usageBefore.storedBytes - usage.storedBytes).toBeGreaterThan(
          2 * DEDUP_MIN_BYTES - 1024,
        );
        await expectFixtureReadsBack(store);
        const again = await migrateStore(store, { dryRun: false });
        expect(again).toMatchObject({ from: 2, steps: [], markerWritten: false });
      });

      it('should let readers read every version at every step, and finish when run again after a kill', async () => {
        await loadFormat1Fixture(store);
        const { expected } = await fixtureExpectation();
        const reader = new StoreArtifactRepository({ store });
        const seen: string[] = [];
        const readAll = async (op: string): Promise<void> => {
          seen.push(op);
          for (const e of expected) {
            const key = String(e.record['key']);
            const artifact = await reader.read(key, { version: String(e.record['version']) });
            const bytes = await reader.item(artifact).get();
            expect(sha(bytes)).toBe(e.files[artifact.fileName!]);
          }
        };
        try {
          // Killed after two changes: rerun finishes; readers check every version after each change.
          const killed = instrumentedStore(store, { failAt: 2, after: readAll });
          await expect(migrateStore(killed, { dryRun: false })).rejects.toThrow(/killed/);
          expect(await store.stat(STORE_FORMAT_PATH)).toBeUndefined();
          const resumed = await migrateStore(instrumentedStore(store, { after: readAll }), {
            dryRun: false,
          });
          expect(resumed.markerWritten).toBe(true);
          expect(seen.length).toBeGreaterThanOrEqual(5);
          expect((await storeUsage(store)).blobs).toBe(1);
          await expectFixtureReadsBack(store);
        } finally {
          await reader.dispose();
        }
      });
    });
  });
}
