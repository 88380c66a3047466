import type { ArtifactRepository } from '../repository/artifact-repository';
import type { PackedOutput, StagedOutput, StagedPackOutput } from './packed-output';
import { storeFailed } from './run-pack';

/** Keys committed at the same time (each commit is a few small fsynced writes). */
const COMMITS_IN_FLIGHT = 4;

/**
 * Commits staged outputs, different keys concurrently and one key's outputs in order; results
 * pass through. Returns the outputs in their given order.
 *
 * @remarks
 * Each commit waits on a disk flush, and flushes of independent files overlap (the filesystem
 * journals them together), so a run with many outputs commits several at once. Outputs with
 * the same key are committed in order, so `latest` ends at the last one. When a commit fails,
 * every output not committed (the failed one, and those not started) is aborted; those already
 * committed stay.
 * @throws PackingError `PACKING_STORE_FAILED` for the first output (in order) that failed.
 */
export async function commitOutputs(
  repository: ArtifactRepository,
  outputs: readonly StagedPackOutput[],
): Promise<PackedOutput[]> {
  const done: (PackedOutput | undefined)[] = outputs.map((o) =>
    o.kind === 'result' ? o : undefined,
  );
  const byKey = new Map<string, number[]>();
  outputs.forEach((o, i) => {
    if (o.kind === 'staged') byKey.set(o.key, [...(byKey.get(o.key) ?? []), i]);
  });
  const queues = [...byKey.values()];
  // An object, not a `let`: workers read what other workers wrote after an `await`.
  const failed: { index: number; cause?: unknown } = { index: -1 };
  const worker = async (): Promise<void> => {
    for (let queue = queues.shift(); queue !== undefined; queue = queues.shift()) {
      for (const i of queue) {
        if (failed.index >= 0) return;
        const out = outputs[i] as StagedOutput;
        try {
          const artifact = await repository.commit(out.staged);
          const { key, packager, artifactType, hint } = out;
          done[i] = { kind: 'artifact', key, artifact, packager, artifactType, hint };
        } catch (cause) {
          if (failed.index < 0 || i < failed.index) Object.assign(failed, { index: i, cause });
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(COMMITS_IN_FLIGHT, queues.length) }, worker));
  if (failed.index < 0) return done as PackedOutput[];
  const pending = outputs.filter((o, i) => o.kind === 'staged' && done[i] === undefined);
  await Promise.all(
    pending.map((o) => repository.abort((o as StagedOutput).staged).catch(() => undefined)),
  );
  throw storeFailed(failed.cause, (outputs[failed.index] as StagedOutput).key, 'committing');
}
