import { listArtifactKeys, listArtifactVersions } from '../artifacts/artifact-listing';
import { validateArtifactKey } from '../artifacts/artifact-names';
import { idTime } from '../artifacts/tag-history';
import { LifecycleError } from '../errors/lifecycle.error';
import { errorSummary } from '../errors/stowage.error';
import type { Store } from '../stores/store';
import { deleteVersion } from './delete-artifacts';
import { formatRetentionRules } from './retention-rules';
import type { RetentionRules } from './retention-rules';
import { describeProtections, protectionsOf, readRunInputs } from './version-protection';

/** What retention decided for one version, and (after {@link applyRetention}) what happened. */
export interface RetentionDecision {
  readonly key: string;
  readonly version: string;
  /** ISO-8601 creation time, from the version id. */
  readonly createdAt: string;
  readonly action: 'keep' | 'delete';
  /** Why it is kept (`last=5`, `younger=30d`, `tag "prod"`, `run … (input "x")`); empty for deletes. */
  readonly reasons: readonly string[];
  /** `planned` until applied; then `deleted`, `kept` (protected since the plan) or `failed`. */
  readonly outcome: 'planned' | 'deleted' | 'kept' | 'failed';
  /** Why it failed or was kept after all. */
  readonly note?: string;
}

/** What retention keeps and deletes in a store. */
export interface RetentionPlan {
  readonly store: string;
  /** The rules, as `last=5,tagged,younger=30d`. */
  readonly rules: string;
  /** ISO-8601 time ages were judged against. */
  readonly now: string;
  readonly decisions: readonly RetentionDecision[];
  readonly totals: {
    readonly keys: number;
    readonly versions: number;
    readonly keep: number;
    readonly delete: number;
    readonly deleted: number;
    readonly failed: number;
  };
}

/** Options of {@link planRetention}. */
export interface RetentionOptions {
  /** Only these keys (default: every key of the store). */
  readonly keys?: readonly string[];
  /** The time to judge ages against (default: now). */
  readonly now?: Date | number;
}

function totals(decisions: readonly RetentionDecision[], keys: number): RetentionPlan['totals'] {
  const count = (f: (d: RetentionDecision) => boolean) => decisions.filter(f).length;
  return {
    keys,
    versions: decisions.length,
    keep: count((d) => d.action === 'keep'),
    delete: count((d) => d.action === 'delete'),
    deleted: count((d) => d.outcome === 'deleted'),
    failed: count((d) => d.outcome === 'failed'),
  };
}

/**
 * Decides, for every committed version, whether retention keeps or deletes it; deletes nothing.
 *
 * @remarks
 * The plan covers the versions committed when it lists each key: a version committed later is
 * not in it, so applying the plan never deletes it. Protected versions (a named tag points at
 * them, a kept run read them) are always kept.
 * @throws InvalidKeyError for a bad key in `keys`.
 */
export async function planRetention(
  store: Store,
  rules: RetentionRules,
  options: RetentionOptions = {},
): Promise<RetentionPlan> {
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (!Number.isFinite(now)) {
    throw new LifecycleError(`The retention time ${String(options.now)} is not a valid time.`, {
      code: 'LIFECYCLE_RETENTION_INVALID',
      details: { now: String(options.now) },
      fix: 'Pass now as a Date or a number of milliseconds since the epoch, or omit it.',
    });
  }
  const keys = options.keys?.map(validateArtifactKey) ?? (await listArtifactKeys(store));
  const runs = await readRunInputs(store);
  const decisions: RetentionDecision[] = [];
  for (const key of keys) {
    const versions = await listArtifactVersions(store, key);
    const protections = await protectionsOf(store, key, runs);
    versions.forEach((version, i) => {
      const reasons: string[] = [];
      const rank = versions.length - i;
      if (rules.last !== undefined && rank <= rules.last) reasons.push(`last=${rules.last}`);
      const born = idTime(version);
      if (rules.youngerThanMs !== undefined && !(now - born >= rules.youngerThanMs))
        reasons.push(formatRetentionRules({ tagged: false, youngerThanMs: rules.youngerThanMs }));
      const protectedBy = protections.get(version);
      if (protectedBy !== undefined) reasons.push(describeProtections(protectedBy));
      decisions.push({
        key,
        version,
        createdAt: Number.isFinite(born) ? new Date(born).toISOString() : '',
        action: reasons.length > 0 ? 'keep' : 'delete',
        reasons,
        outcome: 'planned',
      });
    });
  }
  return {
    store: store.url,
    rules: formatRetentionRules(rules),
    now: new Date(now).toISOString(),
    decisions,
    totals: totals(decisions, keys.length),
  };
}

/**
 * Deletes the versions a plan marked `delete`, each with {@link deleteVersion} (never forced).
 *
 * @remarks
 * Each deletion checks the protections again, so a version tagged (or read by a new run) since
 * the plan was made is kept (`outcome: 'kept'`). A failure is recorded on its decision and the
 * others go on. Returns the plan with outcomes and totals filled in.
 */
export async function applyRetention(store: Store, plan: RetentionPlan): Promise<RetentionPlan> {
  const runs = await readRunInputs(store);
  const decisions: RetentionDecision[] = [];
  for (const decision of plan.decisions) {
    if (decision.action !== 'delete') {
      decisions.push(decision);
      continue;
    }
    try {
      await deleteVersion(store, decision.key, decision.version, { runs });
      decisions.push({ ...decision, outcome: 'deleted' });
    } catch (error) {
      const kept =
        LifecycleError.is(error) &&
        (error.code === 'LIFECYCLE_VERSION_PROTECTED' ||
          error.code === 'LIFECYCLE_DELETE_CONFLICT');
      decisions.push({ ...decision, outcome: kept ? 'kept' : 'failed', note: errorSummary(error) });
    }
  }
  return { ...plan, decisions, totals: totals(decisions, plan.totals.keys) };
}
