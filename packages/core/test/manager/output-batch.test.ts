import 'reflect-metadata';
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Artifact } from '../../src/artifacts/artifact';
import type {
  ArtifactRepository,
  StageOptions,
  StagedArtifact,
} from '../../src/repository/artifact-repository';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import type { DataItem } from '../../src/data/data-item';
import { HandlerError } from '../../src/errors/handler.error';
import { LogHintError } from '../../src/errors/log-hint.error';
import { PackingError } from '../../src/errors/packing.error';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import type { LogHintSource } from '../../src/log-hints/parse-log-hint';
import { OutputBatch } from '../../src/manager/output-batch';
import { PackagersManager } from '../../src/manager/packagers-manager';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import type { Store } from '../../src/stores/store';
import type { TempScope } from '../../src/temp/temp-scope';
import { filesUnder } from '../helpers/files-under';

/** A repository that counts the commits under way and can fail the commit of one key. */
class WatchedRepository implements ArtifactRepository {
  inFlight = 0;
  maxInFlight = 0;
  stagesInFlight = 0;
  maxStagesInFlight = 0;
  readonly committedKeys: string[] = [];
  constructor(
    readonly inner: StoreArtifactRepository,
    readonly failCommitOf?: string,
  ) {}
  get store(): Store {
    return this.inner.store;
  }
  async stage(artifact: Artifact, options?: StageOptions): Promise<StagedArtifact> {
    this.stagesInFlight++;
    this.maxStagesInFlight = Math.max(this.maxStagesInFlight, this.stagesInFlight);
    try {
      return await this.inner.stage(artifact, options);
    } finally {
      this.stagesInFlight--;
    }
  }
  async commit(staged: StagedArtifact): Promise<Artifact> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (staged.artifact.key === this.failCommitOf) throw new Error('disk full');
      const done = await this.inner.commit(staged);
      this.committedKeys.push(done.key);
      return done;
    } finally {
      this.inFlight--;
    }
  }
  abort(staged: StagedArtifact): Promise<void> {
    return this.inner.abort(staged);
  }
  log(artifact: Artifact, options?: StageOptions): Promise<Artifact> {
    return this.inner.log(artifact, options);
  }
  open(uri: string, options?: { readonly temp?: TempScope }): Promise<DataItem> {
    return this.inner.open(uri, options);
  }
}

const keys = (n: number): string[] => Array.from({ length: n }, (_, i) => `out_${i}`);

