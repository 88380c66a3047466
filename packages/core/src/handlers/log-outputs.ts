import type { Artifact } from '../artifacts/artifact';
import { resolveLinks } from '../artifacts/artifact-links';
import { leafKeys, renderShape, type BundleShape } from '../bundling/bundle-shape';
import { planUnbundle, type PlannedLeaf } from '../bundling/plan-unbundle';
import { managerUnbundler } from '../bundling/manager-ports';
import { HandlerError } from '../errors/handler.error';
import type { PackagersManager } from '../manager/packagers-manager';
import type { StagedOutput } from '../manager/packed-output';
import type { RunContext } from '../runs/run-context';
import type { MatchedOutput } from './match-outputs';

/** A failed output: its key and why. @internal */
export interface OutputFailure {
  readonly key: string;
  readonly error: unknown;
}

/**
 * Packs every matched output (unbundling `*key` hints), resolves `'...'` links between them,
 * commits each artifact, and records results, bundle structures and artifacts in the run.
 *
 * @remarks
 * Every output is staged before any is committed, so links can point at any output. An output
 * that fails (packing, storing, a bundle item) is returned as a failure; the others are still
 * logged. A bundle whose items did not all log is a failure too and its structure is not
 * recorded. Staged artifacts that are not committed are aborted.
 * @internal
 */
export async function logOutputs(
  matched: readonly MatchedOutput[],
  ctx: RunContext,
  manager: PackagersManager,
): Promise<OutputFailure[]> {
  const failures: OutputFailure[] = [];
  const unbundle = managerUnbundler(manager);
  const bundles: { key: string; shape: BundleShape }[] = [];
  const leaves: PlannedLeaf[] = [];
  for (const { hint, value } of matched) {
    try {
      const plan =
        hint.itemized === false
          ? { leaves: [{ hint, value }], shape: undefined }
          : planUnbundle(value, hint, unbundle);
      leaves.push(...plan.leaves);
      if (plan.shape !== undefined) bundles.push({ key: hint.key, shape: plan.shape });
    } catch (error) {
      failures.push({ key: hint.key, error });
    }
  }
  const results: Record<string, unknown> = {};
  const lost = new Set<string>();
  const fail = (key: string, error: unknown): void => {
    failures.push({ key, error });
    lost.add(key);
  };
  let staged: StagedOutput[] = [];
  const seen = new Set<string>(bundles.map((b) => b.key));
  try {
    for (const leaf of leaves) {
      const key = leaf.hint.key;
      if (seen.has(key)) {
        failures.push({ key, error: duplicateKey(key) });
        continue;
      }
      seen.add(key);
      try {
        const out = await manager.packStaged(leaf.value, leaf.hint, { runId: ctx.id });
        // defineProperty, not `results[key] =`: a result named "__proto__" is kept, as given.
        if (out.kind === 'result')
          Object.defineProperty(results, key, {
            value: out.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else staged.push(out);
      } catch (error) {
        fail(key, error);
      }
    }
    const uris = new Map(staged.map((s) => [s.key, s.staged.artifact.uri ?? `store://${s.key}`]));
    const leafValue = (k: string): unknown => (uris.has(k) ? uris.get(k) : results[k]);
    const structures = Object.fromEntries(
      bundles.map((b) => [b.key, renderShape(b.shape, leafValue)]),
    );
    const linked = resolveLinks(
      staged.map((s) => s.staged),
      { ...results, ...structures },
      ctx,
      {
        results: ctx.results,
        artifacts: Object.fromEntries(ctx.artifacts.map((a) => [a.key, a.uri])),
      },
    );
    staged = staged.map((s, i) => ({ ...s, staged: linked[i] ?? s.staged }));
    const committed: Artifact[] = [];
    while (staged.length > 0) {
      const next = staged.shift() as StagedOutput;
      try {
        const [done] = await manager.commitAll([next]);
        if (done?.kind === 'artifact') committed.push(done.artifact);
      } catch (error) {
        fail(next.key, error);
      }
    }
    for (const b of bundles) {
      const bad = leafKeys(b.shape).filter((k) => lost.has(k));
      if (bad.length === 0)
        Object.defineProperty(results, b.key, {
          value: structures[b.key],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else failures.push({ key: b.key, error: bundleIncomplete(b.key, bad) });
    }
    if (Object.keys(results).length > 0) await ctx.logResults(results);
    if (committed.length > 0) await ctx.addArtifacts(committed);
    return failures;
  } finally {
    if (staged.length > 0) await manager.abortAll(staged);
  }
}

function duplicateKey(key: string): HandlerError {
  return new HandlerError(
    `Two outputs of the run have the key "${key}"; the second was not logged.`,
    {
      code: 'HANDLER_DUPLICATE_OUTPUT',
      details: { key },
      fix: 'Give each output (and each unbundled item, "<key>_<item>") its own key.',
    },
  );
}

function bundleIncomplete(key: string, bad: readonly string[]): HandlerError {
  return new HandlerError(
    `The unbundled output "${key}" is incomplete: ${bad.map((k) => `"${k}"`).join(', ')} could not be logged, so its structure was not recorded.`,
    {
      code: 'HANDLER_BUNDLE_INCOMPLETE',
      details: { key, failedItems: [...bad] },
      fix: 'See the failures of the listed items.',
    },
  );
}
