import type { TagHistoryEntry } from '../artifacts/tag-history';
import type { Store } from '../stores/store';
import { copyArtifacts } from './copy-artifacts';
import type { CopyOptions, CopyResult } from './copy-artifacts';
import { deleteKey, deleteVersion } from './delete-artifacts';
import type { DeleteOptions, DeleteResult } from './delete-artifacts';
import { applyRetention, planRetention } from './retention-plan';
import type { RetentionOptions, RetentionPlan } from './retention-plan';
import { parseRetentionRules } from './retention-rules';
import type { RetentionRules } from './retention-rules';
import { listTags, removeTag, setTag, tagHistory } from './tag-operations';
import type { TagMoveOptions, TagMoveResult, TagState } from './tag-operations';

/**
 * Tags, deletion, retention and copies of the artifacts in one store (local or S3).
 *
 * @remarks
 * A thin object over the functions of this folder, for callers that hold a store. Every
 * operation is safe to repeat, and safe next to writers using the same store: see
 * `docs/store-lifecycle.md` for what each one promises.
 *
 * @example
 * ```ts
 * const lifecycle = new StoreLifecycle(new LocalStore({ root: '.stowage' }));
 * await lifecycle.setTag('model', '20261201T101530123Z-k3x9q2m7ab', 'prod');
 * const plan = await lifecycle.planRetention('last=5,tagged,younger=30d');
 * await lifecycle.applyRetention(plan);
 * ```
 */
export class StoreLifecycle {
  constructor(readonly store: Store) {}

  /** Points `tag` at `version` of `key`; see {@link setTag}. */
  setTag(
    key: string,
    version: string,
    tag: string,
    options?: TagMoveOptions,
  ): Promise<TagMoveResult> {
    return setTag(this.store, key, version, tag, options);
  }

  /** Removes `tag` from `key`; see {@link removeTag}. */
  removeTag(key: string, tag: string, options?: TagMoveOptions): Promise<TagMoveResult> {
    return removeTag(this.store, key, tag, options);
  }

  /** The moves of `tag`, oldest first; see {@link tagHistory}. */
  tagHistory(key: string, tag: string): Promise<TagHistoryEntry[]> {
    return tagHistory(this.store, key, tag);
  }

  /** The named tags of `key` and their versions; see {@link listTags}. */
  tags(key: string): Promise<TagState[]> {
    return listTags(this.store, key);
  }

  /** Deletes one version (records first, bytes after); see {@link deleteVersion}. */
  deleteVersion(key: string, version: string, options?: DeleteOptions): Promise<DeleteResult> {
    return deleteVersion(this.store, key, version, options);
  }

  /** Deletes every version of `key`; see {@link deleteKey}. */
  deleteKey(key: string, options?: DeleteOptions): Promise<DeleteResult> {
    return deleteKey(this.store, key, options);
  }

  /**
   * What retention would keep and delete; deletes nothing.
   *
   * @param rules - Parsed rules, or text like `last=5,tagged,younger=30d`.
   * @throws LifecycleError (`LIFECYCLE_RETENTION_INVALID`) for malformed rules.
   */
  planRetention(
    rules: RetentionRules | string,
    options?: RetentionOptions,
  ): Promise<RetentionPlan> {
    const parsed = typeof rules === 'string' ? parseRetentionRules(rules) : rules;
    return planRetention(this.store, parsed, options);
  }

  /**
   * Copies versions, run records and (optionally) tags from this store to `to`; see
   * {@link copyArtifacts}.
   *
   * @param what - `key`, `key@version`, `key:tag` or `run:<id>` (one or a list).
   */
  copy(to: Store, what: string | readonly string[], options?: CopyOptions): Promise<CopyResult> {
    return copyArtifacts(this.store, to, typeof what === 'string' ? [what] : what, options);
  }

  /** Deletes what `plan` marked `delete`, re-checking protections; see {@link applyRetention}. */
  applyRetention(plan: RetentionPlan): Promise<RetentionPlan> {
    return applyRetention(this.store, plan);
  }
}
