import type { StagedArtifact } from '../../src/repository/artifact-repository';
import type { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';

/**
 * `inner` with a `commit` that always fails ("disk full") and an `abort` that records the key it
 * aborted before aborting through `inner` (so staged bytes are really removed).
 */
export function failingCommit(inner: StoreArtifactRepository): {
  repository: StoreArtifactRepository;
  aborted: string[];
} {
  const aborted: string[] = [];
  const repository = Object.assign(Object.create(inner) as StoreArtifactRepository, {
    commit: (_staged: StagedArtifact) => Promise.reject(new Error('disk full')),
    abort: (staged: StagedArtifact) => {
      aborted.push(staged.artifact.key);
      return inner.abort(staged);
    },
  });
  return { repository, aborted };
}
