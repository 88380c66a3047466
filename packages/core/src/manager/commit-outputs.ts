import type { Artifact } from '../artifacts/artifact';
import type { ArtifactRepository } from '../repository/artifact-repository';
import type { StagedOutput } from './packed-output';

/** Keys committed at the same time by default (each commit is a few small fsynced writes). */
export const COMMITS_IN_FLIGHT = 4;

/** What {@link commitStaged} did with each staged output. @internal */
export interface CommitOutcome {
  /** The committed artifact at each output's index; `undefined` for one that was aborted. */
  readonly committed: readonly (Artifact | undefined)[];
  /** The first output (in order) whose commit failed, and why; `undefined` when none did. */
  readonly failed: { readonly index: number; readonly cause: unknown } | undefined;
}

/**
 * Commits staged outputs, up to `concurrency` keys at a time and one key's outputs in order, and
 * aborts every output that was not committed once a commit fails. Never throws.
 *
 * @remarks
 * Each commit waits on a disk flush, and flushes of independent files overlap (the filesystem
 * journals them together), so a batch with many outputs commits several at once. Outputs with
 * the same key are committed in order, so `latest` ends at the last one. When a commit fails, no
 * new commit starts; those already under way finish (they stay committed), and every other
 * output (the failed one included) is aborted: its staged bytes are deleted. @internal
 */
export async function commitStaged(
  repository: ArtifactRepository,
  outputs: readonly StagedOutput[],
  concurrency: number = COMMITS_IN_FLIGHT,
): Promise<CommitOutcome> {
  const committed: (Artifact | undefined)[] = outputs.map(() => undefined);
  // One listing-index write for every output instead of one per commit (when the repository can).
  if (outputs.length > 1) void repository.listAhead?.(outputs.map((o) => o.staged));
  const byKey = new Map<string, number[]>();
  outputs.forEach((o, i) => byKey.set(o.key, [...(byKey.get(o.key) ?? []), i]));
  const queues = [...byKey.values()];
  // An object, not a `let`: workers read what other workers wrote after an `await`.
  const state: { failed: CommitOutcome['failed'] } = { failed: undefined };
  const worker = async (): Promise<void> => {
    for (let queue = queues.shift(); queue !== undefined; queue = queues.shift()) {
      for (const i of queue) {
        if (state.failed !== undefined) return;
        try {
          committed[i] = await repository.commit((outputs[i] as StagedOutput).staged);
        } catch (cause) {
          const first = state.failed as CommitOutcome['failed'];
          if (first === undefined || i < first.index) state.failed = { index: i, cause };
          return;
        }
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency), queues.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (state.failed !== undefined) {
    const pending = outputs.filter((_, i) => committed[i] === undefined);
    await Promise.all(pending.map((o) => repository.abort(o.staged).catch(() => undefined)));
  }
  return { committed, failed: state.failed };
}
