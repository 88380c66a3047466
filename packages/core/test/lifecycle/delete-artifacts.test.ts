import { Artifact } from '../../src/artifacts/artifact';
import { appendTagMove } from '../../src/artifacts/tag-history';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { LifecycleError } from '../../src/errors/lifecycle.error';
import { NotFoundError } from '../../src/errors/not-found.error';
import { deleteVersion } from '../../src/lifecycle/delete-artifacts';
import { listTags, setTag } from '../../src/lifecycle/tag-operations';
import { MemoryStore } from '../../src/stores/memory.store';
import type { Body, PutOptions, PutResult } from '../../src/stores/store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';

describe(deleteVersion, () => {
  let store: MemoryStore;
  let repo: StoreArtifactRepository;
  let version: string;
  beforeEach(async () => {
    store = new MemoryStore();
    repo = new StoreArtifactRepository({ store });
    version = (await repo.log(new Artifact({ key: 'k', body: Buffer.from('x') }))).version!;
  });
  afterEach(() => repo.dispose());

  describe('when a tag is moved onto the version just after the protection check', () => {
    it('should put the record back, keep the bytes and throw LIFECYCLE_DELETE_CONFLICT', async () => {
      const racing = Object.create(store) as MemoryStore;
      racing.delete = async (path: string) => {
        await store.delete(path);
        // A tagger that saw the record before it went writes its move now.
        if (path.endsWith(`${version}.json`)) await appendTagMove(store, 'k', 'prod', version);
      };
      const error = await expectStowageRejection(
        deleteVersion(racing, 'k', version),
        LifecycleError,
        'LIFECYCLE_DELETE_CONFLICT',
      );
      expect(error.details).toMatchObject({ key: 'k', version, tags: ['prod'] });
      expect(await repo.versions('k')).toEqual([version]);
      expect(await (await repo.open(`store://k:prod`)).getText()).toBe('x');
    });
  });
});

describe(setTag, () => {
  describe('when the version is deleted while the tag is being moved onto it', () => {
    it('should withdraw the move and throw NotFoundError, leaving no tag on a deleted version', async () => {
      const store = new MemoryStore();
      const repo = new StoreArtifactRepository({ store });
      const version = (await repo.log(new Artifact({ key: 'k', body: Buffer.from('x') }))).version!;
      const racing = Object.create(store) as MemoryStore;
      racing.put = async (path: string, body: Body, options?: PutOptions): Promise<PutResult> => {
        const result = await store.put(path, body, options);
        // A deleter removes the record right after the move is written.
        if (path.includes('/tag-history/'))
          await store.delete(`artifacts/k/records/${version}.json`);
        return result;
      };
      await expectStowageRejection(
        setTag(racing, 'k', version, 'prod'),
        NotFoundError,
        'NOT_FOUND',
      );
      expect(await listTags(store, 'k')).toEqual([]);
      await repo.dispose();
    });
  });
});
