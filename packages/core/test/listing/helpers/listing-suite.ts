import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact, RunContext, StoreArtifactRepository, type Store } from '../../../src';
import { deleteVersion } from '../../../src/lifecycle/delete-artifacts';
import { artifactIndex, versionId } from '../../../src/listing/artifact-index';
import { runIndex } from '../../../src/listing/run-index';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** A store for one test, and how the child processes open it (`{ ROOT }` or `{ STOWAGE_S3_OPTIONS }`). */
export interface ListingStore {
  readonly store: Store;
  readonly env: Record<string, string>;
  dispose(): Promise<void>;
}

/** What one writer process committed. */
interface Written {
  readonly versions: string[];
  readonly runs: string[];
}

/** Starts `writers` processes at once, each committing `count` versions and `runs` runs. */
async function writeFromProcesses(
  env: Record<string, string>,
  cache: string,
  writers: number,
  count: number,
  runs: number,
): Promise<Written[]> {
  {
    const one = (writer: number): Promise<Written> =>
      new Promise((resolve, reject) => {
        const proc = spawn(
          process.execPath,
          ['-r', join(FIXTURES, 'register-ts.js'), join(FIXTURES, 'listing-writer.js')],
          {
            env: {
              ...process.env,
              ...env,
              STOWAGE_TS_CACHE: cache,
              NODE_NO_WARNINGS: '1',
              KEY: `k${writer}`,
              COUNT: String(count),
              RUNS: String(runs),
              COMPACT: '3',
              PART: '2',
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        let err = '';
        proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
        proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
        proc.on('error', reject);
        proc.on('exit', (code) =>
          code === 0
            ? resolve(JSON.parse(out.trim().split('\n').pop() as string) as Written)
            : reject(new Error(`listing-writer ${writer} exited ${code}: ${err}`)),
        );
      });
    // The first writer fills the transpile cache the others then load from.
    const first = one(0);
    return [
      await first,
      ...(await Promise.all(Array.from({ length: writers - 1 }, (_, i) => one(i + 1)))),
    ];
  }
}

async function indexPaths(store: Store): Promise<string[]> {
  const paths: string[] = [];
  for await (const { path } of store.list('index/')) paths.push(path);
  return paths.sort();
}

/**
 * The listing index's promises, run against any store: rebuilt when missing, damage never
 * trusted over the records, writes of other processes visible, deletions honoured, and no entry
 * lost when several processes write and compact at once.
 */
export function describeListingIndex(
  name: string,
  open: () => Promise<ListingStore>,
  race: { readonly writers: number; readonly versions: number; readonly runs: number } = {
    writers: 4,
    versions: 6,
    runs: 2,
  },
): void {
  describe(name, () => {
    let s: ListingStore;
    // One transpile cache for every child process of the suite (the first child fills it).
    let cache: string;
    beforeAll(() => {
      cache = mkdtempSync(join(tmpdir(), 'stowage-test-ts-cache-'));
    });
    afterAll(() => rmSync(cache, { recursive: true, force: true }));
    beforeEach(async () => {
      s = await open();
    });
    afterEach(() => s.dispose());

    describe('when the index is missing', () => {
      it('should rebuild it from the records and list every run and version', async () => {
        const repo = new StoreArtifactRepository({ store: s.store });
        const a = await repo.log(new Artifact({ key: 'a', body: Buffer.from('1') }));
        const run = await RunContext.start({ store: s.store, name: 'r' });
        await run.complete();
        for (const path of await indexPaths(s.store)) await s.store.delete(path);

        const versions = await artifactIndex(s.store).read();
        const runs = await runIndex(s.store).read();

        expect(versions.rebuilt).toBe(true);
        expect([...versions.entries.keys()]).toEqual([versionId('a', a.version ?? '')]);
        expect(versions.entries.get(versionId('a', a.version ?? ''))?.kind).toBe('artifact');
        expect(runs.rebuilt).toBe(true);
        expect(runs.entries.get(run.id)).toMatchObject({ name: 'r', status: 'completed' });
        // Rebuilt once: the next read uses the snapshot it wrote.
        expect((await runIndex(s.store).read()).rebuilt).toBe(false);
        await repo.dispose();
      });
    });

    describe('when the index is damaged', () => {
      it('should ignore it and rebuild it from the records, the records winning', async () => {
        const repo = new StoreArtifactRepository({ store: s.store });
        const a = await repo.log(new Artifact({ key: 'a', body: Buffer.from('1') }));
        await artifactIndex(s.store).read();
        const [snapshot] = (await indexPaths(s.store)).filter((p) => p.includes('/snap-'));
        // A snapshot that parses but lies: a version that does not exist, the real one missing.
        const bytes = (await s.store.get(snapshot as string)).toString('utf8');
        await s.store.put(
          snapshot as string,
          Buffer.from(bytes.replace(a.version ?? '', 'x').slice(0, -3)),
        );

        const read = await artifactIndex(s.store).read();

        expect(read.rebuilt).toBe(true);
        expect([...read.entries.keys()]).toEqual([versionId('a', a.version ?? '')]);
        await repo.dispose();
      });

      it('should rebuild when a log segment does not parse', async () => {
        const run = await RunContext.start({ store: s.store, name: 'r' });
        await run.complete();
        await runIndex(s.store).read();
        await s.store.put('index/runs/log/999-1-bad.json', Buffer.from('{"format":2,"fields":'));

        const read = await runIndex(s.store).read();

        expect(read.rebuilt).toBe(true);
        expect([...read.entries.keys()]).toEqual([run.id]);
        expect(await indexPaths(s.store)).not.toContain('index/runs/log/999-1-bad.json');
      });
    });

    describe('when another process writes', () => {
      it('should list its run on the next read of the same index', async () => {
        const index = runIndex(s.store);
        expect((await index.read()).entries.size).toBe(0);

        const [written] = await writeFromProcesses(s.env, cache, 1, 0, 1);

        const read = await index.read();
        expect([...read.entries.keys()]).toEqual(written?.runs);
        expect(read.entries.get(written?.runs[0] ?? '')?.status).toBe('completed');
      }, 120_000);
    });

    describe('when a version is deleted', () => {
      it('should drop it from the index and keep the others', async () => {
        const repo = new StoreArtifactRepository({ store: s.store });
        const one = await repo.log(new Artifact({ key: 'a', body: Buffer.from('1') }));
        const two = await repo.log(new Artifact({ key: 'a', body: Buffer.from('2') }));
        const index = artifactIndex(s.store);
        expect((await index.read()).entries.size).toBe(2);

        await deleteVersion(s.store, 'a', one.version ?? '', { force: true });

        expect([...(await index.read()).entries.keys()]).toEqual([
          versionId('a', two.version ?? ''),
        ]);
        await repo.dispose();
      });
    });

    describe('when several processes write and compact at once', () => {
      it(`should lose no entry (${race.writers} processes)`, async () => {
        const written = await writeFromProcesses(
          s.env,
          cache,
          race.writers,
          race.versions,
          race.runs,
        );

        const versions = await artifactIndex(s.store).read();
        const runs = await runIndex(s.store).read();

        const expectedVersions = written.flatMap((w, i) =>
          w.versions.map((v) => versionId(`k${i}`, v)),
        );
        expect(expectedVersions).toHaveLength(race.writers * race.versions);
        expect([...versions.entries.keys()].sort()).toEqual(expectedVersions.sort());
        expect([...runs.entries.keys()].sort()).toEqual(written.flatMap((w) => w.runs).sort());
        expect(versions.rebuilt).toBe(false);
        // The snapshot is split into parts; each end of it holds the same entries as the whole.
        const byStart = await artifactIndex(s.store).readWindow({ from: 'start', groups: 1e9 });
        expect([...byStart.entries.keys()].sort()).toEqual(expectedVersions.sort());
        expect(byStart.groups).toBe(race.writers);
        const newest = await runIndex(s.store).readWindow({ from: 'end', groups: 1 });
        expect([...newest.entries.keys()].sort().pop()).toBe([...runs.entries.keys()].sort().pop());
        expect(newest.groups).toBe(runs.entries.size);
        // Compactions ran: far fewer index objects than writes.
        const writes = race.writers * (race.versions + 2 * race.runs);
        expect((await indexPaths(s.store)).length).toBeLessThan(writes);
      }, 240_000);
    });
  });
}