describe(OutputBatch, () => {
  let root: string;
  let repository: StoreArtifactRepository;
  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-output-batch-'));
    repository = new StoreArtifactRepository({ store: new LocalStore({ root }) });
  });
  afterEach(async () => {
    await repository.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  describe('when run() logs many artifacts', () => {
    it('should commit several keys at once through the run repository', async () => {
      const memory = new StoreArtifactRepository({ store: new MemoryStore() });
      const watched = new WatchedRepository(memory);
      const manager = new PackagersManager({ repository: watched, warnings: { warn: () => {} } });
      const job = handler(() => keys(10).map((k) => `text of ${k}`));

      const record = await run(job, { manager, returns: ['*out : file'] });

      expect(record.status).toBe('completed');
      expect(record.artifacts.map((a) => a.key)).toEqual(keys(10));
      expect(watched.committedKeys.sort()).toEqual(keys(10).sort());
      expect(watched.maxInFlight).toBeGreaterThan(1);
      expect(watched.maxInFlight).toBeLessThanOrEqual(4);
      await memory.dispose();
    }, 30_000); // the first run() loads every builtin packager
  });

  describe('when a batch holds many values', () => {
    it('should stage up to `concurrency` at once and report them in the order added', async () => {
      const memory = new StoreArtifactRepository({ store: new MemoryStore() });
      const watched = new WatchedRepository(memory);
      const manager = new PackagersManager({ repository: watched, warnings: { warn: () => {} } });
      const batch = manager.outputs({ runId: 'r1', concurrency: 3 });
      for (const key of keys(8)) batch.add(`text of ${key}`, `${key} : file`);
      batch.add(0.5, 'score').add('again', 'out_2 : file');

      const report = await batch.commit();

      expect(watched.maxStagesInFlight).toBe(3);
      expect(report.artifacts.map((a) => a.key)).toEqual(keys(8));
      expect(report.results).toEqual({ score: 0.5 });
      expect(report.failures.map((f) => f.key)).toEqual(['out_2']);
      expect(report.failures[0]?.error).toBeInstanceOf(HandlerError);
      expect((report.failures[0]?.error as HandlerError).code).toBe('HANDLER_DUPLICATE_OUTPUT');
      await memory.dispose();
    });
  });

  describe('when one commit fails', () => {
    it('should abort the outputs not committed, report each, and leave no bytes of them', async () => {
      const watched = new WatchedRepository(repository, 'out_0');
      const manager = new PackagersManager({ repository: watched, warnings: { warn: () => {} } });
      const batch = manager.outputs({ runId: 'r1', concurrency: 2 });
      for (const key of keys(6)) batch.add(`text of ${key}`, `${key} : file`);

      const report = await batch.commit();

      const committed = report.artifacts.map((a) => a.key);
      const failed = report.failures.map((f) => f.key);
      expect([...committed, ...failed].sort()).toEqual(keys(6));
      expect(committed).toEqual(watched.committedKeys);
      const first = report.failures.find((f) => f.key === 'out_0')?.error;
      expect(first).toBeInstanceOf(PackingError);
      expect((first as PackingError).code).toBe('PACKING_STORE_FAILED');
      const aborted = report.failures.filter((f) => f.key !== 'out_0');
      expect(aborted.length).toBeGreaterThan(0);
      for (const f of aborted) {
        expect(f.error).toBeInstanceOf(PackingError);
        expect((f.error as PackingError).code).toBe('PACKING_COMMIT_ABORTED');
      }
      const files = await filesUnder(root);
      expect(files.filter((f) => f.includes('.stowage-tmp-'))).toEqual([]);
      for (const key of failed) expect(files.filter((f) => f.includes(`/${key}/`))).toEqual([]);
      for (const key of committed) expect(await repository.read(key)).toBeDefined();
    });
  });

  describe('when results and artifacts are added in turn', () => {
    it('should report every output in the order added, with its packager and kind', async () => {
      const manager = new PackagersManager({ repository, warnings: { warn: () => {} } });

      const report = await manager
        .outputs()
        .add('A', 'a : file')
        .add(3, 'n')
        .add('B', 'b : file')
        .add('C', 'c : file')
        .commit();

      expect(report.outputs.map((o) => [o.kind, o.key])).toEqual([
        ['artifact', 'a'],
        ['result', 'n'],
        ['artifact', 'b'],
        ['artifact', 'c'],
      ]);
      expect(report.outputs.map((o) => o.artifactType)).toEqual(['file', 'result', 'file', 'file']);
      expect(report.outputs.every((o) => o.packager.length > 0)).toBe(true);
      expect(report.outputs.flatMap((o) => (o.kind === 'artifact' ? [o.artifact] : []))).toEqual(
        report.artifacts,
      );
    });
  });

  describe('when one value cannot be packed', () => {
    it('should report that key alone and commit the others', async () => {
      class Opaque {}
      const manager = new PackagersManager({
        repository,
        fallback: null,
        warnings: { warn: () => {} },
      });

      const report = await manager
        .outputs()
        .add('first', 'a : file')
        .add(new Opaque(), 'b')
        .add(2, 'c')
        .commit();

      expect(report.artifacts.map((a) => a.key)).toEqual(['a']);
      expect(report.results).toEqual({ c: 2 });
      expect(report.failures.map((f) => f.key)).toEqual(['b']);
      expect((report.failures[0]?.error as PackingError).code).toBe('PACKING_NO_PACKAGER');
      expect(await filesUnder(root)).not.toContainEqual(expect.stringContaining('/b/'));
    });
  });

  describe('when a hint is malformed or unreadable', () => {
    it('should report it as a failure of its key and log the others', async () => {
      const manager = new PackagersManager({ repository, warnings: { warn: () => {} } });
      const hostile = new Proxy(
        {},
        {
          get: () => {
            throw new Error('no reading');
          },
        },
      );

      const report = await manager
        .outputs()
        .add(1, 'one : : file')
        .add(2, hostile as LogHintSource)
        .add(3, 'three')
        .commit();

      expect(report.results).toEqual({ three: 3 });
      expect(report.failures.map((f) => f.key)).toEqual(['one : : file', '(unparsed hint)']);
      expect(report.failures[0]?.error).toBeInstanceOf(LogHintError);
    });
  });

  describe('when outputs link to each other', () => {
    it('should resolve links to results and artifacts of the same batch before committing', async () => {
      const store = new MemoryStore();
      const memory = new StoreArtifactRepository({ store });
      const manager = new PackagersManager({ repository: memory, warnings: { warn: () => {} } });

      const report = await manager
        .outputs()
        .add('the report', {
          key: 'report',
          artifactType: 'file',
          extraData: { acc: '...', data: '...' },
        })
        .add(0.9, 'acc')
        .add('raw rows', 'data : file')
        .add(['p', 'q'], '*parts')
        .commit();

      expect(report.failures).toEqual([]);
      const uri = (key: string): string | undefined =>
        report.artifacts.find((a) => a.key === key)?.uri;
      const stored = await memory.read('report');
      expect(stored.extraData).toEqual({ acc: 0.9, data: uri('data') });
      expect(report.structures).toEqual({ parts: ['p', 'q'] });
      expect(report.results).toEqual({ acc: 0.9, parts_0: 'p', parts_1: 'q', parts: ['p', 'q'] });
      await memory.dispose();
    });
  });
});
