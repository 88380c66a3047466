import { Artifact } from '../../src/artifacts/artifact';
import { LifecycleError } from '../../src/errors/lifecycle.error';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { deleteVersion } from '../../src/lifecycle/delete-artifacts';
import { applyRetention, planRetention } from '../../src/lifecycle/retention-plan';
import { removeTag } from '../../src/lifecycle/tag-operations';
import { readRunInputs } from '../../src/lifecycle/version-protection';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { MemoryStore } from '../../src/stores/memory.store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';

describe(readRunInputs, () => {
  let store: MemoryStore;
  let repo: StoreArtifactRepository;
  let first: string;
  const echo = handler(async ({ data }: { data: string }) => ({ length: data.length }), {
    inputs: { data: String },
    outputs: ['length'],
  });
  beforeEach(async () => {
    store = new MemoryStore();
    repo = new StoreArtifactRepository({ store });
    const artifact = new Artifact({ key: 'data', body: Buffer.from('abc'), fileName: 'd.txt' });
    first = (await repo.log(artifact, { tag: 'prod' })).version as string;
  });
  afterEach(() => repo.dispose());

  describe('when a run read an input by tag and the tag moved on', () => {
    it('should protect the version the run read from delete and retention', async () => {
      const record = await run(echo, { store, inputs: { data: 'store://data:prod' } });
      expect(record.status).toBe('completed');
      await removeTag(store, 'data', 'prod');
      await repo.log(new Artifact({ key: 'data', body: Buffer.from('abcd'), fileName: 'd.txt' }));

      const error = await expectStowageRejection(
        deleteVersion(store, 'data', first),
        LifecycleError,
        'LIFECYCLE_VERSION_PROTECTED',
      );
      expect(error.details['protections']).toEqual([
        { kind: 'run', runId: record.id, input: 'data' },
      ]);
      const plan = await applyRetention(
        store,
        await planRetention(store, { tagged: false, last: 1 }),
      );
      expect(plan.decisions.find((d) => d.version === first)).toMatchObject({
        action: 'keep',
        reasons: [`run ${record.id} (input "data")`],
      });
      expect(await repo.versions('data')).toHaveLength(2);
    });
  });

  describe('when a run read the latest version and a newer one was logged', () => {
    it('should protect the version it read, not the newest', async () => {
      const record = await run(echo, { store, inputs: { data: 'store://data' } });
      await repo.log(new Artifact({ key: 'data', body: Buffer.from('new'), fileName: 'd.txt' }));
      const reads = await readRunInputs(store);
      expect([...reads.keys()]).toEqual([`data@${first}`]);
      expect(reads.get(`data@${first}`)).toEqual([
        { kind: 'run', runId: record.id, input: 'data' },
      ]);
    });
  });
});
