import { createHash } from 'node:crypto';
import type { ListOptions, ObjectStat, Store } from '@stowage/core';

/** A store that lists ETags like S3 (MD5 hex of the bytes) and counts its requests. */
export interface EtagStore {
  readonly store: Store;
  /** Objects read with `get`, by path. */
  readonly gets: string[];
  /** `list` calls (each a LIST request at least). */
  lists(): number;
  /** ETags to report instead of the MD5 (a multipart or encrypted upload's tag), by path. */
  readonly etagOverrides: Map<string, string>;
}

/**
 * Wraps `inner` (a local or memory store): `list` yields paths in order with each object's ETag
 * (the MD5 hex of its bytes, read from `inner`, or an override), `get` and `list` are counted.
 */
export function etagStore(inner: Store): EtagStore {
  const gets: string[] = [];
  const etagOverrides = new Map<string, string>();
  let lists = 0;
  const wrapped = Object.create(inner) as Store;
  wrapped.get = (path, range) => {
    gets.push(path);
    return inner.get(path, range);
  };
  wrapped.list = (prefix: string, options?: ListOptions): AsyncIterable<ObjectStat> => {
    lists += 1;
    return (async function* () {
      const stats: ObjectStat[] = [];
      for await (const stat of inner.list(prefix)) stats.push(stat);
      stats.sort((a, b) => (a.path < b.path ? -1 : 1));
      for (const stat of stats) {
        if (options?.startAfter !== undefined && stat.path <= options.startAfter) continue;
        const bytes = await inner.get(stat.path).catch(() => undefined);
        if (bytes === undefined) continue;
        const etag = etagOverrides.get(stat.path) ?? createHash('md5').update(bytes).digest('hex');
        yield { ...stat, etag: `"${etag}"` };
      }
    })();
  };
  return { store: wrapped, gets, lists: () => lists, etagOverrides };
}
