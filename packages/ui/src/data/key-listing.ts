import type { Store } from '@stowage/core';
import { ArtifactLayout } from '@stowage/core/internal';
import { LIST_PAGE } from './range-listing';

/** What one range LIST showed of one artifact key. */
export interface ListedKey {
  /** Committed versions (record objects), oldest first. */
  readonly versions: string[];
  /** Each version's record ETag, when the store reported one. */
  readonly recordTags: Map<string, string | undefined>;
  /** Names of the tags it has or had (pointers and histories), `latest` included. */
  readonly tagNames: Set<string>;
}

/** What {@link listKeyFolders} saw. */
export interface KeysListing {
  /** The keys of the span, each as its objects show it (a key with no object is absent). */
  readonly keys: Map<string, ListedKey>;
  /** `false` when the store reported no ETag, or listed out of order: nothing is confirmed. */
  readonly usable: boolean;
}

/**
 * Lists the objects of the artifact `keys` from the first key's folder (`artifacts/<key>/`, in
 * path order) to the last one's, with one LIST when nothing else lies between.
 *
 * @remarks
 * A key's folder lists `records/`, `tag-history/` and `tags/` before `versions/` (its files):
 * when a key's files would take another LIST page, the listing starts again after them, so a
 * page is never spent on bytes. `pageSize`: the objects expected (a hint for each LIST). A store that lists out of order (or without ETags) makes the
 * listing unusable: the caller reads each key as before.
 */
export async function listKeyFolders(
  store: Store,
  keys: readonly string[],
  pageSize?: number,
): Promise<KeysListing> {
  const page = Math.min(LIST_PAGE, pageSize ?? LIST_PAGE);
  const out = new Map<string, ListedKey>();
  const folders = [...keys].sort((a, b) =>
    ArtifactLayout.key(a) < ArtifactLayout.key(b) ? -1 : 1,
  );
  const first = folders[0];
  const last = folders[folders.length - 1];
  if (first === undefined || last === undefined) return { keys: out, usable: true };
  const wanted = new Set(keys);
  // `0` sorts right after `/`: every path of the last key's folder sorts before this.
  const end = `${ArtifactLayout.key(last).slice(0, -1)}0`;
  let startAfter = ArtifactLayout.key(first).slice(0, -1);
  let previous = '';
  for (;;) {
    let listed = 0;
    let restart: string | undefined;
    for await (const stat of store.list(ArtifactLayout.root, { startAfter, pageSize: page })) {
      if (stat.path >= end) break;
      if (stat.path <= previous) return { keys: out, usable: false };
      if (previous === '' && stat.etag === undefined) return { keys: out, usable: false };
      previous = stat.path;
      listed++;
      const [, key, folder, name, rest] = stat.path.split('/');
      if (key === undefined || !wanted.has(key)) continue;
      const entry: ListedKey = out.get(key) ?? {
        versions: [],
        recordTags: new Map<string, string | undefined>(),
        tagNames: new Set<string>(),
      };
      out.set(key, entry);
      if (folder === 'records' && rest === undefined && name?.endsWith('.json') === true) {
        const version = name.slice(0, -'.json'.length);
        entry.versions.push(version);
        entry.recordTags.set(version, stat.etag);
      } else if (folder === 'tags' && rest === undefined && name?.endsWith('.json') === true) {
        entry.tagNames.add(name.slice(0, -'.json'.length));
      } else if (folder === 'tag-history' && name !== undefined && name !== '') {
        entry.tagNames.add(name);
      } else if (folder === 'versions' && listed > page) {
        // The rest of this key's files would cost pages: go on after them.
        restart = `${ArtifactLayout.key(key)}versions0`;
        break;
      }
    }
    if (restart === undefined) break;
    startAfter = restart;
  }
  for (const entry of out.values()) entry.versions.sort();
  return { keys: out, usable: true };
}
