import { Artifact } from '../../src/artifacts/artifact';
import type { LogHint } from '../../src/log-hints/log-hint';
import type { StagedOutput } from '../../src/manager/packed-output';
import type { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';

/** `text` staged in `repo` as a `file` artifact under `key`, as an output batch stages it. */
export async function stagedOutput(
  repo: StoreArtifactRepository,
  key: string,
  text: string,
): Promise<StagedOutput> {
  return {
    kind: 'staged',
    key,
    staged: await repo.stage(new Artifact({ key, body: Buffer.from(text) })),
    packager: 'test',
    artifactType: 'file',
    hint: { key } as LogHint,
  };
}
