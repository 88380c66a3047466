import { StowageError } from '../errors/stowage.error';
import type { LogHint } from '../log-hints/log-hint';
import type { DeclarationMode } from '../decorators/decorator-mode';
import type { FullControlPackager } from '../packagers/pack-context';
import type { PackagerDefinition } from '../registry/packager-definition';
import {
  packRejection,
  type Candidate,
  type PackagerSnapshot,
} from '../registry/packager-snapshot';
import { rankCandidates } from '../registry/rank-candidates';
import { typeTokenOf } from '../registry/type-token';
import { choosePacker, GENERIC_RESULT_PACKAGER } from './choose-packer';
import { formatExplanation } from './explain-format';
import type { PackagerInstances } from './packager-instances';

/** One packager considered by {@link PackagersManager.explain}. */
export interface ExplainedCandidate {
  readonly packager: string;
  /** The packable type it declares. */
  readonly type: string;
  readonly priority: number;
  /** How far its type is from the value's: 0 exact, 1 the parent class, … (lower is more specific). */
  readonly specificity: number;
  readonly builtin: boolean;
  readonly fallback: boolean;
  readonly chosen: boolean;
  /** Why it was chosen, or why not. */
  readonly reason: string;
  /** How the packager was declared: `legacy` or `standard` decorators, or `function` (definePackager/registerPackager). */
  readonly declaredWith: DeclarationMode;
  /**
   * How each of its `@Pack` methods was recorded, by artifact type (a subclass may mix modes with
   * its base).
   */
  readonly packMethodsDeclaredWith: Readonly<Record<string, DeclarationMode>>;
}

/** What {@link PackagersManager.explain} returns. */
export interface PackExplanation {
  readonly key: string;
  /** The value's type name. */
  readonly valueType: string;
  /** The artifact type the hint asked for; `undefined`: the packager's default. */
  readonly requestedArtifactType: string | undefined;
  /** Every packager whose type is the value's type or an ancestor, best-ranked first, then the fallback. */
  readonly candidates: readonly ExplainedCandidate[];
  /** The decision, or `undefined` when packing would fail. */
  readonly chosen:
    { readonly packager: string; readonly artifactType: string; readonly mode: string } | undefined;
  /** The error packing would throw (code and message), when it would fail. */
  readonly error: { readonly code: string; readonly message: string } | undefined;
  /** The same, as an aligned, human-readable report. */
  readonly text: string;
}

function rejection(
  c: Candidate,
  artifactType: string | undefined,
  instances: PackagerInstances,
  value: unknown,
  options: Readonly<Record<string, unknown>>,
): string | undefined {
  const d = c.definition;
  const rejected = packRejection(c, artifactType);
  if (rejected !== undefined) return rejected;
  if (d.fullControl) {
    try {
      const packager = instances.get(d) as unknown as FullControlPackager;
      if (!packager.isPackable(value, artifactType, options)) {
        return 'isPackable() returned false';
      }
    } catch (error) {
      return `could not be asked: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return undefined;
}

function outranked(d: PackagerDefinition, distance: number, winner: Candidate): string {
  const w = winner.definition;
  if (w.priority !== d.priority)
    return `outranked by ${w.name} (priority ${w.priority} beats ${d.priority})`;
  if (winner.distance !== distance)
    return `outranked by ${w.name} (same priority, more specific type ${w.typeName})`;
  return `outranked by ${w.name} (same priority and type, registered later)`;
}

/** Builds the explanation of how `value` would be packed under `hint`. @internal */
export function explainPack(
  snapshot: PackagerSnapshot,
  instances: PackagerInstances,
  value: unknown,
  hint: LogHint,
): PackExplanation {
  const token = typeTokenOf(value);
  const artifactType = hint.artifactType;
  let chosen: PackExplanation['chosen'];
  let error: PackExplanation['error'];
  try {
    const choice = choosePacker(snapshot, instances, value, artifactType, hint.key, hint.options);
    chosen = {
      packager: choice.definition?.name ?? GENERIC_RESULT_PACKAGER,
      artifactType: choice.artifactType,
      mode: choice.mode,
    };
  } catch (e) {
    error = {
      code: StowageError.is(e) ? e.code : 'UNKNOWN',
      message: e instanceof Error ? e.message : String(e),
    };
  }
  const ranked = rankCandidates(snapshot.related(token));
  const eligible = ranked.filter(
    (c) => rejection(c, artifactType, instances, value, hint.options) === undefined,
  );
  const winner = eligible[0];
  const candidates: ExplainedCandidate[] = ranked.map((c) => {
    const d = c.definition;
    const why = rejection(c, artifactType, instances, value, hint.options);
    const isChosen = chosen !== undefined && c === winner;
    const reason =
      why !== undefined
        ? why
        : isChosen
          ? `chosen: best rank (priority ${d.priority}, specificity ${c.distance})${viaFallback(chosen as NonNullable<typeof chosen>, d)}`
          : outranked(d, c.distance, winner as Candidate);
    return entry(d, c.distance, isChosen, reason, false);
  });
  const fallback = snapshot.fallback;
  if (fallback !== undefined) {
    const isChosen =
      chosen !== undefined && winner === undefined && chosen.packager === fallback.name;
    const reason = isChosen
      ? 'chosen: no other packager accepts the value'
      : chosen?.packager === fallback.name
        ? 'does the "object" packing for the chosen packager'
        : 'tried last, only when no packager above accepts the value';
    candidates.push(entry(fallback, -1, isChosen, reason, true));
  }
  const partial = {
    key: hint.key,
    valueType: token.name,
    requestedArtifactType: artifactType,
    candidates,
    chosen,
    error,
  };
  return Object.freeze({ ...partial, text: formatExplanation(partial) });
}

function viaFallback(
  chosen: NonNullable<PackExplanation['chosen']>,
  d: PackagerDefinition,
): string {
  return chosen.packager === d.name
    ? ''
    : `; "${chosen.artifactType}" is done by ${chosen.packager}`;
}

function entry(
  d: PackagerDefinition,
  distance: number,
  chosen: boolean,
  reason: string,
  fallback: boolean,
): ExplainedCandidate {
  return Object.freeze({
    packager: d.name,
    type: d.typeName,
    priority: d.priority,
    specificity: distance,
    builtin: d.builtin,
    fallback,
    chosen,
    reason,
    declaredWith: d.declaredWith,
    packMethodsDeclaredWith: Object.freeze(
      Object.fromEntries(Object.values(d.packMethods).map((m) => [m.artifactType, m.declaredWith])),
    ),
  });
}
