import { hostname, userInfo } from 'node:os';
import { NotFoundError } from '../errors/not-found.error';
import type { Store } from '../stores/store';
import { ArtifactLayout } from './artifact-layout';
import { mapLimit } from './artifact-listing';
import { isVersionId, newVersionId } from './artifact-names';

/** Where the moves of one tag are kept: one small object per move, never rewritten. */
export const TagHistoryLayout = {
  prefix: (key: string, tag: string): string => `artifacts/${key}/tag-history/${tag}/`,
  event: (key: string, tag: string, id: string): string =>
    `artifacts/${key}/tag-history/${tag}/${id}.json`,
  keyPrefix: (key: string): string => `artifacts/${key}/tag-history/`,
} as const;

/** One move of a tag, as stored. */
export interface TagEventRecord {
  /** Layout version of this record. */
  readonly schemaVersion: 1;
  readonly tag: string;
  /** The version the tag points at after this move; `null` when the move removed the tag. */
  readonly version: string | null;
  /** ISO-8601 time of the move (the mover's clock). */
  readonly at: string;
  /** Who moved it (`user@host`, or what the caller passed). */
  readonly by: string;
}

/** One entry of a tag's history, oldest first, as `readTagHistory` returns it. */
export interface TagHistoryEntry extends TagEventRecord {
  /** The event id: the order of moves (a sortable id, later moves sort after earlier ones). */
  readonly id: string;
  /** Where the tag pointed before this move (`null`: nowhere), from the previous entry. */
  readonly from: string | null;
}

const EVENT_VERSION = 1;

/** `user@host` of this process, the default "who" of a tag move. */
export function defaultActor(): string {
  let user = process.env['USER'] ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep $USER
  }
  return `${user}@${hostname()}`;
}

/** The time (ms) encoded in a sortable id (`20261127T101530123Z-…`); `NaN` for other text. */
export function idTime(id: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/.exec(id);
  if (m === null) return Number.NaN;
  const [y = 0, mo = 1, d, h, mi, s, ms] = m.slice(1).map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** The pointer `tags/<tag>.json` as written since tag history exists (older ones lack `event`). */
interface TagPointer {
  readonly exists: boolean;
  readonly version: string | null | undefined;
  readonly event: string | undefined;
}

async function readPointer(store: Store, key: string, tag: string): Promise<TagPointer> {
  let bytes: Buffer;
  try {
    bytes = await store.get(ArtifactLayout.tag(key, tag));
  } catch (error) {
    if (NotFoundError.is(error)) return { exists: false, version: undefined, event: undefined };
    throw error;
  }
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { version?: unknown; event?: unknown };
    const version =
      json.version === null
        ? null
        : typeof json.version === 'string' && isVersionId(json.version)
          ? json.version
          : undefined;
    const event =
      typeof json.event === 'string' && isVersionId(json.event) ? json.event : undefined;
    return { exists: true, version, event };
  } catch {
    return { exists: true, version: undefined, event: undefined };
  }
}

/** Event ids of a tag, oldest first; with `after`, only the later ones (a `startAfter` hint). */
async function listEventIds(
  store: Store,
  key: string,
  tag: string,
  after?: string,
): Promise<string[]> {
  const prefix = TagHistoryLayout.prefix(key, tag);
  const options =
    after === undefined ? {} : { startAfter: TagHistoryLayout.event(key, tag, after) };
  const ids: string[] = [];
  for await (const { path } of store.list(prefix, options)) {
    const name = path.slice(prefix.length);
    if (!name.endsWith('.json')) continue;
    const id = name.slice(0, -'.json'.length);
    if (isVersionId(id) && (after === undefined || id > after)) ids.push(id);
  }
  return ids.sort();
}

async function readEvent(
  store: Store,
  key: string,
  tag: string,
  id: string,
): Promise<TagEventRecord | undefined> {
  try {
    const json = JSON.parse(
      (await store.get(TagHistoryLayout.event(key, tag, id))).toString('utf8'),
    ) as Partial<TagEventRecord>;
    const version =
      json.version === null || (typeof json.version === 'string' && isVersionId(json.version))
        ? json.version
        : undefined;
    if (version === undefined) return undefined;
    return {
      schemaVersion: 1,
      tag,
      version,
      at: typeof json.at === 'string' ? json.at : new Date(idTime(id)).toISOString(),
      by: typeof json.by === 'string' ? json.by : 'unknown',
    };
  } catch {
    // A damaged or vanished event (a key being deleted) is skipped: the one before it stands.
    return undefined;
  }
}

/** What a named tag resolves to. */
export interface NamedTagState {
  /** The version it names; `null` when it was removed or never set. */
  readonly version: string | null;
  /** `true` when a pointer exists but neither it nor any event can be read. */
  readonly damaged: boolean;
}

/**
 * Where a named tag points now: its newest readable move, else its pointer.
 *
 * @remarks
 * The pointer `tags/<tag>.json` is a cache naming the move it was written for; the moves after
 * it are listed (one short listing) and the newest readable one wins, so a slow mover that
 * rewrites the pointer late never turns the tag back. A pointer from before tag history (no
 * `event`) counts only when the tag has no moves at all.
 */
