import { ArtifactLayout, LATEST_TAG } from '../artifacts/artifact-layout';
import { validateArtifactKey, validateTag, validateVersion } from '../artifacts/artifact-names';
import {
  appendTagMove,
  defaultActor,
  listTagNames,
  readNamedTag,
  readTagHistory,
  withdrawTagMove,
} from '../artifacts/tag-history';
import type { TagHistoryEntry } from '../artifacts/tag-history';
import { InvalidKeyError } from '../errors/invalid-key.error';
import { NotFoundError } from '../errors/not-found.error';
import type { Store } from '../stores/store';

/** Options of {@link setTag} and {@link removeTag}. */
export interface TagMoveOptions {
  /** Who moves the tag, kept in its history (default `user@host` of this process). */
  readonly by?: string;
}

/** Where a tag pointed before and after a move. */
export interface TagMoveResult {
  readonly key: string;
  readonly tag: string;
  /** The version it named before (`null`: none). */
  readonly from: string | null;
  /** The version it names now (`null`: removed). */
  readonly to: string | null;
}

/** A named tag of a key and the version it names. */
export interface TagState {
  readonly tag: string;
  readonly version: string;
}

function checkNamedTag(tag: string): string {
  validateTag(tag);
  if (tag !== LATEST_TAG) return tag;
  throw new InvalidKeyError('The tag "latest" cannot be set, moved or removed by hand.', {
    details: { tag },
    fix: '"latest" always names the newest version; use another tag name (e.g. prod).',
  });
}

function missingVersion(store: Store, key: string, version: string): NotFoundError {
  return new NotFoundError(`Artifact "${key}" has no version ${version} in ${store.url}.`, {
    details: { key, version, store: store.url },
    fix: `List the versions with \`stowage artifacts list --key ${key}\` and tag one of them.`,
  });
}

/**
 * Points `tag` of `key` at `version` (setting or moving it), recording the move in its history.
 *
 * @remarks
 * The move is atomic (one new history object) and safe under concurrent movers: every reader
 * agrees on the newest move. If the version is deleted while it is being tagged, the move is
 * withdrawn and `NotFoundError` is thrown, so a tag never stays on a deleted version.
 * @throws InvalidKeyError for a bad key, version or tag (or `latest`); NotFoundError when the
 * version has no record.
 */
export async function setTag(
  store: Store,
  key: string,
  version: string,
  tag: string,
  options: TagMoveOptions = {},
): Promise<TagMoveResult> {
  validateArtifactKey(key);
  validateVersion(version);
  checkNamedTag(tag);
  const record = ArtifactLayout.record(key, version);
  if ((await store.stat(record)) === undefined) throw missingVersion(store, key, version);
  const before = await readNamedTag(store, key, tag);
  const move = await appendTagMove(store, key, tag, version, options.by ?? defaultActor());
  // A deleter removes the record, then looks for tags: one of the two sees the other.
  if ((await store.stat(record)) === undefined) {
    await withdrawTagMove(store, key, tag, move);
    throw missingVersion(store, key, version);
  }
  return { key, tag, from: before.version, to: version };
}

/**
 * Removes `tag` from `key` (recorded in its history as a move to nowhere).
 *
 * @throws InvalidKeyError for a bad key or tag; NotFoundError when the tag names no version.
 */
export async function removeTag(
  store: Store,
  key: string,
  tag: string,
  options: TagMoveOptions = {},
): Promise<TagMoveResult> {
  validateArtifactKey(key);
  checkNamedTag(tag);
  const before = await readNamedTag(store, key, tag);
  if (before.version === null) {
    throw new NotFoundError(`Artifact "${key}" has no tag "${tag}" in ${store.url}.`, {
      details: { key, tag, store: store.url },
      fix: `List its tags with \`stowage tag ${key}\`; nothing was changed.`,
    });
  }
  await appendTagMove(store, key, tag, null, options.by ?? defaultActor());
  return { key, tag, from: before.version, to: null };
}

/**
 * Every move of `tag` of `key`, oldest first: who moved it, when, from and to which version.
 *
 * @throws InvalidKeyError for a bad key or tag.
 */
export function tagHistory(store: Store, key: string, tag: string): Promise<TagHistoryEntry[]> {
  validateArtifactKey(key);
  validateTag(tag);
  return readTagHistory(store, key, tag);
}

/**
 * The named tags `key` has now (not `latest`, not removed ones), sorted by name.
 *
 * @throws InvalidKeyError for a bad key; StoreError for a damaged tag.
 */
export async function listTags(store: Store, key: string): Promise<TagState[]> {
  validateArtifactKey(key);
  const out: TagState[] = [];
  for (const tag of await listTagNames(store, key)) {
    if (tag === LATEST_TAG) continue;
    const { version } = await readNamedTag(store, key, tag);
    if (version !== null) out.push({ tag, version });
  }
  return out;
}
