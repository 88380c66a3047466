import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { ArtifactLayout } from '../../src/artifacts/artifact-layout';
import { newVersionId } from '../../src/artifacts/artifact-names';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { ConfigError } from '../../src/errors/config.error';
import { collectGarbage } from '../../src/gc/collect-garbage';
import { currentRunner } from '../../src/runs/run-runner';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import type { Store } from '../../src/stores/store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';

const HOUR = 60 * 60 * 1000;

describe(collectGarbage, () => {
  let root: string;
  let store: LocalStore;
  const old = new Date(Date.now() - 2 * HOUR);
  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-gc-'));
    store = new LocalStore({ root });
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const age = (rel: string, when: Date) => fs.utimes(join(root, rel), when, when);

  /** A temporary file a killed writer left, last written at `when`. */
  async function plantTemp(rel: string, bytes: number, when: Date): Promise<void> {
    await fs.mkdir(join(root, rel, '..'), { recursive: true });
    await fs.writeFile(join(root, rel), Buffer.alloc(bytes, 1));
    await age(rel, when);
  }

  /** Files staged under a version of `key` made at `when`, with no record. */
  async function plantStaged(key: string, when: Date, bytes = 100): Promise<string> {
    const version = newVersionId(when);
    for (const name of ['data.bin', 'extra.json']) {
      const path = ArtifactLayout.file(key, version, name);
      await store.put(path, Buffer.alloc(bytes, 2));
      await age(path, when);
    }
    return version;
  }

  async function plantRun(id: string, fields: Record<string, unknown>): Promise<void> {
    const record = { schemaVersion: 2, id, name: id, params: {}, results: {}, ...fields };
    await store.put(`runs/${id}.json`, Buffer.from(JSON.stringify(record)));
  }

  describe('when nothing is older than the grace period', () => {
    it('should find nothing by default, and everything with a grace period of 0', async () => {
      await plantTemp('plain/.stowage-tmp-1', 10, new Date());
      await plantStaged('fresh', new Date());
      expect((await collectGarbage(store)).items).toEqual([]);
      const now = await collectGarbage(store, { graceMs: 0 });
      expect(now.items.map((i) => i.kind)).toEqual(['temp-file', 'staged-version']);
    });
  });

  describe('when run as a dry run (the default)', () => {
    it('should report what would go, with sizes, and remove nothing', async () => {
      await plantTemp('artifacts/a/versions/x/.stowage-tmp-1', 1000, old);
      const version = await plantStaged('orphan', old);
      await fs.mkdir(join(root, 'empty/inner'), { recursive: true });
      await age('empty/inner', old);
      await age('empty', old);
      const report = await collectGarbage(store);
      expect(report).toMatchObject({ dryRun: true, graceMs: HOUR, store: store.url, notes: [] });
      expect(report.items.map((i) => [i.kind, i.path, i.bytes, i.outcome])).toEqual([
        ['temp-file', 'artifacts/a/versions/x/.stowage-tmp-1', 1000, 'planned'],
        ['staged-version', `artifacts/orphan/versions/${version}/`, 200, 'planned'],
        ['empty-folder', 'empty/', 0, 'planned'],
      ]);
      expect(report.totals).toEqual({
        found: 3,
        bytes: 1200,
        removed: 0,
        reclaimed: 0,
        kept: 0,
        failed: 0,
      });
      expect(await fs.readdir(join(root, 'empty'))).toEqual(['inner']);
      expect(await store.stat(ArtifactLayout.file('orphan', version, 'data.bin'))).toBeDefined();
    });
  });

  describe('when removing', () => {
    it('should remove the garbage and never a committed version, however old', async () => {
      // Its bytes in the version folder (not inside the record), to show gc leaves them.
      const repo = new StoreArtifactRepository({ store, inlineMaxBytes: 0 });
      const kept = await repo.log(
        new Artifact({ key: 'model', body: Buffer.from('weights'), fileName: 'w.bin' }),
      );
      for await (const { path } of store.list('artifacts/')) await age(path, old);
      await plantTemp('artifacts/model/versions/y/.stowage-tmp-2', 500, old);
      await plantStaged('model', old);
      const report = await collectGarbage(store, { dryRun: false });
      expect(report.items.map((i) => [i.kind, i.outcome])).toEqual([
        ['temp-file', 'removed'],
        ['staged-version', 'removed'],
      ]);
      expect(report.totals).toMatchObject({ found: 2, removed: 2, reclaimed: 700 });
      expect(await repo.versions('model')).toEqual([kept.version]);
      expect(await (await repo.open('store://model')).getText()).toBe('weights');
      const left: string[] = [];
      for await (const { path } of store.list('artifacts/model/versions/')) left.push(path);
      expect(left).toEqual([`artifacts/model/versions/${kept.version}/w.bin`]);
      expect((await collectGarbage(store, { dryRun: false })).items).toEqual([]);
    });
  });

  describe('when a commit lands between finding staged bytes and removing them', () => {
    it('should keep the bytes the new record references', async () => {
      const version = await plantStaged('late', old);
      const record = ArtifactLayout.record('late', version);
      async function* listThenCommit(prefix: string) {
        yield* store.list(prefix);
        if (prefix === ArtifactLayout.root) await store.put(record, Buffer.from('{}'));
      }
      const racing: Store = {
        url: store.url,
        put: (p, b, o) => store.put(p, b, o),
        get: (p, r) => store.get(p, r),
        stream: (p, r) => store.stream(p, r),
        stat: (p) => store.stat(p),
        list: (prefix) => listThenCommit(prefix),
        delete: (p) => store.delete(p),
      };
      const report = await collectGarbage(racing, { dryRun: false });
      expect(report.items).toMatchObject([
        { kind: 'staged-version', outcome: 'kept', error: 'it was committed since it was found' },
      ]);
      expect(await store.stat(ArtifactLayout.file('late', version, 'data.bin'))).toBeDefined();
    });
  });

  describe('when a run is still running', () => {
    const here = currentRunner();

    it('should leave a live run and the bytes it may still commit alone', async () => {
      await plantRun('live', {
        status: 'running',
        startedAt: new Date(old.getTime() - HOUR).toISOString(),
        heartbeatAt: new Date().toISOString(),
        runner: here,
      });
      const version = await plantStaged('pending', old);
      const report = await collectGarbage(store, { dryRun: false });
      expect(report.items).toEqual([]);
      expect(report.notes).toEqual([
        '1 uncommitted version(s) kept: a run still running may commit them.',
      ]);
      expect(await store.stat(ArtifactLayout.file('pending', version, 'data.bin'))).toBeDefined();
      expect(JSON.parse((await store.get('runs/live.json')).toString())).toMatchObject({
        status: 'running',
      });
    });

    it('should mark a run whose process is gone lost, and collect its staged bytes', async () => {
      await plantRun('dead', {
        status: 'running',
        startedAt: new Date(old.getTime() - HOUR).toISOString(),
        heartbeatAt: new Date().toISOString(),
        runner: { ...here, pid: 999_999 },
      });
      await plantStaged('pending', old);
      const report = await collectGarbage(store, {
        dryRun: false,
        processExists: (pid) => pid !== 999_999,
      });
      expect(report.items.map((i) => [i.kind, i.outcome])).toEqual([
        ['staged-version', 'removed'],
        ['lost-run', 'marked'],
      ]);
      expect(report.items[1]?.reason).toBe(
        `run "dead" is "running" but its process 999999 on ${here.host} no longer exists`,
      );
      expect(JSON.parse((await store.get('runs/dead.json')).toString())).toMatchObject({
        status: 'lost',
        error: { code: 'RUN_LOST' },
      });
    });
  });

  describe('when a writer keeps logging artifacts during collection', () => {
    it('should lose none of them and still collect the old garbage', async () => {
      await plantTemp('artifacts/w/versions/old/.stowage-tmp-9', 4096, old);
      const orphan = await plantStaged('w', old);
      const repo = new StoreArtifactRepository({ store });
      const writes = 40;
      const written: { version: string; body: Buffer }[] = [];
      const writer = (async () => {
        for (let i = 0; i < writes; i++) {
          const body = Buffer.alloc(64 * 1024 + i, i);
          const a = await repo.log(new Artifact({ key: 'w', body, fileName: 'd.bin' }));
          written.push({ version: a.version ?? '', body });
        }
      })();
      const reports = [];
      while (written.length < writes) {
        reports.push(await collectGarbage(store, { dryRun: false }));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await writer;
      const removed = reports.flatMap((r) => r.items).filter((i) => i.outcome === 'removed');
      expect(removed.map((i) => i.path).sort()).toEqual(
        ['artifacts/w/versions/old/.stowage-tmp-9', `artifacts/w/versions/${orphan}/`].sort(),
      );
      expect(reports.length).toBeGreaterThan(1);
      expect(await repo.versions('w')).toHaveLength(writes);
      for (const { version, body } of written) {
        const item = await repo.open(`store://w@${version}`);
        expect((await item.get()).equals(body)).toBe(true);
      }
    }, 30_000); // dozens of commits racing the collector: seconds on a loaded machine
  });

  describe('when the store cannot list temporary files', () => {
    it('should say so and still collect staged bytes', async () => {
      const memory = new MemoryStore({ name: 'gc' });
      await memory.put(ArtifactLayout.file('k', newVersionId(old), 'data'), Buffer.from('x'));
      const report = await collectGarbage(memory, { now: Date.now() + 2 * HOUR });
      expect(report.items.map((i) => i.kind)).toEqual(['staged-version']);
      expect(report.notes).toEqual([
        'memory://gc cannot list temporary files or uploads: none were looked for.',
      ]);
    });
  });

  describe('when the options are invalid', () => {
    it('should throw a ConfigError naming the option', async () => {
      const error = await expectStowageRejection(
        collectGarbage(store, { graceMs: -1 }),
        ConfigError,
        'GC_OPTIONS_INVALID',
      );
      expect(error.details).toEqual({ option: 'graceMs', value: -1 });
      await expectStowageRejection(
        collectGarbage(store, { staleMs: Number.NaN }),
        ConfigError,
        'GC_OPTIONS_INVALID',
      );
      await expectStowageRejection(
        collectGarbage(store, { now: new Date('not a date') }),
        ConfigError,
        'GC_OPTIONS_INVALID',
      );
    });
  });
});