export async function readNamedTag(store: Store, key: string, tag: string): Promise<NamedTagState> {
  const pointer = await readPointer(store, key, tag);
  const newer = await listEventIds(store, key, tag, pointer.event);
  for (let i = newer.length - 1; i >= 0; i--) {
    const event = await readEvent(store, key, tag, newer[i] as string);
    if (event !== undefined) return { version: event.version, damaged: false };
  }
  if (pointer.version !== undefined) return { version: pointer.version, damaged: false };
  return { version: null, damaged: pointer.exists };
}

/** What {@link appendTagMove} wrote. */
export interface TagMove {
  readonly id: string;
  readonly event: TagEventRecord;
}

/**
 * Records one move of a tag (to `version`, or `null` to remove it) and refreshes its pointer.
 *
 * @remarks
 * The move is one new object with a unique, sortable id: writing it is the atomic step, and no
 * store needs a conditional write for it. The id sorts after every move this writer saw (its
 * time is at least 1 ms after the newest), so moves that follow each other keep their order even
 * when clocks differ; two movers that did not see each other are ordered by id, and every reader
 * agrees on the winner. The pointer is rewritten afterwards as a cache.
 */
export async function appendTagMove(
  store: Store,
  key: string,
  tag: string,
  version: string | null,
  by: string = defaultActor(),
): Promise<TagMove> {
  const pointer = await readPointer(store, key, tag);
  const seen = await listEventIds(store, key, tag, pointer.event);
  const newest = seen[seen.length - 1] ?? pointer.event;
  const floor = newest === undefined ? Number.NEGATIVE_INFINITY : idTime(newest) + 1;
  const now = new Date(Math.max(Date.now(), floor));
  const id = newVersionId(now);
  const event: TagEventRecord = {
    schemaVersion: EVENT_VERSION,
    tag,
    version,
    at: new Date().toISOString(),
    by,
  };
  await store.put(TagHistoryLayout.event(key, tag, id), Buffer.from(JSON.stringify(event)));
  const cache = { version, event: id, updatedAt: event.at };
  await store.put(ArtifactLayout.tag(key, tag), Buffer.from(JSON.stringify(cache)));
  return { id, event };
}

/**
 * Undoes a move that must not stand (its version vanished meanwhile): deletes its event and
 * points the cache back at the newest move left.
 *
 * @remarks
 * Writing an older move into the pointer is safe even next to other movers: readers always look
 * for moves newer than the pointer's.
 */
export async function withdrawTagMove(
  store: Store,
  key: string,
  tag: string,
  move: TagMove,
): Promise<void> {
  await store.delete(TagHistoryLayout.event(key, tag, move.id));
  const ids = await listEventIds(store, key, tag);
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i] as string;
    const event = await readEvent(store, key, tag, id);
    if (event === undefined) continue;
    const cache = { version: event.version, event: id, updatedAt: event.at };
    await store.put(ArtifactLayout.tag(key, tag), Buffer.from(JSON.stringify(cache)));
    return;
  }
  await store.delete(ArtifactLayout.tag(key, tag));
}

/**
 * Every move of a tag, oldest first, each with where the tag pointed before it.
 *
 * @remarks
 * A tag set before tag history existed has no moves: its pointer is returned as one entry with
 * an unknown author. Damaged entries are skipped.
 */
export async function readTagHistory(
  store: Store,
  key: string,
  tag: string,
): Promise<TagHistoryEntry[]> {
  const ids = await listEventIds(store, key, tag);
  const events = await mapLimit(ids, 8, (id) => readEvent(store, key, tag, id));
  const out: TagHistoryEntry[] = [];
  let from: string | null = null;
  ids.forEach((id, i) => {
    const event = events[i];
    if (event === undefined) return;
    out.push({ ...event, id, from });
    from = event.version;
  });
  if (out.length > 0) return out;
  const pointer = await readPointer(store, key, tag);
  if (typeof pointer.version !== 'string') return [];
  const stat = await store.stat(ArtifactLayout.tag(key, tag));
  const at = (stat?.modifiedAt ?? new Date(0)).toISOString();
  return [
    { schemaVersion: 1, tag, version: pointer.version, at, by: 'unknown', id: '', from: null },
  ];
}

/** The names of the tags a key has or had (pointers and histories), sorted. */
export async function listTagNames(store: Store, key: string): Promise<string[]> {
  const names = new Set<string>();
  const tags = ArtifactLayout.tagPrefix(key);
  for await (const { path } of store.list(tags)) {
    const name = path.slice(tags.length);
    if (!name.includes('/') && name.endsWith('.json')) names.add(name.slice(0, -'.json'.length));
  }
  const history = TagHistoryLayout.keyPrefix(key);
  for await (const { path } of store.list(history)) {
    const name = path.slice(history.length).split('/')[0];
    if (name !== undefined && name !== '') names.add(name);
  }
  return [...names].sort();
}
