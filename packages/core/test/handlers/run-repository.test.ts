import 'reflect-metadata';
import type { Artifact } from '../../src/artifacts/artifact';
import type {
  ArtifactRepository,
  StageOptions,
  StagedArtifact,
} from '../../src/repository/artifact-repository';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import type { DataItem } from '../../src/data/data-item';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { PackagersManager } from '../../src/manager/packagers-manager';
import { MemoryStore } from '../../src/stores/memory.store';
import type { Store } from '../../src/stores/store';
import type { TempScope } from '../../src/temp/temp-scope';

/** A custom repository (not a StoreArtifactRepository) that records what goes through it. */
class RecordingRepository implements ArtifactRepository {
  readonly opened: string[] = [];
  readonly committed: string[] = [];
  constructor(readonly inner: StoreArtifactRepository) {}
  get store(): Store {
    return this.inner.store;
  }
  stage(artifact: Artifact, options?: StageOptions): Promise<StagedArtifact> {
    return this.inner.stage(artifact, options);
  }
  async commit(staged: StagedArtifact): Promise<Artifact> {
    const done = await this.inner.commit(staged);
    this.committed.push(done.key);
    return done;
  }
  abort(staged: StagedArtifact): Promise<void> {
    return this.inner.abort(staged);
  }
  log(artifact: Artifact, options?: StageOptions): Promise<Artifact> {
    return this.inner.log(artifact, options);
  }
  open(uri: string, options?: { readonly temp?: TempScope }): Promise<DataItem> {
    this.opened.push(uri);
    return this.inner.open(uri, options);
  }
}

const quiet = { warn: (): void => undefined };

describe(run, () => {
  describe('when the manager has a custom repository', () => {
    it('should open inputs and commit outputs through that one repository', async () => {
      const store = new MemoryStore();
      const inner = new StoreArtifactRepository({ store });
      const repository = new RecordingRepository(inner);
      const manager = new PackagersManager({ repository, warnings: quiet });
      const input = await manager.pack('rows', 'data : file');
      const uri = input.kind === 'artifact' ? input.artifact.uri : undefined;
      const job = handler(({ data }: { data: string }) => `${data}!`, { inputs: { data: String } });

      const record = await run(job, { manager, inputs: { data: uri! }, returns: ['out : file'] });

      expect(record.status).toBe('completed');
      expect(repository.opened).toEqual([uri]);
      expect(repository.committed).toEqual(['data', 'out']);
      await inner.dispose();
    });
  });

  describe('when run() is given a store and a manager without one', () => {
    it('should keep the artifacts with the run record in the given store', async () => {
      const store = new MemoryStore();
      const manager = new PackagersManager({ warnings: quiet });
      const job = handler(() => 'text');

      const record = await run(job, { manager, store, returns: ['out : file'] });

      expect(record.status).toBe('completed');
      const repository = new StoreArtifactRepository({ store });
      expect((await repository.read('out')).key).toBe('out');
      await repository.dispose();
    });
  });

  describe('when run() is given a store other than the manager one', () => {
    it('should record the run in the given store and the artifacts with the manager', async () => {
      const managerStore = new MemoryStore({ name: 'manager' });
      const runStore = new MemoryStore({ name: 'run' });
      const manager = new PackagersManager({ store: managerStore, warnings: quiet });
      const job = handler(() => 'text');

      const record = await run(job, { manager, store: runStore, returns: ['out : file'] });

      expect(record.status).toBe('completed');
      expect(record.artifacts.map((a) => a.key)).toEqual(['out']);
      const paths = async (store: MemoryStore): Promise<string[]> => {
        const found: string[] = [];
        for await (const o of store.list('')) found.push(o.path);
        return found;
      };
      expect((await paths(managerStore)).some((p) => p.startsWith('artifacts/out/'))).toBe(true);
      // The run record, and its two listing index segments (started, completed).
      expect((await paths(runStore)).filter((p) => !p.startsWith('index/runs/log/'))).toEqual([
        `runs/${record.id}.json`,
      ]);
      expect((await paths(runStore)).filter((p) => p.startsWith('index/'))).toHaveLength(2);
    });
  });
});
