import type { ArtifactRepository } from '../repository/artifact-repository';
import type { OutputFailure } from '../manager/output-batch';
import type { PackagersManager } from '../manager/packagers-manager';
import type { RunContext } from '../runs/run-context';
import type { MatchedOutput } from './match-outputs';

/**
 * Logs a run's matched outputs as one batch of the manager ({@link PackagersManager.outputs}):
 * `*key` hints unbundled, links resolved across the outputs and what the run recorded before,
 * artifacts committed several keys at a time into the run's repository; then records the
 * results, bundle structures and artifacts in the run, without saving the record: the caller's
 * next write (the run's end) saves them, so a run's outputs cost no record write of their own.
 *
 * @remarks
 * An output that fails (packing, storing, a bundle item) is returned as a failure; the others are
 * still logged. A bundle whose items did not all log is a failure too and its structure is not
 * recorded. When a commit fails, the outputs not committed yet are aborted and returned as
 * failures. @internal
 */
export async function logOutputs(
  matched: readonly MatchedOutput[],
  ctx: RunContext,
  manager: PackagersManager,
  repository: ArtifactRepository,
): Promise<OutputFailure[]> {
  const batch = manager.outputs({
    runId: ctx.id,
    repository,
    warnings: ctx,
    recorded: {
      results: ctx.results,
      artifacts: Object.fromEntries(ctx.artifacts.map((a) => [a.key, a.uri])),
    },
  });
  for (const { hint, value } of matched) batch.add(value, hint);
  const report = await batch.commit();
  await ctx.addOutputs({ results: report.results, artifacts: report.artifacts }, { save: false });
  return [...report.failures];
}
