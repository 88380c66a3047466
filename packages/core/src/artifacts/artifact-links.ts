import type { WarningSink } from '../errors/warning-sink';
import type { Artifact } from './artifact';
import { cloneArtifact } from './artifact-record';
import type { StagedArtifact } from './staged-artifact';

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

/** What a run recorded before the artifacts being linked: results and artifacts logged by hand. */
export interface RecordedOutputs {
  /** Results recorded earlier, by key. */
  readonly results?: Readonly<Record<string, unknown>>;
  /** URIs (`store://key@version`) of artifacts recorded earlier, by key. */
  readonly artifacts?: Readonly<Record<string, string>>;
  /** Added to the warning of a link that resolves to nothing: why, and what to do. */
  readonly unresolvedHint?: string;
}

type Lookup = (target: string) => { found: true; value: unknown } | { found: false };

const DEFAULT_UNRESOLVED_HINT = 'Log that output or fix the link.';

function resolveMap(
  owner: Artifact,
  field: string,
  entries: Record<string, unknown>,
  lookup: Lookup,
  warnings: WarningSink,
  known: () => string,
  hint: string,
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
        `${field} "${name}" of artifact "${owner.key}" links to output "${target}", but no output, result or ` +
          `artifact with that key was recorded (${known()}); the entry was dropped, no placeholder ` +
          `was stored. ${hint}`,
      );
    }
  }
  return out;
}

/** The URI of a staged artifact; `undefined` when its repository gave it none (never a guess). */
function uriOf(artifact: Artifact): string | undefined {
  if (artifact.uri !== undefined) return artifact.uri;
  return artifact.version !== undefined ? `store://${artifact.key}@${artifact.version}` : undefined;
}

/**
 * Replaces links in staged artifacts' `extraData` and `metrics` with what they point at.
 *
 * @remarks
 * Called after every output of a run is staged and before any is committed. A link resolves to
 * the staged artifacts and `results`, then to what the run recorded before (`recorded`: results
 * and artifacts logged by hand). In `extraData` a link resolves to the linked artifact's URI
 * (`store://key@version`), else to the result's value; in `metrics` to the result's value first,
 * else the artifact's URI. A link that resolves to nothing is dropped with a warning that says
 * why; no placeholder is ever left in its place. Artifacts without links are returned as they
 * are; others are copied (the staged input is not mutated).
 */
export function resolveLinks(
  staged: readonly StagedArtifact[],
  results: Readonly<Record<string, unknown>>,
  warnings: WarningSink,
  recorded: RecordedOutputs = {},
): StagedArtifact[] {
  const uris = new Map<string, string>(Object.entries(recorded.artifacts ?? {}));
  for (const s of staged) {
    const uri = uriOf(s.artifact);
    if (uri !== undefined) uris.set(s.artifact.key, uri);
  }
  const allResults: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const source of [recorded.results ?? {}, results])
    for (const [k, v] of Object.entries(source)) allResults[k] = v;
  const has = (target: string): boolean => Object.prototype.hasOwnProperty.call(allResults, target);
  const artifactFirst: Lookup = (t) =>
    uris.has(t)
      ? { found: true, value: uris.get(t) }
      : has(t)
        ? { found: true, value: allResults[t] }
        : { found: false };
  const resultFirst: Lookup = (t) =>
    has(t)
      ? { found: true, value: allResults[t] }
      : uris.has(t)
        ? { found: true, value: uris.get(t) }
        : { found: false };
  const known = (): string => {
    const keys = [...new Set([...uris.keys(), ...Object.keys(allResults)])].sort();
    return keys.length === 0 ? 'nothing is' : `known: ${keys.map((k) => `"${k}"`).join(', ')}`;
  };
  const hint = recorded.unresolvedHint ?? DEFAULT_UNRESOLVED_HINT;
  return staged.map((entry) => {
    const artifact = entry.artifact;
    const extraData = resolveMap(
      artifact,
      'Extra data',
      artifact.extraData,
      artifactFirst,
      warnings,
      known,
      hint,
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
            known,
            hint,
          )
        : undefined;
    if (extraData === undefined && metrics === undefined) return entry;
    const copy = cloneArtifact(artifact);
    if (extraData !== undefined) copy.extraData = extraData;
    if (metrics !== undefined) (copy as { metrics?: unknown }).metrics = metrics;
    return { artifact: copy, options: entry.options };
  });
}
