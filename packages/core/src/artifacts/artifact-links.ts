import type { WarningSink } from '../packagers/pack-context';
import type { Artifact } from './artifact';
import { cloneArtifact } from './artifact-record';
import type { StagedArtifact } from './artifact-repository';

/** The shorthand link value: "the output whose key is this entry's name". */
export const SAME_KEY_LINK = '...';

/** A link from an artifact's extra data or metrics to another output of the same run. */
export interface OutputLink {
  readonly $link: string;
}

/**
 * Links an extra-data or metrics entry to another output (artifact or result) of the same run.
 *
 * @example
 * ```ts
 * new ModelArtifact({ key: 'model', body, metrics: { auc: link('test_auc') }, extraData: { testSet: '...' } });
 * ```
 */
export function link(key: string): OutputLink {
  return { $link: key };
}

/** The output key `value` links to, or `undefined` when it is not a link. */
export function linkTarget(entryName: string, value: unknown): string | undefined {
  if (value === SAME_KEY_LINK) return entryName;
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 1) {
    const target = (value as { $link?: unknown }).$link;
    if (typeof target === 'string') return target;
  }
  return undefined;
}

type Lookup = (target: string) => { found: true; value: unknown } | { found: false };

function resolveMap(
  owner: Artifact,
  field: string,
  entries: Record<string, unknown>,
  lookup: Lookup,
  warnings: WarningSink,
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(entries)) {
    const target = linkTarget(name, value);
    if (target === undefined) continue;
    out ??= { ...entries };
    const hit = lookup(target);
    if (hit.found) out[name] = hit.value;
    else {
      delete out[name];
      warnings.warn(
        `${field} "${name}" of artifact "${owner.key}" links to output "${target}", which this run did not ` +
          'produce; the entry was dropped. Log that output or fix the link.',
      );
    }
  }
  return out;
}

/**
 * Replaces links in staged artifacts' `extraData` and `metrics` with what they point at.
 *
 * @remarks
 * Called after every output of a run is staged and before any is committed. In `extraData` a
 * link resolves to the linked artifact's URI (`store://key@version`), else to the result's value;
 * in `metrics` to the result's value first, else the artifact's URI. A link to an output the run
 * did not produce is dropped with a warning, never left dangling. Artifacts without links are
 * returned as they are; others are copied (the staged input is not mutated).
 */
export function resolveLinks(
  staged: readonly StagedArtifact[],
  results: Readonly<Record<string, unknown>>,
  warnings: WarningSink,
): StagedArtifact[] {
  const uris = new Map(
    staged.map((s) => [s.artifact.key, s.artifact.uri ?? `store://${s.artifact.key}`]),
  );
  const has = (target: string): boolean => Object.prototype.hasOwnProperty.call(results, target);
  const artifactFirst: Lookup = (t) =>
    uris.has(t)
      ? { found: true, value: uris.get(t) }
      : has(t)
        ? { found: true, value: results[t] }
        : { found: false };
  const resultFirst: Lookup = (t) =>
    has(t)
      ? { found: true, value: results[t] }
      : uris.has(t)
        ? { found: true, value: uris.get(t) }
        : { found: false };
  return staged.map((entry) => {
    const artifact = entry.artifact;
    const extraData = resolveMap(
      artifact,
      'Extra data',
      artifact.extraData,
      artifactFirst,
      warnings,
    );
    const rawMetrics = (artifact as { metrics?: unknown }).metrics;
    const metrics =
      typeof rawMetrics === 'object' && rawMetrics !== null
        ? resolveMap(
            artifact,
            'Metric',
            rawMetrics as Record<string, unknown>,
            resultFirst,
            warnings,
          )
        : undefined;
    if (extraData === undefined && metrics === undefined) return entry;
    const copy = cloneArtifact(artifact);
    if (extraData !== undefined) copy.extraData = extraData;
    if (metrics !== undefined) (copy as { metrics?: unknown }).metrics = metrics;
    return { artifact: copy, options: entry.options };
  });
}
