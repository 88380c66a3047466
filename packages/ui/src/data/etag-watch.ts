import type { ListOptions, ObjectStat, Store } from '@stowage/core';

/** A store seen through {@link watchEtags}. */
export interface EtagWatch {
  /** The store, whose `list` notes what it yields; every other member is the store's own. */
  readonly store: Store;
  /** Whether a listing yielded an object with an ETag (`false` until one did). */
  readonly seen: () => boolean;
}

/**
 * Wraps `store` so its listings note whether they carry ETags (`ObjectStat.etag`): the listing
 * index is listed before any row is shown, so a store without them (local, memory) is known
 * before a LIST is spent on confirming rows, and its rows are read as before.
 */
export function watchEtags(store: Store): EtagWatch {
  let seen = false;
  const list = (prefix: string, options?: ListOptions): AsyncIterable<ObjectStat> => {
    const inner = store.list(prefix, options);
    return (async function* () {
      for await (const stat of inner) {
        if (stat.etag !== undefined) seen = true;
        yield stat;
      }
    })();
  };
  const watched = new Proxy(store, {
    get(target, name) {
      if (name === 'list') return list;
      const value: unknown = Reflect.get(target, name, target);
      // Methods run on the store itself (private fields and all).
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  return { store: watched, seen: () => seen };
}
